#!/usr/bin/env bash
# The experiments of docs/results.md: CAM vs Hide-and-Seek on real photos (../shared/data/tiny-imagenet-10) and on the
# synthetic part/body dataset. Every run writes runs/experiments/<name>/ (model.zip, history.tsv, curves.png,
# result.tsv, vis/) and the report tables go to runs/experiments/*.md. Long: hours on 2 CPU cores; run it again after
# an interruption and it keeps finished runs and resumes the interrupted one.
#   scripts/experiments.sh [real|synthetic|long|all]   (environment: EPOCHS_REAL, EPOCHS_SYNTHETIC, EPOCHS_LONG, WIDTH, SEEDS)
# "long" trains SmallAlexnetGAP with and without hiding for EPOCHS_LONG epochs (one seed), to see whether the gap
# between plain CAM and Hide-and-Seek changes with training length.
set -euo pipefail
cd "$(dirname "$0")/.."

which=${1:-all}
root=runs/experiments
real=${TINY_IMAGENET:-../shared/data/tiny-imagenet-10}
epochs_real=${EPOCHS_REAL:-12}
epochs_synthetic=${EPOCHS_SYNTHETIC:-8}
epochs_long=${EPOCHS_LONG:-30}
width=${WIDTH:-1.0}
seeds=${SEEDS:-"1 2"}

# A private copy of the CLI, so rebuilding the repository meanwhile does not change the binary half-way.
dotnet build samples/HideAndSeek.Cli -c Release -v q -o "$root/cli"
cli=$root/cli/hideandseek

# name -> hiding flags ("" = plain CAM; 16 px patches; the paper's mix scaled to 64 px)
declare -A hiding=([cam]="" [has8]="--hide-size 8" [has16]="--hide-size 16" [hasmix]="--hide-size 0 8 16 32")

run() { # run <dataset> <name> <method> <epochs> <seed> <hiding flags...>
  local data=$1 name=$2 method=$3 epochs=$4 seed=$5; shift 5
  local dir=$root/$name
  # Finished runs are kept; an interrupted one resumes from its last checkpoint (the train command does that).
  if [[ -f $dir/result.tsv ]]; then echo "$name: done, kept"; return; fi
  "$cli" train "$data" --method "$method" --train-dir "$dir" --max-epoch "$epochs" --batch-size 64 \
    --learning-rate 0.02 --min-learning-rate 0.0002 --width-multiplier "$width" --validation-capacity 500 --seed "$seed" "$@"
  "$cli" test "$data" --checkpoint "$dir" --selection-images 1000 --output "$dir/result.tsv" --do-vis --vis-count 12 --seed "$seed"
  # The same model with the CAM paper's box (largest connected component) for the box-rule comparison.
  "$cli" test "$data" --checkpoint "$dir" --selection-images 1000 --box-mode largest-component --output "$dir/result-largest.tsv" --seed "$seed"
}

if [[ $which == real || $which == all ]]; then
  [[ -f $real/wnids.txt ]] || { echo "no Tiny ImageNet sample at $real"; exit 1; }
  for method in SmallAlexnetGAP CustomnetGAP; do
    for h in cam has16 hasmix; do
      for seed in $seeds; do
        # shellcheck disable=SC2086
        run "$real" "real-$method-$h-s$seed" "$method" "$epochs_real" "$seed" ${hiding[$h]}
      done
    done
  done
  "$cli" report $root/real-*/result.tsv --average-seeds --output $root/real.md
fi

if [[ $which == synthetic || $which == all ]]; then
  synthetic=$root/synthetic-data
  "$cli" gen-data --output "$synthetic" --classes 6 --train-per-class 500 --val-per-class 100 --body-informativeness 0.5 --seed 1
  for h in cam has8 has16 hasmix; do
    for seed in $seeds; do
      # shellcheck disable=SC2086
      run "$synthetic" "synthetic-$h-s$seed" SmallAlexnetGAP "$epochs_synthetic" "$seed" ${hiding[$h]}
    done
  done
  "$cli" report $root/synthetic-*/result.tsv --average-seeds --output $root/synthetic.md
fi

if [[ $which == long || $which == all ]]; then
  [[ -f $real/wnids.txt ]] || { echo "no Tiny ImageNet sample at $real"; exit 1; }
  for h in cam has16; do
    # shellcheck disable=SC2086
    run "$real" "long-SmallAlexnetGAP-$h-s1" SmallAlexnetGAP "$epochs_long" 1 ${hiding[$h]}
  done
  "$cli" report $root/long-*/result.tsv --output $root/long.md
fi
