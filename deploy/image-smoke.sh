#!/usr/bin/env bash
# Smoke test of the container image: runs it with no network at all (so nothing can be downloaded at start), the
# tiny test model mounted read-only, and checks from inside: non-root user, read-only model and app, /health,
# one prediction with a token, the HEALTHCHECK, a graceful stop (exit code 0, under 10 s), and `pipe predict`
# through the same entry point.
# Usage: deploy/image-smoke.sh IMAGE   (ENGINE=docker to use docker instead of podman; RUN_ARGS: extra flags for
# `run`, e.g. "--runtime runc --ulimit nofile=20000:20000 --ulimit nproc=4096:4096" where the default OCI runtime
# or limits do not work, docs/deploy.md). Needs `npm ci` done (dist/).
set -euo pipefail
image="${1:?usage: deploy/image-smoke.sh IMAGE}"
engine="${ENGINE:-podman}"
root="$(cd "$(dirname "$0")/.." && pwd)"
tmp="$(mktemp -d)"
name="pipe-smoke-$$"
cleanup() { "$engine" rm -f "$name" >/dev/null 2>&1 || true; rm -rf "$tmp"; }
trap cleanup EXIT
fail() { echo "image-smoke: FAILED: $*" >&2; "$engine" logs "$name" >&2 || true; exit 1; }

mkdir -p "$tmp/clips"
node --input-type=module -e "
  const { writeTinyBundle, toneClip } = await import('$root/dist/src/bundle/tiny-bundle.js');
  const { encodeWav } = await import('$root/dist/src/audio/wav-encode.js');
  const { Rng } = await import('$root/dist/src/ml/index.js');
  const { writeFileSync } = await import('node:fs');
  await writeTinyBundle('$tmp/model');
  writeFileSync('$tmp/clips/clip.wav', encodeWav(toneClip(400, 0.8, new Rng(1)).samples, { sampleRateHz: 16000 }));
"
chmod -R a+rX "$tmp"

token=smoke-predictor-token-0123456789
# shellcheck disable=SC2086 # RUN_ARGS is a list of flags
"$engine" run -d --name "$name" --network none ${RUN_ARGS:-} \
  -v "$tmp/model:/model:ro" -v "$tmp/clips:/clips:ro" \
  -e PIPE_SERVE_TOKENS="$token:predictor" \
  "$image" >/dev/null
echo "image-smoke: started $image as $name (no network)"

inside() { "$engine" exec "$name" node --input-type=module -e "$1"; }
ok=0
for _ in $(seq 1 60); do
  if inside "const r = await fetch('http://127.0.0.1:8000/health'); process.exit(r.ok ? 0 : 1)" 2>/dev/null; then ok=1; break; fi
  [ "$("$engine" inspect -f '{{.State.Running}}' "$name")" = true ] || fail "the container exited"
  sleep 1
done
[ "$ok" = 1 ] || fail "/health not ready after 60 s"
echo "image-smoke: /health ok"

uid="$("$engine" exec "$name" id -u)"
[ "$uid" != 0 ] || fail "runs as root"
echo "image-smoke: runs as uid $uid"
"$engine" exec "$name" sh -c 'touch /model/x' 2>/dev/null && fail "/model is writable"
"$engine" exec "$name" sh -c 'touch /app/x' 2>/dev/null && fail "/app is writable by the server's user"
echo "image-smoke: /model and /app are read-only for it"

inside "
  const form = new FormData();
  form.append('files', new Blob([(await import('node:fs')).readFileSync('/clips/clip.wav')]), 'clip.wav');
  const r = await fetch('http://127.0.0.1:8000/predict', { method: 'POST', body: form, headers: { authorization: 'Bearer $token' } });
  const body = await r.json();
  if (r.status !== 200 || body.results?.[0]?.file_name !== 'clip.wav') { console.error(r.status, JSON.stringify(body)); process.exit(1); }
  console.log('image-smoke: /predict ok:', body.results[0].predicted_label);
" || fail "/predict"

if "$engine" image inspect --format '{{json .Config.Healthcheck}}' "$image" | grep -q '/health'; then
  "$engine" healthcheck run "$name" || fail "HEALTHCHECK failed"
  echo "image-smoke: HEALTHCHECK ok"
else
  fail "the image has no HEALTHCHECK on /health (podman keeps it only with --format docker)"
fi

stop_started=$SECONDS
"$engine" stop -t 35 "$name" >/dev/null
stop_s=$((SECONDS - stop_started))
code="$("$engine" inspect -f '{{.State.ExitCode}}' "$name")"
[ "$code" = 0 ] || fail "exit code $code after stop (expected 0: graceful shutdown)"
[ "$stop_s" -lt 10 ] || fail "stopping an idle server took $stop_s s"
echo "image-smoke: stopped gracefully (exit 0 after ${stop_s} s)"

# Another pipe command through the same entry point: batch pre-labelling.
# shellcheck disable=SC2086
out="$("$engine" run --rm --network none ${RUN_ARGS:-} -v "$tmp/model:/model:ro" -v "$tmp/clips:/clips:ro" "$image" \
  predict /clips/clip.wav --model /model -o /tmp/prelabels.json 2>&1)" || fail "pipe predict: $out"
case "$out" in *" segments of 1 file → /tmp/prelabels.json"*) echo "image-smoke: pipe predict ok" ;; *) fail "pipe predict: $out" ;; esac
echo "image-smoke: PASSED"
