#!/bin/sh
# The installed tree: `cmake --install` of this build into a DESTDIR
# staging folder (what `make install DESTDIR=... PREFIX=...` runs), then
#  (a) the staged command, run from another folder, finds the staged
#      share/factgrep (not the source tree) and extracts the sample page
#      exactly as build/factgrep does; moved elsewhere, it still works;
#  (b) examples/print-facts.c builds with `pkg-config --cflags --libs
#      factgrep` against the staged header and shared library, and with the
#      static library, and prints the sample page's facts;
#  (c) the shared library has its soname and exports the FG_API functions
#      of factgrep.h and nothing else;
#  (d) both man pages render with groff -wall without a warning, and name
#      every command and option of --help and every rule-file directive.
# Environment (set by CMake): FACTGREP, SRC, FG_BUILD (the build folder),
# FG_PREFIX, FG_LIBDIR, FG_BINDIR, FG_MANDIR, FG_DATADIR, FG_INCLUDEDIR,
# CC, FG_SANITIZE. Exit 77 (skipped) when a needed tool is missing.
set -u
: "${FACTGREP:?}" "${SRC:?}" "${FG_BUILD:?}" "${FG_PREFIX:?}"
LIBDIR=${FG_LIBDIR:-lib} BINDIR=${FG_BINDIR:-bin} MANDIR=${FG_MANDIR:-share/man}
DATADIR=${FG_DATADIR:-share} INCLUDEDIR=${FG_INCLUDEDIR:-include}
CC=${CC:-cc}
# Absolute paths: the checks run from another folder.
SRC=$(cd "$SRC" && pwd -P)
FG_BUILD=$(cd "$FG_BUILD" && pwd -P)
case "$FACTGREP" in /*) ;; *) FACTGREP="$PWD/$FACTGREP" ;; esac
for tool in cmake pkg-config nm objdump groff "$CC"; do
    command -v "$tool" >/dev/null 2>&1 || { echo "SKIP: $tool is not installed"; exit 77; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tmp=$(cd "$tmp" && pwd -P)
fail=0
n=0
ok() { n=$((n + 1)); }
bad() { n=$((n + 1)); echo "FAIL $*"; fail=1; }
SAMPLE="$SRC/examples/jiangmen-daily-pengjiang.txt"

# The install, as `make install DESTDIR=$tmp/stage` would run it. The
# component keeps the build folder's install_manifest.txt (make uninstall).
if ! DESTDIR="$tmp/stage" cmake --install "$FG_BUILD" --component Unspecified >"$tmp/install.log" 2>&1; then
    echo "FAIL install:"; sed 's/^/  | /' "$tmp/install.log" | tail -20; exit 1
fi
stage="$tmp/stage$FG_PREFIX"
for f in "$BINDIR/factgrep" "$INCLUDEDIR/factgrep.h" "$LIBDIR/libfactgrep.a" "$LIBDIR/libfactgrep.so" \
         "$LIBDIR/pkgconfig/factgrep.pc" "$DATADIR/factgrep/rules/00-common.rules" \
         "$DATADIR/factgrep/rules/lexicon/titles.txt" "$DATADIR/factgrep/ontology/factgrep.ttl" \
         "$MANDIR/man1/factgrep.1" "$MANDIR/man5/factgrep-rules.5" \
         "$DATADIR/doc/factgrep/examples/print-facts.c"; do
    [ -e "$stage/$f" ] && ok || bad "install: $f is missing"
done

# --- (a) the staged command, from another folder ------------------------------
mkdir "$tmp/elsewhere"
cd "$tmp/elsewhere" || exit 1
bin="$stage/$BINDIR/factgrep"
"$bin" --version >"$tmp/version" 2>&1 || bad "staged --version: exit $?"
want="rules 0.1.0 ($stage/$DATADIR/factgrep/rules)"
grep -qxF "$want" "$tmp/version" && ok || { bad "staged --version: want '$want', got:"; sed 's/^/  | /' "$tmp/version"; }
grep -qxF "factgrep 0.1.0" "$tmp/version" && ok || bad "staged --version: no 'factgrep 0.1.0' line"
"$bin" extract "$SAMPLE" >"$tmp/staged.ttl" 2>"$tmp/err" || { bad "staged extract: exit $?"; sed 's/^/  | /' "$tmp/err" | head -5; }
"$FACTGREP" extract "$SAMPLE" >"$tmp/intree.ttl" 2>/dev/null
cmp -s "$tmp/staged.ttl" "$tmp/intree.ttl" && ok || bad "staged extract differs from build/factgrep's"
grep -qF '"21.3万元"' "$tmp/staged.ttl" && ok || bad "staged extract: no 21.3万元"
"$bin" check-rules -q >"$tmp/check" 2>&1 && ok || { bad "staged check-rules"; sed 's/^/  | /' "$tmp/check" | tail -5; }
# The tree moved elsewhere still finds its own data.
cp -a "$stage" "$tmp/moved"
"$tmp/moved/$BINDIR/factgrep" --version 2>&1 | grep -qxF "rules 0.1.0 ($tmp/moved/$DATADIR/factgrep/rules)" &&
    ok || bad "a moved install does not use its own share/factgrep"
"$tmp/moved/$BINDIR/factgrep" extract "$SAMPLE" 2>/dev/null | cmp -s - "$tmp/intree.ttl" &&
    ok || bad "a moved install extracts differently"

# --- (b) the example, through pkg-config --------------------------------------
export PKG_CONFIG_PATH="$stage/$LIBDIR/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$tmp/stage"
san=""
[ -n "${FG_SANITIZE:-}" ] && san="-fsanitize=$FG_SANITIZE"
flags=$(pkg-config --cflags --libs factgrep) || bad "pkg-config --cflags --libs factgrep"
datadir=$(pkg-config --variable=pkgdatadir factgrep)
case "$flags" in *"-I$stage/$INCLUDEDIR"*) ok ;; *) bad "pkg-config: cflags '$flags' miss $stage/$INCLUDEDIR" ;; esac
# Only the installed header: the source tree is not on the include path.
if $CC -std=c11 -Wall -Wextra -Werror $san -o "$tmp/print-facts" "$SRC/examples/print-facts.c" $flags 2>"$tmp/cc.err"; then
    ok
    LD_LIBRARY_PATH="$stage/$LIBDIR" "$tmp/print-facts" "$datadir" "$SAMPLE" >"$tmp/facts" 2>"$tmp/facts.err" ||
        { bad "print-facts (shared): exit $?"; sed 's/^/  | /' "$tmp/facts.err" | head -5; }
    LD_LIBRARY_PATH="$stage/$LIBDIR" ldd "$tmp/print-facts" 2>/dev/null | grep -q "libfactgrep.so.0 => $stage/$LIBDIR/" &&
        ok || bad "print-facts is not linked to the staged libfactgrep.so.0"
    tab=$(printf '\t')
    grep -qxF "2554-2560${tab}money.amount${tab}http://schema.org/MonetaryAmount${tab}21.3万元" "$tmp/facts" &&
        ok || { bad "print-facts: no 21.3万元 line"; head -3 "$tmp/facts" | sed 's/^/  | /'; }
    grep -qxF "58-64${tab}date.day${tab}http://www.w3.org/2006/time#Instant${tab}10月11日" "$tmp/facts" &&
        ok || bad "print-facts: no 10月11日 line"
    # One line per fact: as many as `extract --stats` counts (fg_doc_fact_count).
    facts=$("$FACTGREP" extract --stats "$SAMPLE" 2>&1 >/dev/null | sed -n 's/^stats: 1 document, .* MB, \([0-9]*\) facts,.*/\1/p')
    lines=$(wc -l <"$tmp/facts")
    [ "$lines" = "$facts" ] && [ "$lines" -gt 50 ] && ok || bad "print-facts: $lines facts, extract --stats counts '$facts'"
    grep -qF "print-facts: $lines facts" "$tmp/facts.err" && grep -qF "(version 0.1.0)" "$tmp/facts.err" &&
        ok || { bad "print-facts: summary on stderr"; sed 's/^/  | /' "$tmp/facts.err"; }
