#!/bin/sh
# Reviewing output: the audit on good and tampered files, its SPARQL form,
# diff after a rule is removed, explain on an overlap, and the DOT picture.
set -u
: "${FACTGREP:?}" "${SRC:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
n=0
SAMPLE="$SRC/examples/jiangmen-daily-pengjiang.txt"
M='http://factgrep.example/doc/jiangmen-daily-pengjiang#char=2554,2560'

# expect NAME STATUS FILE TEXT: the last command's status and a line of FILE.
expect() {
    n=$((n + 1))
    if [ "$2" != "$got" ]; then
        echo "FAIL $1: exit status $got, want $2"; sed 's/^/  | /' "$tmp/err" | head -5; fail=1
    elif ! grep -qF -- "$4" "$3"; then
        echo "FAIL $1: '$4' not in $(basename "$3")"; sed 's/^/  | /' "$3" | head -8; fail=1
    fi
}
run() {
    "$@" >"$tmp/out" 2>"$tmp/err"
    got=$?
}

"$FACTGREP" extract -o "$tmp/s.ttl" "$SAMPLE" || exit 1

# --- the audit passes on good output, with the text in it or left out --------
run "$FACTGREP" audit "$tmp/s.ttl"
expect audit-clean 0 "$tmp/out" "no problems"
"$FACTGREP" extract --omit-text -o "$tmp/o.ttl" "$SAMPLE"
run "$FACTGREP" audit "$tmp/o.ttl" "$SAMPLE"
expect audit-omitted-text 0 "$tmp/out" "no problems"
"$FACTGREP" extract --format ntriples -o "$tmp/s.nt" "$SAMPLE"
run "$FACTGREP" audit "$tmp/s.nt"
expect audit-ntriples 0 "$tmp/out" "no problems"
for t in "$SRC"/tests/golden/[0-9]*.txt; do
    "$FACTGREP" extract $(cat "${t%.txt}.args" 2>/dev/null) -o "$tmp/g.ttl" "$t" 2>/dev/null
    run "$FACTGREP" audit "$tmp/g.ttl"
    expect "audit-$(basename "$t" .txt)" 0 "$tmp/out" "no problems"
done

# --- tampered copies fail, naming the fact and the span ------------------------
tamper() { # NAME PYTHON-EXPRESSION-ON-s
    python3 - "$tmp/s.ttl" "$tmp/$1.ttl" "$2" <<'PY'
import re
import sys
s = open(sys.argv[1], encoding="utf-8").read()
t = eval(sys.argv[3])
assert t != s, "the tampering changed nothing"
open(sys.argv[2], "w", encoding="utf-8").write(t)
PY
}
tamper anchor 's.replace("nif:anchorOf \"21.3万元\"", "nif:anchorOf \"21.8万元\"")'
run "$FACTGREP" audit "$tmp/anchor.ttl"
expect tamper-anchor 1 "$tmp/err" 'rule money.amount: fact/money.amount/2554-2560 [2554,2560): nif:anchorOf is "21.8万元" but the text has "21.3万元" there'
tamper shifted 's.replace("nif:beginIndex \"2554\"", "nif:beginIndex \"2555\"").replace("nif:endIndex \"2560\"", "nif:endIndex \"2561\"")'
run "$FACTGREP" audit "$tmp/shifted.ttl"
expect tamper-shifted 1 "$tmp/err" 'fact/money.amount/2554-2560 [2555,2561): nif:anchorOf is "21.3万元" but the text has "1.3万元的" there'
tamper text 's.replace("追回了21.3万元", "追回了21.9万元")'
run "$FACTGREP" audit "$tmp/text.ttl"
expect tamper-text 1 "$tmp/err" 'fact/money.amount/2554-2560 [2554,2560): nif:anchorOf is "21.3万元" but the text has "21.9万元" there'
tamper nomention 're.sub("    prov:wasDerivedFrom <'"$M"'> ;\n(?=(    fg:article <[^>]*> ;\n)?    fg:rule <http://factgrep.example/rule/money.amount>)", "", s)'
run "$FACTGREP" audit "$tmp/nomention.ttl"
expect tamper-no-mention 1 "$tmp/err" 'rule money.amount: fact/money.amount/2554-2560 has no mention (prov:wasDerivedFrom)'
sed 's/21\.3万元/21.9万元/' "$SAMPLE" >"$tmp/changed.txt"
run "$FACTGREP" audit "$tmp/o.ttl" "$tmp/changed.txt"
expect tamper-original-file 1 "$tmp/err" "changed.txt is the text of no document in the file"
tamper datatype 's.replace("schema:value 213000.0", "schema:value \"213000\"")'
run "$FACTGREP" audit "$tmp/datatype.ttl"
expect tamper-datatype 1 "$tmp/err" 'fact/money.amount/2554-2560 schema:value "213000": its datatype is http://www.w3.org/2001/XMLSchema#string but the ontology expects http://www.w3.org/2001/XMLSchema#decimal'
printf '<http://x/a> <http://x/b> <http://x/c d> .\n' >"$tmp/bad.nt"
run "$FACTGREP" audit "$tmp/bad.nt"
expect bad-rdf 1 "$tmp/err" "not valid Turtle"

