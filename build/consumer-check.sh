#!/usr/bin/env bash
# The packaging check that CI runs (.ci/run): packs the NuGet packages into a fresh folder feed, restores
# samples/ConsumerApp from it in a clean folder (no project references, none of this repository's build files), and
# runs both of its modes: the README's C# snippet (trains, evaluates, saves a tiny model) and a PredictionEngine over a
# model zip trained by the hideandseek .NET tool, installed from the same feed. The README's snippet runs again in the
# same application built against Microsoft.ML and ImageAnalytics 6.0.0 (SkiaSharp 3), the newest ML.NET supported. A
# packaging mistake (a missing file or dependency, the libtorch patch not reaching the application or the tool, a
# broken README snippet, a dependency range that shuts out ML.NET 6) fails it.
# Needs `dotnet build HideAndSeek.sln -c Release` first; about a minute and a half on 2 cores.
#   build/consumer-check.sh [--keep]      --keep leaves the work folder (its path is printed)
# Last line: "consumer check: passed" or "consumer check: FAILED (...)"; exit code 0 or 1.
set -uo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
keep=0
[ "${1:-}" = "--keep" ] && keep=1

work=$(mktemp -d /tmp/hideandseek-consumer.XXXXXX)
cleanup() { [ "$keep" -eq 1 ] && echo "work folder kept: $work" || rm -rf "$work"; }
trap cleanup EXIT
fail() { echo "consumer check: FAILED ($1)"; exit 1; }
step() { echo "[$(( $(date +%s) - start )) s] $*"; }
start=$(date +%s)

# A version no cache has seen, so that restore takes these packs and not an older 0.1.0.
suffix="check.$(date +%Y%m%d%H%M%S)"
step "packing into $work/feed ($suffix)"
build/pack-feed.sh --feed "$work/feed" --version-suffix "$suffix" --no-build --tool >"$work/pack.log" 2>&1 \
  || { cat "$work/pack.log"; fail "dotnet pack"; }
version=$(ls "$work/feed" | sed -nE 's/^HideAndSeek\.MLNet\.(.+)\.nupkg$/\1/p')
[ -n "$version" ] || fail "no HideAndSeek.MLNet package in the feed"

# What each package must hold; native files are the application's choice and must not be in it.
for id in HideAndSeek.Estimators HideAndSeek.MLNet; do
  [ -f "$work/feed/$id.$version.snupkg" ] || fail "$id has no symbols package"
done
check_entries() {
  local package=$1; shift
  local entries
  entries=$(python3 -c 'import sys, zipfile; print("\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))' "$package" 2>/dev/null \
            || unzip -Z1 "$package" 2>/dev/null) || { echo "  (cannot list $package: neither python3 nor unzip; skipped)"; return 0; }
  for wanted in "$@"; do
    grep -qxF "$wanted" <<<"$entries" || fail "$(basename "$package") lacks $wanted"
  done
  grep -q "^runtimes/" <<<"$entries" && fail "$(basename "$package") carries native files"
  return 0
}
check_entries "$work/feed/HideAndSeek.Estimators.$version.nupkg" README.md lib/net10.0/HideAndSeek.Estimators.dll \
  lib/net10.0/HideAndSeek.Estimators.xml buildTransitive/HideAndSeek.Estimators.targets buildTransitive/PatchLibTorchSharpGlibcxx.cs
check_entries "$work/feed/HideAndSeek.MLNet.$version.nupkg" README.md lib/net10.0/HideAndSeek.MLNet.dll lib/net10.0/HideAndSeek.MLNet.xml

# The application in a clean folder, restoring from the feed only for our packages. Its own packages folder (with the
# machine's NuGet cache as a read-only fallback) keeps these test packs out of the user's cache.
step "restoring and building samples/ConsumerApp in a clean folder"
mkdir -p "$work/app"
cp samples/ConsumerApp/*.cs samples/ConsumerApp/*.csproj samples/ConsumerApp/Directory.* "$work/app/"
cat >"$work/app/NuGet.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="hideandseek-check" value="$work/feed" />
  </packageSources>
</configuration>
XML
global_packages=$(dotnet nuget locals global-packages --list | sed -E 's/^global-packages: *//')
dotnet build "$work/app/ConsumerApp.csproj" -c Release -nologo -v:q -p:HideAndSeekVersion="$version" \
  -p:RestorePackagesPath="$work/packages" -p:RestoreAdditionalProjectFallbackFolders="$global_packages" >"$work/build.log" 2>&1 \
  || { tail -n 30 "$work/build.log"; fail "the consumer app does not build from the packages"; }
app="$work/app/bin/Release/net10.0/ConsumerApp"
[ -x "$app" ] || fail "no ConsumerApp executable"

step "mode 2: the README's snippet trains, evaluates and saves"
"$app" train "$work/readme" >"$work/train.log" 2>&1 || { tail -n 30 "$work/train.log"; fail "mode 2 (README snippet)"; }
grep -q "saved .*model.zip" "$work/train.log" || { cat "$work/train.log"; fail "mode 2 saved no model"; }
[ -f "$work/readme/model.zip" ] || fail "mode 2 wrote no model.zip"

