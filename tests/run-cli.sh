#!/bin/sh
# The command line: usage and exit statuses, input errors, atomic output,
# determinism, stdin, formats, the match limit and running from any folder.
set -u
: "${FACTGREP:?}" "${SRC:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
n=0
SAMPLE="$SRC/examples/jiangmen-daily-pengjiang.txt"

# check NAME WANT_STATUS COMMAND...: runs COMMAND with stdout and stderr in
# $tmp/out and $tmp/err and checks its exit status.
check() {
    name=$1 want=$2
    shift 2
    n=$((n + 1))
    "$@" >"$tmp/out" 2>"$tmp/err"
    got=$?
    if [ "$got" -ne "$want" ]; then
        echo "FAIL $name: exit status $got, want $want"
        sed 's/^/  | /' "$tmp/err" | head -5
        fail=1
        return 1
    fi
    return 0
}

# has NAME FILE TEXT: FILE must contain TEXT (a fixed string).
has() {
    n=$((n + 1))
    grep -qF -- "$3" "$2" || { echo "FAIL $1: '$3' not in $(basename "$2")"; sed 's/^/  | /' "$2" | head -5; fail=1; }
}

# --- usage -------------------------------------------------------------------
check help 0 "$FACTGREP" --help && has help "$tmp/out" "usage: factgrep extract [options] FILE..."
check help-extract 0 "$FACTGREP" extract --help && has help-extract "$tmp/out" "--doc-date YYYY-MM-DD"
check version 0 "$FACTGREP" --version && has version "$tmp/out" "factgrep 0.1.0"
check no-command 2 "$FACTGREP"
check unknown-command 2 "$FACTGREP" frobnicate && has unknown-command "$tmp/err" "unknown command 'frobnicate'"
check unknown-option 2 "$FACTGREP" extract --frob x.txt && has unknown-option "$tmp/err" "Try 'factgrep --help'"
check missing-argument 2 "$FACTGREP" extract -o && has missing-argument "$tmp/err" "needs an argument"
check no-files 2 "$FACTGREP" extract
check bad-format 2 "$FACTGREP" extract --format xml "$SAMPLE" && has bad-format "$tmp/err" "unknown format 'xml'"
check bad-doc-date 2 "$FACTGREP" extract --doc-date 2023-02-30 "$SAMPLE" && has bad-doc-date "$tmp/err" "not YYYY-MM-DD"
check bad-base 2 "$FACTGREP" extract --base "http://x/a b" "$SAMPLE" && has bad-base "$tmp/err" "base IRI"
check option-for-other-command 2 "$FACTGREP" check-rules --format turtle

# --- input errors: exit 1, a message, and no output file ------------------------
check missing-input 1 "$FACTGREP" extract "$tmp/nope.txt" && has missing-input "$tmp/err" "cannot read $tmp/nope.txt"
printf '\344\270\255\377\n' >"$tmp/bad.txt"
echo "older" >"$tmp/keep.ttl"
check invalid-utf8 1 "$FACTGREP" extract -o "$tmp/keep.ttl" "$tmp/bad.txt"
has invalid-utf8 "$tmp/err" "invalid UTF-8 byte at byte 3"
has invalid-utf8-keeps-old-output "$tmp/keep.ttl" "older"
n=$((n + 1))
[ "$(ls -A "$tmp" | grep -c '^\.keep')" -eq 0 ] || { echo "FAIL invalid-utf8: a temporary file was left behind"; fail=1; }
check no-output-dir 1 "$FACTGREP" extract -o "$tmp/no/such/dir.ttl" "$SAMPLE" && has no-output-dir "$tmp/err" "cannot write"
cp "$SAMPLE" "$tmp/a.txt"
mkdir "$tmp/d"
cp "$SAMPLE" "$tmp/d/a.txt"
check duplicate-doc-id 1 "$FACTGREP" extract "$tmp/a.txt" "$tmp/d/a.txt" && has duplicate-doc-id "$tmp/err" "would both be document 'a'"
if [ -w /dev/full ]; then
    n=$((n + 1))
    "$FACTGREP" extract "$SAMPLE" >/dev/full 2>"$tmp/err"
    [ $? -eq 1 ] && grep -q "cannot write" "$tmp/err" || { echo "FAIL full-disk: want exit 1 and a message"; fail=1; }
