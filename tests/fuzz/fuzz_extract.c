/*
 * fuzz_extract.c - libFuzzer harness for extraction and the writers.
 * SPDX-License-Identifier: MIT
 *
 * One world, made once, holds the bundled ontology and the rules/ folder.
 * Each input is a document's text. When fg_extract accepts it:
 *   - the document is written as Turtle to a file, which raptor2 parses
 *     back in strict mode: the parse must succeed and give exactly
 *     fg_doc_triple_count() triples, and the bytes must equal raptor's
 *     Turtle serializer's;
 *   - the same for N-Triples and N-Quads (written to memory), whose bytes
 *     must also equal raptor's serializer's for the same document;
 *   - DOT is written to memory (no check beyond success);
 *   - fg_audit on the Turtle file must return 0: factgrep's own output
 *     must audit clean;
 *   - extracting again with full_scan (every rule tried at every
 *     character, no prefilter) must give the same N-Triples, byte for byte.
 * Any failure prints what went wrong and aborts.
 *
 * Options come from the input's bytes, so that a corpus of plain texts
 * covers them: the first byte picks the document date (none, 2023-10-12 or
 * 2024-02-29), the low bit of the last byte omit_text (the audit is then
 * given the text as a file, matched by its SHA-256).
 * Invalid UTF-8 and NUL are refused with FG_EINPUT: that is fine.
 *
 * Repository: $FG_SRC, else FG_SRC_DIR given when compiling.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <raptor2.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fg_internal.h" /* fg_doc_write_raptor, the reference writer */

#ifndef FG_SRC_DIR
#define FG_SRC_DIR "."
#endif

static fg_world *g_w;
static raptor_world *g_raptor;
static char g_dir[512];
static char g_ttl[600]; /* g_dir/fuzz.ttl */
static char g_txt[600]; /* g_dir/fuzz.txt */
static char *g_log;     /* diagnostics of the current input */
static size_t g_loglen;
static FILE *g_logfp;

static void
cleanup(void)
{
    unlink(g_ttl);
    unlink(g_txt);
    rmdir(g_dir);
}

static void
diag(const fg_diag *d, void *payload)
{
    (void)payload;
    char buf[4096];
    size_t n = fg_diag_format(d, buf, sizeof buf);
    if (n < sizeof buf && strlen(buf) != n) {
        fprintf(stderr, "fg_diag_format: returned %zu, wrote %zu\n", n, strlen(buf));
        abort();
    }
    if (g_logfp != NULL)
        fputs(buf, g_logfp);
    if (getenv("FUZZ_VERBOSE"))
        fputs(buf, stderr);
}

/* Prints why and the diagnostics of this input, then aborts. */
static void
fail(const char *fmt, const char *arg, long a, long b)
{
    fflush(g_logfp);
    fprintf(stderr, "fuzz_extract: ");
    fprintf(stderr, fmt, arg, a, b);
    fprintf(stderr, "\n--- diagnostics ---\n%.*s---\n", (int)g_loglen, g_log ? g_log : "");
    abort();
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
    char onto[1024], rules[1024];
    snprintf(onto, sizeof onto, "%s/ontology/factgrep.ttl", src);
    snprintf(rules, sizeof rules, "%s/rules", src);
    g_w = fg_world_new(diag, NULL);
    if (g_w == NULL || fg_world_load_ontology(g_w, onto) != FG_OK ||
        fg_world_load_rules(g_w, rules) != FG_OK) {
        fprintf(stderr, "fuzz_extract: cannot load %s and %s (set FG_SRC)\n", onto, rules);
        exit(1);
    }
    g_raptor = raptor_new_world();
    if (g_raptor == NULL || raptor_world_open(g_raptor) != 0)
        exit(1);
    const char *tmp = getenv("TMPDIR");
    struct stat st;
    if (tmp == NULL || *tmp == '\0')
        tmp = stat("/dev/shm", &st) == 0 && S_ISDIR(st.st_mode) ? "/dev/shm" : "/tmp";
    snprintf(g_dir, sizeof g_dir, "%s/factgrep-fuzz-extract.%ld", tmp, (long)getpid());
    snprintf(g_ttl, sizeof g_ttl, "%s/fuzz.ttl", g_dir);
    snprintf(g_txt, sizeof g_txt, "%s/fuzz.txt", g_dir);
    if (mkdir(g_dir, 0700) != 0 && errno != EEXIST) {
        fprintf(stderr, "fuzz_extract: cannot make %s: %s\n", g_dir, strerror(errno));
        exit(1);
    }
    atexit(cleanup);
    return 0;
}