step "mode 2 again on ML.NET 6.0.0: restoring, building, training"
mkdir -p "$work/app-mlnet6"
cp "$work/app/"*.cs "$work/app/"*.csproj "$work/app/"Directory.* "$work/app/NuGet.config" "$work/app-mlnet6/"
dotnet build "$work/app-mlnet6/ConsumerApp.csproj" -c Release -nologo -v:q -p:HideAndSeekVersion="$version" -p:MLNetVersion=6.0.0 \
  -p:RestorePackagesPath="$work/packages" -p:RestoreAdditionalProjectFallbackFolders="$global_packages" >"$work/build-mlnet6.log" 2>&1 \
  || { tail -n 30 "$work/build-mlnet6.log"; fail "the consumer app does not build on ML.NET 6.0.0"; }
for wanted in Microsoft.ML/6.0.0 Microsoft.ML.ImageAnalytics/6.0.0 SkiaSharp/3.; do
  grep -q "\"$wanted" "$work/app-mlnet6/obj/project.assets.json" || fail "the ML.NET 6 build did not resolve $wanted"
done
"$work/app-mlnet6/bin/Release/net10.0/ConsumerApp" train "$work/readme-mlnet6" >"$work/train-mlnet6.log" 2>&1 \
  || { tail -n 30 "$work/train-mlnet6.log"; fail "mode 2 on ML.NET 6.0.0"; }
[ -f "$work/readme-mlnet6/model.zip" ] || { cat "$work/train-mlnet6.log"; fail "mode 2 on ML.NET 6.0.0 wrote no model.zip"; }
grep -q "saved .*model.zip" "$work/train-mlnet6.log" || { cat "$work/train-mlnet6.log"; fail "mode 2 on ML.NET 6.0.0 saved no model"; }

step "the same application without libtorch says which package to add"
# A copy of the output less the libtorch package's files: what a restore without libtorch gives (30 MB, not 600).
out=$(dirname "$app")
libtorch_natives="$global_packages/libtorch-cpu-linux-x64/2.10.0/runtimes/linux-x64/native"
mkdir -p "$work/no-libtorch/runtimes/linux-x64/native"
for entry in "$out"/*; do [ "$(basename "$entry")" = runtimes ] || cp -r "$entry" "$work/no-libtorch/"; done
for native in "$out"/runtimes/linux-x64/native/*; do
  [ -e "$libtorch_natives/$(basename "$native")" ] || cp "$native" "$work/no-libtorch/runtimes/linux-x64/native/"
done
# (in a subshell that outlives it, so that the shell's "Aborted" line for the unhandled exception goes to the log too)
( "$work/no-libtorch/ConsumerApp" train "$work/no-libtorch-run"; code=$?; exit $code ) >"$work/no-libtorch.log" 2>&1 \
  && fail "it ran without libtorch"
grep -q "dotnet add package libtorch-cpu-linux-x64 --version 2.10.0" "$work/no-libtorch.log" \
  || { head -n 20 "$work/no-libtorch.log"; fail "no clear message without libtorch"; }
grep -q "TorchSharp\.torch\|LoadNativeBackend" "$work/no-libtorch.log" && { head -n 40 "$work/no-libtorch.log"; fail "TorchSharp's trace shown without libtorch"; }
head -n 1 "$work/no-libtorch.log" | cut -c1-240

step "installing the hideandseek tool from the feed"
dotnet tool install HideAndSeek.Cli --tool-path "$work/tool" --add-source "$work/feed" --version "$version" >"$work/tool.log" 2>&1 \
  || { cat "$work/tool.log"; fail "dotnet tool install"; }
cli="$work/tool/hideandseek"
"$cli" --help >"$work/help.log" 2>&1 && grep -q "gen-data" "$work/help.log" || { cat "$work/help.log"; fail "hideandseek --help"; }

step "mode 1: a PredictionEngine over a model trained by the tool"
"$cli" gen-data --output "$work/data" --classes 3 --train-per-class 16 --val-per-class 2 >"$work/cli.log" 2>&1 \
  && "$cli" train "$work/data" --train-dir "$work/cli-model" --max-epoch 1 --batch-size 16 --width-multiplier 0.125 \
       --validation-capacity 0 >>"$work/cli.log" 2>&1 \
  || { tail -n 30 "$work/cli.log"; fail "the tool could not train the model to score"; }
mapfile -t images < <(ls "$work"/data/val/images/*.JPEG | head -n 3)
"$app" score "$work/cli-model/model.zip" "${images[@]}" >"$work/score.log" 2>&1 || { cat "$work/score.log"; fail "mode 1 (scoring)"; }
cat "$work/score.log"
[ "$(grep -cE $'\tclass .+\tprobability [0-9.]+\tbox [0-9-]+,[0-9-]+,[0-9-]+,[0-9-]+$' "$work/score.log")" -eq 3 ] \
  || fail "mode 1 did not print class, probability and box for each image"

step "done"
echo "consumer check: passed"
