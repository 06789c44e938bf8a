/*
 * test_lib.c - unit tests of the library below the CLI: UTF-8 and offsets,
 * diagnostics, the overlap policy, match limits, pattern errors mapped to
 * rule-file columns, the writer's literals, and failing allocations.
 * SPDX-License-Identifier: MIT
 */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fg_internal.h"
#include "test_help.h"

#define ONTOLOGY FG_SOURCE_DIR "/ontology/factgrep.ttl"

/* ===================================================================
 * Helpers: a world that records its diagnostics
 * ================================================================= */

typedef struct log {
    char text[8192];
    size_t len;
    int errors, warnings;
} log;

static void
record(const fg_diag *d, void *payload)
{
    log *l = payload;
    char buf[2048];
    fg_diag_format(d, buf, sizeof buf);
    size_t n = strlen(buf);
    if (l->len + n < sizeof l->text) {
        memcpy(l->text + l->len, buf, n + 1);
        l->len += n;
    }
    l->errors += d->level == FG_ERROR;
    l->warnings += d->level == FG_WARNING;
}

/* Writes text to a fresh temporary file named NAME.rules; returns its path. */
static char *
temp_rules(const char *name, const char *text)
{
    char dir[] = "/tmp/fgtestXXXXXX";
    if (mkdtemp(dir) == NULL)
        return NULL;
    char *path = malloc(strlen(dir) + strlen(name) + 16);
    sprintf(path, "%s/%s.rules", dir, name);
    FILE *fp = fopen(path, "w");
    fputs(text, fp);
    fclose(fp);
    return path;
}

static void
remove_rules(char *path)
{
    unlink(path);
    *strrchr(path, '/') = '\0';
    rmdir(path);
    free(path);
}

/* A world with the ontology and the rules of text; *rc gets the load result. */
static fg_world *
world_with(const char *text, log *l, int *rc)
{
    memset(l, 0, sizeof *l);
    fg_world *w = fg_world_new(record, l);
    char *path = temp_rules("t", text);
    *rc = fg_world_load_ontology(w, ONTOLOGY);
    if (*rc == FG_OK)
        *rc = fg_world_load_rules(w, path);
    remove_rules(path);
    return w;
}

static const fg_fact *
fact_of(const fg_doc *d, const char *rule_id)
{
    for (size_t i = 0; i < d->nfacts; i++)
        if (strcmp(d->facts[i].rule->id, rule_id) == 0)
            return &d->facts[i];
    return NULL;
}

/* ===================================================================
 * Text
 * ================================================================= */

static void
test_utf8(void)
{
    static const struct {
        const char *s;
        size_t n;
        int ok;
        size_t bad;
    } cases[] = {
        {"abc", 3, 1, 0},
        {"中文", 6, 1, 0},
        {"𠮷", 4, 1, 0},
        {"a\0b", 3, 0, 1},             /* NUL */
        {"a\xff", 2, 0, 1},            /* not UTF-8 at all */
        {"\xc0\xaf", 2, 0, 0},         /* overlong '/' */
        {"\xed\xa0\x80", 3, 0, 0},     /* a surrogate */
        {"ab\xe4\xb8", 4, 0, 2},       /* truncated */
        {"\xf4\x90\x80\x80", 4, 0, 0}, /* above U+10FFFF */
        /* Around the 3-byte fast path of E1-EC and EE: */
        {"中\xe4\xb8"
         "a",
         6, 0, 3},                             /* a lead of Chinese, then ASCII */
        {"\xe4\x41\xb8", 3, 0, 0},             /* a second byte that continues nothing */
        {"a\xee\x80", 3, 0, 1},                /* truncated at the end */
        {"\xe0\x9f\xbf", 3, 0, 0},             /* overlong (E0) */
        {"\xe0\xa0\x80", 3, 1, 0},             /* U+0800, the first of 3 bytes */
        {"\xef\xbf\xbe", 3, 0, 0},             /* U+FFFE (EF) */
        {"\xef\xbf\xbd\xee\x80\x80", 6, 1, 0}, /* U+FFFD, U+E000 */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t bad = 99;
        const char *why = NULL;
        int rc = fg_utf8_check(cases[i].s, cases[i].n, &bad, &why);
        TEST_ASSERT((rc == FG_OK) == cases[i].ok, "case %zu: rc %d", i, rc);
        if (!cases[i].ok)
            TEST_ASSERT(bad == cases[i].bad && why != NULL, "case %zu: bad at %zu", i, bad);
    }
}

static void
test_cursor(void)
{
    const char *s = "a中𠮷b"; /* bytes 0,1,4,8; code points 0,1,2,3 */
    fg_cursor c;
    fg_cursor_init(&c, s, NULL);
    TEST_ASSERT(fg_cursor_cp(&c, 1) == 1, "forward to 中");
    TEST_ASSERT(fg_cursor_cp(&c, 8) == 3, "forward past a 4-byte character");
    TEST_ASSERT(fg_cursor_cp(&c, 4) == 2, "backward");
    TEST_ASSERT(fg_cursor_cp(&c, 0) == 0, "back to the start");
    TEST_ASSERT(fg_utf8_count(s, strlen(s)) == 4, "count");
    /* Counted 8 bytes at a time: every start and length of a mixed text
     * against a count of the bytes that start a code point. */
    const char *mixed = "a中𠮷b，12x汉字\n😀é中中中abcdefgh中𠮷";
    size_t len = strlen(mixed), bad = 0;
    for (size_t b = 0; b < len; b++)
        for (size_t n = 0; b + n <= len; n++) {
            size_t want = 0;
            for (size_t i = b; i < b + n; i++)
                want += ((unsigned char)mixed[i] & 0xC0) != 0x80;
            bad += fg_utf8_count(mixed + b, n) != want;
        }
    TEST_ASSERT(bad == 0, "%zu counts of slices differ", bad);

    /* With marks: jumps of every length, both ways, over a text of some
     * blocks, against a cursor without them. */
    size_t cap = 20 * FG_CP_MARK, n = 0, total = 0;
    char *text = malloc(cap + 1);
    for (size_t i = 0; n + 8 < cap; i++) {
        static const char *const parts[] = {"a", "中", "𠮷", "é", "\n"};
        const char *p = parts[(i * 7 + i / 3) % 5];
        memcpy(text + n, p, strlen(p));
        n += strlen(p);
    }
    text[n] = '\0';
    size_t *marks = fg_cp_marks(text, n, &total);
    fg_cursor plain, marked;
    fg_cursor_init(&plain, text, NULL);
    fg_cursor_init(&marked, text, marks);
    bad = 0;
    for (size_t i = 0, at = 0; i < 4000; i++) {
        at = (at * 1103515245u + 12345u + i) % (n + 1);
        while (at < n && ((unsigned char)text[at] & 0xC0) == 0x80)
            at++;
        bad += fg_cursor_cp(&plain, at) != fg_cursor_cp(&marked, at);
    }
    TEST_ASSERT(marks != NULL && total == fg_utf8_count(text, n) && bad == 0,
                "marks: %zu code points (want %zu), %zu of 4000 jumps differ", total,
                fg_utf8_count(text, n), bad);
    fg_free(marks);
    free(text);
}

static void
test_scope(void)
{
    const char *s = "第一句。第二句,还在二。\n第三段";
    size_t n = strlen(s), *ends = NULL, k = 0;
    int rc = fg_text_ends(s, n, FG_SCOPE_SENTENCE, &ends, &k);
    size_t one = strlen("第一句。"), two = strlen("第一句。第二句,还在二。");
    TEST_ASSERT(rc == FG_OK && k == 3, "three sentence ends, got %zu", k);
    if (k == 3)
        TEST_ASSERT(ends[0] == one && ends[1] == two && ends[2] == two + 1,
                    "sentence ends %zu %zu %zu", ends[0], ends[1], ends[2]);
    fg_free(ends);
    rc = fg_text_ends(s, n, FG_SCOPE_PARAGRAPH, &ends, &k);
    TEST_ASSERT(rc == FG_OK && k == 1 && ends[0] == two + 1, "one paragraph end");
    fg_free(ends);
}

