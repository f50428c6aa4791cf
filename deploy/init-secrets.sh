#!/usr/bin/env bash
# Writes the compose file's secrets into deploy/secrets/ (git-ignored), once: random API tokens for pipe serve
# (admin, predictor, and a viewer token for Prometheus) and Grafana's admin password. Existing files are kept.
set -euo pipefail
dir="$(cd "$(dirname "$0")" && pwd)/secrets"
mkdir -p "$dir"
chmod 700 "$dir"
token() { od -An -tx1 -N24 /dev/urandom | tr -d ' \n'; }
# The files are bind-mounted into containers that run as other users: readable inside (0644), private outside (0700 dir).
write() { [ -e "$dir/$1" ] && { echo "kept $dir/$1"; return; }; umask 022; printf '%s' "$2" > "$dir/$1.tmp" && mv "$dir/$1.tmp" "$dir/$1"; echo "wrote $dir/$1"; }
viewer="$(token)"
write prometheus_token "$viewer"
write serve.yaml "tokens:
  - { token: \"$(token)\", role: admin, name: ops }
  - { token: \"$(token)\", role: predictor, name: client }
  - { token: \"$viewer\", role: viewer, name: prometheus }
public: [health, docs]
"
write grafana_admin_password "$(token)"
if ! grep -q "$(cat "$dir/prometheus_token")" "$dir/serve.yaml"; then
  echo "init-secrets: $dir/prometheus_token is not a token of $dir/serve.yaml: delete both and rerun" >&2
  exit 1
fi
