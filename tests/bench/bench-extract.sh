#!/bin/sh
# Throughput and memory of `factgrep extract` at corpus scale (make bench).
#
# Prints figures; it is not a timed test: no speed makes it fail. It exits
# non-zero only on a real failure (a command that fails, or --jobs 2 output
# that differs from --jobs 1).
#
# Environment:
#   FACTGREP        the binary (default: $SRC/build/factgrep)
#   SRC             the repository root (default: two levels above this script)
#   BENCH_MB        size of the large text file in MB (default 100); the scaling
#                   inputs are 1x = BENCH_MB/100, 10x = BENCH_MB/10, 100x = BENCH_MB
#   BENCH_JSONL_MB  size of the JSON Lines corpus in MB (default 1024)
#   BENCH_CKSUM=1   compare the --jobs outputs by cksum of the streams instead
#                   of two files and cmp (chosen anyway when the disk is short)
#   BENCH_TMP       where the corpora and outputs go (default ${TMPDIR:-/tmp});
#                   all of it is removed on exit
# MB is 10^6 bytes, as in factgrep --stats. Rates are input MB (and facts) per
# second of WALL time of the factgrep process, which includes
# loading the rules and writing the output; the --stats split (read, extract,
# write) is printed beside them.
#
# The corpora are made from the sample page and the project's own texts
# (five of tests/texts, tests/golden) by tests/bench/make_corpus.py:
# paragraphs shuffled with fixed seeds, so every run reads the same bytes.
set -u

here=$(cd "$(dirname "$0")" && pwd)
SRC=${SRC:-$(cd "$here/../.." && pwd)}
FACTGREP=${FACTGREP:-$SRC/build/factgrep}
BENCH_MB=${BENCH_MB:-100}
BENCH_JSONL_MB=${BENCH_JSONL_MB:-1024}
GEN="$SRC/tests/bench/make_corpus.py"
NAIVE="$SRC/tests/bench/naive_extract.py"
PATTERN='[0-9]+万元'
export LC_ALL=C.UTF-8 SRC

die() { echo "bench-extract: $*" >&2; exit 1; }

[ -x "$FACTGREP" ] || die "no factgrep at $FACTGREP (build first, or set FACTGREP)"
[ -f "$GEN" ] || die "no $GEN (set SRC to the repository root)"
command -v python3 >/dev/null 2>&1 || die "python3 is missing"

