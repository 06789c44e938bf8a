#!/bin/sh
# Our own texts of other kinds than the sample page (tests/texts: a hundred
# and twenty-five, from court news to a night market), each with the facts a careful
# reader finds (*.gold.jsonl, written without looking at the rules). Each
# output must pass the audit and the scorer's bar; the table is printed, and
# the organisations of the role facts and the events' participants are checked
# against the gold (orgs.py, participants.py).
set -u
: "${FACTGREP:?}" "${SRC:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
python3 "$SRC/tests/texts/make_gold.py" --check >/dev/null || { echo "FAIL: a gold file is stale"; fail=1; }
for txt in "$SRC"/tests/texts/*.txt; do
    name=$(basename "$txt" .txt)
    "$FACTGREP" extract -q -o "$tmp/$name.ttl" "$txt" || { echo "FAIL $name: extract"; fail=1; continue; }
    "$FACTGREP" audit "$tmp/$name.ttl" >/dev/null || { echo "FAIL $name: audit"; fail=1; }
    echo "== $name"
    python3 "$SRC/tests/eval/score.py" --gold "$SRC/tests/texts/$name.gold.jsonl" --ttl "$tmp/$name.ttl" \
        --min-f1 micro=0.9 || fail=1
done
# The organisations of the role facts, which the scorer does not look at:
# none may have swallowed the words before it (仪式由市商务局), and at most
# 5% may disagree with the gold's (3.4% when this check was written, 3.6% with
# 125 texts).
python3 "$SRC/tests/eval/orgs.py" --gold-dir "$SRC/tests/texts" --ttl-dir "$tmp" --show || fail=1
# Who takes part in the events, which the scorer does not look at either:
# precision at least 0.9 and recall at least 0.7 (0.943 and 0.764 when this
# check was written; the recall was 0.629 before event.attend-list).
python3 "$SRC/tests/eval/participants.py" --gold-dir "$SRC/tests/texts" --ttl-dir "$tmp" || fail=1
exit $fail
