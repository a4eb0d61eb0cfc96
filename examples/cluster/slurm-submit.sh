#!/bin/bash
# Submit the array and its dependent merge job in one go.
set -euo pipefail
mkdir -p logs
array=$(sbatch --parsable examples/cluster/slurm-array.sh)
# afterok: the merge starts only when all 8 tasks exited 0 (a shard exits 0 whenever it ran).
sbatch --dependency=afterok:"${array%%;*}" examples/cluster/slurm-merge.sh