typedef struct parse_state {
    long triples;
    int errors;
} parse_state;

static void
count_triple(void *user, raptor_statement *st)
{
    (void)st;
    ((parse_state *)user)->triples++;
}

static void
log_handler(void *user, raptor_log_message *m)
{
    parse_state *ps = user;
    if (m->level >= RAPTOR_LOG_LEVEL_WARN) {
        ps->errors++;
        fprintf(stderr, "raptor: %s (line %d)\n", m->text,
                m->locator ? raptor_locator_line(m->locator) : -1);
    }
}

/* Parses RDF bytes with raptor in strict mode; the triple count, or -1. */
static long
parse_count(const char *syntax, const unsigned char *buf, size_t len)
{
    parse_state ps = {0, 0};
    raptor_world_set_log_handler(g_raptor, &ps, log_handler);
    raptor_parser *p = raptor_new_parser(g_raptor, syntax);
    raptor_uri *base = raptor_new_uri(g_raptor, (const unsigned char *)"file:///fuzz/fuzz.ttl");
    if (p == NULL || base == NULL)
        abort();
    raptor_parser_set_option(p, RAPTOR_OPTION_STRICT, NULL, 1);
    raptor_parser_set_statement_handler(p, &ps, count_triple);
    int rc = raptor_parser_parse_start(p, base);
    if (rc == 0)
        rc = raptor_parser_parse_chunk(p, buf, len, 1);
    raptor_free_parser(p);
    raptor_free_uri(base);
    raptor_world_set_log_handler(g_raptor, NULL, NULL);
    return rc != 0 || ps.errors > 0 ? -1 : ps.triples;
}

static char *
read_file(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (fp == NULL)
        return NULL;
    char *buf = NULL;
    size_t cap = 0, n = 0, k;
    do {
        if (n + 65536 > cap) {
            cap = cap ? 2 * cap : 65536;
            char *nb = realloc(buf, cap);
            if (nb == NULL)
                abort();
            buf = nb;
        }
        k = fread(buf + n, 1, cap - n, fp);
        n += k;
    } while (k > 0);
    fclose(fp);
    *len = n;
    return buf;
}

/* The document in FMT, in memory, by factgrep's writer or raptor's (free it). */
static char *
written(fg_doc *d, fg_format fmt, int by_raptor, size_t *len)
{
    char *buf = NULL;
    FILE *fp = open_memstream(&buf, len);
    if (fp == NULL)
        abort();
    int rc = by_raptor ? fg_doc_write_raptor(d, fp, fmt) : fg_doc_write(d, fp, fmt);
    if (fclose(fp) != 0)
        abort();
    if (rc != FG_OK)
        fail("writing to a memory stream failed (%s)", by_raptor ? "raptor" : "factgrep", 0, 0);
    return buf;
}

/* Two outputs that must be the same bytes: both are printed if not. */
static void
same_bytes(const char *syntax, const char *an, const char *a, size_t alen, const char *bn,
           const char *b, size_t blen)
{
    if (alen == blen && memcmp(a, b, alen) == 0)
        return;
    fprintf(stderr, "%s:\n%.*s\n%s:\n%.*s\n", an, (int)alen, a, bn, (int)blen, b);
    fprintf(stderr, "fuzz_extract: %s and %s differ\n", an, bn);
    fail("%s: the bytes differ (%ld and %ld bytes)", syntax, (long)alen, (long)blen);
}

