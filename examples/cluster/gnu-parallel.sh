#!/bin/bash
# One machine, or several over ssh, with GNU parallel: N shards as N processes, then the merge.
# {} is the shard index 0..N-1; `--shard {}/N` names the shard explicitly (no engine variables).
# Parts are written atomically to parts/, so an interrupted run can be resumed with --resume
# (a finished shard is not run again) and never leaves half a file.
#   add  -S host1,host2 --workdir .   to spread the shards over machines sharing this directory.
set -euo pipefail
# A checkout after `npm ci` (which builds dist/); with the package installed, PHYCLASS="npx phyclass".
PHYCLASS=${PHYCLASS:-node dist/bundle/phyclass.js}
N=${N:-8}
seq 0 $((N - 1)) | parallel --joblog parts.log --resume \
  $PHYCLASS campaign examples/scenarios/mixed.json --seeds 1..100 --slots 20000 --shard {}/"$N" --out parts --force \
  && $PHYCLASS campaign merge parts
