#!/bin/sh
# tests/bench/bench-store.sh - the embedded store at a million triples.
#
# Environment: FACTGREP, the binary (default build/factgrep in SRC); SRC,
# the repository (default: two folders up from this script); BENCH_TRIPLES,
# the size of the big output (default 1000000); BENCH_QUERY_TIMEOUT, the
# seconds a query may run before it is stopped and shown as timed out
# (default 300; 0: no limit); TMPDIR, where the work folder goes (removed
# at the end). Works from any folder.
#
# The big output is real extractions, not text put into rules: the sample
# page and tests/texts/*.txt, extracted over and over as separate documents
# (copies named NAME-0001.txt, NAME-0002.txt, ...: a document's IRI is
# {base}doc/{file name without extension}, so every copy is a document of
# its own), in N-Triples, until the store will hold at least BENCH_TRIPLES
# distinct triples (the rules and roles the documents share count once).
#
# Then, on that output and on the sample page alone:
#   - load into a fresh store: seconds, triples per second (triples read),
#     the store's count, and the peak RSS of the load;
#   - each queries/*.rq: seconds and rows;
#   - load --replace of one document: seconds, and the count must not change.
#
# A benchmark prints figures; it sets no speed threshold (a query stopped
# at BENCH_QUERY_TIMEOUT is shown as such, not failed: rasqal runs a plain
# OPTIONAL's patterns again for every row on its left, so a query written
# that way grows with the square of the store; the shipped ones use sorted
# sub-SELECTs instead, see README). It fails (exit 1) only when
# a count is wrong: the store's count after load is not the
# number of distinct triples in the files, a query fails, or --replace
# changes the count.

set -u