else
    bad "the example does not compile with $flags"; sed 's/^/  | /' "$tmp/cc.err" | head -10
fi
# The installed header alone, in strict C99 (it declares no internals).
printf '#include <factgrep.h>\nint main(void) { return fg_strerror(FG_OK) == 0; }\n' >"$tmp/header.c"
$CC -std=c99 -Wall -Wextra -Wpedantic -Werror -fsyntax-only $(pkg-config --cflags factgrep) "$tmp/header.c" 2>"$tmp/cc.err" &&
    ok || { bad "factgrep.h alone does not compile in strict C99"; sed 's/^/  | /' "$tmp/cc.err" | head -5; }
# The static library, with the dependencies of Requires.private.
if $CC -std=c11 $san -o "$tmp/print-facts-static" "$SRC/examples/print-facts.c" $(pkg-config --cflags factgrep) \
    "$stage/$LIBDIR/libfactgrep.a" $(pkg-config --libs libpcre2-8 raptor2 redland) 2>"$tmp/cc.err"; then
    "$tmp/print-facts-static" "$datadir" "$SAMPLE" 2>/dev/null | cmp -s - "$tmp/facts" &&
        ok || bad "print-facts with libfactgrep.a prints differently"
else
    bad "the example does not link with libfactgrep.a"; sed 's/^/  | /' "$tmp/cc.err" | head -10
