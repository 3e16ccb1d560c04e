#!/usr/bin/env bash
# Packs the NuGet packages into a local folder feed that applications (samples/ConsumerApp, your own) restore from.
#   build/pack-feed.sh [--feed DIR] [--version-suffix SUFFIX] [--no-build] [--tool]
#     --feed DIR              the folder feed (default artifacts/feed, which samples/ConsumerApp/NuGet.config names)
#     --version-suffix S      0.1.0-S instead of 0.1.0 (a fresh version is never confused with a cached older pack)
#     --no-build              pack what `dotnet build -c Release` already built
#     --tool                  also pack the hideandseek .NET tool (about 150 MB: it carries libtorch for Linux x64)
set -euo pipefail
cd "$(dirname "$0")/.."

feed=artifacts/feed
args=(-c Release)
tool=0
while [ $# -gt 0 ]; do
  case "$1" in
    --feed) feed="$2"; shift 2 ;;
    --version-suffix) args+=(--version-suffix "$2"); shift 2 ;;
    --no-build) args+=(--no-build); shift ;;
    --tool) tool=1; shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
mkdir -p "$feed"
feed=$(cd "$feed" && pwd)

for project in src/HideAndSeek.Estimators/HideAndSeek.Estimators.csproj src/HideAndSeek.MLNet/HideAndSeek.MLNet.csproj; do
  dotnet pack "$project" "${args[@]}" -o "$feed" -nologo -v:q
done
if [ "$tool" -eq 1 ]; then
  dotnet pack samples/HideAndSeek.Cli/HideAndSeek.Cli.csproj "${args[@]}" -o "$feed" -nologo -v:q
fi
ls -1 "$feed"