here=$(cd "$(dirname "$0")" && pwd) || exit 2
SRC=${SRC:-$(cd "$here/../.." && pwd)}
case $SRC in /*) ;; *) SRC=$(pwd)/$SRC ;; esac
FACTGREP=${FACTGREP:-$SRC/build/factgrep}
case $FACTGREP in /*) ;; *) FACTGREP=$(pwd)/$FACTGREP ;; esac
TARGET=${BENCH_TRIPLES:-1000000}
QTIMEOUT=${BENCH_QUERY_TIMEOUT:-300}
LC_ALL=C.UTF-8
export LC_ALL

if [ ! -x "$FACTGREP" ]; then
    echo "bench-store.sh: no factgrep at $FACTGREP (build it, or set FACTGREP)" >&2
    exit 2
fi
SAMPLE=$SRC/examples/jiangmen-daily-pengjiang.txt
set -- "$SAMPLE" "$SRC"/tests/texts/*.txt
for f in "$@"; do
    [ -f "$f" ] || { echo "bench-store.sh: missing $f" >&2; exit 2; }
done
NSRC=$#

T=$(mktemp -d "${TMPDIR:-/tmp}/fg-bench-store.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT
trap 'exit 1' INT TERM HUP

nfail=0
timeouts=
fail() {
    nfail=$((nfail + 1))
    echo "FAIL - $*"
}

# --- clocks and peak RSS ----------------------------------------------
now() { # seconds since the epoch, with a fraction
    t=$(date +%s.%N 2>/dev/null)
    case $t in
    *N* | '') python3 -c 'import time; print("%.6f" % time.time())' ;;
    *) echo "$t" ;;
    esac
}
elapsed() { # START END -> seconds, 3 decimals
    awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'
}

# Peak RSS: GNU time's %M (package `time`, installed when missing and
# apt-get can), else the rusage of the finished child from python3 (the
# same wait4 figure GNU time reads).
RSS_HOW=
if [ -x /usr/bin/time ] && /usr/bin/time -f %M -o "$T/rss" true 2>/dev/null; then
    RSS_HOW="GNU time %M"
elif [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q time >"$T/apt.log" 2>&1 &&
    /usr/bin/time -f %M -o "$T/rss" true 2>/dev/null; then
    RSS_HOW="GNU time %M (package time installed now)"
elif command -v python3 >/dev/null 2>&1; then
    RSS_HOW="python3 resource.getrusage(RUSAGE_CHILDREN).ru_maxrss"
fi

# timed OUT COMMAND...: runs COMMAND (stdout and stderr to OUT), sets
# SECS, RSS_KB (empty when unknown) and RC.
timed() {
    out=$1
    shift
    rm -f "$T/rss"
    t0=$(now)
    case $RSS_HOW in
    GNU*) /usr/bin/time -f %M -o "$T/rss" "$@" >"$out" 2>&1 ;;
    python3*)
        python3 -c '
import resource, subprocess, sys
rc = subprocess.call(sys.argv[2:])
open(sys.argv[1], "w").write("%d\n" % resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
sys.exit(rc)' "$T/rss" "$@" >"$out" 2>&1 ;;
    *) "$@" >"$out" 2>&1 ;;
    esac
    RC=$?
    t1=$(now)
    SECS=$(elapsed "$t0" "$t1")
    RSS_KB=$(tail -1 "$T/rss" 2>/dev/null | tr -cd 0-9)
}

store_count() { # load output -> the store's triple count
    sed -n 's/^store .*: \([0-9][0-9]*\) triples*$/\1/p' "$1" | tail -1
}
sum_loaded() { # load output -> added + already there, over all files
    sed -n 's/^load: .*, \([0-9][0-9]*\) triples* added, \([0-9][0-9]*\) already there.*$/\1 \2/p' "$1" |
        awk '{ n += $1 + $2 } END { print n + 0 }'
}
mb() { awk -v k="$1" 'BEGIN { printf "%.0f MB", k / 1024 }'; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN { if (s > 0) printf "%.0f", n / s; else print "-" }'; }
row() { printf '%-44s %9s  %s\n' "$1" "$2" "$3"; }

# bench LABEL STORE INPUT_TRIPLES EXPECTED_COUNT REPLACE_FILE FILE...:
# load, queries, --replace, one table.
bench() {
    label=$1 store=$2 ntrip=$3 expect=$4 repl=$5
    shift 5
    echo
    echo "== $label =="
    row "step" "seconds" "result"
    timed "$T/load.out" "$FACTGREP" load --store "$store" "$@"
    n=$(store_count "$T/load.out")
    read_n=$(sum_loaded "$T/load.out")
    rss=${RSS_KB:+, peak RSS $(mb "$RSS_KB")}
    row "load (fresh store)" "$SECS" "$(rate "$ntrip" "$SECS") triples/s; $ntrip read, store holds ${n:-?} triples$rss"
    if [ $RC -ne 0 ] || [ -z "$n" ]; then
        fail "$label: load exited $RC"
        sed 's/^/    /' "$T/load.out" | tail -5
    elif [ "$read_n" != "$ntrip" ]; then
        fail "$label: load read $read_n triples (added + already there), the files hold $ntrip"
    elif [ "$n" != "$expect" ]; then
        fail "$label: the store holds $n triples, the files $expect distinct ones"
    fi
    for q in "$SRC"/queries/*.rq; do
        name=$(basename "$q")
        if [ "$QTIMEOUT" -gt 0 ] && command -v timeout >/dev/null 2>&1; then
            timed "$T/q.out" timeout "$QTIMEOUT" "$FACTGREP" query --store "$store" --format tsv -q "$q"
        else
            timed "$T/q.out" "$FACTGREP" query --store "$store" --format tsv -q "$q"
        fi
        if [ $RC -eq 124 ]; then
            row "query $name" ">$QTIMEOUT" "stopped after BENCH_QUERY_TIMEOUT=$QTIMEOUT s (not a failure)"
            timeouts="$timeouts${timeouts:+, }$name ($label)"
        elif [ $RC -eq 0 ]; then
            row "query $name" "$SECS" "$(($(wc -l <"$T/q.out") - 1)) rows"
        else
            row "query $name" "$SECS" "error (exit $RC)"
            fail "$label: query $name exited $RC"
            sed 's/^/    /' "$T/q.out" | tail -5
        fi
    done
    timed "$T/replace.out" "$FACTGREP" load --store "$store" --replace "$repl"
    n2=$(store_count "$T/replace.out")
    gone=$(sed -n 's/^load: .*, \([0-9][0-9]*\) replaced$/\1/p' "$T/replace.out")
    if [ $RC -eq 0 ] && [ -n "$n2" ] && [ "$n2" = "$n" ]; then
        verdict=PASS
    else
        verdict=FAIL
        fail "$label: load --replace $(basename "$repl"): exit $RC, store count ${n:-?} -> ${n2:-?}"
        sed 's/^/    /' "$T/replace.out" | tail -5
    fi
    row "load --replace $(basename "$repl")" "$SECS" "${gone:-?} triples out and back in; store ${n2:-?} triples: $verdict"
}

cores=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?')
echo "factgrep store benchmark: $("$FACTGREP" --version 2>/dev/null), $(date -u '+%Y-%m-%d %H:%M UTC'), $cores cores"
echo "peak RSS: ${RSS_HOW:-unknown (no GNU time, no python3)}"

# --- the big output -----------------------------------------------------
# One round: every source text once, as NAME-0001.txt.
mkdir "$T/txt" "$T/nt" || exit 2
copies() { # ROUND -> the round's file names (symbolic links to the sources)
    i=$(printf '%04d' "$1")
    for f in "$SAMPLE" "$SRC"/tests/texts/*.txt; do
        l=$T/txt/$(basename "$f" .txt)-$i.txt
        ln -s "$f" "$l" && echo "$l"
    done
}
# A round's triples: those of its documents (subjects under .../doc/ID) and
# the shared rules and roles.
copies 1 >"$T/round1.list"
# shellcheck disable=SC2046
"$FACTGREP" extract --format ntriples -o "$T/round1.nt" $(cat "$T/round1.list") || {
    echo "bench-store.sh: extraction failed" >&2
    exit 1
}
PER_ROUND=$(wc -l <"$T/round1.nt" | tr -d ' ')
DOC_ROUND=$(grep '^<[^>]*/doc/' "$T/round1.nt" | sort -u | wc -l | tr -d ' ')
SHARED=$(grep -v '^<[^>]*/doc/' "$T/round1.nt" | sort -u | wc -l | tr -d ' ')
ROUNDS=$(((TARGET - SHARED + DOC_ROUND - 1) / DOC_ROUND))
[ "$ROUNDS" -ge 1 ] || ROUNDS=1
rm -f "$T/round1.nt"

