#!/bin/sh
# Sharded runs give the same graph as one run (README: "Distributed runs").
# 40 documents made from our own texts (tests/texts, tests/golden), with
# distinct ids, are split into 4 shards; factgrep runs on the shards in
# parallel (GNU parallel when present, else xargs -P 4), and the N-Quads of
# the shards, concatenated, must be the same lines as those of one run over
# the whole corpus (sorted), with the same count from rapper -i nquads -c
# and one graph per document.
#
# 1. FILE shards: one .txt file per document, 4 lists of FILE arguments.
#    Works with every factgrep.
# 2. JSON Lines shards: the corpus as JSON Lines, cut into 4 shards, each fed
#    on stdin as the Hadoop/Spark mapper does (`factgrep extract --jsonl
#    --format nquads -`). Needs --jsonl: without it this part is skipped and
#    the test exits 77 (after part 1 passed).
set -u
: "${FACTGREP:?}" "${SRC:?}"
export LC_ALL=C.UTF-8 SRC FACTGREP
DOCS=40
SHARDS=4
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
fail=0
GEN="$SRC/tests/bench/make_corpus.py"

if command -v parallel >/dev/null 2>&1 && parallel --version 2>/dev/null | grep -q 'GNU parallel'; then
    runner="GNU parallel"
    run_shards() { parallel -j "$SHARDS" --halt now,fail=1 sh "$tmp/shard.sh" {} ::: $(seq 0 $((SHARDS - 1))); }
else
    runner="xargs -P $SHARDS"
    run_shards() { seq 0 $((SHARDS - 1)) | xargs -P "$SHARDS" -n 1 sh "$tmp/shard.sh"; }
fi

# rapper's count of the quads in FILE ("rapper: Parsing returned N triples").
rapper_count() {
    rapper -i nquads -c "$1" 2>&1 | awk '/returned/ { for (i = 1; i <= NF; i++) if ($i == "returned") print $(i + 1) }'
}

# same WHAT WHOLE.nq: compares the shards' out.*.nq with WHOLE.nq.
same() {
    what=$1
    whole=$2
    cat "$tmp"/out.*.nq >"$tmp/shards.nq"
    sort "$tmp/shards.nq" >"$tmp/shards.sorted"
    sort "$whole" >"$tmp/whole.sorted"
    n_lines=$(wc -l <"$tmp/whole.sorted" | tr -d ' ')
    graphs=$(awk '{ print $(NF - 1) }' "$tmp/whole.sorted" | sort -u | wc -l | tr -d ' ')
    c_shards=$(rapper_count "$tmp/shards.nq")
    c_whole=$(rapper_count "$whole")
    ok=1
    if ! cmp -s "$tmp/shards.sorted" "$tmp/whole.sorted"; then
        echo "FAIL $what: the shards' N-Quads differ from one run's (sorted lines; < shards, > whole):"
        diff "$tmp/shards.sorted" "$tmp/whole.sorted" | head -n 10
        ok=0
    fi
    if [ -z "$c_whole" ] || [ "$c_shards" != "$c_whole" ] || [ "$c_whole" != "$n_lines" ]; then
        echo "FAIL $what: rapper counts ${c_shards:-nothing} quads in the shards, ${c_whole:-nothing} in one run, $n_lines lines"
        ok=0
    fi
    if [ "$graphs" != "$DOCS" ]; then
        echo "FAIL $what: $graphs graphs for $DOCS documents"
        ok=0
    fi
    if [ "$n_lines" -eq 0 ]; then
        echo "FAIL $what: no quads"
        ok=0
    fi
    [ $ok = 1 ] && echo "ok $what: $SHARDS shards ($runner) = one run: $c_whole quads, $graphs graphs"
    rm -f "$tmp"/out.*.nq "$tmp/shards.nq" "$tmp/shards.sorted" "$tmp/whole.sorted"
    [ $ok = 1 ]
}

# ---- 1. FILE arguments, one .txt a document ------------------------------
python3 "$GEN" txtdir --own --docs "$DOCS" --dir "$tmp/docs" || { echo "FAIL: make_corpus.py txtdir"; exit 1; }
ls "$tmp/docs" | grep '\.txt$' | sort >"$tmp/all.list"
# Round-robin lists of file names (no blanks in them: bench-NNNNNNNN.txt).
awk -v n="$SHARDS" -v d="$tmp" '{ print > (d "/list." ((NR - 1) % n)) }' "$tmp/all.list"
cat >"$tmp/shard.sh" <<'EOF'
cd "$tmp/docs" && exec "$FACTGREP" extract -q --format nquads -o "$tmp/out.$1.nq" $(cat "$tmp/list.$1")
EOF
export tmp
if ! run_shards; then
    echo "FAIL files: a shard run failed"
    fail=1
elif ! (cd "$tmp/docs" && "$FACTGREP" extract -q --format nquads -o "$tmp/whole.nq" $(cat "$tmp/all.list")); then
    echo "FAIL files: the whole run failed"
    fail=1
else
    same files "$tmp/whole.nq" || fail=1
fi
[ $fail = 0 ] || exit 1

# ---- 2. JSON Lines on stdin, as a Hadoop/Spark mapper ------------------------
if ! "$FACTGREP" extract --help 2>&1 | grep -q -- --jsonl; then
    echo "skipped: needs --jsonl (the JSON Lines shards; the FILE shards passed)"
    exit 77
fi
python3 "$GEN" jsonl --own --docs "$DOCS" >"$tmp/corpus.jsonl" || { echo "FAIL: make_corpus.py jsonl"; exit 1; }
awk -v n="$SHARDS" -v d="$tmp" '{ print > (d "/shard." ((NR - 1) % n) ".jsonl") }' "$tmp/corpus.jsonl"
cat >"$tmp/shard.sh" <<'EOF'
exec "$FACTGREP" extract -q --jsonl --format nquads - <"$tmp/shard.$1.jsonl" >"$tmp/out.$1.nq"
EOF
if ! run_shards; then
    echo "FAIL jsonl: a shard run failed"
    fail=1
elif ! "$FACTGREP" extract -q --jsonl --format nquads -o "$tmp/whole.nq" "$tmp/corpus.jsonl"; then
    echo "FAIL jsonl: the whole run failed"
    fail=1
else
    # Each JSON line's id and date are its document's name and --doc-date:
    # every 5th document's graph must be what the same text as a file,
    # ID.txt with -d DATE, gives.
    i=0
    for txt in $(cat "$tmp/all.list"); do
        i=$((i + 1))
        [ $((i % 5)) = 1 ] || continue
        id=${txt%.txt}
        date=$(cat "$tmp/docs/$id.date")
        (cd "$tmp/docs" && "$FACTGREP" extract -q --format nquads -d "$date" "$txt") | sort >"$tmp/one.file"
        grep "/doc/$id> \.\$" "$tmp/whole.nq" | sort >"$tmp/one.jsonl"
        if [ ! -s "$tmp/one.file" ] || ! cmp -s "$tmp/one.file" "$tmp/one.jsonl"; then
            echo "FAIL jsonl: document $id (date $date) differs from $txt with -d $date (< file, > jsonl):"
            diff "$tmp/one.file" "$tmp/one.jsonl" | head -n 6
            fail=1
        fi
    done
    [ $fail = 0 ] && echo "ok jsonl: ids and dates as file names and -d, checked on $(((DOCS + 4) / 5)) documents"
    same jsonl "$tmp/whole.nq" || fail=1
fi
exit $fail
