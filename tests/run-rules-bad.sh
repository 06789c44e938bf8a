#!/bin/sh
# Rule-file errors: check-rules on tests/rules-bad/NNN-name.rules must exit 1
# and print exactly NNN-name.err on stderr (file:line:col: error: ..., the
# line, and a caret). UPDATE=1 rewrites the expectations; review the diff.
set -u
: "${FACTGREP:?}" "${SRC:?}"
cd "$SRC/tests/rules-bad" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
n=0
for rules in [0-9]*.rules; do
    base=${rules%.rules}
    n=$((n + 1))
    "$FACTGREP" check-rules "$rules" >/dev/null 2>"$tmp/err"
    rc=$?
    if [ "${UPDATE:-0}" = 1 ]; then
        cp "$tmp/err" "$base.err"; echo "updated $base"; continue
    fi
    if [ $rc -ne 1 ]; then
        echo "FAIL $base: exit status $rc, want 1"; fail=1
    fi
    if ! cmp -s "$tmp/err" "$base.err"; then
        echo "FAIL $base: message differs"
        diff -u "$base.err" "$tmp/err"
        fail=1
    fi
done
[ "$n" -gt 0 ] || { echo "no cases found"; exit 1; }
[ $fail -eq 0 ] && echo "rules-bad: $n cases pass"
exit $fail
