#!/bin/sh
# Golden tests: tests/golden/NNN-name.txt is extracted (with the options in
# NNN-name.args, if any) and must give NNN-name.ttl byte for byte, and
# NNN-name.err (or nothing) on stderr. Every output must also parse with
# rapper and its spans must match its text (check-spans.py).
# UPDATE=1 rewrites the expectations instead: review the diff before committing.
set -u
: "${FACTGREP:?}" "${SRC:?}"
cd "$SRC/tests/golden" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
n=0
for txt in [0-9]*.txt; do
    base=${txt%.txt}
    n=$((n + 1))
    args=""
    [ -f "$base.args" ] && args=$(cat "$base.args")
    # shellcheck disable=SC2086
    "$FACTGREP" extract --base http://example.org/ $args "$txt" >"$tmp/out.ttl" 2>"$tmp/out.err"
    rc=$?
    if [ "${UPDATE:-0}" = 1 ]; then
        cp "$tmp/out.ttl" "$base.ttl"
        if [ -s "$tmp/out.err" ]; then cp "$tmp/out.err" "$base.err"; else rm -f "$base.err"; fi
        echo "updated $base"
        continue
    fi
    if [ $rc -ne 0 ]; then
        echo "FAIL $base: exit status $rc"; cat "$tmp/out.err"; fail=1; continue
    fi
    if ! rapper -q -i turtle -c "$tmp/out.ttl" 2>"$tmp/rapper.err"; then
        echo "FAIL $base: rapper rejects the output"; cat "$tmp/rapper.err"; fail=1
    fi
    python3 "$SRC/tests/check-spans.py" "$tmp/out.ttl" >/dev/null || { echo "FAIL $base: spans"; fail=1; }
    if ! cmp -s "$tmp/out.ttl" "$base.ttl"; then
        echo "FAIL $base: output differs from $base.ttl"
        diff -u "$base.ttl" "$tmp/out.ttl" | head -40
        fail=1
    fi
    want_err=/dev/null
    [ -f "$base.err" ] && want_err="$base.err"
    if ! cmp -s "$tmp/out.err" "$want_err"; then
        echo "FAIL $base: stderr differs from $want_err"
        diff -u "$want_err" "$tmp/out.err" | head -20
        fail=1
    fi
done
[ "$n" -gt 0 ] || { echo "no golden tests found"; exit 1; }
[ $fail -eq 0 ] && echo "golden: $n cases pass"
exit $fail