# GNU time (package 'time') for wall time and peak RSS; pcre2grep (package
# pcre2-utils) for the baseline. Both are in the Makefile's DEB_PACKAGES;
# install them here too when run as root.
install_pkg() {
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "installing $1"
        { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1"; } >/dev/null 2>&1
    fi
}
GTIME=/usr/bin/time
[ -x "$GTIME" ] || install_pkg time
[ -x "$GTIME" ] && "$GTIME" -f %M true >/dev/null 2>&1 || die "GNU time is missing (apt-get install time)"
command -v pcre2grep >/dev/null 2>&1 || install_pkg pcre2-utils

tmpbase=${BENCH_TMP:-${TMPDIR:-/tmp}}
mkdir -p "$tmpbase" || die "cannot make $tmpbase"
tmp=$(mktemp -d "$tmpbase/bench-extract.XXXXXX") || die "cannot make a folder in $tmpbase"
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# awk does the arithmetic; "-" when a figure is missing or a divisor is 0.
calc() { awk -v a="$1" -v b="$2" -v op="$3" -v fmt="${4:-%.2f}" 'BEGIN {
    if (a == "" || a == "-" || b == "" || b == "-") { print "-"; exit }
    if (op == "/") { if (b + 0 == 0) { print "-"; exit } printf fmt "\n", a / b; exit }
    if (op == "*") { printf fmt "\n", a * b; exit } }'; }
mb_of() { awk -v n="$(wc -c <"$1")" 'BEGIN { printf "%.2f\n", n / 1e6 }'; }

# run NAME CMD...: runs CMD under GNU time; stdout to $tmp/NAME.out unless
# CMD writes elsewhere, stderr to $tmp/NAME.err; sets WALL (s) and RSS (MB).
# A failing command is a real failure: show its stderr and stop.
# Wall time comes from date +%s%N around the command when date has %N (GNU
# time's %e has 10 ms steps, too coarse for pcre2grep), else from %e.
now_ns() { date +%s%N; }
case $(now_ns) in *N*) now_ns() { echo -; } ;; esac
# Each run starts with the page cache's dirty pages written (sync, not
# timed): a run's fsync of its output would otherwise wait for the
# gigabytes an earlier run left to the disk.
run() {
    name=$1
    shift
    sync
    t0=$(now_ns)
    if ! "$GTIME" -f '%e %M' -o "$tmp/$name.time" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"; then
        echo "FAIL: $name: $*" >&2
        grep -v '^stats:  ' "$tmp/$name.err" | tail -n 20 >&2
        exit 1
    fi
    t1=$(now_ns)
    if [ "$t0" = - ]; then
        WALL=$(awk 'END { print $1 }' "$tmp/$name.time")
    else
        WALL=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", (b - a) / 1e9 }')
    fi
    RSS=$(awk 'END { printf "%.0f\n", $2 / 1024 }' "$tmp/$name.time")
}
# The --stats figures of a run: FACTS, TRIPLES, T_READ, T_EXTRACT, T_WRITE.
stats_of() {
    eval "$(awk '
        /^stats: .* facts, / { for (i = 2; i <= NF; i++) {
            if ($i == "facts,") f = $(i - 1); if ($i == "triples") t = $(i - 1) } }
        /^stats: read / { for (i = 2; i <= NF; i++) {
            if ($i == "read") r = $(i + 1); if ($i == "extract") e = $(i + 1); if ($i == "write") w = $(i + 1) } }
        END { printf "FACTS=%s TRIPLES=%s T_READ=%s T_EXTRACT=%s T_WRITE=%s\n",
              f == "" ? "-" : f, t == "" ? "-" : t, r == "" ? "-" : r, e == "" ? "-" : e, w == "" ? "-" : w }' "$tmp/$1.err")"
}

ROWS="$tmp/summary.rows"
: >"$ROWS"
row() { printf '%-34s %9s %9s %9s %10s %9s\n' "$@" >>"$ROWS"; }

echo "== factgrep extract benchmark: BENCH_MB=$BENCH_MB BENCH_JSONL_MB=$BENCH_JSONL_MB"
echo "factgrep: $FACTGREP ($("$FACTGREP" --version 2>/dev/null | head -n 1))"
echo "machine: $(nproc 2>/dev/null || echo '?') cores, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo 2>/dev/null); temp: $tmp"
echo "MB = 10^6 bytes; rates are per second of wall time of the whole process (rules loaded, output written)"

help=$("$FACTGREP" extract --help 2>&1)
has_flag() { printf '%s\n' "$help" | grep -q -- "$1"; }

# ---- the large file and its 1x / 10x slices -------------------------------
one=$(calc "$BENCH_MB" 100 / %.4f)
ten=$(calc "$BENCH_MB" 10 / %.4f)
big="$tmp/large.txt"
echo
echo "-- corpus: large text file of >= $BENCH_MB MB (paragraphs of the sample page, five of tests/texts and tests/golden, shuffled, seed 1)"
python3 "$GEN" text --mb "$BENCH_MB" >"$big" || die "make_corpus.py text failed"
python3 "$GEN" text --mb "$one" >"$tmp/x1.txt" || die "make_corpus.py text failed"
python3 "$GEN" text --mb "$ten" >"$tmp/x10.txt" || die "make_corpus.py text failed"
BIG_MB=$(mb_of "$big")
echo "large file: $BIG_MB MB; 1x: $(mb_of "$tmp/x1.txt") MB, 10x: $(mb_of "$tmp/x10.txt") MB, 100x: the large file"

