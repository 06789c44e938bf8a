#!/bin/sh
# make eval: the scorer's table for the sample page (with what was missed and
# what was wrong), then the peer suites' figures.
set -eu
factgrep=$1
peer_norm=$2
top=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$top/out"
echo "== sample page (tests/eval/score.py)"
"$factgrep" extract -o "$top/out/jiangmen-daily-pengjiang.ttl" "$top/examples/jiangmen-daily-pengjiang.txt"
python3 "$top/tests/eval/score.py" --gold "$top/tests/eval/jiangmen-daily-pengjiang.gold.jsonl" \
    --ttl "$top/out/jiangmen-daily-pengjiang.ttl" --show
echo
echo "== peer suites: whole-string numerals through the normaliser (peer_norm)"
"$peer_norm" "$top/tests/peer/specs" | grep -v '^  [a-z0-9-]*-[0-9]* ' | grep -v 'failures (at most' | grep -v '^  ... and'
echo
echo "== peer suites: sentences through factgrep extract (peer_text.py)"
python3 "$top/tests/peer/peer_text.py" "$factgrep" "$top/tests/peer/specs"
