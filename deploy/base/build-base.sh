#!/usr/bin/env bash
# Builds the two Node 20 base images of the Dockerfile from Debian packages, for a machine that reaches a Debian
# mirror but not Docker Hub (the official node:20 images are the default and need nothing of this):
#   localhost/pipe-node20-run:trixie    Debian 13 minbase + nodejs (Node 20.19) + a `node` user (uid 1000)
#   localhost/pipe-node20-build:trixie  the same + npm and CA certificates (for `npm ci` in the build stage)
# Then: podman build --format docker \
#         --build-arg NODE_BUILD_IMAGE=localhost/pipe-node20-build:trixie \
#         --build-arg NODE_RUN_IMAGE=localhost/pipe-node20-run:trixie -t localhost/pipe:latest .
# Needs root, debootstrap and podman (ENGINE=docker for docker); MIRROR overrides the Debian mirror; RUN_ARGS: extra
# flags for the `run` that prints each image's Node version (docs/deploy.md: what this sandbox needed).
set -euo pipefail
engine="${ENGINE:-podman}"
mirror="${MIRROR:-http://deb.debian.org/debian}"
suite=trixie   # Debian 13: nodejs 20.19 (Debian 12 ships Node 18)
work="$(mktemp -d /var/tmp/pipe-base.XXXXXX)"
trap 'umount "$work/build/proc" 2>/dev/null || true; rm -rf "$work"' EXIT

tidy() { # $1: rootfs — drop what an image does not need
  rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*.bin "$1"/var/cache/apt/archives/*.deb "$1"/var/log/* \
    "$1"/usr/share/doc/* "$1"/usr/share/man/* "$1"/usr/share/info/* "$1"/tmp/* "$1"/etc/resolv.conf
}
import() { # $1: rootfs, $2: image
  tar --numeric-owner -C "$1" -c . | "$engine" import --quiet \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV LANG=C.UTF-8' --change 'CMD ["node"]' - "$2" >/dev/null
  local version
  # shellcheck disable=SC2086 # RUN_ARGS is a list of flags
  version="$("$engine" run --rm --network none ${RUN_ARGS:-} "$2" node --version)"
  echo "build-base: $2, node $version"
}

debootstrap --variant=minbase --include=nodejs "$suite" "$work/run" "$mirror" >"$work/debootstrap.log" 2>&1 \
  || { tail -20 "$work/debootstrap.log" >&2; exit 1; }
chroot "$work/run" useradd --uid 1000 --user-group --create-home --shell /bin/sh node
cp -a "$work/run" "$work/build"
tidy "$work/run"
import "$work/run" "localhost/pipe-node20-run:$suite"

cp /etc/resolv.conf "$work/build/etc/resolv.conf"
mount -t proc proc "$work/build/proc"
chroot "$work/build" sh -c "echo 'deb $mirror $suite main' > /etc/apt/sources.list && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends npm ca-certificates >/dev/null"
umount "$work/build/proc"
tidy "$work/build"
import "$work/build" "localhost/pipe-node20-build:$suite"