# ---- factgrep on the large file: N-Triples, then Turtle -------------------
for fmt in ntriples turtle; do
    echo
    echo "-- factgrep extract --format $fmt --stats on the large file (one document)"
    run "big-$fmt" "$FACTGREP" extract -q --stats --format "$fmt" -o "$tmp/big.$fmt" "$big"
    stats_of "big-$fmt"
    out_mb=$(mb_of "$tmp/big.$fmt")
    [ "$fmt" = ntriples ] && NT_RATIO=$(calc "$out_mb" "$BIG_MB" / %.1f)
    [ "$fmt" = ntriples ] && NT_MB=$out_mb || rm -f "$tmp/big.$fmt" # kept for the floor below
    mbs=$(calc "$BIG_MB" "$WALL" /)
    fps=$(calc "$FACTS" "$WALL" / %.0f)
    echo "wall $WALL s, peak RSS $RSS MB, output $out_mb MB"
    echo "$FACTS facts, $TRIPLES triples: $mbs MB/s, $fps facts/s (wall time)"
    echo "--stats: read $T_READ s, extract $T_EXTRACT s, write $T_WRITE s;" \
        "extraction alone $(calc "$BIG_MB" "$T_EXTRACT" /) MB/s, $(calc "$FACTS" "$T_EXTRACT" / %.0f) facts/s"
    row "factgrep $fmt, large file" "$BIG_MB" "$WALL" "$mbs" "$fps" "$RSS"
    if [ "$fmt" = ntriples ]; then
        FG_WALL=$WALL
        FG_FACTS=$FACTS
        FG_RSS=$RSS
    fi
done

# ---- the floor the output sets: writing its bytes and nothing else ----------
# The contract's N-Triples are some 36 bytes for each byte of news text: a
# fact is a dozen triples of long IRIs. dd copies the output just written to
# a new file, 64 KB at a time as factgrep writes it, through the same page
# cache: no run that writes this output can be faster.
echo
echo "-- the output's own floor: dd of the N-Triples output ($NT_MB MB, $NT_RATIO bytes a byte of input) to a new file"
FLOOR_WALL=-
free_mb=$(df -Pk "$tmp" | awk 'NR == 2 { printf "%.0f\n", $4 / 1000 }')
if [ "$(calc "$free_mb" "$NT_MB" / %.0f)" != - ] && [ "$(calc "$free_mb" "$NT_MB" / %.0f)" -ge 2 ]; then
    run floor dd if="$tmp/big.ntriples" of="$tmp/floor.nt" bs=64K
    FLOOR_WALL=$WALL
    echo "wall $WALL s: with this output, at most $(calc "$BIG_MB" "$WALL" /) MB/s of input," \
        "whatever extraction costs (factgrep's N-Triples run: $FG_WALL s)"
    row "dd of the N-Triples output" "$BIG_MB" "$WALL" "$(calc "$BIG_MB" "$WALL" /)" "-" "$RSS"
else
    echo "skipped: about $NT_MB MB more are needed, $free_mb MB free"
fi
rm -f "$tmp/big.ntriples" "$tmp/floor.nt"

# ---- scaling: 1x, 10x, 100x (N-Triples) ------------------------------------
echo
echo "-- scaling, --format ntriples (100x is the N-Triples run above)"
for x in 1 10; do
    run "x$x" "$FACTGREP" extract -q --stats --format ntriples -o "$tmp/x$x.nt" "$tmp/x$x.txt"
    stats_of "x$x"
    rm -f "$tmp/x$x.nt"
    eval "W$x=\$WALL"
    m=$(mb_of "$tmp/x$x.txt")
    echo "${x}x: $m MB, wall $WALL s, peak RSS $RSS MB, $FACTS facts"
    row "factgrep ntriples, ${x}x" "$m" "$WALL" "$(calc "$m" "$WALL" /)" "$(calc "$FACTS" "$WALL" / %.0f)" "$RSS"
