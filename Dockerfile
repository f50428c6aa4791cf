# `pipe` as a container image: `pipe serve` by default (the model mounted read-only at /model), any other pipe
# command (`pipe annotate`, `pipe predict`, …) by passing it as the container's arguments. docs/deploy.md.
#
# Two stages: build (npm ci, tsc, then prune to production dependencies) and run (slim Node 20, non-root, only
# dist/, bin/ and the production node_modules). Nothing is downloaded when the container starts.
#
# The base images are arguments so that a machine without Docker Hub can build from its own Node 20 images
# (deploy/base/build-base.sh builds both from Debian packages): --build-arg NODE_BUILD_IMAGE=… NODE_RUN_IMAGE=…
ARG NODE_BUILD_IMAGE=docker.io/library/node:20-bookworm
ARG NODE_RUN_IMAGE=docker.io/library/node:20-bookworm-slim

FROM ${NODE_BUILD_IMAGE} AS build
WORKDIR /app
# Dependencies first (a cached layer while only the sources change). --ignore-scripts: `prepare` (tsc) needs the
# sources; the packages' own install scripts run below with `npm rebuild`. Behind a TLS-intercepting proxy, give
# its CA certificate as a build secret (--secret id=ca,src=proxy-ca.crt); it is not stored in the image.
COPY package.json package-lock.json .npmrc ./
RUN --mount=type=secret,id=ca,required=false \
    NODE_EXTRA_CA_CERTS=/run/secrets/ca npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json ./
COPY bin ./bin
COPY src ./src
COPY stages ./stages
COPY bench ./bench
RUN npm rebuild --no-audit --no-fund \
 && npx tsc -p tsconfig.json \
 && npm prune --omit=dev --no-audit --no-fund \
 && rm -rf dist/bench

FROM ${NODE_RUN_IMAGE} AS run
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json /app/.npmrc ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/bin ./bin
COPY --from=build /app/dist ./dist
# Non-root (uid 1000 is `node` in the official Node images); nothing under /app is writable by it.
USER 1000:1000
# The bundle directory (model.json + bundle.json), mounted read-only: -v "$PWD/results/models/egemaps:/model:ro".
VOLUME ["/model"]
EXPOSE 8000
# SIGTERM (docker/podman stop) drains: in-flight requests finish (at most the prediction timeout, 30 s by
# default, plus 1 s), then the process exits 0. Give `stop` a timeout above that (--stop-timeout 35).
STOPSIGNAL SIGTERM
# /health is public by default (503 while the model loads or when it failed to load). No curl in slim images:
# Node's fetch does it.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:8000/health').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "/app/bin/pipe.js"]
# Beyond loopback, pipe serve refuses to start without API tokens: pass PIPE_SERVE_TOKENS=token:role,… or a
# --config file (docs/serve.md).
CMD ["serve", "--model", "/model", "--host", "0.0.0.0", "--port", "8000"]