fi

# --- (c) the shared library's symbols ---------------------------------------
so="$stage/$LIBDIR/libfactgrep.so"
objdump -p "$so" | grep -q 'SONAME *libfactgrep\.so\.0$' && ok || bad "soname is not libfactgrep.so.0"
nm -D --defined-only "$so" | awk '{print $NF}' | sort -u >"$tmp/exported"
grep -v '^fg_' "$tmp/exported" >"$tmp/foreign"
[ ! -s "$tmp/foreign" ] && ok || { bad "libfactgrep.so exports symbols without fg_:"; head -10 "$tmp/foreign" | sed 's/^/  | /'; }
sed -n 's/^FG_API [^(]*[ *]\(fg_[a-z0-9_]*\)(.*/\1/p' "$stage/$INCLUDEDIR/factgrep.h" | sort -u >"$tmp/declared"
cmp -s "$tmp/declared" "$tmp/exported" && ok || { bad "exported symbols differ from the FG_API declarations:"; diff "$tmp/declared" "$tmp/exported" | sed 's/^/  | /'; }
[ "$(wc -l <"$tmp/declared")" -gt 20 ] && ok || bad "only $(wc -l <"$tmp/declared") FG_API declarations found"

# --- (d) the man pages --------------------------------------------------------
for page in "$stage/$MANDIR/man1/factgrep.1" "$stage/$MANDIR/man5/factgrep-rules.5"; do
    # -wall leaves out undefined macros (mac), registers and diversions;
    # -ww is every warning.
    for w in -wall -ww; do
        groff $w -man -Tutf8 -z "$page" >"$tmp/groff" 2>&1
        [ ! -s "$tmp/groff" ] && ok || { bad "groff $w warns on $(basename "$page"):"; head -5 "$tmp/groff" | sed 's/^/  | /'; }
    done
    if command -v man >/dev/null 2>&1; then
        MANWIDTH=80 man --warnings -l "$page" >/dev/null 2>"$tmp/man"
        [ ! -s "$tmp/man" ] && ok || { bad "man -l warns on $(basename "$page"):"; head -5 "$tmp/man" | sed 's/^/  | /'; }
    fi
done
# Every command and long option of --help is in factgrep(1), and every
# directive of the rule-file parser in factgrep-rules(5).
sed 's/\\-/-/g' "$stage/$MANDIR/man1/factgrep.1" >"$tmp/man1"
"$FACTGREP" --help >"$tmp/help"
for cmd in $(sed -n '/^commands:/,/^$/s/^  \([a-z-]*\) .*/\1/p' "$tmp/help"); do
    grep -q "^\.B factgrep $cmd\$\|^\.B $cmd\$" "$tmp/man1" && ok || bad "factgrep(1) has no section for the command $cmd"
done
for opt in $(grep -o -- '--[a-z][a-z-]*' "$tmp/help" | sort -u); do
    grep -qF -- "$opt" "$tmp/man1" && ok || bad "factgrep(1) does not mention $opt"
done
sed 's/\\-/-/g' "$stage/$MANDIR/man5/factgrep-rules.5" >"$tmp/man5"
for d in $(grep -o '{"[a-z]*", [01], parse_' "$SRC/extract/fg_rules.c" | sed 's/{"\([a-z]*\)".*/\1/'); do
    grep -qE "^\.BI? \"?$d[ (\"]" "$tmp/man5" && ok || bad "factgrep-rules(5) does not describe the directive $d"
done

[ $fail -eq 0 ] && echo "install: $n checks pass ($(wc -l <"$tmp/exported") exported symbols)"
exit $fail
