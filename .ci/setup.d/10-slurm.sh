#!/usr/bin/env bash
# Slurm for the Slurm executor's tests (test/slurm/): a one-node cluster on this host (munge, slurmctld, slurmd).
exec bash "$(dirname "$0")/../../test/slurm/start-cluster.sh"