# --- the same span check in SPARQL (queries/audit.rq) ---------------------------
if command -v roqet >/dev/null; then
    n=$((n + 1))
    [ "$(roqet -q -r csv -D "$tmp/s.ttl" -i sparql "$SRC/queries/audit.rq" | wc -l)" -le 1 ] ||
        { echo "FAIL audit.rq: rows on a clean file"; fail=1; }
    n=$((n + 1))
    roqet -q -r csv -D "$tmp/anchor.ttl" -i sparql "$SRC/queries/audit.rq" | grep -qF "$M" ||
        { echo "FAIL audit.rq: the edited anchor is not found"; fail=1; }
else
    echo "SKIP audit.rq: roqet (rasqal-utils) is not installed"
fi

# --- diff shows exactly the facts of a rule that was removed --------------------
cp -r "$SRC/rules" "$tmp/rules"
python3 - "$tmp/rules/money.rules" <<'PY'
import sys
s = open(sys.argv[1], encoding="utf-8").read()
open(sys.argv[1], "w", encoding="utf-8").write(s[:s.index("rule money.amount")])
PY
"$FACTGREP" extract --rules "$tmp/rules" -o "$tmp/without.ttl" "$SAMPLE"
run "$FACTGREP" diff "$tmp/s.ttl" "$tmp/without.ttl"
expect diff 0 "$tmp/out" "diff: 0 added, 2 removed, 0 changed"
n=$((n + 1))
[ "$(grep -c '^- removed .*(rule money.amount)' "$tmp/out")" -eq 2 ] && [ "$(grep -c '^[-+~]' "$tmp/out")" -eq 2 ] ||
    { echo "FAIL diff: not exactly the two facts of money.amount"; cat "$tmp/out"; fail=1; }
run "$FACTGREP" diff --exit-code "$tmp/s.ttl" "$tmp/without.ttl"
expect diff-exit-code 1 "$tmp/out" "2 removed"
run "$FACTGREP" diff --exit-code "$tmp/s.ttl" "$tmp/s.ttl"
expect diff-same 0 "$tmp/out" "0 added, 0 removed, 0 changed"

# --- explain names the winner of an overlap and the reason ----------------------
run "$FACTGREP" explain "2019年6月,工程动工"
expect explain-loser 0 "$tmp/out" 'date.year [0,5) "2019年" (group dates): lost to date.month [0,7): it is longer (7 code points against 5)'
expect explain-winner 0 "$tmp/out" 'date.month [0,7) "2019年6月" (group dates): won'
expect explain-fact 0 "$tmp/out" 'fact: time:Instant time:inXSDgYearMonth=2019-06'
expect explain-silent 0 "$tmp/out" 'rules that matched nothing: '

# --- the picture: DOT that Graphviz reads, with hostile names escaped ----------
run "$FACTGREP" extract --format dot "$SAMPLE"
expect dot 0 "$tmp/out" 'label="区委"'
printf '%s' '社区开展“关爱"老人\}”志愿服务活动。' >"$tmp/q.txt"
run "$FACTGREP" extract --format dot "$tmp/q.txt"
cp "$tmp/out" "$tmp/q.dot"
expect dot-escaped 0 "$tmp/q.dot" 'label="“关爱\"老人\\}”志愿服务活动"'
if command -v dot >/dev/null; then
    n=$((n + 1))
    dot -Tsvg "$tmp/out" >/dev/null 2>"$tmp/err" && dot -Tsvg "$tmp/q.dot" >/dev/null 2>>"$tmp/err" ||
        { echo "FAIL dot: Graphviz rejects the output"; cat "$tmp/err"; fail=1; }
else
    echo "SKIP dot -Tsvg: graphviz is not installed"
fi

[ $fail -eq 0 ] && echo "review: $n checks pass"
exit $fail
