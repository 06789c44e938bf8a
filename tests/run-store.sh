#!/bin/sh
# tests/run-store.sh - the embedded store, and factgrep's RDF in other tools.
#
# Environment (set by ctest): FACTGREP, the binary; SRC, the repository.
# KEEP=1 keeps the work folder (printed at the start).
#
# Part 1, the embedded store (needs nothing but factgrep and python3; always
# runs): extract the sample page and a golden text, load them, load the page
# again (nothing added), extract the page again without the money rule, load
# that with --replace (the money goes, the other document stays, and the
# store is the store a fresh load of the two current files makes), run every
# queries/*.rq with --format json.
#
# Part 2, interoperability (needs rapper, node >= 18, npm and the packages of
# tests/store/package.json, which it installs when they are missing: apt-get
# for raptor2-utils, nodejs and npm, then `npm ci` in tests/store):
#   - rapper's triple counts against the store's;
#   - N3.js and Oxigraph parse the files strictly, with rapper's counts, and
#     all three read the same triples, datatypes included;
#   - every query gives the same answers from Oxigraph as from the embedded
#     store (tests/store/same-results.py: multisets of rows, numbers by
#     value, and the order ORDER BY defines);
#   - the outputs conform to ontology/shapes.ttl (rdf-validate-shacl), and
#     copies broken on purpose do not, with the right path.
#
# One line per check ("ok - ..." or "FAIL - ..."), then "store: N checks pass".
# Exit 0 when all pass, 1 when one fails, 77 (ctest: skipped) when all that
# ran passed but a part of part 2 could not run ("SKIP: what because why").

set -u

if [ -z "${FACTGREP:-}" ] || [ -z "${SRC:-}" ]; then
    echo "run-store.sh: set FACTGREP (the factgrep binary) and SRC (the repository)" >&2
    exit 2
