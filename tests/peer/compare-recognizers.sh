#!/bin/sh
# Compares factgrep with Microsoft Recognizers-Text on a page (default: the
# sample page): which money amounts, numbers and dates each finds, where they
# disagree, and the time each takes. Optional: it installs
# @microsoft/recognizers-text-suite from npm into a scratch folder (needs node
# and npm, and the npm registry). Not run by `make test`.
#
# usage: tests/peer/compare-recognizers.sh [FACTGREP] [TEXT]
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
factgrep=${1:-$top/build/factgrep}
text=${2:-$top/examples/jiangmen-daily-pengjiang.txt}
scratch=${FG_RT_SCRATCH:-$top/out/recognizers-text}
command -v node >/dev/null && command -v npm >/dev/null || {
    echo "compare-recognizers: needs node and npm (apt-get install nodejs npm)"; exit 1; }
if [ ! -d "$scratch/node_modules/@microsoft/recognizers-text-suite" ]; then
    echo "installing @microsoft/recognizers-text-suite into $scratch"
    mkdir -p "$scratch"
    (cd "$scratch" && npm install --silent --no-audit --no-fund @microsoft/recognizers-text-suite >/dev/null)
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
NODE_PATH="$scratch/node_modules" node "$top/tests/peer/recognizers.js" "$text" >"$tmp/rt.jsonl"
start=$(date +%s%N)
"$factgrep" extract -q --format ntriples -o "$tmp/fg.nt" "$text"
end=$(date +%s%N)
python3 "$top/tests/peer/compare.py" "$tmp/rt.jsonl" "$tmp/fg.nt" "$(( (end - start) / 1000000 ))"