done
W100=$FG_WALL
echo "100x: $BIG_MB MB, wall $W100 s, peak RSS $FG_RSS MB, $FG_FACTS facts"
row "factgrep ntriples, 100x" "$BIG_MB" "$W100" "$(calc "$BIG_MB" "$W100" /)" "$(calc "$FG_FACTS" "$W100" / %.0f)" "$FG_RSS"
SCALE=$(calc "$W100" "$W1" /)
echo "wall 100x / 1x = $SCALE (100 would be linear; the fixed start-up cost pulls it lower at small sizes)"

# ---- baselines on the same large file ---------------------------------------
echo
echo "-- baselines on the same large file"
PG_WALL=-
if command -v pcre2grep >/dev/null 2>&1; then
    run pcre2grep pcre2grep -c "$PATTERN" "$big"
    PG_WALL=$WALL
    echo "pcre2grep -c '$PATTERN': $(cat "$tmp/pcre2grep.out") matching lines, wall $WALL s, peak RSS $RSS MB"
    row "pcre2grep -c (one pattern)" "$BIG_MB" "$WALL" "$(calc "$BIG_MB" "$WALL" /)" "-" "$RSS"
else
    echo "skipped: pcre2grep baseline (apt-get install pcre2-utils)"
fi
run naive python3 "$NAIVE" "$big" "$tmp/naive.nt"
NV_WALL=$WALL
NV_N=$(awk '/^naive: / { print $2 }' "$tmp/naive.err")
echo "python3 naive_extract.py (re, 4 patterns, N-Triples): $NV_N matches, output $(mb_of "$tmp/naive.nt") MB," \
    "wall $WALL s, peak RSS $RSS MB"
rm -f "$tmp/naive.nt"
row "python3 naive_extract.py" "$BIG_MB" "$WALL" "$(calc "$BIG_MB" "$WALL" /)" "$(calc "$NV_N" "$WALL" / %.0f)" "$RSS"
R_PG=$(calc "$FG_WALL" "$PG_WALL" / %.1f)
R_NV=$(calc "$FG_WALL" "$NV_WALL" / %.1f)
echo "factgrep (N-Triples) time / pcre2grep time = $R_PG; factgrep time / naive Python time = $R_NV"

# ---- JSON Lines corpus: peak RSS, --jobs 1 and 2 ------------------------------
echo
echo "-- JSON Lines corpus of >= $BENCH_JSONL_MB MB (article-sized documents, distinct ids and dates, seed 2)"
J_SPEEDUP=-
J_SPEEDUP_SINK=-
J_SAME=-
if ! has_flag --jsonl; then
    echo "skipped: needs --jsonl (JSONL corpus: peak RSS, --jobs 2 speed-up and cmp)"
elif ! has_flag --jobs; then
    echo "skipped: needs --jobs (JSONL corpus: --jobs 2 speed-up and cmp)"
