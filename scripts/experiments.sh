#!/usr/bin/env bash
# The experiments of docs/results.md: CAM vs Hide-and-Seek on real photos (../shared/data/tiny-imagenet-10) and on the
# synthetic part/body dataset. Every run writes runs/experiments/<name>/ (model.zip, history.tsv, curves.png,
# result.tsv, vis/) and the report tables go to runs/experiments/*.md. Long: hours on 2 CPU cores; run it again after
# an interruption and it keeps finished runs and resumes the interrupted one.
#   scripts/experiments.sh [real|resnet|synthetic|long|photos|all]
#   (environment: EPOCHS_REAL, METHODS_REAL, HIDING_REAL, EPOCHS_RESNET, RESNET_SIZE, HIDING_RESNET, EPOCHS_SYNTHETIC,
#    METHODS_SYNTHETIC, HIDING_SYNTHETIC, HIDING_SYNTHETIC_RESNET, EPOCHS_LONG, WIDTH, WIDTH_SYNTHETIC, SEEDS, NO_REBUILD)
#   A shorter grid, e.g.: SEEDS=1 METHODS_SYNTHETIC=CustomnetGAP HIDING_SYNTHETIC="cam has16" scripts/experiments.sh synthetic
# "real": the seed's networks trained from scratch on the real photos. "resnet": ML.NET's ImageNet-trained ResNet18 on
# the same photos, frozen (a linear classifier on its features) and fine-tuned, with and without hiding.
# "synthetic": the CAM vs Hide-and-Seek grid on generated objects (a small head that names the class, a large body
# that does so half of the time) for networks whose CAMs are 8x8 and 16x16 cells, with object masks for PxAP.
# "photos": ResNet18 at 224 px on photos at their own resolution (../shared/data/pets-3 and caltech101-24, manifests
# with a train/test split, masks and for pets-3 head boxes): the CLI's defaults (frozen ImageNet features, 7x7 CAM),
# Hide-and-Seek with 56 px patches (the seed's 16 px at 64 scaled to 224), fine-tuned, and fine-tuned with the 14x14 CAM.
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
epochs_resnet=${EPOCHS_RESNET:-4}
resnet_size=${RESNET_SIZE:-112}
width=${WIDTH:-1.0}
width_synthetic=${WIDTH_SYNTHETIC:-0.5}
seeds=${SEEDS:-"1 2"}
methods_real=${METHODS_REAL-"SmallAlexnetGAP CustomnetGAP"}
hiding_real=${HIDING_REAL-"cam has16 hasmix"}
hiding_resnet=${HIDING_RESNET-"cam has16 hasmix"}
methods_synthetic=${METHODS_SYNTHETIC-"SmallAlexnetGAP SmallAlexnetGAP16 CustomnetGAP"}
hiding_synthetic=${HIDING_SYNTHETIC-"cam has8 has16 hasmix"}
hiding_synthetic_resnet=${HIDING_SYNTHETIC_RESNET-"cam has8 has16"}

# A private copy of the CLI, so rebuilding the repository meanwhile does not change the binary half-way.
# NO_REBUILD=1 keeps the copy already there (several partial grids in a row).
if [[ ${NO_REBUILD:-0} != 1 || ! -x $root/cli/hideandseek ]]; then
  dotnet build samples/HideAndSeek.Cli -c Release -v q -o "$root/cli"
fi
cli=$root/cli/hideandseek

# name -> hiding flags ("" = plain CAM; 16 px patches; the paper's mix scaled to 64 px)
declare -A hiding=([cam]="" [has8]="--hide-size 8" [has16]="--hide-size 16" [hasmix]="--hide-size 0 8 16 32")

