#!/usr/bin/env bash
# sshd on 127.0.0.1:2222 for the SSH-remote tests (test/remote/ssh-remote.test.ts): Debian's openssh-server,
# installed when missing, run with its own config, a throwaway host key and a throwaway client key in
# /tmp/pipe-test-sshd (id_ed25519, authorized for the current user). Exits 0 with a message when it cannot.
set -uo pipefail
DIR=/tmp/pipe-test-sshd
PORT=2222
if ! [ -x /usr/sbin/sshd ]; then
  if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openssh-server >/dev/null) || { echo "sshd: apt-get install openssh-server failed; SSH tests will skip"; exit 0; }
  else
    echo "sshd: openssh-server is not installed and cannot be installed here; SSH tests will skip"; exit 0
  fi
fi
mkdir -p "$DIR" && chmod 700 "$DIR"
[ -f "$DIR/host_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -f "$DIR/host_ed25519"
[ -f "$DIR/id_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -f "$DIR/id_ed25519"
cp "$DIR/id_ed25519.pub" "$DIR/authorized_keys" && chmod 600 "$DIR/authorized_keys"
cat > "$DIR/sshd_config" <<CONF
Port $PORT
ListenAddress 127.0.0.1
HostKey $DIR/host_ed25519
AuthorizedKeysFile $DIR/authorized_keys
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
StrictModes no
UsePAM no
PidFile $DIR/sshd.pid
Subsystem sftp internal-sftp
MaxSessions 64
MaxStartups 64:30:100
CONF
mkdir -p /run/sshd 2>/dev/null || true
if [ -f "$DIR/sshd.pid" ] && kill -0 "$(cat "$DIR/sshd.pid")" 2>/dev/null; then echo "sshd: already running on 127.0.0.1:$PORT"; exit 0; fi
if /usr/sbin/sshd -f "$DIR/sshd_config" -E "$DIR/sshd.log"; then
  echo "sshd: running on 127.0.0.1:$PORT (key $DIR/id_ed25519)"
else
  echo "sshd: could not start (see $DIR/sshd.log); SSH tests will skip"
fi
exit 0
