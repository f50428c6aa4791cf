#!/usr/bin/env bash
# Prometheus and promtool (Debian's `prometheus` package) for test/deploy: the alert-rule tests run promtool, the
# scrape test starts its own prometheus on 127.0.0.1 with a temporary data directory. The package's own service
# is not wanted (it would listen on :9090 and scrape itself): it is kept from starting at install and stopped and
# disabled if systemd started it anyway. Exits 0 with a message when the package cannot be installed.
set -uo pipefail
if command -v prometheus >/dev/null && command -v promtool >/dev/null; then
  echo "prometheus: $(prometheus --version 2>&1 | head -1)"
else
  export DEBIAN_FRONTEND=noninteractive
  # A policy-rc.d answering 101 tells invoke-rc.d / deb-systemd-invoke not to start services during the install.
  policy=/usr/sbin/policy-rc.d
  own_policy=0
  if [ ! -e "$policy" ]; then printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod +x "$policy" && own_policy=1; fi
  (apt-get update -qq && apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=600 prometheus) >/tmp/pipe-ci-prometheus-apt.log 2>&1
  status=$?
  [ "$own_policy" = 1 ] && rm -f "$policy"
  if [ "$status" != 0 ] || ! command -v promtool >/dev/null; then
    echo "prometheus: could not install Debian's prometheus package (see /tmp/pipe-ci-prometheus-apt.log); the test/deploy Prometheus tests will skip"
    exit 0
  fi
  echo "prometheus: installed $(prometheus --version 2>&1 | head -1)"
fi
if command -v systemctl >/dev/null && [ -d /run/systemd/system ]; then
  systemctl disable --now prometheus.service >/dev/null 2>&1 && echo "prometheus: the package's own service is stopped and disabled (the tests start their own)"
fi
exit 0
