#!/bin/sh
# run-fuzz.sh - build the libFuzzer harnesses and run them.
# SPDX-License-Identifier: MIT
#
#   sh tests/fuzz/run-fuzz.sh [SECONDS]   fuzz each harness SECONDS (default 60), one after the other
#   sh tests/fuzz/run-fuzz.sh --regress   run each harness once over its seeds and regressions
#
# Binaries, working corpora, logs and crash artifacts go to build-fuzz/
# ($FUZZ_BUILD). The committed seed corpus (tests/fuzz/corpus/) is copied to
# a fresh working corpus for each run and never written to; set FUZZ_KEEP=1
# to go on from the working corpus of the previous run instead.
# FUZZ_HARNESSES (default "rules extract") picks the harnesses, FUZZ_CC the
# compiler (default clang, else clang-14). Exit status: 0 when clean, 1 when a
# harness crashed, leaked or timed out (its input is in build-fuzz/artifacts/),
# 2 when the build fails.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
out=${FUZZ_BUILD:-$src/build-fuzz}
harnesses=${FUZZ_HARNESSES:-rules extract}

mode=fuzz
secs=60
case "${1:-}" in
'') ;;
--regress) mode=regress ;;
-h | --help)
    sed -n '2,/^[^#]/p' "$0" | sed -n 's/^# \{0,1\}//p'
    exit 0
    ;;
*[!0-9]*)
    echo "usage: $0 [SECONDS] | --regress" >&2
    exit 2
    ;;
*) secs=$1 ;;
esac

cc=${FUZZ_CC:-}
if [ -z "$cc" ]; then
    for c in clang clang-14; do
        if command -v "$c" >/dev/null 2>&1; then
            cc=$c
            break
        fi
    done
fi
if [ -z "$cc" ]; then
    echo "run-fuzz.sh: clang not found (libFuzzer needs clang; set FUZZ_CC)" >&2
    exit 2
fi
if ! pkg_flags=$(pkg-config --cflags --libs libpcre2-8 raptor2 redland); then
    echo "run-fuzz.sh: pkg-config cannot find libpcre2-8, raptor2 and redland" >&2
    exit 2
fi

# ---------------------------------------------------------------------------
# Build: the library sources (all of extract/ but main.c) once, then each
# harness linked with them. Objects are rebuilt when a source or header is
# newer.
# ---------------------------------------------------------------------------
san="-fsanitize=address,undefined -fno-sanitize-recover=all"
cflags="-std=c11 -g -O1 -fno-omit-frame-pointer $san -I$src/extract"
mkdir -p "$out/obj" "$out/artifacts"
# newer A B: A was modified after B (find -newer: test -nt is not POSIX).
newer() {
    [ -n "$(find "$1" -prune -newer "$2" 2>/dev/null)" ]
}
objs=""
for c in "$src"/extract/*.c; do
    base=$(basename "$c" .c)
    [ "$base" = main ] && continue
    o="$out/obj/$base.o"
    objs="$objs $o"
    stale=0
    [ -f "$o" ] || stale=1
    for f in "$c" "$src"/extract/*.h "$0"; do
        [ $stale = 1 ] || ! newer "$f" "$o" || stale=1
    done
    if [ $stale = 1 ]; then
        echo "CC   extract/$base.c"
        # shellcheck disable=SC2086,SC2046
        $cc $cflags -fsanitize=fuzzer-no-link -DFG_BUILDING -D_POSIX_C_SOURCE=200809L \
            $(pkg-config --cflags libpcre2-8 raptor2 redland) -c "$c" -o "$o" || exit 2
    fi
done
for h in $harnesses; do
    bin="$out/fuzz_$h"
    hs="$here/fuzz_$h.c"
    stale=0
    [ -f "$bin" ] || stale=1
    for f in "$hs" $objs; do
        [ $stale = 1 ] || ! newer "$f" "$bin" || stale=1
    done
    if [ $stale = 1 ]; then
        echo "LINK build-fuzz/fuzz_$h"
        # shellcheck disable=SC2086
        $cc $cflags -fsanitize=fuzzer "-DFG_SRC_DIR=\"$src\"" "$hs" $objs $pkg_flags -o "$bin" ||
            exit 2
    fi
done

# ---------------------------------------------------------------------------
# Run.
# ---------------------------------------------------------------------------
# librdf passes the longer key's length to memcmp when it compares BDB hash
# keys (see CMakeLists.txt); strict_memcmp=0 checks only the bytes compared.
# Options already in the environment come last, so they win.
ASAN_OPTIONS="detect_leaks=1:strict_memcmp=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
export ASAN_OPTIONS UBSAN_OPTIONS
if [ -f "$here/lsan.supp" ] && [ -z "${LSAN_OPTIONS:-}" ]; then
    LSAN_OPTIONS="suppressions=$here/lsan.supp"
    export LSAN_OPTIONS
fi
export FG_SRC="$src"
# The harnesses write their files in a private folder under $TMPDIR.
if [ -d /dev/shm ] && [ -w /dev/shm ]; then
    tmp=$(mktemp -d /dev/shm/factgrep-fuzz.XXXXXX)
else
    tmp=$(mktemp -d)
fi
trap 'rm -rf "$tmp"' EXIT INT TERM
TMPDIR=$tmp
export TMPDIR

status=0
summary=""
for h in $harnesses; do
    bin="$out/fuzz_$h"
    log="$out/fuzz_$h.log"
    if [ $mode = regress ]; then
        set --
        for f in "$here/corpus/$h"/* "$here/regressions/$h"-*; do
            [ -f "$f" ] && set -- "$@" "$f"
        done
        printf '%-8s %d inputs ... ' "$h" $#
        if [ $# = 0 ]; then
            echo "none (skipped)"
            continue
        fi
        if "$bin" -timeout=60 -rss_limit_mb=2048 "$@" >"$log" 2>&1; then
            echo ok
        else
            echo "FAILED (see $log)"
            grep -E 'ERROR|SUMMARY|Running:' "$log" | tail -n 5 >&2
            status=1
        fi
        continue
    fi

    work="$out/corpus-$h"
    if [ "${FUZZ_KEEP:-0}" != 1 ]; then
        rm -rf "$work"
    fi
    mkdir -p "$work"
    cp "$here/corpus/$h"/* "$work"/
    for f in "$here/regressions/$h"-*; do
        [ -f "$f" ] && cp "$f" "$work"/
    done
    echo "fuzzing $h for ${secs}s ($log)"
    rc=0
    "$bin" -max_len=4096 -max_total_time="$secs" -print_final_stats=1 -timeout=60 \
        -rss_limit_mb=2048 -artifact_prefix="$out/artifacts/$h-" "$work" >"$log" 2>&1 || rc=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
    last=$(grep -E '^#[0-9]+' "$log" | tail -n 1)
    cov=$(echo "$last" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
    ft=$(echo "$last" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
    corp=$(echo "$last" | sed -n 's/.* corp: \([^ ]*\).*/\1/p')
    units=$(find "$work" -type f | wc -l | tr -d ' ')
    line=$(printf '%-8s execs %s, execs/s %s, cov %s, ft %s, corpus %s units (libFuzzer corp: %s)' \
        "$h" "${execs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" "$units" "${corp:-?}")
    if [ $rc != 0 ]; then
        line="$line  FAILED (exit $rc)"
        status=1
        grep -E '^(==[0-9]+==ERROR|SUMMARY|artifact_prefix|Test unit written)' "$log" >&2 || true
    fi
    echo "$line"
    summary="$summary$line
"
done
if [ $mode = fuzz ]; then
    printf '\n%s' "$summary"
fi
exit $status
