#!/bin/sh
# make eval: the scorer's table for the sample page, with what was missed
# and what was wrong.
set -eu
factgrep=$1
top=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$top/out"
"$factgrep" extract -o "$top/out/jiangmen-daily-pengjiang.ttl" "$top/examples/jiangmen-daily-pengjiang.txt"
python3 "$top/tests/eval/score.py" --gold "$top/tests/eval/jiangmen-daily-pengjiang.gold.jsonl" \
    --ttl "$top/out/jiangmen-daily-pengjiang.ttl" --show
