#!/usr/bin/env bash
# Evaluates finished experiment runs again with the current build (after the metrics changed), without retraining:
# result.tsv with the seed's box and result-largest.tsv with the CAM paper's largest-component box.
#   scripts/reevaluate.sh runs/experiments/real-* ...
# It builds its own copy of the CLI (runs/reeval-cli), so it can run while experiments.sh trains with another.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build samples/HideAndSeek.Cli -c Release -v q -o runs/reeval-cli
for dir in "$@"; do
  [[ -f $dir/model.zip && -f $dir/result.tsv ]] || { echo "$dir: not finished, skipped"; continue; }
  seed=$(grep "^# seed" "$dir/result.tsv" | cut -f2)
  data=$(grep "^# dataset" "$dir/result.tsv" | cut -f2)
  runs/reeval-cli/hideandseek test "$data" --checkpoint "$dir" --selection-images 1000 --output "$dir/result.tsv" --seed "$seed" \
    --do-vis --vis-count 12 | tail -1
  runs/reeval-cli/hideandseek test "$data" --checkpoint "$dir" --selection-images 1000 --output "$dir/result-largest.tsv" --seed "$seed" \
    --box-mode largest-component | tail -1
done
