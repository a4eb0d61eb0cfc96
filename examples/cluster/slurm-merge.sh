#!/bin/bash
# Merge job: runs after every array task succeeded (submit with
# --dependency=afterok:<array job id>, see slurm-submit.sh). The merged output is byte-identical
# to the unsharded campaign; merge exits 2 with one line if a part is missing, duplicated, or
# from a different sweep (fingerprint) or phyclass version, and 1 if a service misses its target.
#
#SBATCH --job-name=phyclass-merge
#SBATCH --time=00:10:00
#SBATCH --output=logs/%x-%j.out
set -euo pipefail
# A checkout after `npm ci` (which builds dist/); with the package installed, PHYCLASS="npx phyclass".
PHYCLASS=${PHYCLASS:-node dist/bundle/phyclass.js}

OUT=${OUT:-parts}
$PHYCLASS campaign merge "$OUT" --json > campaign.json
$PHYCLASS campaign merge "$OUT"            # the table, for the log
