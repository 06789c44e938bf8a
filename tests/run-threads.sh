#!/bin/sh
# Threads: -j N gives the bytes of one job, in every format, on a JSON Lines
# corpus of 60 documents (with one bad line, so failure paths run too).
# `make tsan` runs this under ThreadSanitizer (halt_on_error=1).
set -u
: "${FACTGREP:?}" "${SRC:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
n=0
python3 - "$SRC" "$tmp/c.jsonl" <<'PY'
import glob, json, os, sys
src, out = sys.argv[1], sys.argv[2]
paths = sorted(glob.glob(os.path.join(src, "tests/texts/*.txt")) + glob.glob(os.path.join(src, "tests/golden/*.txt")))
texts = [open(p, encoding="utf-8").read() for p in paths]
with open(out, "w", encoding="utf-8") as f:
    for i in range(60):
        if i == 31:
            f.write('{"id": "broken", "text": \n')
        f.write(json.dumps({"id": "d%02d" % i, "text": texts[i % len(texts)],
                            "date": "2024-%02d-15" % (i % 12 + 1)}, ensure_ascii=False) + "\n")
PY
for fmt in nquads turtle; do
    "$FACTGREP" extract -q --jsonl --format $fmt -j 1 "$tmp/c.jsonl" >"$tmp/one.$fmt" 2>"$tmp/err1"
    s1=$?
    for j in 2 4; do
        n=$((n + 1))
        "$FACTGREP" extract -q --jsonl --format $fmt -j $j "$tmp/c.jsonl" >"$tmp/many.$fmt" 2>"$tmp/errj"
        sj=$?
        if [ $s1 -ne 1 ] || [ $sj -ne 1 ]; then
            echo "FAIL $fmt -j $j: exit $s1 and $sj, want 1 (one bad line)"
            sed 's/^/  | /' "$tmp/errj" | head -20
            fail=1
        elif ! cmp -s "$tmp/one.$fmt" "$tmp/many.$fmt" || ! cmp -s "$tmp/err1" "$tmp/errj"; then
            echo "FAIL $fmt -j $j: output or diagnostics differ from -j 1"
            fail=1
        fi
    done
done
n=$((n + 1))
docs=$(grep -c "nif-core#Context> <" "$tmp/one.nquads")
[ "$docs" -eq 60 ] || { echo "FAIL: $docs documents written, want 60"; fail=1; }
[ $fail -eq 0 ] && echo "threads: $n checks pass"
exit $fail