# Extraction, 25 rounds (150 documents) to a file.
t0=$(now)
r=1
chunk=0
while [ $r -le "$ROUNDS" ]; do
    chunk=$((chunk + 1))
    : >"$T/chunk.list"
    k=0
    while [ $k -lt 25 ] && [ $r -le "$ROUNDS" ]; do
        if [ $r -eq 1 ]; then cat "$T/round1.list"; else copies $r; fi >>"$T/chunk.list"
        r=$((r + 1))
        k=$((k + 1))
    done
    # shellcheck disable=SC2046
    "$FACTGREP" extract --format ntriples -o "$T/nt/part-$(printf '%03d' $chunk).nt" \
        $(cat "$T/chunk.list") || {
        echo "bench-store.sh: extraction failed" >&2
        exit 1
    }
done
t1=$(now)
BIG_TRIPLES=$(cat "$T"/nt/*.nt | wc -l | tr -d ' ')
BIG_DISTINCT=$((ROUNDS * DOC_ROUND + SHARED))
BIG_BYTES=$(cat "$T"/nt/*.nt | wc -c | tr -d ' ')
NDOCS=$((ROUNDS * NSRC))
echo "big output: $BIG_TRIPLES triples in N-Triples ($(mb $((BIG_BYTES / 1024))), $chunk files), $NDOCS documents"
echo "  = $ROUNDS copies of $NSRC texts (the sample page and tests/texts/*.txt), $PER_ROUND triples a round;"
echo "  distinct: $DOC_ROUND a round + $SHARED shared = $BIG_DISTINCT; extracted in $(elapsed "$t0" "$t1") s"
if [ "$BIG_TRIPLES" -ne $((ROUNDS * PER_ROUND)) ]; then
    fail "extraction: $BIG_TRIPLES triples, $ROUNDS rounds of $PER_ROUND expected"
fi

# The document --replace takes out and puts back: the second text's first copy.
REPL_SRC=$(sed -n 2p "$T/round1.list")
REPL=$T/$(basename "$REPL_SRC" .txt).nt
"$FACTGREP" extract --format ntriples -o "$REPL" "$REPL_SRC" || exit 1

bench "big: $BIG_TRIPLES triples, $NDOCS documents" "$T/store-big" "$BIG_TRIPLES" \
    "$BIG_DISTINCT" "$REPL" "$T"/nt/*.nt
rm -rf "$T/store-big" "$T/nt"

# --- the sample page alone, in Turtle -----------------------------------
"$FACTGREP" extract -o "$T/jiangmen-daily-pengjiang.ttl" "$SAMPLE" || exit 1
"$FACTGREP" extract --format ntriples -o "$T/sample.nt" "$SAMPLE" || exit 1
S_TRIPLES=$(wc -l <"$T/sample.nt" | tr -d ' ')
S_DISTINCT=$(sort -u "$T/sample.nt" | wc -l | tr -d ' ')
bench "sample: examples/jiangmen-daily-pengjiang.txt, $S_TRIPLES triples (Turtle)" \
    "$T/store-sample" "$S_TRIPLES" "$S_DISTINCT" "$T/jiangmen-daily-pengjiang.ttl" \
    "$T/jiangmen-daily-pengjiang.ttl"

echo
if [ $nfail -gt 0 ]; then
    echo "bench-store: $nfail check(s) FAIL"
    exit 1
fi
[ -z "$timeouts" ] || echo "timed out: $timeouts"
echo "bench-store: counts PASS (load = distinct triples of the files, queries ran, --replace kept the count)"
exit 0