fi
case $FACTGREP in /*) ;; *) FACTGREP=$(pwd)/$FACTGREP ;; esac
case $SRC in /*) ;; *) SRC=$(pwd)/$SRC ;; esac
LC_ALL=C.UTF-8
export LC_ALL

T=$(mktemp -d "${TMPDIR:-/tmp}/fg-store.XXXXXX") || exit 1
if [ "${KEEP:-0}" = 1 ]; then
    echo "work folder: $T"
else
    trap 'rm -rf "$T"' EXIT
fi
trap 'exit 1' INT TERM HUP

STORE_JS=$SRC/tests/store
SAME=$STORE_JS/same-results.py
SHAPES=$SRC/ontology/shapes.ttl
SAMPLE_TXT=$SRC/examples/jiangmen-daily-pengjiang.txt
MEETING_TXT=$SRC/tests/golden/001-meeting.txt

npass=0
nfail=0
skipped=

ok() {
    npass=$((npass + 1))
    echo "ok - $*"
}

bad() {
    nfail=$((nfail + 1))
    echo "FAIL - $*"
}

skip() {
    echo "SKIP: $1 because $2"
    skipped="$skipped${skipped:+, }$1"
}

# check DESCRIPTION COMMAND...: ok when COMMAND succeeds, else FAIL with its
# output (indented).
check() {
    desc=$1
    shift
    if "$@" >"$T/check.out" 2>&1; then
        ok "$desc"
    else
        bad "$desc"
        sed 's/^/    /' "$T/check.out" | head -40
    fi
}

# Show a file indented, under a failure.
show() {
    sed 's/^/    /' "$1" | head -"${2:-40}"
}

# The number of rows of a SPARQL JSON result, or of its "?n" count.
rows() {
    python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["results"]["bindings"]))' "$1"
}
count_n() {
    python3 -c '
import json, sys
b = json.load(open(sys.argv[1]))["results"]["bindings"]
print(b[0]["n"]["value"] if b and "n" in b[0] else "none")' "$1"
}
valid_json() {
    python3 -c 'import json,sys; json.load(open(sys.argv[1], encoding="utf-8"))' "$1"
}

fg_query() { # STORE OUT QUERY-OR-FILE...
    st=$1
    out=$2
    shift 2
    "$FACTGREP" query --store "$st" "$@" --format json >"$out" 2>"$out.err"
}

# "store DIR: N triples" from factgrep load's output.
store_count() {
    sed -n 's/^store .*: \([0-9][0-9]*\) triples$/\1/p' "$1" | tail -1
}

# "load: FILE: 1 document, A triples added, P already there" -> A and P.
added() {
    sed -n "s|^load: $2: .* \([0-9][0-9]*\) triples added.*|\1|p" "$1" | tail -1
}
present() {
    sed -n "s|^load: $2: .* \([0-9][0-9]*\) already there.*|\1|p" "$1" | tail -1
}

ncompared=
PFX='PREFIX schema: <http://schema.org/>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX prov: <http://www.w3.org/ns/prov#>'

mkdir -p "$T/q1" "$T/q2"
cat >"$T/q1/all-triples.rq" <<'EOF'
# Every triple: the store against the files, term by term.
SELECT ?s ?p ?o WHERE { ?s ?p ?o }
EOF
cat >"$T/money.rq" <<EOF
$PFX
SELECT ?m WHERE { ?m a schema:MonetaryAmount }
EOF

# ===================================================================
# Part 1: the embedded store
# ===================================================================

echo "# part 1: the embedded store"

# --- extract ---------------------------------------------------------
if (cd "$T" && "$FACTGREP" extract -o sample.ttl "$SAMPLE_TXT") >"$T/x1.log" 2>&1 &&
    test -s "$T/sample.ttl"; then
    ok "extract the sample page"
else
    bad "extract the sample page"
    show "$T/x1.log"
fi
if (cd "$T" && "$FACTGREP" extract -o meeting.ttl "$MEETING_TXT") >"$T/x2.log" 2>&1 &&
    test -s "$T/meeting.ttl"; then
    ok "extract tests/golden/001-meeting.txt"
else
    bad "extract tests/golden/001-meeting.txt"
    show "$T/x2.log"
fi

# The page without the money rule: copy the rules, cut money.rules from
# `rule money.amount` to its end.
cp -R "$SRC/rules" "$T/rules-nomoney"
sed '/^rule money\.amount/,$d' "$SRC/rules/money.rules" >"$T/rules-nomoney/money.rules"
if grep -q '^rule money\.amount' "$SRC/rules/money.rules" &&
    ! grep -q '^rule money\.amount' "$T/rules-nomoney/money.rules" &&
    (cd "$T" && "$FACTGREP" extract -r rules-nomoney -o sample2.ttl "$SAMPLE_TXT") >"$T/x3.log" 2>&1 &&
    test -s "$T/sample2.ttl"; then
    ok "extract the sample page again without rule money.amount"
else
    bad "extract the sample page again without rule money.amount"
    show "$T/x3.log"
fi
if grep -q 'schema:MonetaryAmount' "$T/sample.ttl" && ! grep -q 'schema:MonetaryAmount' "$T/sample2.ttl"; then
    ok "the page has money facts, and none without the rule"
else
    bad "the page has money facts, and none without the rule"
fi
check "factgrep audit: the sample page's output is clean" "$FACTGREP" audit "$T/sample.ttl"
check "factgrep audit: the meeting's output is clean" "$FACTGREP" audit "$T/meeting.ttl"

# --- load ------------------------------------------------------------
S1=$T/store1
(cd "$T" && "$FACTGREP" load --store "$S1" sample.ttl meeting.ttl) >"$T/load1.out" 2>&1
rc=$?
N1=$(store_count "$T/load1.out")
if [ $rc -eq 0 ] && [ -n "$N1" ] && [ "$N1" -gt 0 ]; then
    ok "load the two documents into a fresh store: $N1 triples"
else
    bad "load the two documents into a fresh store (exit $rc)"
    show "$T/load1.out"
    N1=0
fi
ADD_S=$(added "$T/load1.out" sample.ttl)
PRE_S=$(present "$T/load1.out" sample.ttl)
ADD_M=$(added "$T/load1.out" meeting.ttl)
PRE_M=$(present "$T/load1.out" meeting.ttl)

(cd "$T" && "$FACTGREP" load --store "$S1" sample.ttl) >"$T/load2.out" 2>&1
rc=$?
N=$(store_count "$T/load2.out")
if [ $rc -eq 0 ] && [ "$N" = "$N1" ] && grep -q '^load: sample.ttl: .* 0 triples added' "$T/load2.out"; then
    ok "load the sample page again: 0 triples added, still $N1 triples"
else
    bad "load the sample page again: want 0 triples added and $N1 triples"
    show "$T/load2.out"
fi

# --- queries on the store -----------------------------------------------
# Every shipped query, and all-triples.rq (every triple, to compare the
# store with the files term by term).
for q in "$SRC"/queries/*.rq; do
    cp "$q" "$T/q1/$(basename "$q")"
done
for q in "$T"/q1/*.rq; do
    name=$(basename "$q" .rq)
    if fg_query "$S1" "$T/q1/$name.fg.json" -q "$q" && valid_json "$T/q1/$name.fg.json"; then
        ok "embedded store: $name.rq gives SPARQL JSON ($(rows "$T/q1/$name.fg.json") rows)"
    else
        bad "embedded store: $name.rq"
        show "$T/q1/$name.fg.json.err"
    fi
done
if [ -f "$T/q1/audit.fg.json" ] && [ "$(rows "$T/q1/audit.fg.json" 2>/dev/null)" = 0 ]; then
    ok "embedded store: queries/audit.rq finds no bad span"
else
    bad "embedded store: queries/audit.rq finds bad spans"
    show "$T/q1/audit.fg.json"
fi

# The other document before the replacement: its triples (subjects under its
# context's IRI).
fg_query "$S1" "$T/contexts.json" "$PFX SELECT ?d WHERE { ?d a nif:Context }"
MEETING_DOC=$(python3 -c '
import json, sys
for b in json.load(open(sys.argv[1]))["results"]["bindings"]:
    if b["d"]["value"].endswith("001-meeting"):
        print(b["d"]["value"])' "$T/contexts.json" 2>/dev/null)
cat >"$T/meeting-count.rq" <<EOF
SELECT (COUNT(?s) AS ?n) WHERE { ?s ?p ?o FILTER(STRSTARTS(STR(?s), "$MEETING_DOC")) }
EOF
fg_query "$S1" "$T/meeting1.json" -q "$T/meeting-count.rq"
M1=$(count_n "$T/meeting1.json" 2>/dev/null)

# --- replace ----------------------------------------------------------
(cd "$T" && "$FACTGREP" load --store "$S1" --replace sample2.ttl) >"$T/load3.out" 2>&1
rc=$?
NR=$(store_count "$T/load3.out")
if [ $rc -eq 0 ] && [ -n "$NR" ]; then
    ok "load the page without money with --replace: $NR triples"
else
    bad "load the page without money with --replace (exit $rc)"
    show "$T/load3.out"
fi
fg_query "$S1" "$T/money-after.json" -q "$T/money.rq"
if [ "$(rows "$T/money-after.json" 2>/dev/null)" = 0 ]; then
    ok "after --replace: no schema:MonetaryAmount left"
else
    bad "after --replace: schema:MonetaryAmount facts are still there"
    show "$T/money-after.json"
fi
fg_query "$S1" "$T/meeting2.json" -q "$T/meeting-count.rq"
M2=$(count_n "$T/meeting2.json" 2>/dev/null)
if [ -n "$MEETING_DOC" ] && [ -n "$M1" ] && [ "$M1" != none ] && [ "$M1" -gt 0 ] && [ "$M2" = "$M1" ]; then
    ok "after --replace: the other document keeps its $M1 triples"
else
    bad "after --replace: the other document ($MEETING_DOC) had ${M1:-?} triples, now ${M2:-?}"
fi

S2=$T/store2
(cd "$T" && "$FACTGREP" load --store "$S2" sample2.ttl meeting.ttl) >"$T/load4.out" 2>&1
N2=$(store_count "$T/load4.out")
if [ -n "$N2" ] && [ "$N2" = "$NR" ]; then
    ok "after --replace: $NR triples, as a fresh store of the two current files"
else
    bad "after --replace: $NR triples, a fresh store of the two current files has ${N2:-?}"
fi
fg_query "$S1" "$T/dump-replaced.json" -q "$T/q1/all-triples.rq"
fg_query "$S2" "$T/dump-fresh.json" -q "$T/q1/all-triples.rq"
if python3 "$SAME" --names "replaced store,fresh store" --label "after --replace, every triple" \
    "$T/dump-replaced.json" "$T/dump-fresh.json" >"$T/same.out" 2>&1; then
    ok "after --replace: the same triples as the fresh store"
else
    bad "after --replace: not the same triples as the fresh store"
    show "$T/same.out"
fi

# The shipped queries again, after --replace (the triples themselves were
# compared with the fresh store above).
for q in "$SRC"/queries/*.rq; do
    cp "$q" "$T/q2/$(basename "$q")"
done
for q in "$T"/q2/*.rq; do
    name=$(basename "$q" .rq)
    if fg_query "$S1" "$T/q2/$name.fg.json" -q "$q" && valid_json "$T/q2/$name.fg.json"; then
        :
    else
        bad "embedded store after --replace: $name.rq"
        show "$T/q2/$name.fg.json.err"
    fi
done

# ===================================================================
# Part 2: interoperability
# ===================================================================

echo "# part 2: rapper, N3.js, Oxigraph, SHACL"

SUDO=
can_apt() {
    command -v apt-get >/dev/null 2>&1 || return 1
    if [ "$(id -u)" = 0 ]; then
        SUDO=
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        SUDO="sudo -n"
    else
        return 1
    fi
}
apt_install() { # PACKAGE...
    can_apt || { echo "no apt-get, or no root and no password-less sudo" >"$T/apt.log"; return 1; }
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" >"$T/apt.log" 2>&1 && return 0
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q >>"$T/apt.log" 2>&1 &&
        $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" >>"$T/apt.log" 2>&1
}
why_apt() {
    tail -1 "$T/apt.log" 2>/dev/null | cut -c1-160
}

HAVE_RAPPER=0
if command -v rapper >/dev/null 2>&1; then
    HAVE_RAPPER=1
elif apt_install raptor2-utils && command -v rapper >/dev/null 2>&1; then
    HAVE_RAPPER=1
else
    skip "the rapper checks" "rapper is missing and raptor2-utils could not be installed ($(why_apt))"
fi

node_ok() {
    command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 &&
        [ "$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)" -ge 18 ]
}
HAVE_NODE=0
if node_ok; then
    HAVE_NODE=1
elif apt_install nodejs npm && node_ok; then
    HAVE_NODE=1
else
    if command -v node >/dev/null 2>&1; then
        skip "the N3.js, Oxigraph and SHACL checks" "node $(node --version 2>/dev/null) is older than 18 or npm is missing"
    else
        skip "the N3.js, Oxigraph and SHACL checks" "node and npm are missing and could not be installed ($(why_apt))"
    fi
fi

packages_ok() {
    (cd "$STORE_JS" && node -e '
require("oxigraph"); require("n3");
Promise.all(["rdf-validate-shacl", "rdf-validate-datatype", "@rdfjs/dataset"].map((m) => import(m)))
  .then(() => process.exit(0), () => process.exit(1));') >/dev/null 2>&1
}
if [ $HAVE_NODE = 1 ]; then
    # Install when a package is missing or the lockfile changed since.
    if ! packages_ok || [ -n "$(find "$STORE_JS/package-lock.json" \
        -newer "$STORE_JS/node_modules/.package-lock.json" 2>/dev/null)" ]; then
        echo "installing the packages of tests/store/package.json"
        if [ -f "$STORE_JS/package-lock.json" ]; then
            (cd "$STORE_JS" && npm ci --no-audit --no-fund) >"$T/npm.log" 2>&1
        else
            (cd "$STORE_JS" && npm install --no-audit --no-fund) >"$T/npm.log" 2>&1
        fi
    fi
    if ! packages_ok; then
        HAVE_NODE=0
        skip "the N3.js, Oxigraph and SHACL checks" \
            "npm could not install tests/store's packages ($(grep -m1 -i 'err' "$T/npm.log" 2>/dev/null | cut -c1-160))"
    fi
fi

OXQ="node $STORE_JS/oxigraph-query.js"
N3P="node $STORE_JS/n3-parse.js"

# --- rapper counts ---------------------------------------------------
rapper_count() {
    rapper -i turtle -c "$1" 2>&1 | sed -n 's/^rapper: Parsing returned \([0-9][0-9]*\) triples*$/\1/p'
}
if [ $HAVE_RAPPER = 1 ]; then
    R_S=$(rapper_count "$T/sample.ttl")
    R_M=$(rapper_count "$T/meeting.ttl")
    R_S2=$(rapper_count "$T/sample2.ttl")
    if [ -n "$R_S" ] && [ -n "$R_M" ] && [ -n "$R_S2" ]; then
        ok "rapper parses the outputs: $R_S + $R_M triples (page without money: $R_S2)"
    else
        bad "rapper parses the outputs (sample: ${R_S:-error}, meeting: ${R_M:-error}, without money: ${R_S2:-error})"
    fi
    if [ -n "$ADD_S" ] && [ -n "$PRE_S" ] && [ -n "$ADD_M" ] && [ -n "$PRE_M" ] &&
        [ "$((ADD_S + PRE_S))" = "$R_S" ] && [ "$((ADD_M + PRE_M))" = "$R_M" ]; then
        ok "store load: every triple of each file added or already there ($ADD_S + $PRE_S = $R_S, $ADD_M + $PRE_M = $R_M)"
    else
        bad "store load: added + already there should be rapper's count (sample ${ADD_S:-?} + ${PRE_S:-?} vs ${R_S:-?}, meeting ${ADD_M:-?} + ${PRE_M:-?} vs ${R_M:-?})"
    fi
    # The store is a set: triples the documents share (rules, roles) count
    # once, so the store holds the distinct triples of the two files.
    rapper -q -i turtle -o ntriples "$T/sample.ttl" >"$T/sample.nt" 2>/dev/null
    rapper -q -i turtle -o ntriples "$T/meeting.ttl" >"$T/meeting.nt" 2>/dev/null
    U=$(cat "$T/sample.nt" "$T/meeting.nt" | sort -u | wc -l | tr -d ' ')
    if [ "$U" = "$N1" ]; then
        ok "store count: $N1 triples = the $U distinct triples of the two files ($((R_S + R_M)) summed, $((R_S + R_M - U)) shared)"
    else
        bad "store count: $N1 triples, the two files hold $U distinct triples ($((R_S + R_M)) summed)"
    fi
fi

if [ $HAVE_NODE = 1 ]; then
    # --- strict parsers ----------------------------------------------
    for f in sample meeting sample2; do
        if $N3P "$T/$f.ttl" >"$T/$f.n3count" 2>"$T/$f.n3err"; then
            c=$(cat "$T/$f.n3count")
            if [ $HAVE_RAPPER = 1 ]; then
                case $f in
                sample) r=$R_S ;;
                meeting) r=$R_M ;;
                *) r=$R_S2 ;;
                esac
                if [ "$c" = "$r" ]; then
                    ok "N3.js (strict Turtle) parses $f.ttl: $c triples, as rapper"
                else
                    bad "N3.js (strict Turtle) parses $f.ttl: $c triples, rapper $r"
                fi
            else
                ok "N3.js (strict Turtle) parses $f.ttl: $c triples"
            fi
        else
            bad "N3.js (strict Turtle) rejects $f.ttl"
            show "$T/$f.n3err"
        fi
        if $OXQ --count "$T/$f.ttl" >"$T/$f.oxcount" 2>"$T/$f.oxerr"; then
            ok "Oxigraph (strict Turtle) loads $f.ttl: $(cat "$T/$f.oxcount") triples"
        else
            bad "Oxigraph (strict Turtle) rejects $f.ttl"
            show "$T/$f.oxerr"
        fi
    done
    D=$($N3P --distinct "$T/sample.ttl" "$T/meeting.ttl" 2>/dev/null)
    O=$($OXQ --count "$T/sample.ttl" "$T/meeting.ttl" 2>/dev/null)
    if [ "$D" = "$N1" ] && [ "$O" = "$N1" ]; then
        ok "distinct triples of the two files: N3.js $D, Oxigraph $O, embedded store $N1"
    else
        bad "distinct triples of the two files: N3.js ${D:-?}, Oxigraph ${O:-?}, embedded store $N1"
    fi
    # The same triples, term by term, datatypes included, from each parser.
    if [ $HAVE_RAPPER = 1 ]; then
        for f in sample meeting; do
            $OXQ --canonical "$T/$f.ttl" 2>&1 | sort >"$T/$f.ox.canon"
            $N3P --canonical "$T/$f.ttl" 2>&1 | sort >"$T/$f.n3.canon"
            $N3P --canonical --ntriples "$T/$f.nt" 2>&1 | sort >"$T/$f.rapper.canon"
            if [ -s "$T/$f.ox.canon" ] && cmp -s "$T/$f.ox.canon" "$T/$f.n3.canon" &&
                cmp -s "$T/$f.n3.canon" "$T/$f.rapper.canon"; then
                ok "rapper, N3.js and Oxigraph read the same $(wc -l <"$T/$f.ox.canon" | tr -d ' ') triples of $f.ttl, datatypes included"
            else
                bad "rapper, N3.js and Oxigraph read different triples from $f.ttl"
                diff "$T/$f.rapper.canon" "$T/$f.n3.canon" | head -10 | sed 's/^/    rapper|n3: /'
                diff "$T/$f.n3.canon" "$T/$f.ox.canon" | head -10 | sed 's/^/    n3|oxigraph: /'
            fi
        done
    fi

    # --- the same answers from Oxigraph --------------------------------
    cat "$T/sample.ttl" "$T/meeting.ttl" >"$T/all1.ttl"
    cat "$T/sample2.ttl" "$T/meeting.ttl" >"$T/all2.ttl"
    ncompared=0
    for state in 1 2; do
        case $state in
        1) what="sample + meeting" ;;
        2) what="after --replace" ;;
        esac
        for q in "$T/q$state"/*.rq; do
            name=$(basename "$q" .rq)
            [ -f "$T/q$state/$name.fg.json" ] || continue
            if ! $OXQ -q "$q" "$T/all$state.ttl" >"$T/q$state/$name.ox.json" 2>"$T/q$state/$name.ox.err"; then
                bad "Oxigraph: $name.rq ($what)"
                show "$T/q$state/$name.ox.err"
                continue
            fi
            ncompared=$((ncompared + 1))
            if python3 "$SAME" --query "$q" --names "factgrep,oxigraph" \
                --label "$name.rq" "$T/q$state/$name.fg.json" "$T/q$state/$name.ox.json" >"$T/same.out" 2>&1; then
                ok "same answers, embedded store and Oxigraph ($what): $name.rq $(sed -n '1s/^[^:]*: same //p' "$T/same.out")"
                sed -n '2,$p' "$T/same.out" | sed 's/^ */    /'
            else
                bad "different answers, embedded store and Oxigraph ($what): $name.rq"
                show "$T/same.out"
            fi
        done
    done

    # --- N-Quads: a named graph per document, replaced in Oxigraph ------
    if (cd "$T" && "$FACTGREP" extract --format nquads -o doc1.nq "$SAMPLE_TXT" &&
        "$FACTGREP" extract --format nquads -o doc2.nq "$MEETING_TXT") >/dev/null 2>&1 &&
        rapper -q -i nquads -c "$T/doc1.nq" 2>/dev/null; then
        if node "$STORE_JS/nquads-graphs.js" "$T/doc1.nq" "$T/doc2.nq" >"$T/nq.out" 2>&1; then
            ok "N-Quads: one graph per document in Oxigraph; a graph dropped and loaded again, the other untouched"
        else
            bad "N-Quads graphs in Oxigraph"
            show "$T/nq.out"
        fi
    else
        bad "N-Quads: extract --format nquads or rapper -i nquads failed"
    fi

    # --- SHACL ---------------------------------------------------------
    (cd "$T" && "$FACTGREP" extract --omit-text -o sample-omit.ttl "$SAMPLE_TXT") >/dev/null 2>&1
    (cd "$T" && "$FACTGREP" extract --doc-date 2023-10-12 -o sample-dated.ttl "$SAMPLE_TXT") >/dev/null 2>&1
    for f in sample meeting sample2 sample-omit sample-dated; do
        if [ ! -s "$T/$f.ttl" ]; then
            bad "SHACL: no $f.ttl to validate"
            continue
        fi
        if node "$STORE_JS/shacl.js" --shapes "$SHAPES" "$T/$f.ttl" >"$T/$f.shacl" 2>&1; then
            ok "SHACL: $f.ttl conforms to ontology/shapes.ttl"
        else
            bad "SHACL: $f.ttl does not conform to ontology/shapes.ttl"
            show "$T/$f.shacl" 30
        fi
    done
    # Broken on purpose: a mention without nif:anchorOf, a currency that is
    # not an ISO 4217 code.
    awk '!done && /^[ \t]*nif:anchorOf /{done=1; next} {print}' "$T/sample.ttl" >"$T/broken-anchor.ttl"
    sed '0,/schema:currency "CNY"/s//schema:currency "yuan"/' "$T/sample.ttl" >"$T/broken-currency.ttl"
    for b in "anchor:nif-core#anchorOf>:MinCount" "currency:schema.org/currency>:Pattern"; do
        f=broken-${b%%:*}
        rest=${b#*:}
        path=${rest%%:*}
        comp=${rest#*:}
        if cmp -s "$T/sample.ttl" "$T/$f.ttl"; then
            bad "SHACL: could not break $f (nothing to change in sample.ttl)"
            continue
        fi
        node "$STORE_JS/shacl.js" --shapes "$SHAPES" "$T/$f.ttl" >"$T/$f.shacl" 2>&1
        rc=$?
        if [ $rc -eq 1 ] && grep -q "path <[^ ]*$path.*sh:${comp}ConstraintComponent" "$T/$f.shacl"; then
            ok "SHACL: $f.ttl does not conform: $(grep -c '^  focus' "$T/$f.shacl") result, path $path, sh:${comp}ConstraintComponent"
        else
            bad "SHACL: $f.ttl should fail on path $path (sh:${comp}ConstraintComponent), exit $rc"
            show "$T/$f.shacl" 20
        fi
    done
fi

# ===================================================================
total=$((npass + nfail))
if [ $nfail -gt 0 ]; then
    echo "store: $nfail of $total checks fail"
    exit 1
fi
echo "store: $npass checks pass${ncompared:+ ($ncompared query results compared with Oxigraph)}"
if [ -n "$skipped" ]; then
    echo "SKIP: $skipped (see above)"
    exit 77
fi
exit 0