fi

# --- output --------------------------------------------------------------------
check sample 0 "$FACTGREP" extract -o "$tmp/one.ttl" "$SAMPLE"
check sample-again 0 "$FACTGREP" extract -o "$tmp/two.ttl" "$SAMPLE"
n=$((n + 1))
cmp -s "$tmp/one.ttl" "$tmp/two.ttl" || { echo "FAIL determinism: two runs differ"; fail=1; }
# The prefilter only skips work: every text gives the same bytes with it and
# with every rule scanned over the whole text (--no-prefilter).
for f in "$SAMPLE" "$SRC"/tests/texts/*.txt "$SRC"/tests/golden/*.txt; do
    b=$(basename "$f" .txt)
    check "prefilter-$b" 0 "$FACTGREP" extract -o "$tmp/pf.ttl" "$f" &&
        check "full-scan-$b" 0 "$FACTGREP" extract --no-prefilter -o "$tmp/full.ttl" "$f" || continue
    n=$((n + 1))
    cmp -s "$tmp/pf.ttl" "$tmp/full.ttl" || { echo "FAIL prefilter: $b differs from --no-prefilter"; fail=1; }
done
# -o to something that is not a regular file writes to it and leaves it be:
# a FIFO stays a FIFO (a rename would have put a file in its place).
mkfifo "$tmp/fifo"
cat "$tmp/fifo" >"$tmp/from-fifo" &
check output-fifo 0 "$FACTGREP" extract -o "$tmp/fifo" "$SAMPLE"
wait
n=$((n + 1))
[ -p "$tmp/fifo" ] && cmp -s "$tmp/from-fifo" "$tmp/one.ttl" ||
    { echo "FAIL output-fifo: the FIFO was replaced or got other bytes"; fail=1; }
# -o through a symbolic link writes the file it points to.
echo "older" >"$tmp/target.ttl"
ln -s "$tmp/target.ttl" "$tmp/link.ttl"
check output-symlink 0 "$FACTGREP" extract -o "$tmp/link.ttl" "$SAMPLE"
n=$((n + 1))
[ -L "$tmp/link.ttl" ] && cmp -s "$tmp/target.ttl" "$tmp/one.ttl" ||
    { echo "FAIL output-symlink: the link was replaced or the target not written"; fail=1; }
check output-dir 1 "$FACTGREP" extract -o "$tmp/d" "$SAMPLE" && has output-dir "$tmp/err" "Is a directory"
# From another folder, with relative paths, the bundled rules are found.
n=$((n + 1))
(cd "$tmp/d" && "$FACTGREP" extract a.txt >"$tmp/three.ttl" 2>"$tmp/err") || { echo "FAIL other-cwd"; cat "$tmp/err"; fail=1; }
n=$((n + 1))
[ "$(grep -c 'prov:wasDerivedFrom' "$tmp/three.ttl")" -eq "$(grep -c 'prov:wasDerivedFrom' "$tmp/one.ttl")" ] ||
    { echo "FAIL other-cwd: a different number of facts"; fail=1; }
check stdin 0 sh -c "printf '10月11日,市长张明出席。' | '$FACTGREP' extract -"
has stdin "$tmp/out" "<http://factgrep.example/doc/stdin>"
has stdin "$tmp/out" '"--10-11"^^xsd:gMonthDay'
# A pipe on standard output is widened to 1 MB (fewer turns between writer
# and reader), where the system allows it.
if [ "$(cat /proc/sys/fs/pipe-max-size 2>/dev/null || echo 0)" -ge 1048576 ]; then
    n=$((n + 1))
    got=$("$FACTGREP" extract -f nt "$SAMPLE" | python3 -c 'import fcntl, sys
sys.stdin.buffer.read(1)
print(fcntl.fcntl(0, fcntl.F_GETPIPE_SZ))
sys.stdin.buffer.read()')
    [ "$got" = 1048576 ] || { echo "FAIL pipe-size: the output pipe holds $got bytes, want 1048576"; fail=1; }
fi

# -o - is standard output, not a file named '-'.
check output-dash 0 sh -c "cd '$tmp' && printf '市长张明出席。' | '$FACTGREP' extract -f nt -o - -" &&
    has output-dash "$tmp/out" "<http://factgrep.example/doc/stdin>"
n=$((n + 1))
[ ! -e "$tmp/-" ] || { echo "FAIL output-dash: wrote a file named '-'"; fail=1; }
check ntriples 0 "$FACTGREP" extract --format ntriples -o "$tmp/s.nt" "$SAMPLE"
n=$((n + 1))
rapper -q -i ntriples -c "$tmp/s.nt" 2>/dev/null || { echo "FAIL ntriples: rapper rejects it"; fail=1; }
n=$((n + 1))
[ "$(rapper -q -i ntriples -o ntriples "$tmp/s.nt" | sort | md5sum)" = "$(rapper -q -i turtle -o ntriples "$tmp/one.ttl" | sort | md5sum)" ] ||
    { echo "FAIL ntriples: not the same graph as the Turtle"; fail=1; }
check omit-text 0 "$FACTGREP" extract --omit-text "$SAMPLE"
has omit-text "$tmp/out" "fg:sha256 \"$(sha256sum "$SAMPLE" | cut -c1-64)\""
n=$((n + 1))
grep -q "nif:isString" "$tmp/out" && { echo "FAIL omit-text: the text is still there"; fail=1; }
check doc-date 0 "$FACTGREP" extract --doc-date 2023-10-12 "$SAMPLE"
has doc-date "$tmp/out" '"2023-10-11"^^xsd:date'
has doc-date "$tmp/out" 'fg:documentDate "2023-10-12"^^xsd:date'

# --- the match limit: a catastrophic rule stops with a diagnostic, the rest go on --
mkdir "$tmp/rules"
cat >"$tmp/rules/slow.rules" <<'RULES'
rule slow
  match    (?<n>(?:a|a)+\d)
  fact     schema:Event
  schema:name $n
rule fine
  match    (?<n>\p{sc:Han}+?会议)
  group    other
  fact     schema:Event
  schema:name $n
RULES
printf 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\n全市工作会议召开\n' >"$tmp/hostile.txt"
check match-limit 0 "$FACTGREP" extract --rules "$tmp/rules" "$tmp/hostile.txt"
has match-limit "$tmp/err" "warning: hostile at offset 0, rule slow: match limit reached"
has match-limit "$tmp/out" 'schema:name "全市工作会议"'

# --- corpora: folders, JSON Lines, --out-dir, --jobs ----------------------------
mkdir -p "$tmp/corpus/2024/05" "$tmp/corpus/.hidden"
cp "$SRC"/tests/texts/court.txt "$tmp/corpus/a.txt"
cp "$SRC"/tests/texts/school.txt "$tmp/corpus/2024/05/p1.txt"
cp "$SRC"/tests/texts/sports.txt "$tmp/corpus/.hidden/skip.txt"
check folder 0 "$FACTGREP" extract --format nquads "$tmp/corpus"
n=$((n + 1))
graphs=$(sed 's/.* \(<[^>]*>\) \.$/\1/' "$tmp/out" | sort -u | tr '\n' ' ')
[ "$graphs" = "<http://factgrep.example/doc/2024%2F05%2Fp1> <http://factgrep.example/doc/a> " ] ||
    { echo "FAIL folder: graphs are $graphs"; fail=1; }
# A JSON Lines corpus: ids, dates, escapes, a bad line and a bad date are each
# reported with FILE:LINE; the good lines are still written; exit 1.
python3 - "$SRC/tests/texts" "$tmp/c.jsonl" <<'PY'
import json, sys, os
d, out = sys.argv[1], sys.argv[2]
with open(out, "w", encoding="utf-8") as f:
    for i, name in enumerate(["court", "school"]):
        text = open(os.path.join(d, name + ".txt"), encoding="utf-8").read()
        f.write(json.dumps({"id": name, "text": text, "date": "2024-03-0%d" % (i + 1),
                            "tags": [1, {"x": None}]}, ensure_ascii=(i == 0)) + "\n")
    f.write("\n")
    f.write('{"text": "\\u533a\\u59d4\\u4e66\\u8bb0\\u5f20\\u660e\\u51fa\\u5e2d\\u4f1a\\u8bae\\ud83d\\ude00"}\n')
    f.write('{"id": 7, "text": "not closed\n')
    f.write('{"id": "bad-date", "text": "x", "date": "2024-02-30"}\n')
    f.write('[1, 2]\n')
PY
check jsonl 1 "$FACTGREP" extract --jsonl --format nquads "$tmp/c.jsonl"
has jsonl "$tmp/err" "c.jsonl:5:31: error: a string is not closed on its line"
has jsonl "$tmp/err" "c.jsonl:6: note: in document 'bad-date'"
has jsonl "$tmp/err" "c.jsonl:7:1: error: a line must be a JSON object"
has jsonl "$tmp/out" '"2024-03-02"^^<http://www.w3.org/2001/XMLSchema#date> <http://factgrep.example/doc/school>'
has jsonl "$tmp/out" '<http://factgrep.example/doc/c%3A4>'
has jsonl "$tmp/out" '\u5F20\u660E\u51FA\u5E2D\u4F1A\u8BAE\U0001F600'
# One job or three, a file or standard input: the same bytes.
"$FACTGREP" extract --jsonl --format nquads "$tmp/c.jsonl" >"$tmp/j1.nq" 2>/dev/null
"$FACTGREP" extract --jsonl --format nquads -j 3 - <"$tmp/c.jsonl" 2>/dev/null |
    sed 's/stdin%3A4/c%3A4/g' >"$tmp/j3.nq"
n=$((n + 1))
[ -s "$tmp/j1.nq" ] && cmp -s "$tmp/j1.nq" "$tmp/j3.nq" || { echo "FAIL jobs: -j 3 differs from -j 1"; fail=1; }
check jobs-sample 0 "$FACTGREP" extract -j 2 -o "$tmp/j2.ttl" "$SAMPLE"
n=$((n + 1))
cmp -s "$tmp/j2.ttl" "$tmp/one.ttl" || { echo "FAIL jobs: -j 2 on the sample differs"; fail=1; }
check jobs-zero 2 "$FACTGREP" extract -j 0 "$SAMPLE" && has jobs-zero "$tmp/err" "--jobs needs a number"
# --out-dir: a file a document, named so that no id leaves the folder.
printf '{"id": "../escape", "text": "支付5万元"}\n{"id": "a/b", "text": "支付6万元"}\n' >"$tmp/ids.jsonl"
check out-dir 0 "$FACTGREP" extract --jsonl --format ntriples --out-dir "$tmp/od" "$tmp/ids.jsonl"
n=$((n + 1))
[ "$(ls "$tmp/od" | tr '\n' ' ')" = "%2E.%2Fescape.nt a%2Fb.nt " ] && [ ! -e "$tmp/escape.nt" ] ||
    { echo "FAIL out-dir: $(ls "$tmp/od" | tr '\n' ' ')"; fail=1; }
has out-dir "$tmp/od/a%2Fb.nt" '"60000.0"'
check out-dir-and-o 2 "$FACTGREP" extract --out-dir "$tmp/od" -o "$tmp/x.ttl" "$SAMPLE"
# No progress line when standard error is not a terminal.
check no-progress 0 "$FACTGREP" extract -o "$tmp/x.ttl" "$SAMPLE"
n=$((n + 1))
[ ! -s "$tmp/err" ] || { echo "FAIL no-progress: stderr is not empty"; fail=1; }
# ... and one on a terminal (script(1) gives the command a pseudo-terminal).
if command -v script >/dev/null 2>&1; then
    n=$((n + 1))
    script -qec "'$FACTGREP' extract -o '$tmp/x.ttl' '$SAMPLE'" /dev/null >"$tmp/tty" 2>&1
    grep -q "factgrep: 1 document, 0.0 MB, [0-9.]* MB/s, 87 facts" "$tmp/tty" ||
        { echo "FAIL progress: no progress line on a terminal"; sed 's/^/  | /' "$tmp/tty" | head -3; fail=1; }
fi

# --- check-rules -------------------------------------------------------------------
check check-rules 0 "$FACTGREP" check-rules && has check-rules "$tmp/out" "all hold"

[ $fail -eq 0 ] && echo "cli: $n checks pass"
exit $fail
