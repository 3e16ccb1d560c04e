#!/usr/bin/env bash
# Two-epoch CLI trainings under forced garbage collections: a thread collects and runs finalizers back to back (the
# startup hook of test/HideAndSeek.GcStress) and tiered compilation is off, so a TorchSharp Scalar or Tensor that is
# freed while libtorch still reads it crashes a run instead of "once in a while". Ends with "N finished, M crashed"
# and each crash's exit code and last lines of stderr; exits 1 when any run crashed.
#   dotnet build HideAndSeek.sln -c Release && scripts/gc-stress-trainings.sh [runs]      (runs: default 20)
# Environment: GC_STRESS_WORK (folder, default runs/gc-stress, emptied first), GC_STRESS_TIMEOUT (seconds per run,
# default 900; a run that takes longer counts as crashed, exit 124), HIDEANDSEEK_GC_STRESS_INTERVAL_MS (pause between
# collections, default 0).
set -uo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
work=${GC_STRESS_WORK:-runs/gc-stress}
timeout_s=${GC_STRESS_TIMEOUT:-900}
cli=samples/HideAndSeek.Cli/bin/Release/net10.0/hideandseek.dll
hook=$PWD/test/HideAndSeek.GcStress/bin/Release/net10.0/HideAndSeek.GcStress.dll
for file in "$cli" "$hook"; do
  [[ -f $file ]] || { echo "$file not found: run 'dotnet build HideAndSeek.sln -c Release' first" >&2; exit 2; }
done

rm -rf "$work" && mkdir -p "$work"
# The data is generated without stress: only the trainings are under test.
dotnet "$cli" gen-data --output "$work/data" --classes 4 --train-per-class 48 --val-per-class 8 --seed 1 >"$work/gen-data.log" 2>&1 ||
  { cat "$work/gen-data.log" >&2; exit 2; }

signal_name() {
  local code=$1
  if (( code > 128 && code < 160 )); then echo " (signal $(kill -l $((code - 128)) 2>/dev/null || echo $((code - 128))))"; fi
}

finished=0 crashed=0 report=""
for i in $(seq 1 "$runs"); do
  dir=$work/run-$i
  start=$(date +%s)
  DOTNET_STARTUP_HOOKS=$hook DOTNET_TieredCompilation=0 HIDEANDSEEK_GC_STRESS_INTERVAL_MS=${HIDEANDSEEK_GC_STRESS_INTERVAL_MS:-0} \
    timeout "$timeout_s" dotnet "$cli" train "$work/data" --method SmallAlexnetGAP --width-multiplier 0.25 --do-hide 16 \
    --max-epoch 2 --batch-size 16 --seed "$i" --train-dir "$dir" --verbose >"$work/run-$i.out" 2>"$work/run-$i.err"
  code=$?
  seconds=$(( $(date +%s) - start ))
  if (( code == 0 )) && [[ -f $dir/model.zip ]]; then
    finished=$((finished + 1))
    echo "run $i: finished (${seconds} s)"
  else
    crashed=$((crashed + 1))
    echo "run $i: CRASHED, exit code $code$(signal_name "$code") (${seconds} s); stderr in $work/run-$i.err"
    report+="run $i: exit code $code$(signal_name "$code")"$'\n'
    if (( code > 128 )); then
      report+=$(tail -n 10 "$work/run-$i.err" | cut -c1-240)$'\n'
    else
      # An exception: its message and the innermost managed frames (libtorch's native frames say little).
      report+=$(grep -vE '^frame #|^$|^gc-stress: forcing' "$work/run-$i.err" | head -n 14 | cut -c1-240)$'\n'
    fi
  fi
done

if (( crashed > 0 )); then
  echo
  printf '%s' "$report"
fi
echo "$finished finished, $crashed crashed"
(( crashed == 0 ))
