/*
 * fuzz_rules.c - libFuzzer harness for the rule-file parser and compiler.
 * SPDX-License-Identifier: MIT
 *
 * Each input is one rule file. It is written to fuzz.rules in a private
 * directory (under $TMPDIR, else /dev/shm, else /tmp) that also holds a
 * symbolic link `lexicon` to the repository's rules/lexicon, so that
 * `lexicon NAME lexicon/titles.txt` works as it does in rules/. A fresh world
 * loads the bundled ontology and the file; when the file loads, its
 * examples are checked and a fixed sentence is extracted and written as
 * Turtle, N-Triples, N-Quads and DOT into memory streams.
 *
 * Every diagnostic is formatted with fg_diag_format, into a large and a
 * small stack buffer, and the snprintf contract is checked: same length
 * needed, NUL-terminated, the small text a prefix of the large one.
 *
 * Repository: $FG_SRC, else FG_SRC_DIR given when compiling.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "factgrep.h"

#ifndef FG_SRC_DIR
#define FG_SRC_DIR "."
#endif

static char g_dir[512];     /* private directory */
static char g_rules[600];   /* g_dir/fuzz.rules */
static char g_lexlink[600]; /* g_dir/lexicon */
static char g_onto[1024];   /* <repo>/ontology/factgrep.ttl */
static unsigned long g_ndiag;

static const char sentence[] =
    "2023年10月11日，市委副书记、市长王某明主持召开全市安全生产工作会议，"
    "投资约3.2亿元，新建学校12所，300余名干部参加。\n"
    "记者/李某华 10月9—11日至11月4日";

static void
cleanup(void)
{
    unlink(g_rules);
    unlink(g_lexlink);
    rmdir(g_dir);
}

static void
diag(const fg_diag *d, void *payload)
{
    (void)payload;
    char big[8192], small[48];
    size_t size = 1 + (size_t)(g_ndiag++ % sizeof small);
    size_t n = fg_diag_format(d, big, sizeof big);
    size_t m = fg_diag_format(d, small, size);
    if (n != m) {
        fprintf(stderr, "fg_diag_format: %zu bytes needed with a large buffer, %zu with %zu\n", n,
                m, size);
        abort();
    }
    if (n < sizeof big && strlen(big) != n) {
        fprintf(stderr, "fg_diag_format: returned %zu, wrote %zu\n", n, strlen(big));
        abort();
    }
    size_t sl = strlen(small);
    if (sl >= size || memcmp(small, big, sl) != 0) {
        fprintf(stderr, "fg_diag_format: truncated text (size %zu) is not a prefix\n", size);
        abort();
    }
    if (getenv("FUZZ_VERBOSE"))
        fputs(big, stderr);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    const char *src = getenv("FG_SRC");
    if (src == NULL || *src == '\0')
        src = FG_SRC_DIR;
    const char *tmp = getenv("TMPDIR");
    struct stat st;
    if (tmp == NULL || *tmp == '\0')
        tmp = stat("/dev/shm", &st) == 0 && S_ISDIR(st.st_mode) ? "/dev/shm" : "/tmp";
    snprintf(g_dir, sizeof g_dir, "%s/factgrep-fuzz-rules.%ld", tmp, (long)getpid());
    snprintf(g_rules, sizeof g_rules, "%s/fuzz.rules", g_dir);
    snprintf(g_lexlink, sizeof g_lexlink, "%s/lexicon", g_dir);
    snprintf(g_onto, sizeof g_onto, "%s/ontology/factgrep.ttl", src);
    if (mkdir(g_dir, 0700) != 0 && errno != EEXIST) {
        fprintf(stderr, "fuzz_rules: cannot make %s: %s\n", g_dir, strerror(errno));
        exit(1);
    }
    char target[1024];
    snprintf(target, sizeof target, "%s/rules/lexicon", src);
    if (src[0] != '/') {
        char cwd[512];
        if (getcwd(cwd, sizeof cwd) != NULL)
            snprintf(target, sizeof target, "%s/%s/rules/lexicon", cwd, src);
    }
    unlink(g_lexlink);
    if (symlink(target, g_lexlink) != 0)
        fprintf(stderr, "fuzz_rules: cannot link %s: %s\n", g_lexlink, strerror(errno));
    if (access(g_onto, R_OK) != 0) {
        fprintf(stderr, "fuzz_rules: cannot read %s (set FG_SRC)\n", g_onto);
        exit(1);
    }
    atexit(cleanup);
    return 0;
}

/* Lexicon files are read whole: keep the fuzzer away from devices and
 * /proc, where a read could block or never end. */
static int
harmless(const uint8_t *data, size_t size)
{
    static const char *const bad[] = {"dev/", "proc/", "sys/", "/dev", "/proc", "/sys", "fd/"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        size_t k = strlen(bad[i]);
        for (size_t j = 0; j + k <= size; j++)
            if (memcmp(data + j, bad[i], k) == 0)
                return 0;
    }
    return 1;
}

static void
write_all(fg_doc *d)
{
    static const fg_format fmts[] = {FG_FORMAT_TURTLE, FG_FORMAT_NTRIPLES, FG_FORMAT_NQUADS,
                                     FG_FORMAT_DOT};
    for (size_t i = 0; i < sizeof fmts / sizeof fmts[0]; i++) {
        char *buf = NULL;
        size_t len = 0;
        FILE *fp = open_memstream(&buf, &len);
        if (fp == NULL)
            abort();
        if (fg_doc_write(d, fp, fmts[i]) != FG_OK) {
            fprintf(stderr, "fg_doc_write failed on a memory stream (format %d)\n", (int)fmts[i]);
            abort();
        }
        fclose(fp);
        free(buf);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!harmless(data, size))
        return -1; /* not added to the corpus */
    FILE *fp = fopen(g_rules, "wb");
    if (fp == NULL || fwrite(data, 1, size, fp) != size || fclose(fp) != 0) {
        fprintf(stderr, "fuzz_rules: cannot write %s\n", g_rules);
        abort();
    }
    fg_world *w = fg_world_new(diag, NULL);
    if (w == NULL)
        abort();
    if (fg_world_load_ontology(w, g_onto) != FG_OK) {
        fprintf(stderr, "fuzz_rules: the ontology %s does not load\n", g_onto);
        abort();
    }
    int rc = fg_world_load_rules(w, g_rules);
    if (rc == FG_OK) {
        size_t n_ex = 0, n_failed = 0;
        rc = fg_world_check_examples(w, &n_ex, &n_failed);
        if (rc == FG_OK && n_failed != 0)
            abort();
        fg_options opt = {0};
        opt.doc_date = (size & 1) ? "2023-10-12" : NULL;
        fg_doc *d = NULL;
        if (fg_extract(&d, w, "fuzz", sentence, sizeof sentence - 1, &opt) == FG_OK) {
            write_all(d);
            fg_doc_free(d);
        }
    } else if (rc > 0) {
        abort(); /* errors are negative */
    }
    fg_world_free(w);
    return 0;
}