else
    corpus="$tmp/corpus.jsonl"
    python3 "$GEN" jsonl --mb "$BENCH_JSONL_MB" >"$corpus" || die "make_corpus.py jsonl failed"
    J_MB=$(mb_of "$corpus")
    echo "corpus: $J_MB MB, $(wc -l <"$corpus" | tr -d ' ') documents"
    # The speed-up is timed with the output thrown away (-o /dev/null): on
    # a machine of two cores, a reader of the output (cksum, the disk's
    # writeback) takes from the two jobs what it leaves free for the one,
    # so the faster factgrep gets, the less a speed-up through it shows.
    # The outputs are then compared in two more runs, timed too: two N-Quads
    # outputs to cmp need about 2 x (N-Triples ratio + a graph a line) x the
    # corpus on disk; with less room, both runs go through cksum.
    need_mb=$(calc "$J_MB" "$(calc "${NT_RATIO:-40}" 2.6 '*' %.1f)" '*' %.0f)
    free_mb=$(df -Pk "$tmp" | awk 'NR == 2 { printf "%.0f\n", $4 / 1000 }')
    if [ "${BENCH_CKSUM:-0}" != 1 ] && [ "$free_mb" -gt "$need_mb" ]; then
        mode=files
        echo "outputs: two files compared with cmp (about $need_mb MB needed, $free_mb MB free)"
    else
        mode=cksum
        echo "outputs: compared by cksum of the streams (about $need_mb MB needed for two files, $free_mb MB free)"
    fi
    for j in 1 2; do
        run "jobs$j" "$FACTGREP" extract -q --stats --jsonl --format nquads --jobs "$j" -o /dev/null "$corpus"
        stats_of "jobs$j"
        eval "JW$j=\$WALL"
        echo "--jobs $j, output to /dev/null: wall $WALL s, peak RSS $RSS MB, $FACTS facts: $(calc "$J_MB" "$WALL" /) MB/s," \
            "$(calc "$FACTS" "$WALL" / %.0f) facts/s (wall); --stats extract $T_EXTRACT s, write $T_WRITE s"
        row "factgrep nquads JSONL --jobs $j" "$J_MB" "$WALL" "$(calc "$J_MB" "$WALL" /)" \
            "$(calc "$FACTS" "$WALL" / %.0f)" "$RSS"
    done
    J_SPEEDUP=$(calc "$JW1" "$JW2" /)
    for j in 1 2; do
        if [ $mode = files ]; then
            sink="to a file"
            run "same$j" "$FACTGREP" extract -q --jsonl --format nquads --jobs "$j" -o "$tmp/jobs$j.nq" "$corpus"
        else
            sink="piped into cksum"
            run "same$j" sh -c '"$1" extract -q --jsonl --format nquads --jobs "$2" "$3" | cksum' sh \
                "$FACTGREP" "$j" "$corpus"
        fi
        eval "JS$j=\$WALL"
        echo "--jobs $j, output $sink: wall $WALL s: $(calc "$J_MB" "$WALL" /) MB/s"
        row "  -j $j, output $sink" "$J_MB" "$WALL" "$(calc "$J_MB" "$WALL" /)" "-" "$RSS"
    done
    J_SPEEDUP_SINK=$(calc "$JS1" "$JS2" /)
    if [ $mode = files ]; then
        if cmp "$tmp/jobs1.nq" "$tmp/jobs2.nq"; then J_SAME=yes; else J_SAME=NO; fi
        rm -f "$tmp/jobs1.nq" "$tmp/jobs2.nq"
    else
        if cmp -s "$tmp/same1.out" "$tmp/same2.out"; then J_SAME="yes (cksum)"; else J_SAME=NO; fi
    fi
    rm -f "$corpus"
    echo "--jobs 2 speed-up over --jobs 1: $J_SPEEDUP x (output to /dev/null), $J_SPEEDUP_SINK x (output $sink);" \
        "outputs byte-identical: $J_SAME"
fi

# ---- summary ------------------------------------------------------------------
echo
echo "== summary (MB = 10^6 bytes; rates from wall time)"
printf '%-34s %9s %9s %9s %10s %9s\n' "run" "input MB" "wall s" "MB/s" "facts/s" "RSS MB"
cat "$ROWS"
echo "wall 100x / 1x: $SCALE; factgrep / pcre2grep: $R_PG; factgrep / naive Python: $R_NV"
echo "output floor (dd of the N-Triples output): $FLOOR_WALL s = $(calc "$BIG_MB" "$FLOOR_WALL" /) MB/s of input;" \
    "factgrep / floor: $(calc "$FG_WALL" "$FLOOR_WALL" / %.1f)"
echo "--jobs 2 / --jobs 1 speed-up: $J_SPEEDUP (output to /dev/null; $J_SPEEDUP_SINK with its output written or read); identical: $J_SAME"
[ "$J_SAME" = NO ] && { echo "FAIL: --jobs 2 output differs from --jobs 1" >&2; exit 1; }
exit 0