static void
check_memory_format(fg_doc *d, fg_format fmt, const char *syntax, long want)
{
    size_t len = 0;
    char *buf = written(d, fmt, 0, &len);
    if (syntax != NULL) {
        long got = parse_count(syntax, (const unsigned char *)buf, len);
        if (got != want) {
            fprintf(stderr, "%.*s\n", (int)len, buf);
            fail("%s: raptor read %ld triples, fg_doc_triple_count says %ld", syntax, got, want);
        }
        size_t rlen = 0;
        char *ref = written(d, fmt, 1, &rlen);
        same_bytes(syntax, "factgrep's writer", buf, len, "raptor's", ref, rlen);
        free(ref);
    }
    free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const dates[] = {NULL, "2023-10-12", "2024-02-29"};
    fg_options opt = {0};
    opt.doc_date = size > 0 ? dates[data[0] % 3] : NULL;
    opt.omit_text = size > 0 ? data[size - 1] & 1 : 0;
    if (opt.omit_text)
        opt.source = g_txt;

    free(g_log);
    g_log = NULL;
    g_loglen = 0;
    g_logfp = open_memstream(&g_log, &g_loglen);

    fg_doc *d = NULL;
    int rc = fg_extract(&d, g_w, "fuzz", (const char *)data, size, &opt);
    if (rc == FG_EINPUT) {
        fg_doc_free(d);
        goto done;
    }
    if (rc != FG_OK)
        fail("fg_extract returned %s (%ld)", fg_strerror(rc), rc, 0);
    long want = (long)fg_doc_triple_count(d);

    /* Turtle to a file, read back by raptor, then audited. */
    FILE *fp = fopen(g_ttl, "wb");
    if (fp == NULL)
        abort();
    if (fg_doc_write(d, fp, FG_FORMAT_TURTLE) != FG_OK)
        fail("fg_doc_write failed (%s)", "turtle", 0, 0);
    if (fclose(fp) != 0)
        abort();
    size_t len;
    char *ttl = read_file(g_ttl, &len);
    if (ttl == NULL)
        abort();
    long got = parse_count("turtle", (const unsigned char *)ttl, len);
    if (got != want) {
        fprintf(stderr, "%.*s\n", (int)len, ttl);
        fail("%s: raptor read %ld triples, fg_doc_triple_count says %ld", "turtle", got, want);
    }
    size_t rlen = 0;
    char *ref = written(d, FG_FORMAT_TURTLE, 1, &rlen);
    same_bytes("turtle", "factgrep's writer", ttl, len, "raptor's", ref, rlen);
    free(ref);
    free(ttl);

    check_memory_format(d, FG_FORMAT_NTRIPLES, "ntriples", want);
    check_memory_format(d, FG_FORMAT_NQUADS, "nquads", want);
    check_memory_format(d, FG_FORMAT_DOT, NULL, 0);

    /* The prefilter only skips work: a full scan finds the same facts. */
    fg_options full = opt;
    full.full_scan = 1;
    fg_doc *fd = NULL;
    if (fg_extract(&fd, g_w, "fuzz", (const char *)data, size, &full) != FG_OK)
        fail("fg_extract with full_scan failed where the prefilter succeeded%s", "", 0, 0);
    size_t plen, flen;
    char *pnt = written(d, FG_FORMAT_NTRIPLES, 0, &plen);
    char *fnt = written(fd, FG_FORMAT_NTRIPLES, 0, &flen);
    same_bytes("ntriples", "the prefilter", pnt, plen, "a full scan", fnt, flen);
    free(pnt);
    free(fnt);
    fg_doc_free(fd);
    fg_doc_free(d);

    const char *texts[1] = {g_txt};
    size_t ntexts = 0;
    if (opt.omit_text) {
        fp = fopen(g_txt, "wb");
        if (fp == NULL || fwrite(data, 1, size, fp) != size || fclose(fp) != 0)
            abort();
        ntexts = 1;
    }
    fg_audit_stats st;
    memset(&st, 0, sizeof st);
    rc = fg_audit(g_w, g_ttl, texts, ntexts, &st);
    if (rc != FG_OK) {
        size_t l;
        char *t = read_file(g_ttl, &l);
        fprintf(stderr, "%.*s\n", (int)l, t ? t : "");
        free(t);
        fail("fg_audit returned %s with %ld problems (omit_text %ld)", fg_strerror(rc),
             (long)st.problems, opt.omit_text);
    }
done:
    fclose(g_logfp);
    g_logfp = NULL;
    return 0;
}
