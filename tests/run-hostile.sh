#!/bin/sh
# Hostile input: dirty text, injection, signals and a full disk. Each case
# checks the behaviour the README's "Hostile input" table promises: refused
# with exit 1 and a message (and no output file), or processed, with offsets
# that audit clean against the text as stored and that an independent
# checker (check-spans.py through rapper) accepts.
#
# FG_BIG_MB (default 100) sizes the file with no newline; the sanitizer
# build sets it lower (CMakeLists.txt).
set -u
: "${FACTGREP:?}" "${SRC:?}"
BIG_MB=${FG_BIG_MB:-100}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
n=0

ok() { n=$((n + 1)); echo "ok - $1"; }
bad() { n=$((n + 1)); echo "FAIL - $1"; fail=1; }
show() { sed 's/^/    | /' "$1" | head -8; }

# extract CASE FILE: runs extract -o $tmp/CASE.ttl FILE; status in $st,
# stderr in $tmp/CASE.err.
extract() {
    "$FACTGREP" extract -o "$tmp/$1.ttl" "$2" 2>"$tmp/$1.err"
    st=$?
}

# refused CASE FILE MESSAGE: exit 1, MESSAGE on stderr, no output file.
refused() {
    echo "older" >"$tmp/$1.ttl"
    extract "$1" "$2"
    if [ $st -ne 1 ]; then
        bad "$1: exit $st, want 1"
        show "$tmp/$1.err"
    elif ! grep -qF -- "$3" "$tmp/$1.err"; then
        bad "$1: '$3' not in the message"
        show "$tmp/$1.err"
    elif [ "$(cat "$tmp/$1.ttl")" != "older" ]; then
        bad "$1: the older output file was changed"
    elif ls -A "$tmp" | grep -q "^\.$1\.ttl\."; then
        bad "$1: a temporary file was left behind"
    else
        ok "$1: refused with exit 1: $(head -1 "$tmp/$1.err" | cut -c1-90)"
    fi
}

