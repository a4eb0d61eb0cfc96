#!/bin/bash
# Slurm job array: one phyclass campaign shard per array task (issue 17).
#
#   sbatch examples/cluster/slurm-array.sh                    # 8 tasks, shards 0/8 .. 7/8
#   sbatch --dependency=afterok:<jobid> examples/cluster/slurm-merge.sh
# or both at once with examples/cluster/slurm-submit.sh.
#
# `--shard auto` reads SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_MIN and SLURM_ARRAY_TASK_COUNT:
# shard i = ID - MIN of N = COUNT. The array must be contiguous with step 1 (--array=0-7, not
# --array=0-15:2 or --array=1,4,9): phyclass refuses anything else with one line (exit 2).
#
# Each task writes parts/part-<i>-of-8.json through a temp file and a rename, so a task that
# Slurm kills or requeues leaves either no part or a whole one, never half a file. Every part
# carries a sha256 fingerprint of the scenario (defaults filled in), the axes, the slot count
# and the phyclass version: `campaign merge` refuses parts of a different sweep.
#
#SBATCH --job-name=phyclass-campaign
#SBATCH --array=0-7
#SBATCH --cpus-per-task=2
#SBATCH --time=01:00:00
#SBATCH --output=logs/%x-%A_%a.out
set -euo pipefail
# A checkout after `npm ci` (which builds dist/); with the package installed, PHYCLASS="npx phyclass".
PHYCLASS=${PHYCLASS:-node dist/bundle/phyclass.js}

SCENARIO=${SCENARIO:-examples/scenarios/mixed.json}
OUT=${OUT:-parts}

# --workers uses the task's CPUs; the result does not depend on it.
# --force: a requeued task replaces its own earlier (whole) part.
# The sweep: seeds x policies x slots (override with CAMPAIGN_ARGS; every task must use the same).
CAMPAIGN_ARGS=${CAMPAIGN_ARGS:---seeds 1..100 --policies edf,priority+preemption --slots 20000}
# shellcheck disable=SC2086
$PHYCLASS campaign "$SCENARIO" $CAMPAIGN_ARGS \
  --workers "${SLURM_CPUS_PER_TASK:-1}" \
  --shard auto --out "$OUT" --force
