#!/usr/bin/env bash
# Starts a one-node Slurm cluster on this host for the Slurm executor's tests and benchmark: installs Debian's
# slurm-wlm and munge when missing, writes slurm.conf (one node with this machine's CPUs and memory,
# proctrack/linuxproc, task/none, no accounting database), starts munged, slurmctld and slurmd, and waits until
# the node is idle. Idempotent: daemons already running are kept. Exits 0 with a message when it cannot start.
set -uo pipefail

CONF_DIR=/etc/slurm
CONF="$CONF_DIR/slurm.conf"
STATE=/var/spool/slurmctld
SPOOL=/var/spool/slurmd
LOGS=/var/log/slurm
NODE="$(hostname -s)"

say() { echo "start-cluster: $*"; }
give_up() { say "$*; the Slurm tests will skip"; exit 0; }

if [ "$(id -u)" != 0 ]; then give_up "needs root (apt-get, daemons)"; fi

if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null || ! command -v sbatch >/dev/null || ! command -v ps >/dev/null; then
  say "installing slurm-wlm and munge with apt"
  export DEBIAN_FRONTEND=noninteractive
  (apt-get update -q && apt-get install -y -q slurm-wlm munge procps) >/tmp/start-cluster-apt.log 2>&1 \
    || give_up "apt-get install slurm-wlm munge failed (see /tmp/start-cluster-apt.log)"
fi

alive() { ps -C "$1" -o stat= 2>/dev/null | grep -qv '^Z'; }
node_idle() { sinfo -h -N -n "$NODE" -o '%T' 2>/dev/null | grep -Eq '^(idle|mixed|allocated)'; }

mkdir -p "$CONF_DIR" "$STATE" "$SPOOL" "$LOGS" /run/munge /var/log/munge
# munge: a key (the package creates one; make it if absent), then the daemon as the munge user
if [ ! -s /etc/munge/munge.key ]; then
  mkdir -p /etc/munge
  dd if=/dev/urandom of=/etc/munge/munge.key bs=1 count=1024 status=none
fi
chown -R munge:munge /etc/munge /run/munge /var/log/munge 2>/dev/null
chmod 700 /etc/munge; chmod 400 /etc/munge/munge.key
if ! alive munged; then
  runuser -u munge -- /usr/sbin/munged --force || give_up "munged did not start"
fi
for _ in $(seq 1 20); do munge -n </dev/null | unmunge >/dev/null 2>&1 && break; sleep 0.2; done
munge -n </dev/null | unmunge >/dev/null 2>&1 || give_up "munge does not answer"

# this node's CPUs and memory as slurmd sees them (minus 512 MiB for the system)
HW="$(slurmd -C 2>/dev/null | head -1)"
CPUS="$(sed -n 's/.*CPUs=\([0-9]*\).*/\1/p' <<<"$HW")"
TOPO="$(grep -o 'Boards=[0-9]* SocketsPerBoard=[0-9]* CoresPerSocket=[0-9]* ThreadsPerCore=[0-9]*' <<<"$HW")"
MEM="$(sed -n 's/.*RealMemory=\([0-9]*\).*/\1/p' <<<"$HW")"
[ -n "$CPUS" ] || CPUS="$(nproc)"
[ -n "$MEM" ] || MEM=2048
MEM=$((MEM > 1024 ? MEM - 512 : MEM))

TMP_CONF="$CONF.$$.tmp"
cat >"$TMP_CONF" <<CONF
# written by test/slurm/start-cluster.sh (pipe's Slurm tests): one node, this host
ClusterName=pipetest
SlurmctldHost=$NODE
AuthType=auth/munge
CryptoType=crypto/munge
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$STATE
SlurmdSpoolDir=$SPOOL
SlurmctldPidFile=/run/slurmctld.pid
SlurmdPidFile=/run/slurmd.pid
SlurmctldLogFile=$LOGS/slurmctld.log
SlurmdLogFile=$LOGS/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
# jobs without --mem get this much per CPU (else each would hold the whole node's memory)
DefMemPerCPU=512
# memory limits without cgroups: the step is polled every second and killed above its --mem
JobAcctGatherType=jobacct_gather/linux
JobAcctGatherFrequency=task=1
JobAcctGatherParams=OverMemoryKill
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
ReturnToService=2
SchedulerType=sched/backfill
SchedulerParameters=sched_interval=1,bf_interval=1
MessageTimeout=10
KillWait=2
MinJobAge=30
InactiveLimit=0
SlurmctldTimeout=30
SlurmdTimeout=30
MaxArraySize=1001
NodeName=$NODE NodeAddr=127.0.0.1 CPUs=$CPUS $TOPO RealMemory=$MEM State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP OverSubscribe=NO
CONF
if ! cmp -s "$TMP_CONF" "$CONF"; then
  mv "$TMP_CONF" "$CONF"
  # a changed node or controller definition needs fresh daemons
  for pidfile in /run/slurmd.pid /run/slurmctld.pid; do
    [ -s "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null
  done
  for _ in $(seq 1 50); do alive slurmctld || alive slurmd || break; sleep 0.2; done
else
  rm -f "$TMP_CONF"
  if alive slurmctld && alive slurmd && node_idle; then
    say "already running (node $NODE $(sinfo -h -N -n "$NODE" -o '%T'))"
    exit 0
  fi
fi

if ! alive slurmctld; then
  slurmctld -c >>"$LOGS/start.log" 2>&1 || give_up "slurmctld did not start (see $LOGS/slurmctld.log)"
fi
for _ in $(seq 1 50); do scontrol ping 2>/dev/null | grep -q UP && break; sleep 0.2; done
if ! alive slurmd; then
  slurmd -N "$NODE" >>"$LOGS/start.log" 2>&1 || give_up "slurmd did not start (see $LOGS/slurmd.log)"
fi
for _ in $(seq 1 100); do
  if node_idle; then
    say "running: node $NODE, $CPUS CPUs, $MEM MiB, partition debug"
    exit 0
  fi
  sleep 0.3
done
scontrol update NodeName="$NODE" State=RESUME >/dev/null 2>&1
sleep 1
node_idle && { say "running: node $NODE (resumed)"; exit 0; }
give_up "the node did not become idle: $(sinfo -h -N -o '%N %T %E' 2>&1)"
