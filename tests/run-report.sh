#!/bin/sh
# The review page of `factgrep report`, end to end: the sample's page is one
# offline HTML file (no http(s) src/href, a UTF-8 charset), the same input
# gives the same bytes, text with quotes, brackets and </script> cannot break
# it, and in Chromium its highlights, row clicks, tooltips and filters work
# (tests/report/check-report.js). The full-page screenshot goes to
# $SRC/out/report.png.
#
# Installs what is missing: the Debian packages chromium and fonts-noto-cjk
# (and node/npm) with apt-get, as root or through sudo, and playwright-core
# with npm into $SRC/out/report-node (git-ignored). When something cannot be
# installed it prints "SKIP: ... because ..." and exits 77.
set -u
: "${FACTGREP:?}" "${SRC:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
SAMPLE="$SRC/examples/jiangmen-daily-pengjiang.txt"
NODE_DIR="$SRC/out/report-node"
SHOT="$SRC/out/report.png"
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
fail=0

skip() {
    echo "SKIP: $*"
    exit 77
}

# as_root COMMAND...: runs COMMAND as root, through sudo when needed.
as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        sudo -n "$@"
    else
        echo "neither root nor allowed to sudo without a password" >>"$tmp/apt.log"
        return 1
    fi
}

# apt_install PACKAGE...: installs Debian packages, refreshing the lists
# only when the first try fails.
apt_install() {
    command -v apt-get >/dev/null 2>&1 || skip "cannot install $* because there is no apt-get"
    echo "installing $* with apt-get"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" \
        >"$tmp/apt.log" 2>&1 && return 0
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q >>"$tmp/apt.log" 2>&1 &&
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
            "$@" >>"$tmp/apt.log" 2>&1 && return 0
    tail -n 5 "$tmp/apt.log" | sed 's/^/  | /'
    skip "cannot install $* because apt-get failed (no network, or no root)"
}

# --- the page, without a browser ----------------------------------------------
cd "$tmp" || exit 1
"$FACTGREP" extract -o sample.ttl "$SAMPLE" || { echo "FAIL: extract"; exit 1; }
"$FACTGREP" report sample.ttl -o page.html || { echo "FAIL: report"; exit 1; }
"$FACTGREP" report sample.ttl -o again.html || { echo "FAIL: report, second run"; exit 1; }
cmp -s page.html again.html || { echo "FAIL: the same file gives different pages"; fail=1; }
if grep -Eio "(src|href)[[:space:]]*=[[:space:]]*[\"']?[[:space:]]*(https?:)?//[^\"' >]*" page.html >ext.txt; then
    echo "FAIL: the page refers to the network:"
    sed 's/^/  | /' ext.txt | head -5
    fail=1
fi
grep -qiF '<meta charset="utf-8">' page.html || { echo "FAIL: no <meta charset=\"utf-8\">"; fail=1; }
echo "page: $(wc -c <page.html) bytes"

# A text that tries to break the markup and the JSON.
printf '记者/张明 报道：他说"引号"<尖括号>&\\反斜杠</script><script>alert(1)</script><!-- 𠮷家赔偿3万元。\n' >tricky.txt
"$FACTGREP" extract -o tricky.ttl tricky.txt || { echo "FAIL: extract tricky.txt"; exit 1; }
"$FACTGREP" report tricky.ttl -o tricky.html || { echo "FAIL: report tricky.ttl"; exit 1; }
[ "$(grep -c '<script' tricky.html)" -eq 2 ] || { echo "FAIL: the text of tricky.txt adds a <script> to its page"; fail=1; }

# --- what the browser check needs ----------------------------------------------
command -v rapper >/dev/null 2>&1 || apt_install raptor2-utils
mentions=$(rapper -q -i turtle -o ntriples sample.ttl | grep -c anchorOf)
tricky_mentions=$(rapper -q -i turtle -o ntriples tricky.ttl | grep -c anchorOf)

pkgs=
command -v node >/dev/null 2>&1 || pkgs="$pkgs nodejs"
command -v npm >/dev/null 2>&1 || pkgs="$pkgs npm"
[ -x "$CHROMIUM" ] || pkgs="$pkgs chromium"
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || fc-list 2>/dev/null | grep -qi 'Noto Sans CJK' ||
    pkgs="$pkgs fonts-noto-cjk"
# shellcheck disable=SC2086 # a list of package names
[ -z "$pkgs" ] || apt_install $pkgs
[ -x "$CHROMIUM" ] || skip "cannot run the browser checks because $CHROMIUM is missing"

if [ ! -f "$NODE_DIR/node_modules/playwright-core/package.json" ]; then
    echo "installing playwright-core with npm into $NODE_DIR"
    mkdir -p "$NODE_DIR" || skip "cannot install playwright-core because $NODE_DIR cannot be made"
    [ -f "$NODE_DIR/package.json" ] ||
        printf '{ "name": "factgrep-report-check", "private": true }\n' >"$NODE_DIR/package.json"
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --prefix "$NODE_DIR" --no-audit --no-fund \
        --loglevel=error playwright-core@1 >"$tmp/npm.log" 2>&1 || {
        tail -n 5 "$tmp/npm.log" | sed 's/^/  | /'
        skip "cannot install playwright-core because npm install failed (no network?)"
    }
fi

# --- in the browser ------------------------------------------------------------
mkdir -p "$SRC/out"
check() {
    NODE_PATH="$NODE_DIR/node_modules" CHROMIUM="$CHROMIUM" \
        node "$SRC/tests/report/check-report.js" "$@"
    rc=$?
    [ "$rc" -eq 77 ] && skip "cannot run the browser checks because Chromium or playwright-core does not start"
    [ "$rc" -eq 0 ] || fail=1
}
echo "== the sample's page: $mentions mentions"
check page.html "$mentions" "$SHOT" --text "$SAMPLE"
echo "== a page whose text holds quotes, brackets and </script>: $tricky_mentions mentions"
check tricky.html "$tricky_mentions" "$tmp/tricky.png" --text tricky.txt
[ "$fail" -eq 0 ] && echo "report: all checks pass; screenshot in $SHOT"
exit $fail