# processed CASE FILE [WARNING]: exit 0, WARNING (or nothing) on stderr,
# and the output audits clean, by factgrep against the original file and
# by check-spans.py against nif:isString.
processed() {
    extract "$1" "$2"
    if [ $st -ne 0 ]; then
        bad "$1: exit $st, want 0"
        show "$tmp/$1.err"
        return 1
    fi
    if [ $# -ge 3 ]; then
        grep -qF -- "$3" "$tmp/$1.err" || { bad "$1: warning '$3' missing"; show "$tmp/$1.err"; }
    elif [ -s "$tmp/$1.err" ]; then
        bad "$1: unexpected messages"
        show "$tmp/$1.err"
    fi
    if ! "$FACTGREP" audit "$tmp/$1.ttl" "$2" >"$tmp/$1.audit" 2>&1; then
        bad "$1: factgrep audit against the original file fails"
        show "$tmp/$1.audit"
        return 1
    fi
    if ! python3 "$SRC/tests/check-spans.py" "$tmp/$1.ttl" >"$tmp/$1.spans" 2>&1; then
        bad "$1: check-spans.py finds bad spans"
        show "$tmp/$1.spans"
        return 1
    fi
    ok "$1: processed; $(sed 's/^audit: [^:]*: //' "$tmp/$1.audit")"
}

# count_triples SYNTAX FILE: the number of triples rapper reads.
count_triples() {
    rapper -c -i "$1" "$2" 2>&1 | sed -n 's/.*returned \([0-9][0-9]*\) triple.*/\1/p'
}

# text_is CASE FILE [--lone-cr-as-lf]: nif:isString holds exactly FILE.
text_is() {
    python3 "$SRC/tests/hostile-check.py" text-is "$tmp/$1.ttl" "$2" ${3:-}
}

# anchor_at CASE TEXT BEGIN: some mention of CASE's output has anchor TEXT
# at code point BEGIN.
anchor_at() {
    python3 "$SRC/tests/hostile-check.py" anchor-at "$tmp/$1.ttl" "$2" "$3"
}

# --- refused: exit 1, a message, nothing written --------------------------------
printf '市长王大明\344\270出席' >"$tmp/truncated.txt"
refused invalid-utf8-truncated "$tmp/truncated.txt" "invalid UTF-8"
printf '市长\300\200王大明' >"$tmp/overlong.txt"
refused invalid-utf8-overlong "$tmp/overlong.txt" "overlong UTF-8 sequence at byte 6"
printf '市长\355\240\200王大明' >"$tmp/surrogate.txt"
printf '市长\364\220\200\200王大明' >"$tmp/too-large.txt"
refused invalid-utf8-too-large "$tmp/too-large.txt" "UTF-8 sequence beyond U+10FFFF at byte 6"
refused invalid-utf8-surrogate "$tmp/surrogate.txt" "UTF-8 sequence for a surrogate (U+D800-U+DFFF) at byte 6"
# U+FFFF and U+FFFE: raptor's Turtle writer silently ends a literal there.
printf '市长\357\277\277王大明' >"$tmp/uffff.txt"
refused noncharacter-uffff "$tmp/uffff.txt" "the noncharacter U+FFFF, which raptor's writer cannot carry at byte 6"
printf '\357\277\276王大明' >"$tmp/ufffe.txt"
refused noncharacter-ufffe "$tmp/ufffe.txt" "the noncharacter U+FFFE, which raptor's writer cannot carry at byte 0"
printf '市长王大明出席\000会议。' >"$tmp/nul.txt"
refused nul-byte "$tmp/nul.txt" "NUL byte at byte 21"
# A binary file: an ELF header holds NUL bytes; random bytes are not UTF-8.
head -c 4096 "$FACTGREP" >"$tmp/binary.bin"
refused binary-elf "$tmp/binary.bin" "NUL byte"
python3 -c 'import random,sys; random.seed(7); sys.stdout.buffer.write(bytes(random.randrange(128, 256) for _ in range(4096)))' >"$tmp/noise.bin"
refused binary-noise "$tmp/noise.bin" "invalid UTF-8"
# A folder is a corpus: a bad file in it is named and skipped, a FIFO and a
# hidden file are not documents. With -o nothing is written (all or
# nothing); on stdout the good documents are.
printf '2021年3月5日,市长王大明出席。' >"$tmp/fine.txt"
mkdir -p "$tmp/mixed"
cp "$tmp/fine.txt" "$tmp/mixed/fine.txt"
printf '市长\300\200王大明' >"$tmp/mixed/bad.txt"
printf 'x' >"$tmp/mixed/.hidden.txt"
mkfifo "$tmp/mixed/pipe"
echo "older" >"$tmp/mixed.ttl"
"$FACTGREP" extract -o "$tmp/mixed.ttl" "$tmp/mixed" 2>"$tmp/mixed.err"
st=$?
"$FACTGREP" extract --format nquads "$tmp/mixed" >"$tmp/mixed.nq" 2>/dev/null
st2=$?
if [ $st -eq 1 ] && [ $st2 -eq 1 ] && grep -qF "bad: overlong UTF-8 sequence at byte 6" "$tmp/mixed.err" &&
    [ "$(cat "$tmp/mixed.ttl")" = "older" ] && grep -qF "<http://factgrep.example/doc/fine> ." "$tmp/mixed.nq" &&
    ! grep -qF "hidden" "$tmp/mixed.nq" && [ "$(wc -l <"$tmp/mixed.err")" -eq 1 ]; then
    ok "a folder with a bad file, a FIFO and a hidden file: exit 1, the bad file named, -o untouched, stdout has the good one"
else
    bad "a folder with a bad file: exit $st and $st2"
    show "$tmp/mixed.err"
fi
# A link to an ancestor folder would recurse for ever: links to folders are
# not followed below a folder, links to files are read.
mkdir -p "$tmp/loop/a"
cp "$tmp/fine.txt" "$tmp/loop/a/fine.txt"
ln -s .. "$tmp/loop/a/up"
ln -s a/fine.txt "$tmp/loop/link.txt"
timeout 60 "$FACTGREP" extract --format nquads "$tmp/loop" >"$tmp/loop.nq" 2>"$tmp/loop.err"
st=$?
graphs=$(sed 's/.* \(<[^>]*>\) \.$/\1/' "$tmp/loop.nq" | sort -u | tr '\n' ' ')
if [ $st -eq 0 ] && [ "$graphs" = "<http://factgrep.example/doc/a%2Ffine> <http://factgrep.example/doc/link> " ]; then
    ok "a folder with a link to its parent: not followed; a link to a file is read"
else
    bad "a folder with a link to its parent: exit $st, graphs $graphs"
    show "$tmp/loop.err"
fi
if [ "$(id -u)" != 0 ]; then
    cp "$tmp/fine.txt" "$tmp/secret.txt"
    chmod 000 "$tmp/secret.txt"
    refused unreadable-file "$tmp/secret.txt" "Permission denied"
else
    echo "skip - a file without read permission (root reads it anyway)"
fi
refused missing-file "$tmp/no-such.txt" "No such file or directory"

# --- processed --------------------------------------------------------------
: >"$tmp/empty.txt"
processed empty "$tmp/empty.txt" &&
    { [ "$(count_triples turtle "$tmp/empty.ttl")" -gt 0 ] && text_is empty "$tmp/empty.txt" &&
        ok "empty: one document, an empty nif:isString, valid Turtle" || bad "empty: no document"; }

# A BOM is kept as code point 0 of nif:isString: offsets count it.
printf '\357\273\2772021年3月5日,市长王大明出席。' >"$tmp/bom.txt"
processed bom "$tmp/bom.txt" &&
    { anchor_at bom "2021年3月5日" 1 && text_is bom "$tmp/bom.txt" &&
        ok "bom: kept as code point 0 of nif:isString; the date starts at code point 1" ||
        bad "bom: the date is not at code point 1"; }

printf '2021年3月5日,\r\n市长王大明出席。\r\n共有12名代表参加。\r\n' >"$tmp/crlf.txt"
processed crlf "$tmp/crlf.txt" &&
    { anchor_at crlf "市长王大明" 12 && ok "crlf: CR LF kept, counted as two code points" ||
        bad "crlf: the role is not at code point 12"; }
text_is crlf "$tmp/crlf.txt" && ok "crlf: nif:isString is the file, CR LF pairs kept" ||
    bad "crlf: nif:isString is not the file"

printf '2021年3月5日,\r市长王大明出席。\r共有12名代表参加。\r' >"$tmp/cr.txt"
processed cr-only "$tmp/cr.txt" "3 line end(s) written as a lone CR are read as LF" &&
    { anchor_at cr-only "市长王大明" 11 && text_is cr-only "$tmp/cr.txt" --lone-cr-as-lf &&
        ok "cr-only: nif:isString is the file with LF for CR; offsets as in the file" ||
        bad "cr-only: the role is not at code point 11"; }
# The same with the text left out: fg:sha256 is of the file as given.
"$FACTGREP" extract -q --omit-text -o "$tmp/cr-omit.ttl" "$tmp/cr.txt" 2>/dev/null
sum=$(sha256sum "$tmp/cr.txt" | cut -c1-64)
if grep -q "fg:sha256 \"$sum\"" "$tmp/cr-omit.ttl" &&
    "$FACTGREP" audit "$tmp/cr-omit.ttl" "$tmp/cr.txt" >/dev/null 2>&1; then
    ok "cr-only --omit-text: fg:sha256 is sha256sum's, and the audit with the file is clean"
else
    bad "cr-only --omit-text: sha256 or audit"
fi

# Full-width digits and compatibility characters: values normalised, anchors
# and offsets as written.
printf '２０２１年３月５日,市长王大明出席。共有１２名代表、３万４０００元。㈠①Ⅻ\357\274\214' >"$tmp/fullwidth.txt"
processed fullwidth "$tmp/fullwidth.txt" &&
    { grep -q '"34000.0"^^xsd:decimal\|schema:value 34000.0' "$tmp/fullwidth.ttl" &&
        grep -q '"2021-03-05"^^xsd:date' "$tmp/fullwidth.ttl" &&
        anchor_at fullwidth "３万４０００元" 26 &&
        ok "fullwidth: 34000 CNY and 2021-03-05 from full-width digits, anchor as written" ||
        bad "fullwidth: values or anchors"; }

# 4-byte characters: offsets are code points, not UTF-16 units or bytes.
printf '𠮷𠮷𠮷𩸽,2021年3月5日,市长王大明出席。' >"$tmp/astral.txt"
processed astral "$tmp/astral.txt" &&
    { anchor_at astral "2021年3月5日" 5 && ok "astral: the date at code point 5 (UTF-16 would say 9)" ||
        bad "astral: the date is not at code point 5"; }

# A large file with no newline at all: prose with, now and then, a sentence
# of facts (a page of news, not a list of facts).
filler="会议指出，要坚持以人民为中心的发展思想，统筹推进各项工作，切实提高服务群众的能力和水平，不断增强人民群众的获得感、幸福感和安全感。"
unit="${filler}${filler}${filler}2021年3月5日至7日，区委副书记、区长陈志明出席并讲话，共有1200余名代表参加，投资3.5亿元。"
python3 - "$tmp/big.txt" "$BIG_MB" "$unit" <<'EOF'
import sys
unit = sys.argv[3].encode()
n = int(float(sys.argv[2]) * 1024 * 1024) // len(unit) + 1
with open(sys.argv[1], "wb") as f:
    for _ in range(n):
        f.write(unit)
EOF
size=$(wc -c <"$tmp/big.txt")
"$FACTGREP" extract --format ntriples --stats -o "$tmp/big.nt" "$tmp/big.txt" 2>"$tmp/big.err"
st=$?
if [ $st -ne 0 ]; then
    bad "no newline, $size bytes: exit $st"
    show "$tmp/big.err"
else
    # rapper reads N-Triples at some 50 000 triples a second: it checks the
    # first and last 20 000 lines; the line count is the triple count. The
    # text itself, one literal of some 50 MB, is checked by hostile-check.py
    # (rapper's parser takes minutes over one such line).
    lines=$(wc -l <"$tmp/big.nt")
    stated=$(sed -n 's/^stats: 1 document, [0-9.]* MB, [0-9]* facts, \([0-9]*\) triples$/\1/p' "$tmp/big.err")
    { head -n 20000 "$tmp/big.nt"; tail -n 20000 "$tmp/big.nt"; } | grep -v '#isString>' >"$tmp/ends.nt"
    python3 "$SRC/tests/hostile-check.py" nt-text-is "$tmp/big.nt" "$tmp/big.txt" || lines="text differs"
    ends=$(count_triples ntriples "$tmp/ends.nt")
    facts=$(sed -n 's/^stats: 1 document, [0-9.]* MB, \([0-9]*\) facts.*/\1/p' "$tmp/big.err")
    # Every repeat of the sentence gives the same facts: 2 dates, 1 role, 1
    # count, 1 money at least.
    repeats=$((size / $(printf '%s' "$unit" | wc -c)))
    if [ -n "$facts" ] && [ "$facts" -ge $((repeats * 4)) ] && [ "$lines" = "$stated" ] &&
        [ "$ends" = "$(wc -l <"$tmp/ends.nt")" ]; then
        ok "no newline, $size bytes: $facts facts, $lines triples; $(grep 'MB/s' "$tmp/big.err" | sed 's/^stats: //')"
    else
        bad "no newline, $size bytes: $facts facts for $repeats repeats; $lines lines, $stated triples; rapper read $ends of the ends"
        show "$tmp/big.err"
    fi
fi
rm -f "$tmp/big.nt"

# --- injection: quotes, brackets, backslashes, newlines in captured text ----
# A rule that captures anything between 「」 as a name, and file names that
# need escaping as document ids: the Turtle must stay valid and the IRIs
# ASCII, for rapper and (when installed) N3.js.
mkdir -p "$tmp/rules"
cat >"$tmp/rules/quote.rules" <<'EOF'
rule quote.any
  match    「(?<q>[^」]{1,40})」
  fact     schema:Person
  schema:name  text($q)
EOF
cat >"$tmp/evil\"name> <x> {y}.txt" <<'EOF'
甲「a"b」乙「c>d<e」丙「f\g」丁「h}i{j」戊「k
l」己「m\"n」庚「'''o"""」辛「<http://x/> . _:b」
EOF
f="$tmp/evil\"name> <x> {y}.txt"
if "$FACTGREP" extract --rules "$tmp/rules" -o "$tmp/inject.ttl" "$f" 2>"$tmp/inject.err"; then
    got=$(count_triples turtle "$tmp/inject.ttl")
    names=$(rapper -q -i turtle -o ntriples "$tmp/inject.ttl" 2>/dev/null | grep -c 'schema.org/name>')
    if [ "$names" = 8 ]; then
        ok "injection: rapper reads $got triples with the 8 names intact"
    else
        bad "injection: rapper reads $names of 8 names"
    fi
    python3 "$SRC/tests/hostile-check.py" injection "$tmp/inject.ttl" 'a"b' 'c>d<e' 'f\g' 'h}i{j' \
        "$(printf 'k\nl')" 'm\"n' "'''o\"\"\"" '<http://x/> . _:b' &&
        ok "injection: every name round-trips and every IRI is ASCII" || bad "injection: names or IRIs"
    if [ -f "$SRC/tests/store/node_modules/n3/package.json" ] && command -v node >/dev/null; then
        if (cd "$SRC/tests/store" && node n3-parse.js "$tmp/inject.ttl") >"$tmp/n3.out" 2>&1; then
            ok "injection: N3.js (strict Turtle) reads $(cat "$tmp/n3.out") triples"
        else
            bad "injection: N3.js rejects the file"
            show "$tmp/n3.out"
        fi
    else
        echo "skip - N3.js check (tests/store packages not installed; the store test installs them)"
    fi
else
    bad "injection: extract failed"
    show "$tmp/inject.err"
fi

# --- signals: SIGINT and SIGTERM leave no partial file -------------------------
# factgrep reads the text from a FIFO that stays open, so the signal comes
# while it runs: after the temporary output file exists, before the end.
for sig in INT:2 TERM:15; do
    num=${sig#*:}
    sig=${sig%:*}
    echo "older" >"$tmp/sig.ttl"
    rm -f "$tmp/fifo"
    mkfifo "$tmp/fifo"
    { printf '2021年3月5日，区委副书记、区长陈志明出席并讲话。'; sleep 30; } >"$tmp/fifo" &
    writer=$!
    "$FACTGREP" extract -o "$tmp/sig.ttl" - <"$tmp/fifo" 2>/dev/null &
    pid=$!
    i=0
    while [ $i -lt 200 ] && ! ls -A "$tmp" | grep -q '^\.sig\.ttl\.'; do
        sleep 0.05
        i=$((i + 1))
    done
    kill -s $sig $pid
    wait $pid
    st=$?
    kill $writer 2>/dev/null
    wait $writer 2>/dev/null
    if [ $i -ge 200 ]; then
        bad "SIG$sig: the temporary output file never appeared"
    elif [ $st -ne $((128 + num)) ]; then
        bad "SIG$sig: exit $st, want death by the signal"
    elif [ "$(cat "$tmp/sig.ttl")" = "older" ] && ! ls -A "$tmp" | grep -q '^\.sig\.ttl\.'; then
        ok "SIG$sig mid-run: exit $st, older file kept, no temporary file left"
    else
        bad "SIG$sig: partial output left (exit $st)"
    fi
done

# --- a full disk --------------------------------------------------------------
if [ -w /dev/full ]; then
    if "$FACTGREP" extract -o /dev/full "$tmp/crlf.txt" 2>"$tmp/full.err"; then
        bad "-o /dev/full: exit 0"
    elif [ -c /dev/full ] && grep -q "cannot write" "$tmp/full.err"; then
        ok "-o /dev/full: exit 1, 'cannot write', /dev/full still a device"
    else
        bad "-o /dev/full"
        show "$tmp/full.err"
    fi
fi
# A small tmpfs, where mounting is allowed (root, outside most containers).
mkdir "$tmp/small"
if mount -t tmpfs -o size=64k tmpfs "$tmp/small" 2>/dev/null; then
    echo "older" >"$tmp/small/out.ttl"
    python3 -c "
s = '2021年3月5日，区委副书记、区长陈志明出席并讲话，共有1200余名代表参加。\\n'
open('$tmp/dense.txt', 'w').write(s * 2000)"
    "$FACTGREP" extract -o "$tmp/small/out.ttl" "$tmp/dense.txt" 2>"$tmp/small.err" &&
        bad "full tmpfs: exit 0"
    if [ "$(cat "$tmp/small/out.ttl")" = "older" ] && [ "$(ls -A "$tmp/small")" = "out.ttl" ] &&
        grep -q "cannot write" "$tmp/small.err"; then
        ok "full 64 KB tmpfs: exit 1, 'cannot write', older file kept, no temporary file"
    else
        bad "full tmpfs: $(ls -A "$tmp/small" | tr '\n' ' ')"
        show "$tmp/small.err"
    fi
    umount "$tmp/small"
else
    echo "skip - a full tmpfs (mounting is not allowed here)"
fi

echo "hostile: $n checks, $([ $fail = 0 ] && echo "all pass" || echo "some fail")"
exit $fail