static void
test_sha256(void)
{
    char hex[65];
    fg_sha256_hex("", 0, hex);
    TEST_ASSERT(strcmp(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855") ==
                    0,
                "empty: %s", hex);
    fg_sha256_hex("abc", 3, hex);
    TEST_ASSERT(strcmp(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad") ==
                    0,
                "abc: %s", hex);
    const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"; /* 56 bytes */
    fg_sha256_hex(two, strlen(two), hex);
    TEST_ASSERT(strcmp(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1") ==
                    0,
                "two blocks: %s", hex);
}

static void
test_iri_segment(void)
{
    fg_buf b = {0};
    fg_buf_add_iri_segment(&b, "张三 a/b~", strlen("张三 a/b~"));
    TEST_ASSERT(strcmp(b.p, "%E5%BC%A0%E4%B8%89%20a%2Fb~") == 0, "got %s", b.p);
    fg_buf_free(&b);
}

/* ===================================================================
 * Diagnostics
 * ================================================================= */

static void
test_diag_format(void)
{
    fg_diag d = {FG_ERROR,        FG_ESYNTAX, "r.rules", 3,    7,  20,
                 "  match 中文(", 1,          NULL,      NULL, -1, "missing )"};
    char buf[512];
    fg_diag_format(&d, buf, sizeof buf);
    /* The caret sits under the 7th code point; 中 and 文 are two columns wide. */
    const char *want = "r.rules:3:7: error: missing )\n"
                       "    3 |   match 中文(\n"
                       "      |       ^\n";
    TEST_ASSERT(strcmp(buf, want) == 0, "got:\n%s", buf);
    d.column = 9;
    d.span = 2;
    fg_diag_format(&d, buf, sizeof buf);
    TEST_ASSERT(strstr(buf, "      |         ^~~~\n") != NULL, "wide caret, got:\n%s", buf);
    fg_diag e = {FG_WARNING, FG_ELIMIT, NULL, 0, 0, -1, NULL, 1, "r1", "doc", 42, "limit"};
    size_t need = fg_diag_format(&e, buf, 8);
    TEST_ASSERT(need == strlen("warning: doc at offset 42, rule r1: limit\n") && strlen(buf) == 7,
                "truncation: need %zu, buf '%s'", need, buf);
}

/* ===================================================================
 * Rules and matching
 * ================================================================= */

/* A lexicon is written as a trie of alternations behind a class of the
 * entries' first characters; it matches what the plain alternation of its
 * entries, longest first, matches, in the same order when the pattern
 * backtracks into it (characters that a class or an alternation would
 * read as syntax among them). */
static void
test_lexicon_trie(void)
{
    static const char *const entries[] = {"书记", "书记员", "副书记", "书",   "副",  "a.b",
                                          "a",    "c-d",    "(x)",    "书记", "𠮷a", "𠮷",
                                          "]z",   "^",      "-q",     "\\s"};
    char dir[] = "/tmp/fgtestXXXXXX", path[64];
    TEST_ASSERT(mkdtemp(dir) != NULL, "temp dir");
    snprintf(path, sizeof path, "%s/x.txt", dir);
    FILE *fp = fopen(path, "w");
    for (size_t i = 0; fp != NULL && i < sizeof entries / sizeof *entries; i++)
        fprintf(fp, "%s\n", entries[i]);
    if (fp != NULL)
        fclose(fp);
    char rules[64];
    snprintf(rules, sizeof rules, "%s/t.rules", dir);
    fp = fopen(rules, "w");
    if (fp != NULL) {
        fputs("lexicon x x.txt\n", fp);
        fclose(fp);
    }
    log l = {0};
    fg_world *w = fg_world_new(record, &l);
    int rc = fg_world_load_ontology(w, ONTOLOGY);
    if (rc == FG_OK)
        rc = fg_world_load_rules(w, rules);
    unlink(path);
    unlink(rules);
    rmdir(dir);
    TEST_ASSERT(rc == FG_OK && w->nlexicons == 1 && w->lexicons[0].nentries == 15,
                "lexicon loads, 15 distinct entries: %s", l.text);
    if (rc != FG_OK || w->nlexicons != 1) {
        fg_world_free(w);
        return;
    }
    /* The plain alternation, longest first (escaped by hand). */
    const char *plain =
        "(?:书记员|副书记|𠮷a|a\\.b|c\\-d|\\(x\\)|\\]z|\\-q|\\\\s|书记|𠮷|书|副|a|\\^)";
    TEST_ASSERT(strncmp(w->lexicons[0].regex, "(?=[", 4) == 0, "a class of first characters: %s",
                w->lexicons[0].regex);
    static const char *const tails[] = {"", "员", "记员", "b", "尾", "$", "a"};
    static const char *const texts[] = {"书记员尾", "副书记员", "a.b",      "ab",       "c-d(x)书",
                                        "副书",     "𠮷a𠮷",    "书记记员", "]z^-q\\s", "^]-\\"};
    size_t differ = 0, compared = 0;
    for (size_t k = 0; k < sizeof tails / sizeof *tails; k++) {
        char p1[512], p2[512];
        snprintf(p1, sizeof p1, "(%s)%s", w->lexicons[0].regex, tails[k]);
        snprintf(p2, sizeof p2, "(%s)%s", plain, tails[k]);
        int e1, e2;
        PCRE2_SIZE o1, o2;
        pcre2_code *r1 =
            pcre2_compile((PCRE2_SPTR)p1, PCRE2_ZERO_TERMINATED, PCRE2_UTF, &e1, &o1, NULL);
        pcre2_code *r2 =
            pcre2_compile((PCRE2_SPTR)p2, PCRE2_ZERO_TERMINATED, PCRE2_UTF, &e2, &o2, NULL);
        TEST_ASSERT(r1 != NULL && r2 != NULL, "%s and %s compile", p1, p2);
        pcre2_match_data *m1 = pcre2_match_data_create(4, NULL),
                         *m2 = pcre2_match_data_create(4, NULL);
        for (size_t t = 0; r1 && r2 && t < sizeof texts / sizeof *texts; t++) {
            size_t n = strlen(texts[t]);
            for (size_t at = 0; at <= n; at++) {
                if (at < n && ((unsigned char)texts[t][at] & 0xC0) == 0x80)
                    continue;
                int a = pcre2_match(r1, (PCRE2_SPTR)texts[t], n, at, 0, m1, NULL);
                int b = pcre2_match(r2, (PCRE2_SPTR)texts[t], n, at, 0, m2, NULL);
                PCRE2_SIZE *v1 = pcre2_get_ovector_pointer(m1), *v2 = pcre2_get_ovector_pointer(m2);
                compared++;
                differ += a != b || (a > 0 && (v1[0] != v2[0] || v1[1] != v2[1] || v1[2] != v2[2] ||
                                               v1[3] != v2[3]));
            }
        }
        pcre2_match_data_free(m1);
        pcre2_match_data_free(m2);
        pcre2_code_free(r1);
        pcre2_code_free(r2);
    }
    TEST_ASSERT(compared > 200 && differ == 0, "%zu of %zu matches differ from the alternation",
                differ, compared);
    fg_world_free(w);
}

static void
test_overlap_policy(void)
{
    log l;
    int rc;
    /* Three rules of one group (the file): length, then priority, then order. */
    fg_world *w = world_with("rule short\n"
                             "  match (?<n>甲乙)\n"
                             "  priority 9\n"
                             "  fact schema:Event\n"
                             "  schema:name $n\n"
                             "rule long\n"
                             "  match (?<n>甲乙丙)\n"
                             "  fact schema:Event\n"
                             "  schema:name $n\n"
                             "rule first\n"
                             "  match (?<n>丁戊)\n"
                             "  fact schema:Event\n"
                             "  schema:name $n\n"
                             "rule same\n"
                             "  match (?<n>丁戊)\n"
                             "  fact schema:Event\n"
                             "  schema:name $n\n"
                             "rule loud\n"
                             "  match (?<n>己庚)\n"
                             "  fact schema:Event\n"
                             "  schema:name $n\n"
                             "rule louder\n"
                             "  match (?<n>己庚)\n"
                             "  priority 5\n"
                             "  fact schema:Event\n"
                             "  schema:name $n\n",
                             &l, &rc);
    TEST_ASSERT(rc == FG_OK, "load: %s", l.text);
    fg_doc *d = NULL;
    const char *text = "甲乙丙,丁戊,己庚";
    rc = fg_extract_doc(&d, w, "t", text, strlen(text), NULL, 1);
    TEST_ASSERT(rc == FG_OK && d != NULL, "extract");
    if (d != NULL) {
        TEST_ASSERT(fact_of(d, "long") && !fact_of(d, "short"), "the longer match wins");
        TEST_ASSERT(fact_of(d, "first") && !fact_of(d, "same"), "a tie goes to file order");
        TEST_ASSERT(fact_of(d, "louder") && !fact_of(d, "loud"), "priority beats file order");
        TEST_ASSERT(d->nfacts == 3, "three winners, got %zu", d->nfacts);
    }
    fg_doc_free(d);
    fg_world_free(w);
}

static void
test_overlap_groups(void)
{
    log l;
    int rc;
    /* Different groups never compete: both overlapping facts stay. */
    fg_world *w = world_with("rule a\n"
                             "  match (?<n>甲乙)\n"
                             "  group one\n"
                             "  fact schema:Event\n"
                             "  schema:name $n\n"
                             "rule b\n"
                             "  match (?<n>乙丙)\n"
                             "  group two\n"
                             "  fact schema:Event\n"
                             "  schema:name $n\n",
                             &l, &rc);
    fg_doc *d = NULL;
    rc = fg_extract_doc(&d, w, "t", "甲乙丙", strlen("甲乙丙"), NULL, 1);
    TEST_ASSERT(rc == FG_OK && d && d->nfacts == 2, "two groups, two facts");
    fg_doc_free(d);
    fg_world_free(w);
}

static void
test_match_limit(void)
{
    log l;
    int rc;
    /* No literal after the loop, so PCRE2 cannot rule the match out early. */
    fg_world *w = world_with("rule slow\n"
                             "  match (?<n>(?:a|a)+\\d)\n"
                             "  fact schema:Event\n"
                             "  schema:name $n\n"
                             "rule fine\n"
                             "  match (?<n>c)\n"
                             "  group other\n"
                             "  fact schema:Event\n"
                             "  schema:name $n\n",
                             &l, &rc);
    TEST_ASSERT(rc == FG_OK, "load: %s", l.text);
    char text[64];
    memset(text, 'a', 40);
    strcpy(text + 40, "c");
    fg_doc *d = NULL;
    rc = fg_extract_doc(&d, w, "hostile", text, strlen(text), NULL, 1);
    TEST_ASSERT(rc == FG_OK, "the document still succeeds");
    TEST_ASSERT(strstr(l.text, "warning: hostile at offset 0, rule slow: match limit reached") !=
                    NULL,
                "diagnostic names rule, document and offset; got:\n%s", l.text);
    TEST_ASSERT(d && fact_of(d, "fine") != NULL, "the other rules go on");
    fg_doc_free(d);
    fg_world_free(w);
}

static void
test_regex_error_in_macro(void)
{
    log l;
    int rc;
    fg_world *w = world_with("define GOOD 甲+\n"
                             "define BAD  乙\\p{Hanx}丙\n"
                             "define OPEN 戊(己\n"
                             "rule r\n"
                             "  match 丁$GOOD$BAD\n"
                             "  fact schema:Event\n"
                             "rule s\n"
                             "  match 丁$OPEN\n"
                             "  fact schema:Event\n",
                             &l, &rc);
    TEST_ASSERT(rc == FG_EREGEX || rc == FG_ESYNTAX, "load fails: %d", rc);
    /* PCRE2 reports a byte offset in the expanded pattern; it comes back as
     * the column in the macro's own line, with a note at the place of use. */
    TEST_ASSERT(strstr(l.text, "t.rules:2:22: error: pattern does not compile: unknown property "
                               "after \\P or \\p") != NULL,
                "got:\n%s", l.text);
    TEST_ASSERT(strstr(l.text, "t.rules:5:15: note: in the expansion of macro $BAD used here") !=
                    NULL,
                "got:\n%s", l.text);
    /* An unclosed group is reported at the end of the pattern: the use of
     * the macro, with a note pointing at its definition. */
    TEST_ASSERT(strstr(l.text, "t.rules:8:10: error: pattern does not compile: missing closing "
                               "parenthesis") != NULL,
                "got:\n%s", l.text);
    TEST_ASSERT(strstr(l.text, "t.rules:3:13: note: macro $OPEN is defined here") != NULL,
                "got:\n%s", l.text);
    fg_world_free(w);
}

static void
test_undeclared_term(void)
{
    log l;
    int rc;
    fg_world *w = world_with("rule r\n"
                             "  match (?<n>甲)\n"
                             "  fact schema:Event\n"
                             "  schema:nmae $n\n",
                             &l, &rc);
    TEST_ASSERT(rc == FG_EONTOLOGY || rc == FG_ESYNTAX, "load fails: %d", rc);
    TEST_ASSERT(strstr(l.text, ":4:3: error: property schema:nmae is not declared in the "
                               "ontology") != NULL,
                "got:\n%s", l.text);
    fg_world_free(w);
}

/* ===================================================================
 * The writer: literals keep their datatypes when read back
 * ================================================================= */

typedef struct readback {
    int triples;
    int decimals, integers, errors;
} readback;

static void
count_statement(void *data, raptor_statement *t)
{
    readback *r = data;
    r->triples++;
    if (t->object->type == RAPTOR_TERM_TYPE_LITERAL && t->object->value.literal.datatype) {
        const char *dt = (const char *)raptor_uri_as_string(t->object->value.literal.datatype);
        r->decimals += strcmp(dt, "http://www.w3.org/2001/XMLSchema#decimal") == 0;
        r->integers += strcmp(dt, "http://www.w3.org/2001/XMLSchema#integer") == 0;
    }
}

static void
count_error(void *data, raptor_log_message *m)
{
    if (m->level >= RAPTOR_LOG_LEVEL_ERROR)
        ((readback *)data)->errors++;
}

/* A node is described once a document, and again when the fact that
 * described it first was dropped (3.5 is no integer): its triples went with
 * that fact. */
static void
test_nodes_once(void)
{
    log l;
    int rc;
    fg_world *w = world_with("rule ev\n"
                             "  match (?<o>\\p{Han}{2}局)办了(?<n>[0-9.]+)场\n"
                             "  fact schema:QuantitativeValue\n"
                             "  fg:counted org($o)\n"
                             "  schema:value integer($n)\n",
                             &l, &rc);
    TEST_ASSERT(rc == FG_OK, "load: %s", l.text);
    const char *text = "公安局办了3.5场，公安局办了4场，公安局办了5场。";
    fg_doc *d = NULL;
    char *nt = NULL;
    size_t len = 0;
    if (rc == FG_OK && (rc = fg_extract(&d, w, "n", text, strlen(text), NULL)) == FG_OK)
        rc = fg_doc_write_mem(d, FG_FORMAT_NTRIPLES, &nt, &len);
    const char *org = "<http://factgrep.example/doc/n/org/%E5%85%AC%E5%AE%89%E5%B1%80> ";
    size_t types = 0, names = 0, uses = 0;
    for (const char *p = nt; rc == FG_OK && (p = strstr(p, org)) != NULL; p++) {
        types +=
            strncmp(p + strlen(org), "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", 49) == 0;
        names += strncmp(p + strlen(org), "<http://schema.org/name>", 24) == 0;
    }
    for (const char *p = nt; rc == FG_OK && (p = strstr(p, "counted> <http")) != NULL; p++)
        uses++;
    TEST_ASSERT(rc == FG_OK && fg_doc_fact_count(d) == 2 && types == 1 && names == 1 && uses == 2,
                "rc %d, %zu facts; the organisation typed %zu times, named %zu, counted %zu", rc,
                d ? fg_doc_fact_count(d) : 0, types, names, uses);
    free(nt);
    fg_doc_free(d);
    fg_world_free(w);
}

static void
test_writer_roundtrip(void)
{
    log l;
    int rc;
    fg_world *w = world_with("rule money\n"
                             "  match (?<m>[0-9.]+万元)\n"
                             "  fact schema:MonetaryAmount\n"
                             "  money($m)\n"
                             "rule count\n"
                             "  match (?<n>[0-9]+)个\n"
                             "  group counts\n"
                             "  fact schema:QuantitativeValue\n"
                             "  quantity($n)\n",
                             &l, &rc);
    TEST_ASSERT(rc == FG_OK, "load: %s", l.text);
    /* Quotes, backslashes, '>' and a lone CR in the text must not break the Turtle. */
    const char *text = "赔偿21.3万元与5万元,\"引号\" \\ <尖> 3个\r结束";
    fg_doc *d = NULL;
    rc = fg_extract(&d, w, "写 入>", text, strlen(text), NULL);
    TEST_ASSERT(rc == FG_OK, "extract");
    FILE *fp = tmpfile();
    rc = d ? fg_doc_write(d, fp, FG_FORMAT_TURTLE) : -1;
    TEST_ASSERT(rc == FG_OK, "write");
    rewind(fp);
    readback r = {0};
    raptor_world *rw = raptor_new_world();
    raptor_world_set_log_handler(rw, &r, count_error);
    raptor_parser *p = raptor_new_parser(rw, "turtle");
    raptor_parser_set_statement_handler(p, &r, count_statement);
    raptor_uri *base = raptor_new_uri(rw, (const unsigned char *)"http://example.org/");
    raptor_parser_parse_file_stream(p, fp, NULL, base);
    TEST_ASSERT(r.errors == 0, "%d parse errors", r.errors);
    TEST_ASSERT(d && r.triples == (int)fg_doc_triple_count(d), "read %d of %zu triples", r.triples,
                d ? fg_doc_triple_count(d) : 0);
    TEST_ASSERT(r.decimals == 2, "213000.0 and 50000.0 stay xsd:decimal (%d)", r.decimals);
    TEST_ASSERT(r.integers == 1, "the count stays xsd:integer (%d)", r.integers);
    raptor_free_uri(base);
    raptor_free_parser(p);
    raptor_free_world(rw);
    fclose(fp);
    fg_doc_free(d);
    fg_world_free(w);
}

/* A silent world with the bundled ontology and rules in *w (free it even
 * when this fails). */
static int
bundled_world(fg_world **w)
{
    *w = fg_world_new(NULL, NULL);
    int rc = *w ? fg_world_load_ontology(*w, ONTOLOGY) : FG_ENOMEM;
    if (rc == FG_OK)
        rc = fg_world_load_rules(*w, FG_SOURCE_DIR "/rules");
    return rc;
}

/* A document's N-Triples, in a malloc'd string (NULL on failure). */
static char *
ntriples_of(fg_world *w, const char *text, int full_scan, fg_rule_stats *st, size_t nst)
{
    fg_options o = {.full_scan = full_scan};
    fg_doc *d = NULL;
    char *out = NULL;
    size_t n = 0;
    if (fg_extract(&d, w, "p", text, strlen(text), &o) != FG_OK)
        return NULL;
    FILE *fp = open_memstream(&out, &n);
    if (fp != NULL) {
        (void)fg_doc_write(d, fp, FG_FORMAT_NTRIPLES);
        fclose(fp);
    }
    fg_doc_rule_stats(d, st, nst);
    fg_doc_free(d);
    return out;
}

/* The bundled rules on text with the prefilter and with a full scan, into
 * *a and *b (malloc'd N-Triples), st and full getting each run's rule
 * statistics; asserts that the rules load and the outputs are the same.
 * Returns the world (free it), NULL when the rules do not load. */
static fg_world *
with_and_without_prefilter(const char *text, char **a, char **b, fg_rule_stats *st,
                           fg_rule_stats *full, size_t n)
{
    fg_world *w = NULL;
    int rc = bundled_world(&w);
    TEST_ASSERT(rc == FG_OK, "bundled rules load (%d)", rc);
    *a = rc == FG_OK ? ntriples_of(w, text, 0, st, n) : NULL;
    *b = rc == FG_OK ? ntriples_of(w, text, 1, full, n) : NULL;
    TEST_ASSERT(*a != NULL && *b != NULL && strcmp(*a, *b) == 0,
                "the same output with and without the prefilter");
    if (rc != FG_OK) {
        fg_world_free(w);
        return NULL;
    }
    return w;
}

/* Rules are timed only when asked (two clock reads a search): without
 * time_rules every rule's seconds and the prefilter's stay 0, with it the
 * rules that searched took some time; the facts are the same. */
static void
test_time_rules(void)
{
    const char *text = "县委书记张明出席会议，共有120名代表参加，投资3000万元。"
                       "2023年10月11日，副县长李华主持会议。";
    fg_world *w = NULL;
    int rc = bundled_world(&w);
    TEST_ASSERT(rc == FG_OK, "bundled rules load (%d)", rc);
    double sum[2] = {0, 0}, pre[2] = {0, 0};
    size_t facts[2] = {0, 0};
    for (int timed = 0; timed < 2 && rc == FG_OK; timed++) {
        fg_options o = {.time_rules = timed};
        fg_doc *d = NULL;
        fg_rule_stats st[64];
        TEST_ASSERT(fg_extract(&d, w, "t", text, strlen(text), &o) == FG_OK, "extracts");
        if (d == NULL)
            break;
        size_t n = fg_doc_rule_stats(d, st, 64);
        for (size_t i = 0; i < n && i < 64; i++)
            sum[timed] += st[i].seconds;
        pre[timed] = fg_doc_prefilter_seconds(d);
        facts[timed] = fg_doc_fact_count(d);
        fg_doc_free(d);
    }
    TEST_ASSERT(sum[0] == 0.0 && pre[0] == 0.0, "untimed: %g s in rules, %g s prefilter", sum[0],
                pre[0]);
    TEST_ASSERT(sum[1] > 0.0, "timed: %g s in rules", sum[1]);
    TEST_ASSERT(facts[0] == facts[1] && facts[0] >= 4, "facts: %zu untimed, %zu timed", facts[0],
                facts[1]);
    fg_world_free(w);
}

/* person.again has no anchor, but every match starts with a known person's
 * name: it is tried only where one starts, and finds what a full scan finds
 * (names of two, three and four characters, one astral, side by side). */
static void
test_person_first(void)
{
    const char *text = "县长张明出席会议，副县长欧阳小红主持。张明强调，欧阳小红说，"
                       "张明张明说；记者/𠮷思远 报道。𠮷思远说，张明明说，张明。";
    fg_rule_stats st[64], full[64];
    char *a, *b;
    fg_world *w = with_and_without_prefilter(text, &a, &b, st, full, 64);
    int found = 0;
    for (size_t i = 0; a != NULL && i < 64 && i < w->nrules; i++)
        if (strcmp(st[i].id, "person.again") == 0) {
            found = 1;
            TEST_ASSERT(st[i].anchor_people == 1 && st[i].anchor_literals == 0,
                        "person.again is tried at people's names");
            TEST_ASSERT(st[i].matches == full[i].matches && st[i].matches >= 4,
                        "person.again: %zu matches, %zu in a full scan", st[i].matches,
                        full[i].matches);
        }
    TEST_ASSERT(found, "person.again is a bundled rule");
    free(a);
    free(b);
    fg_world_free(w);
}

/* Anchors that reach back to a barrier (a number of any length before
 * 岁, 元 or 小时) find what a full scan finds: numbers longer than any
 * bounded reach, literals that overlap (亿元 holds 元), and a long run
 * without a barrier holding many literals, where each scan back must stop
 * at the window. */
static void
test_reach_barrier(void)
{
    size_t cap = 64 * 1024, n = 0;
    char *text = malloc(cap);
    TEST_ASSERT(text != NULL, "memory");
    if (text == NULL)
        return;
    const char *parts[] = {"老人已满",
                           "1234567890123456789012345678901234567890",
                           "岁，共",
                           "99999999999999999999",
                           "亿元，",
                           "三万五千元人民币。历时",
                           "1000000000000000000000",
                           "个小时，"};
    for (size_t i = 0; i < sizeof parts / sizeof *parts; i++)
        n += (size_t)snprintf(text + n, cap - n, "%s", parts[i]);
    for (int i = 0; i < 400 && n + 64 < cap; i++) /* no barrier for a long way */
        n += (size_t)snprintf(text + n, cap - n, "共%d亿元和%d元以及%d岁%d小时", i, i * 7, i % 90,
                              i % 24);
    n += (size_t)snprintf(text + n, cap - n, "。");
    fg_rule_stats st[64], full[64];
    char *a, *b;
    fg_world *w = with_and_without_prefilter(text, &a, &b, st, full, 64);
    size_t reach = 0, matched = 0;
    for (size_t i = 0; a != NULL && i < 64 && i < w->nrules; i++) {
        TEST_ASSERT(st[i].matches == full[i].matches, "%s: %zu matches, %zu in a full scan",
                    st[i].id, st[i].matches, full[i].matches);
        /* A match takes a search, and an anchored search a hit; a full scan
         * has no hits, and searches once a match and once more. */
        TEST_ASSERT(st[i].searches >= (st[i].matches > 0) &&
                        (st[i].anchor_literals == 0 || st[i].hits >= (st[i].matches > 0)) &&
                        full[i].hits == 0 && full[i].searches >= full[i].matches + 1,
                    "%s: %zu hits, %zu searches (full scan: %zu, %zu)", st[i].id, st[i].hits,
                    st[i].searches, full[i].hits, full[i].searches);
        if (st[i].anchor_reach == SIZE_MAX) {
            reach++;
            matched += st[i].matches;
        }
    }
    TEST_ASSERT(reach > 0 && matched >= 800, "%zu rules reach back to a barrier, %zu matches",
                reach, matched);
    free(a);
    free(b);
    free(text);
    fg_world_free(w);
}

/* strcmp of the IRIs written <a...> and <b...> (each ending before ae, be). */
static int
cmp_iri(const char *a, const char *ae, const char *b, const char *be)
{
    size_t an = (size_t)(ae - a) - 2, bn = (size_t)(be - b) - 2;
    int c = memcmp(a + 1, b + 1, an < bn ? an : bn);
    return c ? c : an < bn ? -1 : an > bn;
}

/* Triples come sorted by subject, then predicate, as strings, and once
 * each: on a text with hundreds of nodes sharing long IRI prefixes (the
 * sort reads subjects 16 bytes at a time after their common prefix). */
static void
test_triple_order(void)
{
    static const char *const names[] = {"张明", "欧阳小红", "李华", "王建国", "陈静"};
    static const char *const titles[] = {"县长", "副县长", "局长", "书记", "主任"};
    size_t cap = 256 * 1024, n = 0;
    char *text = malloc(cap);
    TEST_ASSERT(text != NULL, "memory");
    if (text == NULL)
        return;
    for (int i = 0; i < 600 && n + 256 < cap; i++)
        n += (size_t)snprintf(text + n, cap - n,
                              "%d月%d日，%s%s出席第%d次全市工作会议，共有%d名代表参加。\n",
                              i % 12 + 1, i % 28 + 1, titles[i % 5], names[(i / 5) % 5], i, i * 3);
    fg_world *w = NULL;
    int rc = bundled_world(&w);
    fg_rule_stats st[64];
    char *nt = rc == FG_OK ? ntriples_of(w, text, 0, st, 64) : NULL;
    TEST_ASSERT(nt != NULL, "extracted (%d)", rc);
    size_t lines = 0, bad = 0, subjects = 0;
    const char *prev = NULL, *line = nt;
    while (line != NULL && *line != '\0') {
        const char *end = strchr(line, '\n');
        if (end == NULL)
            break;
        if (prev != NULL) {
            /* Compare subject, then predicate, as strings: the IRIs
             * between < and >. */
            const char *ps = strchr(prev, ' '), *ls = strchr(line, ' ');
            int c = cmp_iri(prev, ps, line, ls);
            if (c == 0) {
                const char *pp = strchr(ps + 1, ' '), *lp = strchr(ls + 1, ' ');
                c = cmp_iri(ps + 1, pp, ls + 1, lp);
                if (c == 0 && (size_t)(strchr(prev, '\n') - prev) == (size_t)(end - line) &&
                    memcmp(prev, line, (size_t)(end - line)) == 0)
                    c = 1; /* the same triple twice */
            } else
                subjects++;
            bad += c > 0;
        }
        prev = line;
        line = end + 1;
        lines++;
    }
    TEST_ASSERT(lines > 2000 && subjects > 500 && bad == 0,
                "%zu triples, %zu subjects, %zu out of order or repeated", lines, subjects, bad);
    free(nt);
    free(text);
    fg_world_free(w);
}

/* Our N-Triples and N-Quads writer gives raptor's bytes, escapes included. */
static void
test_writer_as_raptor(void)
{
    const char *text = "区委书记张明\t出席\001会议\177，\"引号\"\\反斜杠😀支付5万元。\r\n𠀀年";
    fg_world *w = NULL;
    int rc = bundled_world(&w);
    fg_doc *d = NULL;
    if (rc == FG_OK)
        rc = fg_extract(&d, w, "esc", text, strlen(text), NULL);
    TEST_ASSERT(rc == FG_OK && fg_doc_fact_count(d) >= 2, "extracted (%d)", rc);
    /* Into memory (as fg_run writes): the bytes of the stream writer. */
    static const fg_format formats[] = {FG_FORMAT_TURTLE, FG_FORMAT_NTRIPLES, FG_FORMAT_NQUADS,
                                        FG_FORMAT_DOT};
    for (size_t k = 0; k < 4 && rc == FG_OK; k++) {
        char *mem = NULL, *stream = NULL;
        size_t n1 = 0, n2 = 0;
        int r1 = fg_doc_write_mem(d, formats[k], &mem, &n1);
        FILE *fp = open_memstream(&stream, &n2);
        int r2 = fg_doc_write(d, fp, formats[k]);
        fclose(fp);
        TEST_ASSERT(r1 == FG_OK && r2 == FG_OK && n1 == n2 && n1 > 0 &&
                        memcmp(mem, stream, n1) == 0,
                    "format %d: in memory %zu bytes, to a stream %zu", (int)formats[k], n1, n2);
        free(mem);
        free(stream);
    }
    /* Turtle too, where the text (with line ends) is a long string and a
     * span without them a short one; and a text of many people, whose IRIs
     * outnumber the writer's slots for prefixed forms, under an id whose
     * IRIs outgrow a slot. */
    static const char surnames[] = "张王李赵刘陈黄周", given[] = "明伟强丽华军芳勇";
    char many[8 * 8 * 8 * 40] = "", long_id[400] = "";
    for (size_t a = 0; a < 8; a++)
        for (size_t b = 0; b < 8; b++)
            for (size_t c = 0; c < 8; c++)
                snprintf(many + strlen(many), sizeof many - strlen(many), "，县长%.3s%.3s%.3s出席",
                         surnames + 3 * a, given + 3 * b, given + 3 * c);
    for (size_t i = 0; i < 40; i++) /* IRIs of 400 bytes and more */
        strcat(long_id, "长");
    for (int k = 0; k <= 3 && rc == FG_OK; k++) {
        const char *t = k == 1 ? "县长张明\t出席\001会议，\"引号\"\\反斜杠😀支付5.5万元"
                        : k >= 2 ? many
                                 : text;
        fg_doc *dt = NULL;
        char *ours = NULL, *theirs = NULL;
        size_t n1 = 0, n2 = 0;
        int r0 = fg_extract(&dt, w, k == 2 ? long_id : "ttl", t, strlen(t), NULL);
        TEST_ASSERT(k < 2 || (r0 == FG_OK && fg_doc_fact_count(dt) == 512),
                    "512 people (rc %d, %zu facts)", r0, r0 == FG_OK ? fg_doc_fact_count(dt) : 0);
        FILE *a = open_memstream(&ours, &n1), *b = open_memstream(&theirs, &n2);
        int r1 = r0 == FG_OK ? fg_doc_write(dt, a, FG_FORMAT_TURTLE) : r0;
        int r2 = r0 == FG_OK ? fg_doc_write_raptor(dt, b, FG_FORMAT_TURTLE) : r0;
        fclose(a);
        fclose(b);
        TEST_ASSERT(r1 == FG_OK && r2 == FG_OK && n1 == n2 && memcmp(ours, theirs, n1) == 0,
                    "turtle %d: ours %zu bytes, raptor's %zu:\n%s\n---\n%s", k, n1, n2,
                    ours ? ours : "", theirs ? theirs : "");
        free(ours);
        free(theirs);
        fg_doc_free(dt);
    }
    for (int quads = 0; quads <= 1 && rc == FG_OK; quads++) {
        fg_format f = quads ? FG_FORMAT_NQUADS : FG_FORMAT_NTRIPLES;
        char *ours = NULL, *theirs = NULL;
        size_t n1 = 0, n2 = 0;
        FILE *a = open_memstream(&ours, &n1), *b = open_memstream(&theirs, &n2);
        int r1 = fg_doc_write(d, a, f), r2 = fg_doc_write_raptor(d, b, f);
        fclose(a);
        fclose(b);
        TEST_ASSERT(r1 == FG_OK && r2 == FG_OK && n1 == n2 && memcmp(ours, theirs, n1) == 0,
                    "%s: ours %zu bytes, raptor's %zu", quads ? "nquads" : "ntriples", n1, n2);
        TEST_ASSERT(strstr(ours, "\\t\\u51FA\\u5E2D\\u0001") && strstr(ours, "\\u007F") &&
                        strstr(ours, "\\\"\\u5F15") && strstr(ours, "\\\\\\u53CD") &&
                        strstr(ours, "\\U0001F600") && strstr(ours, "\\r\\n\\U00020000"),
                    "escapes as raptor writes them");
        free(ours);
        free(theirs);
    }
    fg_doc_free(d);
    fg_world_free(w);
}

/* ===================================================================
 * The prefilter: anchors of patterns, and that they hold
 * ================================================================= */

/* Every match of pat in text contains one of the anchor's literals, starting
 * at most maxoff code points after the match starts. */
static int
anchor_holds(const char *pat, const fg_anchor *a, const char *text)
{
    int err;
    PCRE2_SIZE eoff;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_UCP,
                                   &err, &eoff, NULL);
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
    size_t len = strlen(text), at = 0, matches = 0, held = 0;
    while (at <= len && pcre2_match(re, (PCRE2_SPTR)text, len, at, 0, md, NULL) >= 0) {
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
        matches++;
        int ok = 0;
        for (size_t k = 0; k < a->n && !ok; k++)
            for (size_t p = ov[0]; p + a->lens[k] <= ov[1] && !ok; p++)
                ok = memcmp(text + p, a->lits[k], a->lens[k]) == 0 &&
                     fg_utf8_count(text + ov[0], p - ov[0]) <= a->offs[k] &&
                     a->offs[k] <= a->maxoff &&
                     fg_anchor_start(a, text, p, a->offs[k], 0) <= ov[0]; /* no barrier inside */
        if (ok)
            held++;
        at = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
        while (at < len && ((unsigned char)text[at] & 0xC0) == 0x80)
            at++;
    }
    pcre2_match_data_free(md);
    pcre2_code_free(re);
    return matches > 0 && held == matches;
}

static void
test_anchors(void)
{
    static const struct {
        const char *pat, *lits; /* lits: the anchor's literals, sorted, joined by | */
        size_t maxoff;
    } anchored[] = {
        {"出席", "出席", 0},
        {"[甲乙]方", "乙方|甲方", 0},
        {"\\d{1,4}万元", "万元", 4},
        {"\\p{Han}{2,3}(?:书记|主任)", "主任|书记", 3},
        {"(?<n>会|议)(?&n)", "会会|会议|议会|议议", 0},
        {"张(?:三|)", "张", 0},
        {"会(?#note)\\x{8BAE}", "会议", 0},
        /* unbounded before the literal: back to a barrier character */
        {"\\d+万元", "万元", FG_REACH_BARRIER},
        {"\\p{Han}+岁", "岁", FG_REACH_BARRIER},
        /* Alone, the group's digits are cheaper than its currencies far
         * off; 10 characters in, the currencies back to a barrier are. */
        {"[0-9]+(?:元|块)", "0|1|2|3|4|5|6|7|8|9", 0},
        {"\\p{Han}{0,10}(?:[0-9]+(?:元|块))", "元|块", FG_REACH_BARRIER},
    };
    static const char *scanned[] = {
        ".+万元",   /* unbounded before the literal, and no barrier */
        "(?i)会议", /* options the analyser does not follow */
        "(?=会议)\\w{2}", "ab\\Kcd", "会议|", ".*", "\\Q会议\\E",
    };
    const char *text = "甲方乙方丙方出席会议，3万元和12345万元，张三、张四；议会会议。"
                       "区委副书记、办公室主任。孩子三岁，花了5元。";
    for (size_t i = 0; i < sizeof anchored / sizeof *anchored; i++) {
        fg_anchor a;
        int rc = fg_anchor_find(anchored[i].pat, strlen(anchored[i].pat), &a);
        char got[256] = "";
        for (size_t k = 0; rc == 1 && k < a.n; k++)
            snprintf(got + strlen(got), sizeof got - strlen(got), "%s%s", k ? "|" : "", a.lits[k]);
        TEST_ASSERT(rc == 1 && strcmp(got, anchored[i].lits) == 0 && a.maxoff == anchored[i].maxoff,
                    "%s: rc %d, anchor %s within %zu", anchored[i].pat, rc, got, a.maxoff);
        size_t longest = 0;
        for (size_t k = 0; rc == 1 && k < a.n; k++)
            longest = a.lens[k] > longest ? a.lens[k] : longest;
        TEST_ASSERT(rc != 1 || a.maxlen == longest, "%s: longest literal %zu bytes, maxlen %zu",
                    anchored[i].pat, longest, rc == 1 ? a.maxlen : 0);
        TEST_ASSERT(rc != 1 || anchor_holds(anchored[i].pat, &a, text),
                    "%s: a match of the test text lacks the anchor", anchored[i].pat);
        if (rc == 1)
            fg_anchor_clear(&a);
    }
    /* Each literal keeps its own offset: 书记 3 characters in, 主任 at the start. */
    {
        const char *pat = "\\p{Han}{1,3}书记|主任";
        fg_anchor a;
        int rc = fg_anchor_find(pat, strlen(pat), &a);
        TEST_ASSERT(rc == 1 && a.n == 2 && strcmp(a.lits[0], "主任") == 0 && a.offs[0] == 0 &&
                        strcmp(a.lits[1], "书记") == 0 && a.offs[1] == 3 && a.maxoff == 3,
                    "%s: 主任 at 0 and 书记 within 3 (rc %d)", pat, rc);
        TEST_ASSERT(rc != 1 || anchor_holds(pat, &a, text), "%s: every match holds its literal",
                    pat);
        if (rc == 1)
            fg_anchor_clear(&a);
    }
    for (size_t i = 0; i < sizeof scanned / sizeof *scanned; i++) {
        fg_anchor a;
        int rc = fg_anchor_find(scanned[i], strlen(scanned[i]), &a);
        TEST_ASSERT(rc == 0, "%s: scanned in full, not anchored (rc %d)", scanned[i], rc);
        if (rc == 1)
            fg_anchor_clear(&a);
    }
}

/* The barrier: what a pattern never consumes outside lookarounds stops its
 * window; '.', a subroutine call, or a class holding every candidate leave
 * it without one. */
static int
is_barrier(const fg_anchor *a, uint32_t c)
{
    int i = fg_barrier_index(c);
    return i >= 0 && (a->barrier[i >> 6] >> (i & 63) & 1);
}

static void
test_barriers(void)
{
    static const struct {
        const char *pat, *text, *from; /* the window for the literal in text starts at from */
        uint32_t barrier, consumed;
    } cases[] = {
        {"\\p{sc:Han}{2,8}(?:书记|主任)", "甲乙，丙丁戊书记", "丙丁戊书记", 0xFF0C, 0},
        {"(?<=，)\\p{Han}{1,3}出席", "甲，乙丙出席", "乙丙出席", 0xFF0C, 0},
        {"(?:[、，]?\\p{sc:Han}){1,6}出席", "甲。乙，丙、丁出席", "乙，丙、丁出席", 0x3002, 0xFF0C},
        {"[^”\\n]{1,30}”会", "甲\n乙，“丙”会", "乙，“丙”会", '\n', 0x201C},
        {"[0-9\\x{3001}]{1,5}个", "12、 34个", "34个", ' ', 0x3001},
        {"\\p{Han}{1,4}(?=，)出席", "甲，乙出席", "乙出席", 0xFF0C, 0},
        {"\\p{Han}{1,4}(?!，)出席", "甲乙出席", "甲乙出席", 0xFF0C, 0},
        {"(?&n){1,5}出席(?(DEFINE)(?<n>[甲乙，]))", "乙。甲，乙出席", "甲，乙出席", 0x3002, 0xFF0C},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        fg_anchor a;
        int rc = fg_anchor_find(cases[i].pat, strlen(cases[i].pat), &a);
        TEST_ASSERT(rc == 1 && a.has_barrier, "%s: anchored with a barrier (rc %d)", cases[i].pat,
                    rc);
        if (rc != 1)
            continue;
        TEST_ASSERT(is_barrier(&a, cases[i].barrier), "%s: U+%04X stops it", cases[i].pat,
                    (unsigned)cases[i].barrier);
        TEST_ASSERT(cases[i].consumed == 0 || !is_barrier(&a, cases[i].consumed),
                    "%s: U+%04X does not stop it", cases[i].pat, (unsigned)cases[i].consumed);
        const char *t = cases[i].text, *lit = NULL;
        size_t off = 0;
        for (size_t k = 0; k < a.n && lit == NULL; k++)
            if ((lit = strstr(t, a.lits[k])) != NULL)
                off = a.offs[k];
        TEST_ASSERT(lit != NULL, "%s: a literal of the anchor is in %s", cases[i].pat, t);
        size_t from = lit ? fg_anchor_start(&a, t, (size_t)(lit - t), off, 0) : 0;
        TEST_ASSERT(strcmp(t + from, cases[i].from) == 0, "%s in %s: window from %s, want %s",
                    cases[i].pat, t, t + from, cases[i].from);
        fg_anchor_clear(&a);
    }
    static const char *none[] = {".{1,5}出席", "(?=(?<n>[，\\p{sc:Han}]))\\p{sc:Han}(?&n)?出席",
                                 "[\\s\\S]{1,9}出席"};
    for (size_t i = 0; i < sizeof none / sizeof *none; i++) {
        fg_anchor a;
        int rc = fg_anchor_find(none[i], strlen(none[i]), &a);
        TEST_ASSERT(rc == 1 && !a.has_barrier, "%s: anchored, no barrier (rc %d, barrier %d)",
                    none[i], rc, rc == 1 ? a.has_barrier : -1);
        if (rc == 1)
            fg_anchor_clear(&a);
    }
}

/* Aho-Corasick reports each literal of each slot where it starts. */
typedef struct hits {
    size_t slot[32], start[32], off[32], n;
} hits;

static int
record_hit(void *arg, size_t slot, size_t start, size_t off)
{
    hits *h = arg;
    if (h->n < 32) {
        h->slot[h->n] = slot;
        h->off[h->n] = off;
        h->start[h->n++] = start;
    }
    return 0;
}

static void
test_aho_corasick(void)
{
    const char *l0[] = {"he", "she"}, *l1[] = {"hers", "e"};
    size_t n0[] = {2, 3}, n1[] = {4, 1}, o0[] = {0, 5}, o1[] = {7, 9};
    fg_anchor a0 = {.lits = l0, .lens = n0, .offs = o0, .n = 2},
              a1 = {.lits = l1, .lens = n1, .offs = o1, .n = 2};
    const fg_anchor *anchors[] = {&a0, NULL, &a1};
    fg_ac *ac = fg_ac_build(anchors, 3);
    TEST_ASSERT(ac != NULL, "built");
    hits h = {0};
    fg_ac_scan(ac, "ushers", 6, record_hit, &h);
    /* s-h-e ends at 3: "she"(1) "he"(2) "e"(3); "hers" ends at 5 (starts 2) */
    size_t want_slot[] = {0, 0, 2, 2}, want_start[] = {1, 2, 3, 2}, want_off[] = {5, 0, 9, 7};
    int same = h.n == 4;
    for (size_t i = 0; same && i < 4; i++) {
        int found = 0;
        for (size_t j = 0; j < h.n; j++)
            found |=
                h.slot[j] == want_slot[i] && h.start[j] == want_start[i] && h.off[j] == want_off[i];
        same = found;
    }
    TEST_ASSERT(same, "ushers: %zu hits, want she@1 he@2 e@3 hers@2 with their offsets", h.n);
    fg_ac_free(ac);
}

/* The scan in two lanes reports what a naive search reports, in order of
 * the literals' ends: literals of 1 to 21 bytes over a small alphabet, so
 * that many cross the lanes' joins, in texts of many lengths; and a stop
 * asked for at any hit stops there. */
typedef struct hitlog {
    size_t (*v)[4]; /* end, slot, start, off */
    size_t n, cap, stop_at;
} hitlog;

static int
log_hit(void *arg, size_t slot, size_t start, size_t off)
{
    hitlog *h = arg;
    if (h->n == h->cap) {
        h->cap = h->cap ? 2 * h->cap : 256;
        h->v = realloc(h->v, h->cap * sizeof *h->v);
    }
    h->v[h->n][1] = slot;
    h->v[h->n][2] = start;
    h->v[h->n][3] = off;
    h->v[h->n][0] = 0; /* set by the caller's comparison from start and slot */
    h->n++;
    return h->stop_at != 0 && h->n == h->stop_at ? 7 : 0;
}

static int
by_hit(const void *a, const void *b)
{
    const size_t *x = a, *y = b;
    for (int i = 0; i < 4; i++)
        if (x[i] != y[i])
            return x[i] < y[i] ? -1 : 1;
    return 0;
}

static void
test_aho_corasick_lanes(void)
{
    enum { NLIT = 24, NSLOT = 3, TEXT = 3000 };
    char store[NLIT][24];
    const char *lits[NSLOT][NLIT];
    size_t lens[NSLOT][NLIT], offs[NSLOT][NLIT], nper[NSLOT] = {0};
    unsigned seed = 12345;
    for (size_t i = 0; i < NLIT; i++) {
        size_t len = i == 0 ? 21 : 1 + (seed = seed * 1103515245u + 12345u) / 65536 % 12;
        for (size_t j = 0; j < len; j++)
            store[i][j] = "abc"[(seed = seed * 1103515245u + 12345u) / 65536 % 3];
        store[i][len] = '\0';
        size_t slot = i % NSLOT, k = nper[slot]++;
        lits[slot][k] = store[i];
        lens[slot][k] = len;
        offs[slot][k] = i;
    }
    fg_anchor a[NSLOT];
    const fg_anchor *ap[NSLOT];
    for (size_t sl = 0; sl < NSLOT; sl++) {
        a[sl] = (fg_anchor){.lits = lits[sl], .lens = lens[sl], .offs = offs[sl], .n = nper[sl]};
        ap[sl] = &a[sl];
    }
    fg_ac *ac = fg_ac_build(ap, NSLOT);
    TEST_ASSERT(ac != NULL, "built");
    char *text = malloc(TEXT);
    /* literals end to end, a stray byte between some: each occurs often,
     * at every place relative to the lanes */
    for (size_t i = 0; text != NULL && i < TEXT;) {
        unsigned r = (seed = seed * 1103515245u + 12345u) / 65536;
        const char *l = r % 4 == 0 ? "d" : store[r / 4 % NLIT];
        for (size_t j = 0; l[j] != '\0' && i < TEXT; j++)
            text[i++] = l[j];
    }
    size_t bad = 0, runs = 0, total = 0;
    /* Whole texts of a few lengths, then 1100 bytes from each of 600
     * places: the joins of the lanes fall at every place in the text. */
    static const size_t lengths[] = {0, 1, 21, 255, 511, 512, 513, 534, 1024, 3000};
    size_t nlen = sizeof lengths / sizeof *lengths;
    for (size_t li = 0; ac != NULL && text != NULL && li < nlen + 600; li++) {
        const char *at = li < nlen ? text : text + (li - nlen);
        size_t len = li < nlen ? lengths[li] : 1100;
        hitlog got = {0}, want = {0};
        fg_ac_scan(ac, at, len, log_hit, &got);
        for (size_t e = 0; e < len; e++)
            for (size_t sl = 0; sl < NSLOT; sl++)
                for (size_t k = 0; k < nper[sl]; k++)
                    if (lens[sl][k] <= e + 1 &&
                        memcmp(at + e + 1 - lens[sl][k], lits[sl][k], lens[sl][k]) == 0)
                        log_hit(&want, sl, e + 1 - lens[sl][k], offs[sl][k]);
        /* the end of each hit, from its literal; ends must not go back */
        size_t last = 0;
        for (size_t i = 0; i < got.n; i++) {
            size_t end = got.v[i][2] + strlen(store[got.v[i][3]]);
            bad += end < last;
            got.v[i][0] = last = end;
        }
        for (size_t i = 0; i < want.n; i++)
            want.v[i][0] = want.v[i][2] + strlen(store[want.v[i][3]]);
        if (got.n > 0)
            qsort(got.v, got.n, sizeof *got.v, by_hit);
        if (want.n > 0)
            qsort(want.v, want.n, sizeof *want.v, by_hit);
        bad += got.n != want.n || (got.n > 0 && memcmp(got.v, want.v, got.n * sizeof *got.v) != 0);
        total += got.n;
        /* stop at a hit of lane A, of lane B, and the last */
        size_t stops[] = {1, want.n / 3, want.n / 2 + 1, want.n};
        for (size_t si = 0; si < 4; si++) {
            if (stops[si] == 0 || stops[si] > want.n)
                continue;
            hitlog h = {.stop_at = stops[si]};
            int rc = fg_ac_scan(ac, at, len, log_hit, &h);
            bad += rc != 7 || h.n != stops[si];
            free(h.v);
        }
        runs++;
        free(got.v);
        free(want.v);
    }
    TEST_ASSERT(runs == nlen + 600 && total > 100000 && bad == 0,
                "%zu texts, %zu hits, %zu differ from a naive search", runs, total, bad);
    free(text);
    fg_ac_free(ac);
}

/* ===================================================================
 * The public walk over facts, and the rule set's version
 * ================================================================= */

typedef struct seen {
    char line[4][256];
    size_t n;
    int stop_at; /* return 1 at this fact (1-based), or 0 */
} seen;

static int
see_fact(const fg_fact_info *f, void *payload)
{
    seen *s = payload;
    if (s->n < 4)
        snprintf(s->line[s->n], sizeof s->line[0], "%s %s %zu-%zu %s %zu", f->rule_id, f->cls,
                 f->begin, f->end, f->text, f->text_len);
    s->n++;
    return s->stop_at != 0 && s->n == (size_t)s->stop_at;
}

static void
test_foreach_fact(void)
{
    log l;
    int rc;
    fg_world *w = world_with("version 2.0-rc.1\n"
                             "rule ev\n"
                             "  match (?<n>会议)\n"
                             "  fact schema:Event\n"
                             "  schema:name $n\n"
                             "rule attach\n"
                             "  phase 2\n"
                             "  match (?<p>𠮷明)\n"
                             "  on schema:Event within document\n"
                             "  schema:name $p\n",
                             &l, &rc);
    TEST_ASSERT(rc == FG_OK, "load: %s", l.text);
    const char *v = fg_world_rules_version(w);
    TEST_ASSERT(v != NULL && strcmp(v, "2.0-rc.1") == 0, "rules version: %s", v ? v : "NULL");
    fg_doc *d = NULL;
    const char *text = "𠮷明出席会议,又一会议";
    rc = fg_extract(&d, w, "t", text, strlen(text), NULL);
    TEST_ASSERT(rc == FG_OK && d != NULL, "extract");
    if (d != NULL) {
        seen s = {0};
        rc = fg_doc_foreach_fact(d, see_fact, &s);
        /* The attached description is no fact of its own. */
        TEST_ASSERT(rc == 0 && s.n == 2 && s.n == fg_doc_fact_count(d), "two facts, got %zu", s.n);
        TEST_ASSERT(strcmp(s.line[0], "ev http://schema.org/Event 4-6 会议 6") == 0,
                    "first fact: %s", s.line[0]);
        TEST_ASSERT(strcmp(s.line[1], "ev http://schema.org/Event 9-11 会议 6") == 0,
                    "second fact: %s", s.line[1]);
        seen stop = {.stop_at = 1};
        rc = fg_doc_foreach_fact(d, see_fact, &stop);
        TEST_ASSERT(rc == 1 && stop.n == 1, "a non-zero return stops the walk: %d, %zu", rc,
                    stop.n);
    }
    fg_doc_free(d);
    fg_world_free(w);
    w = world_with("rule r\n  match 会议\n  fact schema:Event\n", &l, &rc);
    TEST_ASSERT(rc == FG_OK && fg_world_rules_version(w) == NULL, "no version line: NULL");
    fg_world_free(w);
}

/* ===================================================================
 * Failing allocations: every one fails cleanly, never crashes or leaks
 * ================================================================= */

/* One run of the whole pipeline; with fault injection on, allocation n fails. */
static int
pipeline_run(const char *text)
{
    fg_world *w = NULL;
    int rc = bundled_world(&w);
    fg_doc *d = NULL;
    if (rc == FG_OK)
        rc = fg_extract(&d, w, "doc", text, strlen(text), NULL);
    seen s = {0};
    if (rc == FG_OK)
        rc = fg_doc_foreach_fact(d, see_fact, &s);
    if (rc == FG_OK) {
        FILE *fp = fopen("/dev/null", "w");
        rc = fg_doc_write(d, fp, FG_FORMAT_NTRIPLES);
        fclose(fp);
    }
    char *mem = NULL;
    size_t len = 0;
    if (rc == FG_OK && (rc = fg_doc_write_mem(d, FG_FORMAT_TURTLE, &mem, &len)) == FG_OK &&
        (mem == NULL || len == 0))
        rc = FG_EIO; /* cannot be: a success holds the bytes */
    free(mem);
    fg_doc_free(d);
    fg_world_free(w);
    return rc;
}

static void
test_fault_injection(void)
{
    const char *text = "10月11日,全市会议召开。区委书记张明出席,支付5万元。";
    unsigned long before = fg_alloc_calls();
    TEST_ASSERT(pipeline_run(text) == FG_OK, "the clean run succeeds");
    unsigned long total = fg_alloc_calls() - before;
    /* Every one of the first 3000 allocations fails in turn, then about
     * 1000 more spread evenly over the rest (the automaton's tables). */
    unsigned long stride = total > 3000 ? (total - 3000) / 1000 + 1 : 1;
    int failures = 0;
    for (unsigned long n = 1; n <= total; n += n < 3000 ? 1 : stride) {
        fg_fault_inject(n);
        int rc = pipeline_run(text);
        fg_fault_inject(0);
        failures++;
        if (rc == FG_OK)
            TEST_ASSERT(0, "allocation %lu of %lu failed, yet the run succeeded", n, total);
        else if (rc != FG_ENOMEM && rc != FG_ESYNTAX && rc != FG_EONTOLOGY && rc != FG_EIO &&
                 rc != FG_EREGEX)
            TEST_ASSERT(0, "allocation %lu failed with unexpected code %d", n, rc);
    }
    fg_fault_inject(total + 1);
    TEST_ASSERT(pipeline_run(text) == FG_OK, "allocation %lu is past the last one", total + 1);
    fg_fault_inject(0);
    printf("fault injection: %lu allocations in a run, %d of them failed in turn\n", total,
           failures);
}

int
main(void)
{
    test_utf8();
    test_cursor();
    test_scope();
    test_sha256();
    test_time_rules();
    test_iri_segment();
    test_diag_format();
    test_lexicon_trie();
    test_overlap_policy();
    test_overlap_groups();
    test_match_limit();
    test_regex_error_in_macro();
    test_undeclared_term();
    test_writer_roundtrip();
    test_nodes_once();
    test_writer_as_raptor();
    test_anchors();
    test_barriers();
    test_person_first();
    test_reach_barrier();
    test_triple_order();
    test_aho_corasick();
    test_aho_corasick_lanes();
    test_foreach_fact();
    test_fault_injection();
    return TEST_DONE();
}
