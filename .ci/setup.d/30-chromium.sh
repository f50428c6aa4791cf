#!/usr/bin/env bash
# Chromium for the annotation tool's browser tests (test/annotate/*.browser.test.ts), driven by playwright-core
# with executablePath — no browser is ever downloaded by npm. Installs Debian's `chromium` when missing.
set -u
if command -v chromium >/dev/null 2>&1; then
  echo "chromium: $(chromium --version 2>/dev/null || echo present)"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "chromium: not installed and no apt-get here; the browser tests will skip"
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; else
    echo "chromium: not root and no sudo; the browser tests will skip"
    exit 0
  fi
fi
export DEBIAN_FRONTEND=noninteractive
if ! { $SUDO apt-get -o DPkg::Lock::Timeout=900 update -q && $SUDO apt-get -o DPkg::Lock::Timeout=900 install -y -q --no-install-recommends chromium fonts-dejavu-core; }; then
  echo "chromium: apt-get install failed; the browser tests will skip"
  exit 0
fi
echo "chromium: $(chromium --version 2>/dev/null || echo installed)"
