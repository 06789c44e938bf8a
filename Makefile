# factgrep: a thin wrapper over CMake. `make sample` and `make test` also
# install what a fresh Debian 12 machine lacks (with sudo when not root).
BUILD ?= build
ASAN_BUILD ?= build-asan
TSAN_BUILD ?= build-tsan
SAMPLE = examples/jiangmen-daily-pengjiang.txt
SUDO = $(shell [ "$$(id -u)" = 0 ] || echo sudo)
FUZZ_SECONDS ?= 60
# make install PREFIX=/usr/local DESTDIR=/staging (DESTDIR: empty = in place)
PREFIX ?= /usr/local
DESTDIR ?=
C_SOURCES = extract/*.c extract/*.h tests/unit/*.c tests/unit/*.h tests/fuzz/*.c examples/*.c
# Debian packages: build tools, the three libraries, rapper and roqet for the
# tests, clang (libFuzzer) for the fuzz harnesses, valgrind, groff and man-db
# to check the man pages; GNU time and pcre2grep for make bench.
DEB_PACKAGES = build-essential cmake pkg-config libpcre2-dev libraptor2-dev librdf0-dev \
               raptor2-utils rasqal-utils graphviz python3 clang clang-format valgrind \
               groff-base man-db time pcre2-utils

.PHONY: all deps sample test check asan tsan fuzz fuzz-regress eval bench format check-format \
        clean install uninstall

all: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	cmake --build $(BUILD) -j

deps:
	@missing=""; \
	for p in $(DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

sample: all
	mkdir -p out
	$(BUILD)/factgrep extract -o out/jiangmen-daily-pengjiang.ttl $(SAMPLE)
	@echo "wrote out/jiangmen-daily-pengjiang.ttl ($$(grep -c 'prov:wasDerivedFrom' out/jiangmen-daily-pengjiang.ttl) facts with evidence)"

# Every test: the suite, the suite again under ASan+UBSan, the tests that
# run threads (-j) under TSan, and the fuzz harnesses over their seeds and
# regressions.
test: all check-format
	cd $(BUILD) && ctest --output-on-failure
	$(MAKE) --no-print-directory asan
	$(MAKE) --no-print-directory tsan
	$(MAKE) --no-print-directory fuzz-regress

check: test

asan: deps
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DFG_SANITIZE=address,undefined >/dev/null
	cmake --build $(ASAN_BUILD) -j
	cd $(ASAN_BUILD) && ctest --output-on-failure

tsan: deps
	cmake -S . -B $(TSAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DFG_SANITIZE=thread >/dev/null
	cmake --build $(TSAN_BUILD) -j --target factgrep
	cd $(TSAN_BUILD) && TSAN_OPTIONS=halt_on_error=1 ctest --output-on-failure -R '^threads$$'

# libFuzzer: each harness FUZZ_SECONDS (default 60), one after the other.
fuzz: deps
	sh tests/fuzz/run-fuzz.sh $(FUZZ_SECONDS)

fuzz-regress: deps
	sh tests/fuzz/run-fuzz.sh --regress

eval: all
	cmake --build $(BUILD) --target eval

# Benchmarks: figures, not pass/fail on speed (only a failed command, a
# wrong count or differing -j outputs fail).
# - extraction: throughput, memory, scaling, jobs, baselines (BENCH_MB,
#   BENCH_JSONL_MB, BENCH_TMP: tests/bench/bench-extract.sh);
# - the store at a million triples: load rate, each shipped query, --replace.
bench: all
	FACTGREP=$(BUILD)/factgrep SRC=. sh tests/bench/bench-extract.sh
	FACTGREP=$(BUILD)/factgrep SRC=. sh tests/bench/bench-store.sh

# The build is configured for PREFIX (the command's fallback data folder),
# then cmake --install copies into $(DESTDIR)$(PREFIX).
install: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_INSTALL_PREFIX=$(PREFIX) >/dev/null
	cmake --build $(BUILD) -j
	DESTDIR=$(DESTDIR) cmake --install $(BUILD)

# Removes what the last install wrote (its manifest, which leaves DESTDIR
# out: give the same DESTDIR).
uninstall:
	@test -f $(BUILD)/install_manifest.txt || { echo "nothing installed from $(BUILD)"; exit 1; }
	sed 's|^|$(DESTDIR)|' $(BUILD)/install_manifest.txt | xargs -d '\n' rm -f --
	rm -f $(BUILD)/install_manifest.txt

format:
	clang-format -i $(C_SOURCES)

check-format:
	clang-format --dry-run --Werror $(C_SOURCES)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(TSAN_BUILD) build-fuzz