run() { # run <dataset> <name> <method> <epochs> <seed> <train flags...>
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

grid() { # grid <dataset> <name prefix> <epochs> <width> <methods> <hiding names>: every method x hiding x seed
  local data=$1 prefix=$2 epochs=$3 width=$4 methods=$5 hidings=$6 # run reads $width
  for method in $methods; do
    for h in $hidings; do
      for seed in $seeds; do
        # shellcheck disable=SC2086
        run "$data" "$prefix-$method-$h-s$seed" "$method" "$epochs" "$seed" ${hiding[$h]}
      done
    done
  done
}

if [[ $which == real || $which == all ]]; then
  [[ -f $real/wnids.txt ]] || { echo "no Tiny ImageNet sample at $real"; exit 1; }
  grid "$real" real "$epochs_real" "$width" "$methods_real" "$hiding_real"
  "$cli" report $root/real-*/result.tsv --average-seeds --output $root/real.md
fi

# ResNet18 from ML.NET's ImageNet weights: the classifier at the full rate, the backbone at 0.1 x (or frozen), weight
# decay 1e-4, batch 32; the 64 px photos resized to RESNET_SIZE inside the network (112: with the stride-1 last stage,
# a 7x7 CAM).
resnet_flags() { # resnet_flags <seed> <extra...>
  local flags="--batch-size 32 --learning-rate 0.01 --min-learning-rate 0.0001 --input-size $resnet_size"
  [[ $resnet_size == 112 ]] && flags="$flags --high-res-cam"
  echo "$flags"
}
run_resnet() { # run_resnet <dataset> <name> <epochs> <seed> <flags...>
  local data=$1 name=$2 epochs=$3 seed=$4; shift 4
  local dir=$root/$name
  if [[ -f $dir/result.tsv ]]; then echo "$name: done, kept"; return; fi
  # shellcheck disable=SC2046
  "$cli" train "$data" --method ResNet18 --train-dir "$dir" --max-epoch "$epochs" --validation-capacity 500 --seed "$seed" \
    $(resnet_flags "$seed") "$@"
  "$cli" test "$data" --checkpoint "$dir" --selection-images 1000 --output "$dir/result.tsv" --do-vis --vis-count 12 --seed "$seed"
}

if [[ $which == resnet || $which == all ]]; then
  [[ -f $real/wnids.txt ]] || { echo "no Tiny ImageNet sample at $real"; exit 1; }
  for seed in $seeds; do
    run_resnet "$real" "resnet-frozen-cam-s$seed" "$epochs_resnet" "$seed" --freeze-backbone true
    for h in $hiding_resnet; do
      # shellcheck disable=SC2086
      run_resnet "$real" "resnet-$h-s$seed" "$epochs_resnet" "$seed" --freeze-backbone false ${hiding[$h]}
    done
  done
  "$cli" report $root/resnet-*/result.tsv --average-seeds --output $root/resnet.md
fi

if [[ $which == photos || $which == all ]]; then
  photo_sets=${PHOTO_SETS:-"../shared/data/pets-3 ../shared/data/caltech101-24"}
  for data in $photo_sets; do
    [[ -f $data/annotations.csv ]] || { echo "no photo set at $data"; exit 1; }
    set_name=$(basename "$data")
    for seed in $seeds; do
      # shellcheck disable=SC2086
      for variant in ${PHOTO_VARIANTS:-"frozen-cam frozen-has56 finetuned-cam finetuned-has56 finetuned14-cam"}; do
        case $variant in
          frozen-cam) flags="" ;;
          frozen-has56) flags="--hide-size 56" ;;
          finetuned-cam) flags="--freeze-backbone false --max-epoch 3" ;;
          finetuned-has56) flags="--freeze-backbone false --max-epoch 3 --hide-size 56" ;;
          finetuned14-cam) flags="--freeze-backbone false --max-epoch 3 --high-res-cam" ;;
        esac
        dir=$root/photos-$set_name-$variant-s$seed
        if [[ -f $dir/result.tsv ]]; then echo "$dir: done, kept"; continue; fi
        # shellcheck disable=SC2086
        "$cli" train "$data" --method ResNet18 --train-dir "$dir" --validation-capacity 0 --seed "$seed" $flags
        "$cli" test "$data" --checkpoint "$dir" --selection-images 1000 --output "$dir/result.tsv" --do-vis --vis-count 12 --seed "$seed"
      done
    done
  done
  "$cli" report $root/photos-*/result.tsv --average-seeds --output $root/photos.md
fi

if [[ $which == synthetic || $which == all ]]; then
  synthetic=$root/synthetic-data
  [[ -f $synthetic/wnids.txt ]] || "$cli" gen-data --output "$synthetic" --classes 6 --train-per-class 500 --val-per-class 100 \
    --body-informativeness 0.5 --write-masks --seed 1
  grid "$synthetic" synthetic "$epochs_synthetic" "$width_synthetic" "$methods_synthetic" "$hiding_synthetic"
  for h in $hiding_synthetic_resnet; do
    for seed in $seeds; do
      # shellcheck disable=SC2086
      run_resnet "$synthetic" "synthetic-ResNet18-$h-s$seed" "$epochs_resnet" "$seed" --freeze-backbone false ${hiding[$h]}
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
