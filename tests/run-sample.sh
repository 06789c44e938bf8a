#!/bin/sh
# The sample page end to end, from a folder outside the repository: the
# output passes rapper, its spans match its text, and the scorer's F1 meets
# the bar of issue "factgrep extract" (micro >= 0.85, each type >= 0.75).
set -u
: "${FACTGREP:?}" "${SRC:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
fail=0
"$FACTGREP" extract -o sample.ttl "$SRC/examples/jiangmen-daily-pengjiang.txt" || exit 1
rapper -q -i turtle -c sample.ttl || { echo "FAIL: rapper rejects the sample's output"; fail=1; }
python3 "$SRC/tests/check-spans.py" sample.ttl || fail=1
# The scorer and gold are copies; they must not drift from the shared originals.
shared="$SRC/../shared"
if [ -d "$shared/eval" ]; then
    cmp -s "$shared/eval/score.py" "$SRC/tests/eval/score.py" &&
        cmp -s "$shared/gold/jiangmen-daily-pengjiang.gold.jsonl" "$SRC/tests/eval/jiangmen-daily-pengjiang.gold.jsonl" ||
        { echo "FAIL: tests/eval differs from $shared"; fail=1; }
fi
python3 "$SRC/tests/eval/score.py" --gold "$SRC/tests/eval/jiangmen-daily-pengjiang.gold.jsonl" \
    --ttl sample.ttl --min-f1 micro=0.85 --min-f1 role=0.75 --min-f1 quantity=0.75 \
    --min-f1 money=0.75 --min-f1 date=0.75 --min-f1 event=0.75 || fail=1
exit $fail
