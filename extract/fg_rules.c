/*
 * fg_rules.c - the rule-file parser: directives, macros, lexicons, templates.
 * SPDX-License-Identifier: MIT
 *
 * A rule file is read line by line. A line's first word is a directive
 * from the table below, a property (a CURIE such as schema:name), or a
 * splice call such as quantity($n, $q). Lines whose first non-blank
 * character is '#' are comments. Patterns are compiled when their rule
 * ends, so every error is reported with the file, line and column of the
 * text that caused it, including errors PCRE2 finds inside a macro.
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fg_internal.h"
#include "fg_vocab.h"

typedef struct parser {
    fg_world *w;
    fg_source *src;
    char *dir;        /* directory of the rule file, for lexicon paths */
    fg_loc line;      /* the current line; col_byte unused */
    const char *text; /* start of the current line */
    const char *p;    /* cursor within the line */
    const char *end;  /* end of the current line */
    fg_rule *rule;    /* the rule being read, or NULL */
    int skipping;     /* the rule's header was bad: skip its lines quietly */
    int errors;
} parser;

/* ===================================================================
 * Locations and errors
 * ================================================================= */

static fg_loc
loc_at(const parser *ps, const char *at, size_t span)
{
    fg_loc l = ps->line;
    l.col_byte = (size_t)(at - ps->text);
    l.span_byte = span;
    return l;
}

static int error_at(parser *ps, const char *at, size_t span, int code, const char *fmt, ...)
    FG_PRINTF(5, 6);

static int
error_at(parser *ps, const char *at, size_t span, int code, const char *fmt, ...)
{
    fg_loc l = loc_at(ps, at, span);
    fg_buf msg = {0};
    va_list ap;
    va_start(ap, fmt);
    int rc = fg_buf_vprintf(&msg, fmt, ap);
    va_end(ap);
    fg_report(ps->w, FG_ERROR, code, &l, "%s", rc == FG_OK ? msg.p : fmt);
    fg_buf_free(&msg);
    ps->errors++;
    return code;
}

/* ===================================================================
 * Tokens
 * ================================================================= */

static void
skip_space(parser *ps)
{
    while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t'))
        ps->p++;
}

static int
is_ident_start(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}

static int
is_ident(char c)
{
    return is_ident_start(c) || (c >= '0' && c <= '9');
}

/* A run of non-blank bytes. */
static size_t
word(parser *ps, const char **start)
{
    skip_space(ps);
    *start = ps->p;
    while (ps->p < ps->end && *ps->p != ' ' && *ps->p != '\t')
        ps->p++;
    return (size_t)(ps->p - *start);
}

/* An identifier: letters, digits, '_' (and '-', '.' when extended). */
static size_t
ident(parser *ps, const char **start, int extended)
{
    *start = ps->p;
    if (ps->p < ps->end && is_ident_start(*ps->p))
        while (ps->p < ps->end &&
               (is_ident(*ps->p) || (extended && (*ps->p == '-' || *ps->p == '.'))))
            ps->p++;
    return (size_t)(ps->p - *start);
}

/* The rest of the line without surrounding blanks. */
static size_t
rest(parser *ps, const char **start)
{
    skip_space(ps);
    const char *e = ps->end;
    while (e > ps->p && (e[-1] == ' ' || e[-1] == '\t'))
        e--;
    *start = ps->p;
    ps->p = ps->end;
    return (size_t)(e - *start);
}

static int
expect_end(parser *ps)
{
    skip_space(ps);
    if (ps->p < ps->end)
        return error_at(ps, ps->p, (size_t)(ps->end - ps->p), FG_ESYNTAX,
                        "unexpected text at end of line");
    return FG_OK;
}

static int
parse_int(parser *ps, long min, long max, long *out)
{
    const char *s;
    size_t n = word(ps, &s);
    char buf[32];
    if (n == 0 || n >= sizeof buf)
        return error_at(ps, s, n, FG_ESYNTAX, "expected a number");
    memcpy(buf, s, n);
    buf[n] = '\0';
    char *end;
    errno = 0;
    long v = strtol(buf, &end, 10);
    if (*end != '\0' || errno != 0 || v < min || v > max)
        return error_at(ps, s, n, FG_ESYNTAX, "expected a number from %ld to %ld", min, max);
    *out = v;
    return expect_end(ps);
}

/* Expands a CURIE against the ontology's prefixes into a new string. */
static int
curie(parser *ps, const char *s, size_t n, char **out)
{
    fg_buf b = {0};
    int rc = fg_ontology_expand(&ps->w->onto, s, n, &b);
    if (rc == FG_ENOMEM) {
        fg_buf_free(&b);
        return rc;
    }
    if (rc < 0) {
        const char *colon = memchr(s, ':', n);
        fg_buf_free(&b);
        return error_at(ps, s, colon ? (size_t)(colon - s) : n, FG_EONTOLOGY,
                        "unknown prefix '%.*s' (the ontology declares the prefixes)",
                        colon ? (int)(colon - s) : (int)n, s);
    }
    *out = b.p;
    return FG_OK;
}

/* ===================================================================
 * Lexicons
 * ================================================================= */

/* Appends s[0..n) with every PCRE2 metacharacter escaped. */
static int
add_escaped(fg_buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (strchr("\\^$.|?*+()[]{}-/#", s[i]) != NULL && s[i] != '\0')
            if (fg_buf_addc(b, '\\') < 0)
                return FG_ENOMEM;
        if (fg_buf_addc(b, s[i]) < 0)
            return FG_ENOMEM;
    }
    return FG_OK;
}

static int
by_bytes(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Bytes of the UTF-8 character at s (1 for a stray byte). */
static size_t
char_len(const char *s)
{
    unsigned char c = (unsigned char)*s;
    size_t n = c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    for (size_t i = 1; i < n; i++)
        if (s[i] == '\0')
            return i;
    return n;
}

/*
 * The entries v[lo..hi) (sorted by bytes, distinct, all sharing their first
 * depth bytes) as a trie of alternations, character by character: 书记|
 * 书记员|副书记 is (?:书记(?:员|)|副书记). At each node the longer entries
 * come first and the entry that ends there last, so the matches at a place
 * come in the order of the plain alternation, longest first (they are
 * prefixes of one another); but each character is tested once, not once
 * an entry.
 */
/* The end of the entries from v[i] (before hi) whose next character, at
 * byte depth, is v[i]'s; *n gets its bytes. */
static size_t
same_next(char *const *v, size_t i, size_t hi, size_t depth, size_t *n)
{
    *n = char_len(v[i] + depth);
    size_t j = i + 1;
    while (j < hi && strncmp(v[j] + depth, v[i] + depth, *n) == 0)
        j++;
    return j;
}

static int
add_trie(fg_buf *re, char *const *v, size_t lo, size_t hi, size_t depth)
{
    int ends = v[lo][depth] == '\0'; /* sorted: the entry that ends here comes first */
    size_t from = lo + (size_t)ends, n;
    /* Parentheses unless one next character is all there is. */
    int paren = from < hi && (ends || same_next(v, from, hi, depth, &n) < hi);
    if (paren && fg_buf_adds(re, "(?:") < 0)
        return FG_ENOMEM;
    for (size_t i = from, j; i < hi; i = j) {
        j = same_next(v, i, hi, depth, &n);
        if ((i > from && fg_buf_addc(re, '|') < 0) || add_escaped(re, v[i] + depth, n) < 0 ||
            add_trie(re, v, i, j, depth + n) < 0)
            return FG_ENOMEM;
    }
    if (paren && ends && fg_buf_addc(re, '|') < 0)
        return FG_ENOMEM;
    if (paren && fg_buf_addc(re, ')') < 0)
        return FG_ENOMEM;
    return FG_OK;
}

static char *
join_path(const char *dir, const char *name, size_t n)
{
    fg_buf b = {0};
    if (n > 0 && name[0] != '/' && dir[0] != '\0')
        if (fg_buf_adds(&b, dir) < 0 || fg_buf_addc(&b, '/') < 0)
            goto fail;
    if (fg_buf_add(&b, name, n) < 0)
        goto fail;
    return b.p;
fail:
    fg_buf_free(&b);
    return NULL;
}

/* Reads one lexicon file's entries (one a line, '#' comments) into *v. */
static int
read_entries(parser *ps, const char *fname, size_t fn, char ***v, size_t *n, size_t *cap)
{
    char *path = join_path(ps->dir, fname, fn);
    if (path == NULL)
        return FG_ENOMEM;
    char *text;
    size_t len;
    int rc = fg_read_file(path, &text, &len);
    if (rc == FG_EIO)
        error_at(ps, fname, fn, FG_EIO, "cannot read lexicon file %s: %s", path, strerror(errno));
    fg_free(path);
    if (rc < 0)
        return rc;
    size_t bad;
    const char *why;
    if (fg_utf8_check(text, len, &bad, &why) < 0) {
        fg_free(text);
        return error_at(ps, fname, fn, FG_ESYNTAX, "lexicon file %.*s: %s at byte %zu", (int)fn,
                        fname, why, bad);
    }
    for (char *line = text; line < text + len;) {
        char *nl = memchr(line, '\n', (size_t)(text + len - line));
        char *e = nl ? nl : text + len;
        char *b = line;
        line = nl ? nl + 1 : text + len;
        while (b < e && (*b == ' ' || *b == '\t'))
            b++;
        while (e > b && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
            e--;
        if (b == e || *b == '#')
            continue;
        if (FG_GROW(*v, *cap, *n + 1) < 0 || ((*v)[*n] = fg_strndup(b, (size_t)(e - b))) == NULL) {
            fg_free(text);
            return FG_ENOMEM;
        }
        (*n)++;
    }
    fg_free(text);
    return FG_OK;
}

/* lexicon NAME FILE [FILE...] */
static int
parse_lexicon(parser *ps)
{
    const char *name;
    skip_space(ps);
    size_t nl = ident(ps, &name, 1);
    if (nl == 0)
        return error_at(ps, ps->p, 1, FG_ESYNTAX, "expected a lexicon name");
    for (size_t i = 0; i < ps->w->nlexicons; i++)
        if (strlen(ps->w->lexicons[i].name) == nl && memcmp(ps->w->lexicons[i].name, name, nl) == 0)
            return error_at(ps, name, nl, FG_ESYNTAX, "lexicon @%.*s is already defined", (int)nl,
                            name);
    char **v = NULL;
    size_t n = 0, cap = 0;
    int rc = FG_OK, files = 0, failed = FG_OK;
    const char *f;
    size_t fn;
    while ((fn = word(ps, &f)) > 0) {
        files++;
        if ((rc = read_entries(ps, f, fn, &v, &n, &cap)) == FG_ENOMEM)
            goto done;
        if (rc < 0)
            failed = rc; /* reported; the lexicon is still defined, so that its
                          * uses do not each report an undefined lexicon */
    }
    if (files == 0) {
        rc = error_at(ps, ps->p, 1, FG_ESYNTAX, "expected a lexicon file name");
        goto done;
    }
    /* A class of single characters, or a trie of alternations matching
     * as one alternation of the entries, longest first, would;
     * duplicates dropped. */
    if (n > 0)
        qsort(v, n, sizeof v[0], by_bytes);
    size_t kept = 0;
    for (size_t i = 0; i < n; i++)
        if (kept == 0 || strcmp(v[i], v[kept - 1]) != 0)
            v[kept++] = v[i];
        else
            fg_free(v[i]);
    n = kept;
    fg_buf re = {0};
    int single = 1;
    for (size_t i = 0; i < n; i++)
        if (fg_utf8_count(v[i], strlen(v[i])) != 1)
            single = 0;
    if (n == 0)
        rc = fg_buf_adds(&re, "(?:(*FAIL))"); /* an empty lexicon matches nothing */
    else if (single) {
        rc = fg_buf_addc(&re, '[');
        for (size_t i = 0; i < n && rc == FG_OK; i++)
            rc = add_escaped(&re, v[i], strlen(v[i]));
        if (rc == FG_OK)
            rc = fg_buf_addc(&re, ']');
    } else {
        /* The trie's first level is an alternation that PCRE2 tries branch
         * by branch; a class of the first characters before it turns most
         * places where no entry starts away in one test. */
        rc = fg_buf_adds(&re, "(?=[");
        for (size_t i = 0; i < n && rc == FG_OK; i++)
            if (i == 0 || strncmp(v[i], v[i - 1], char_len(v[i])) != 0)
                rc = add_escaped(&re, v[i], char_len(v[i]));
        if (rc == FG_OK)
            rc = fg_buf_adds(&re, "])(?:");
        if (rc == FG_OK)
            rc = add_trie(&re, v, 0, n, 0);
        if (rc == FG_OK)
            rc = fg_buf_addc(&re, ')');
    }
    if (rc == FG_OK && FG_GROW(ps->w->lexicons, ps->w->caplexicons, ps->w->nlexicons + 1) < 0)
        rc = FG_ENOMEM;
    if (rc == FG_OK) {
        fg_lexicon *lx = &ps->w->lexicons[ps->w->nlexicons];
        lx->name = fg_strndup(name, nl);
        lx->regex = re.p;
        lx->nentries = kept;
        if (lx->name == NULL)
            rc = FG_ENOMEM;
        else
            ps->w->nlexicons++;
    }
    if (rc < 0)
        fg_buf_free(&re);
    if (rc == FG_OK)
        rc = failed;
done:
    for (size_t i = 0; i < n; i++)
        fg_free(v[i]);
    fg_free(v);
    return rc;
}

/* ===================================================================
 * Macros and pattern expansion
 * ================================================================= */

/* define NAME PATTERN */
static int
parse_define(parser *ps)
{
    const char *name, *text;
    skip_space(ps);
    size_t nl = ident(ps, &name, 0);
    if (nl == 0)
        return error_at(ps, ps->p, 1, FG_ESYNTAX, "expected a macro name");
    for (size_t i = 0; i < ps->w->nmacros; i++)
        if (strlen(ps->w->macros[i].name) == nl && memcmp(ps->w->macros[i].name, name, nl) == 0)
            return error_at(ps, name, nl, FG_ESYNTAX, "macro $%.*s is already defined", (int)nl,
                            name);
    size_t tl = rest(ps, &text);
    if (tl == 0)
        return error_at(ps, ps->p, 1, FG_ESYNTAX, "expected a pattern after the macro name");
    if (FG_GROW(ps->w->macros, ps->w->capmacros, ps->w->nmacros + 1) < 0)
        return FG_ENOMEM;
    fg_macro *m = &ps->w->macros[ps->w->nmacros];
    m->name = fg_strndup(name, nl);
    if (m->name == NULL)
        return FG_ENOMEM;
    m->loc = loc_at(ps, text, tl);
    m->text = text;
    m->len = tl;
    m->expanding = 0;
    ps->w->nmacros++;
    return FG_OK;
}

typedef struct expansion {
    fg_buf out;
    fg_segment *segs;
    size_t nsegs, capsegs;
    const fg_macro *inside; /* the outermost macro being expanded, or NULL */
    fg_loc via;             /* where it is used */
    int dynamic;            /* the pattern uses a dynamic lexicon (@@person) */
    size_t *called;         /* lexicons called as (?&fg_lex_N), defined at the end */
    size_t ncalled, capcalled;
} expansion;

/* Lexicons longer than this are defined once per pattern and called. */
#define LEXICON_INLINE_MAX 512

static int
add_segment(expansion *x, size_t b, const fg_loc *loc, int verbatim, const fg_macro *wrapper)
{
    if (x->out.len == b)
        return FG_OK;
    if (FG_GROW(x->segs, x->capsegs, x->nsegs + 1) < 0)
        return FG_ENOMEM;
    fg_segment *s = &x->segs[x->nsegs++];
    s->out_begin = b;
    s->out_end = x->out.len;
    s->loc = *loc;
    s->verbatim = verbatim;
    s->wrapper = wrapper;
    s->inside = x->inside;
    s->via = x->via;
    return FG_OK;
}

static int report_loc(parser *ps, const fg_loc *l, int code, const char *fmt, ...) FG_PRINTF(4, 5);

static int
report_loc(parser *ps, const fg_loc *l, int code, const char *fmt, ...)
{
    fg_buf msg = {0};
    va_list ap;
    va_start(ap, fmt);
    int rc = fg_buf_vprintf(&msg, fmt, ap);
    va_end(ap);
    fg_report(ps->w, FG_ERROR, code, l, "%s", rc == FG_OK ? msg.p : fmt);
    fg_buf_free(&msg);
    ps->errors++;
    return code;
}

/*
 * Copies text (located at loc) into x->out, replacing $MACRO by its own
 * expansion wrapped in (?:...) and @LEXICON by its alternation. An escaped
 * character (\$, \@) is copied as is.
 */
static int
expand(parser *ps, expansion *x, const char *text, size_t len, const fg_loc *loc)
{
    size_t i = 0, run = 0;
    while (i <= len) {
        char c = i < len ? text[i] : '\0';
        int ref = i + 1 < len && (c == '$' || c == '@') &&
                  (is_ident_start(text[i + 1]) ||
                   (c == '@' && text[i + 1] == '@' && i + 2 < len && is_ident_start(text[i + 2])));
        if (i < len && !ref) {
            i += c == '\\' && i + 1 < len ? 1 + fg_utf8_len((unsigned char)text[i + 1]) : 1;
            if (i > len)
                i = len;
            continue;
        }
        /* Flush the verbatim run [run, i). */
        size_t b = x->out.len;
        if (fg_buf_add(&x->out, text + run, i - run) < 0)
            return FG_ENOMEM;
        fg_loc l = *loc;
        l.col_byte += run;
        if (add_segment(x, b, &l, 1, NULL) < 0)
            return FG_ENOMEM;
        if (i == len)
            break;
        size_t s = i + 1, e = s;
        while (e < len && (is_ident(text[e]) || (c == '@' && text[e] == '-')))
            e++;
        fg_loc at = *loc;
        at.col_byte += i;
        at.span_byte = e - i;
        if (c == '@' && i + 1 < len && text[i + 1] == '@') {
            /* @@person: a dynamic lexicon, the names of the people an earlier
             * phase found; a callout checks each candidate, and backtracking
             * tries shorter ones (张明 before 张明强). */
            e = i + 2;
            while (e < len && is_ident(text[e]))
                e++;
            at.span_byte = e - i;
            if (e - i - 2 != 6 || memcmp(text + i + 2, "person", 6) != 0)
                return report_loc(ps, &at, FG_ESYNTAX,
                                  "unknown dynamic lexicon %.*s (there is @@person)", (int)(e - i),
                                  text + i);
            b = x->out.len;
            if (fg_buf_adds(&x->out, FG_PERSON_PATTERN) < 0 || add_segment(x, b, &at, 0, NULL) < 0)
                return FG_ENOMEM;
            x->dynamic = 1;
        } else if (c == '@') {
            const fg_lexicon *lx = NULL;
            for (size_t k = 0; k < ps->w->nlexicons; k++)
                if (strlen(ps->w->lexicons[k].name) == e - s &&
                    memcmp(ps->w->lexicons[k].name, text + s, e - s) == 0)
                    lx = &ps->w->lexicons[k];
            if (lx == NULL)
                return report_loc(ps, &at, FG_ESYNTAX, "undefined lexicon @%.*s", (int)(e - s),
                                  text + s);
            b = x->out.len;
            /* A large lexicon is written once per pattern, in a DEFINE group at
             * its end, and called where it is used: inlined at every use, a
             * few title lexicons would pass PCRE2's 64 KiB pattern limit. */
            if (strlen(lx->regex) > LEXICON_INLINE_MAX) {
                size_t k = (size_t)(lx - ps->w->lexicons);
                if (FG_GROW(x->called, x->capcalled, x->ncalled + 1) < 0)
                    return FG_ENOMEM;
                size_t j = 0;
                while (j < x->ncalled && x->called[j] != k)
                    j++;
                if (j == x->ncalled)
                    x->called[x->ncalled++] = k;
                if (fg_buf_printf(&x->out, "(?&fg_lex_%zu)", k) < 0 ||
                    add_segment(x, b, &at, 0, NULL) < 0)
                    return FG_ENOMEM;
            } else if (fg_buf_adds(&x->out, lx->regex) < 0 || add_segment(x, b, &at, 0, NULL) < 0) {
                return FG_ENOMEM;
            }
        } else {
            fg_macro *m = NULL;
            for (size_t k = 0; k < ps->w->nmacros; k++)
                if (strlen(ps->w->macros[k].name) == e - s &&
                    memcmp(ps->w->macros[k].name, text + s, e - s) == 0)
                    m = &ps->w->macros[k];
            if (m == NULL)
                return report_loc(ps, &at, FG_ESYNTAX, "undefined macro $%.*s", (int)(e - s),
                                  text + s);
            if (m->expanding)
                return report_loc(ps, &at, FG_ESYNTAX, "recursive macro $%s", m->name);
            b = x->out.len;
            if (fg_buf_adds(&x->out, "(?:") < 0 || add_segment(x, b, &at, 0, m) < 0)
                return FG_ENOMEM;
            int outer = x->inside == NULL;
            if (outer) {
                x->inside = m;
                x->via = at;
            }
            m->expanding = 1;
            int rc = expand(ps, x, m->text, m->len, &m->loc);
            m->expanding = 0;
            if (outer)
                x->inside = NULL;
            if (rc < 0)
                return rc;
            b = x->out.len;
            if (fg_buf_addc(&x->out, ')') < 0 || add_segment(x, b, &at, 0, m) < 0)
                return FG_ENOMEM;
        }
        i = run = e;
    }
    return FG_OK;
}

/* The segment of the expanded pattern that holds byte offset off (the last
 * one for an offset at the very end, where PCRE2 reports unclosed groups). */
static const fg_segment *
segment_at(const expansion *x, size_t off)
{
    for (size_t i = 0; i < x->nsegs; i++)
        if (off >= x->segs[i].out_begin && (off < x->segs[i].out_end || i + 1 == x->nsegs))
            return &x->segs[i];
    return NULL;
}

/* Reports a PCRE2 compile error at the rule-file text that caused it. */
static int
report_regex_error(parser *ps, const expansion *x, size_t off, const fg_loc *whole, int err)
{
    PCRE2_UCHAR msg[256];
    pcre2_get_error_message(err, msg, sizeof msg);
    const fg_segment *s = segment_at(x, off);
    fg_loc at = s ? s->loc : *whole;
    if (s && s->verbatim) {
        size_t d = off - s->out_begin;
        at.col_byte += d < s->out_end - s->out_begin ? d : s->out_end - s->out_begin;
        at.span_byte = 0;
    }
    int rc = report_loc(ps, &at, FG_EREGEX, "pattern does not compile: %s", (char *)msg);
    if (s && s->inside != NULL)
        fg_report(ps->w, FG_NOTE, 0, &s->via, "in the expansion of macro $%s used here",
                  s->inside->name);
    else if (s && s->wrapper != NULL)
        fg_report(ps->w, FG_NOTE, 0, &s->wrapper->loc, "macro $%s is defined here",
                  s->wrapper->name);
    return rc;
}

/* Without PCRE2_MATCH_INVALID_UTF, whose JIT code checks every character
 * it reads: a document's text is valid UTF-8 before any rule runs
 * (fg_extract refuses it otherwise, as strictly as PCRE2 would), and every
 * search starts at a character, so each pcre2_match passes
 * PCRE2_NO_UTF_CHECK (without it, PCRE2 would check the whole text at
 * every search). */
static const uint32_t compile_options = PCRE2_UTF | PCRE2_UCP | PCRE2_DUPNAMES | PCRE2_MULTILINE;

/* Expands and compiles a pattern whose text is at [text, text+len) of the
 * current line; with JIT when jit is set. */
static int
compile_pattern(parser *ps, fg_pattern *pat, const char *text, size_t len, int jit)
{
    expansion x = {0};
    fg_loc loc = loc_at(ps, text, len);
    pat->loc = loc;
    int rc = expand(ps, &x, text, len, &loc);
    if (rc < 0)
        goto done;
    if (x.ncalled > 0) {
        /* The called lexicons, defined where matching never enters. */
        size_t b = x.out.len;
        rc = fg_buf_adds(&x.out, "(?(DEFINE)");
        for (size_t i = 0; i < x.ncalled && rc == FG_OK; i++)
            rc = fg_buf_printf(&x.out, "(?<fg_lex_%zu>%s)", x.called[i],
                               ps->w->lexicons[x.called[i]].regex);
        if (rc == FG_OK)
            rc = fg_buf_addc(&x.out, ')');
        if (rc == FG_OK)
            rc = add_segment(&x, b, &loc, 0, NULL);
        if (rc < 0)
            goto done;
    }
    int err;
    PCRE2_SIZE eoff;
    pat->re = pcre2_compile((PCRE2_SPTR)x.out.p, x.out.len, compile_options, &err, &eoff, NULL);
    if (pat->re == NULL) {
        rc = report_regex_error(ps, &x, eoff, &loc, err);
        goto done;
    }
    /* Without JIT (an unsupported CPU) the interpreter still gives the same results. */
    if (jit)
        (void)pcre2_jit_compile(pat->re, PCRE2_JIT_COMPLETE);
    pcre2_pattern_info(pat->re, PCRE2_INFO_CAPTURECOUNT, &pat->ncaps);
    pat->ncaps += 1; /* group 0 */
    if (pat->ncaps > ps->w->max_caps)
        ps->w->max_caps = pat->ncaps;
    pat->text = x.out.p;
    pat->len = x.out.len;
    pat->dynamic = x.dynamic;
    x.out.p = NULL;
done:
    fg_buf_free(&x.out);
    fg_free(x.segs);
    fg_free(x.called);
    return rc;
}

/* ===================================================================
 * Template expressions
 * ================================================================= */

static int parse_expr(parser *ps, fg_expr *e);

static void
free_expr(fg_expr *e)
{
    fg_free(e->str);
    fg_free(e->cap.name);
    fg_free(e->cap.groups);
    for (size_t i = 0; i < e->nargs; i++)
        free_expr(&e->args[i]);
    fg_free(e->args);
}

/*
 * expr := '$' NAME | '"' text '"' | NAME '(' [expr {',' expr}] ')' | pfx:local
 */
static int
parse_expr(parser *ps, fg_expr *e)
{
    memset(e, 0, sizeof *e);
    skip_space(ps);
    const char *s = ps->p;
    if (s >= ps->end)
        return error_at(ps, s, 1, FG_ESYNTAX, "expected a value");
    if (*s == '$') {
        ps->p++;
        const char *name;
        size_t n = ident(ps, &name, 0);
        if (n == 0)
            return error_at(ps, s, 1, FG_ESYNTAX, "expected a capture name after '$'");
        e->kind = FG_X_CAPTURE;
        e->loc = loc_at(ps, s, n + 1);
        e->cap.name = fg_strndup(name, n);
        return e->cap.name ? FG_OK : FG_ENOMEM;
    }
    if (*s == '"') {
        fg_buf b = {0};
        ps->p++;
        while (ps->p < ps->end && *ps->p != '"') {
            if (*ps->p == '\\' && ps->p + 1 < ps->end)
                ps->p++;
            if (fg_buf_addc(&b, *ps->p++) < 0) {
                fg_buf_free(&b);
                return FG_ENOMEM;
            }
        }
        if (ps->p >= ps->end) {
            fg_buf_free(&b);
            return error_at(ps, s, 1, FG_ESYNTAX, "unterminated string");
        }
        ps->p++;
        if (b.p == NULL && fg_buf_add(&b, "", 0) < 0)
            return FG_ENOMEM;
        e->kind = FG_X_STRING;
        e->str = b.p;
        e->loc = loc_at(ps, s, (size_t)(ps->p - s));
        return FG_OK;
    }
    const char *name;
    size_t n = ident(ps, &name, 1);
    if (n > 0 && ps->p < ps->end && *ps->p == '(') {
        e->kind = FG_X_CALL;
        e->loc = loc_at(ps, name, n);
        e->fn = fg_fact_function(name, n);
        if (e->fn < 0)
            return error_at(ps, name, n, FG_ESYNTAX, "unknown function %.*s()", (int)n, name);
        ps->p++;
        skip_space(ps);
        if (ps->p < ps->end && *ps->p == ')') {
            ps->p++;
            return FG_OK;
        }
        for (;;) {
            size_t cap = e->nargs;
            if (FG_GROW(e->args, cap, e->nargs + 1) < 0)
                return FG_ENOMEM;
            int rc = parse_expr(ps, &e->args[e->nargs]);
            if (rc < 0)
                return rc;
            e->nargs++;
            skip_space(ps);
            if (ps->p < ps->end && *ps->p == ',') {
                ps->p++;
                continue;
            }
            if (ps->p < ps->end && *ps->p == ')') {
                ps->p++;
                return FG_OK;
            }
            return error_at(ps, ps->p < ps->end ? ps->p : ps->end - 1, 1, FG_ESYNTAX,
                            "expected ',' or ')' in the arguments of %.*s()", (int)n, name);
        }
    }
    /* A CURIE naming an individual or class, such as fg:About. */
    ps->p = s;
    while (ps->p < ps->end && *ps->p != ' ' && *ps->p != '\t' && *ps->p != ',' && *ps->p != ')')
        ps->p++;
    n = (size_t)(ps->p - s);
    if (memchr(s, ':', n) == NULL)
        return error_at(ps, s, n ? n : 1, FG_ESYNTAX,
                        "expected $capture, \"text\", function(...) or prefix:name");
    e->kind = FG_X_IRI;
    e->loc = loc_at(ps, s, n);
    return curie(ps, s, n, &e->str);
}

/* ===================================================================
 * Directives inside a rule
 * ================================================================= */

/*
 * A pattern without an anchor that uses @@person may still be found only
 * where a person's name starts: read it again with each @@person as one
 * private-use character; if every match starts with that character, every
 * match of the pattern starts with a name.
 */
static int
person_first(const fg_pattern *pat, int *yes)
{
    static const char person[] = FG_PERSON_PATTERN, mark[] = "\\x{E000}";
    *yes = 0;
    fg_buf b = {0};
    for (size_t i = 0; i < pat->len;) {
        int at = pat->len - i >= sizeof person - 1 &&
                 memcmp(pat->text + i, person, sizeof person - 1) == 0;
        if (fg_buf_add(&b, at ? mark : pat->text + i, at ? sizeof mark - 1 : 1) < 0) {
            fg_buf_free(&b);
            return FG_ENOMEM;
        }
        i += at ? sizeof person - 1 : 1;
    }
    fg_anchor a;
    int rc = fg_anchor_find(b.p, b.len, &a);
    fg_buf_free(&b);
    if (rc == 1) {
        *yes = a.n == 1 && strcmp(a.lits[0], "\xEE\x80\x80") == 0 && a.maxoff == 0;
        fg_anchor_clear(&a);
    }
    return rc < 0 ? rc : FG_OK;
}

/*
 * The anchor of a rule's pattern (fg_prefilter.c), or its person_first
 * mark, and the pattern compiled again with PCRE2_USE_OFFSET_LIMIT: the
 * matcher then tries the pattern only at the starts near a literal the
 * pattern requires (or where a person's name starts), instead of at every
 * character.
 */
static int
prefilter_pattern(fg_pattern *pat)
{
    int rc = fg_anchor_find(pat->text, pat->len, &pat->anchor);
    if (rc == 0 && pat->dynamic && (rc = person_first(pat, &pat->person_first)) == FG_OK)
        rc = pat->person_first;
    if (rc <= 0)
        return rc;
    int err;
    PCRE2_SIZE eoff;
    pat->re_window = pcre2_compile((PCRE2_SPTR)pat->text, pat->len,
                                   compile_options | PCRE2_USE_OFFSET_LIMIT, &err, &eoff, NULL);
    if (pat->re_window == NULL) { /* cannot happen: it compiled without the option */
        fg_anchor_clear(&pat->anchor);
        return FG_ENOMEM;
    }
    (void)pcre2_jit_compile(pat->re_window, PCRE2_JIT_COMPLETE);
    pat->has_anchor = !pat->person_first;
    return FG_OK;
}

static int
parse_match(parser *ps)
{
    const char *text;
    size_t n = rest(ps, &text);
    if (n == 0)
        return error_at(ps, ps->p, 1, FG_ESYNTAX, "expected a pattern after 'match'");
    if (ps->rule->match.loc.src != NULL)
        return error_at(ps, text, n, FG_ESYNTAX, "rule %s already has a pattern", ps->rule->id);
    /* A rule with a window pattern matches with it, in windows or (with
     * no offset limit set) over the whole text: its plain pattern, for
     * its groups' names, needs no JIT. */
    fg_pattern *m = &ps->rule->match;
    int rc = compile_pattern(ps, m, text, n, 0);
    if (rc == FG_OK)
        rc = prefilter_pattern(m);
    if (rc == FG_OK && m->re_window == NULL)
        (void)pcre2_jit_compile(m->re, PCRE2_JIT_COMPLETE);
    return rc;
}

static int
parse_foreach(parser *ps)
{
    fg_rule *r = ps->rule;
    skip_space(ps);
    const char *s = ps->p, *name;
    if (ps->p >= ps->end || *ps->p != '$')
        return error_at(ps, s, 1, FG_ESYNTAX, "expected $capture after 'foreach'");
    ps->p++;
    size_t n = ident(ps, &name, 0);
    if (n == 0)
        return error_at(ps, s, 1, FG_ESYNTAX, "expected a capture name after '$'");
    if (r->each_cap.name != NULL)
        return error_at(ps, s, n + 1, FG_ESYNTAX, "rule %s already has a foreach", r->id);
    r->each_cap.name = fg_strndup(name, n);
    if (r->each_cap.name == NULL)
        return FG_ENOMEM;
    const char *text;
    size_t tl = rest(ps, &text);
    if (tl == 0)
        return error_at(ps, ps->p, 1, FG_ESYNTAX, "expected a pattern after the capture");
    return compile_pattern(ps, &r->each, text, tl, 1);
}

static int
parse_fact_or_on(parser *ps, int attach)
{
    fg_rule *r = ps->rule;
    const char *s;
    size_t n = word(ps, &s);
    if (n == 0)
        return error_at(ps, ps->p, 1, FG_ESYNTAX, "expected a class such as schema:Event");
    if (r->cls != NULL)
        return error_at(ps, s, n, FG_ESYNTAX, "rule %s already has a 'fact' or 'on' line", r->id);
    int rc = curie(ps, s, n, &r->cls);
    if (rc < 0)
        return rc;
    if (!(fg_ontology_kinds(&ps->w->onto, r->cls) & FG_TERM_CLASS))
        return error_at(ps, s, n, FG_EONTOLOGY, "class %.*s is not declared in the ontology",
                        (int)n, s);
    r->attach = attach;
    r->scope = FG_SCOPE_PARAGRAPH;
    if (!attach)
        return expect_end(ps);
    const char *kw;
    size_t kn = word(ps, &kw);
    if (kn == 0)
        return FG_OK;
    static const char *const scopes[] = {"sentence", "paragraph", "article",
                                         "document"}; /* ORDER FG_SCOPE */
    const char *sc;
    size_t sn = word(ps, &sc);
    if (kn != 6 || memcmp(kw, "within", 6) != 0)
        return error_at(ps, kw, kn, FG_ESYNTAX,
                        "expected 'within sentence|paragraph|article|document'");
    for (size_t i = 0; i < sizeof scopes / sizeof scopes[0]; i++)
        if (strlen(scopes[i]) == sn && memcmp(scopes[i], sc, sn) == 0) {
            r->scope = (fg_scope)i;
            return expect_end(ps);
        }
    return error_at(ps, sc, sn ? sn : 1, FG_ESYNTAX,
                    "expected sentence, paragraph, article or document");
}

static int
parse_fact(parser *ps)
{
    return parse_fact_or_on(ps, 0);
}

static int
parse_on(parser *ps)
{
    return parse_fact_or_on(ps, 1);
}

/* unresolved CLASS: the class of a fact whose date the text does not anchor */
static int
parse_unresolved(parser *ps)
{
    fg_rule *r = ps->rule;
    const char *s;
    size_t n = word(ps, &s);
    if (n == 0)
        return error_at(ps, ps->p, 1, FG_ESYNTAX, "expected a class such as fg:UnresolvedDate");
    if (r->unresolved != NULL)
        return error_at(ps, s, n, FG_ESYNTAX, "rule %s already has an 'unresolved' line", r->id);
    int rc = curie(ps, s, n, &r->unresolved);
    if (rc < 0)
        return rc;
    if (!(fg_ontology_kinds(&ps->w->onto, r->unresolved) & FG_TERM_CLASS))
        return error_at(ps, s, n, FG_EONTOLOGY, "class %.*s is not declared in the ontology",
                        (int)n, s);
    return expect_end(ps);
}

static int
parse_phase(parser *ps)
{
    long v;
    int rc = parse_int(ps, 1, 9, &v);
    if (rc == FG_OK)
        ps->rule->phase = (int)v;
    return rc;
}

static int
parse_priority(parser *ps)
{
    long v;
    int rc = parse_int(ps, -1000, 1000, &v);
    if (rc == FG_OK)
        ps->rule->priority = (int)v;
    return rc;
}

static int
parse_limit(parser *ps)
{
    long v;
    int rc = parse_int(ps, 1, 1000000000L, &v);
    if (rc == FG_OK)
        ps->rule->limit = (unsigned long)v;
    return rc;
}

static int
parse_group(parser *ps)
{
    const char *s;
    skip_space(ps);
    size_t n = ident(ps, &s, 1);
    if (n == 0)
        return error_at(ps, ps->p, 1, FG_ESYNTAX, "expected a group name");
    fg_free(ps->rule->group);
    ps->rule->group = fg_strndup(s, n);
    if (ps->rule->group == NULL)
        return FG_ENOMEM;
    return expect_end(ps);
}

/* A "$name" token into cap->name. */
static int
capture_name(parser *ps, fg_capref *cap, const char *what)
{
    skip_space(ps);
    const char *s = ps->p, *name;
    if (ps->p >= ps->end || *ps->p != '$')
        return error_at(ps, s < ps->end ? s : ps->end, 1, FG_ESYNTAX, "expected $capture %s", what);
    ps->p++;
    size_t n = ident(ps, &name, 0);
    if (n == 0)
        return error_at(ps, s, 1, FG_ESYNTAX, "expected a capture name after '$'");
    cap->name = fg_strndup(name, n);
    return cap->name ? FG_OK : FG_ENOMEM;
}

/* carry $name [unless $other]: in a foreach, a sub-match without $name
 * takes it from the sub-match before (区人大常委会党组书记、主任: 主任 of the
 * same 区人大常委会), unless $other took part in it. */
static int
parse_carry(parser *ps)
{
    fg_rule *r = ps->rule;
    if (r->carry.name != NULL)
        return error_at(ps, ps->p, 1, FG_ESYNTAX, "rule %s already has a 'carry' line", r->id);
    int rc = capture_name(ps, &r->carry, "after 'carry'");
    if (rc < 0)
        return rc;
    const char *kw;
    size_t kn = word(ps, &kw);
    if (kn == 0)
        return FG_OK;
    if (kn != 6 || memcmp(kw, "unless", 6) != 0)
        return error_at(ps, kw, kn, FG_ESYNTAX, "expected 'unless $capture'");
    rc = capture_name(ps, &r->carry_unless, "after 'unless'");
    return rc < 0 ? rc : expect_end(ps);
}

/* split article: every match of the rule starts an article of the page */
static int
parse_split(parser *ps)
{
    const char *a;
    size_t an = word(ps, &a);
    if (an != 7 || memcmp(a, "article", 7) != 0)
        return error_at(ps, an ? a : ps->p, an ? an : 1, FG_ESYNTAX, "expected 'split article'");
    ps->rule->split = 1;
    return expect_end(ps);
}

/* mention person($name): make the node and mention it, with no fact */
static int
parse_mention(parser *ps)
{
    fg_rule *r = ps->rule;
    skip_space(ps);
    const char *s = ps->p;
    if (FG_GROW(r->props, r->capprops, r->nprops + 1) < 0)
        return FG_ENOMEM;
    fg_prop *pr = &r->props[r->nprops];
    memset(pr, 0, sizeof *pr);
    pr->loc = loc_at(ps, s, (size_t)(ps->end - s));
    pr->mention = 1;
    int rc = parse_expr(ps, &pr->value);
    r->nprops++;
    if (rc == FG_OK && pr->value.kind != FG_X_CALL)
        rc = error_at(ps, s, 1, FG_ESYNTAX, "expected person(...), org(...) or role(...)");
    return rc == FG_OK ? expect_end(ps) : rc;
}

/* key EXPR: the node is named by this value instead of by the match */
static int
parse_key(parser *ps)
{
    fg_rule *r = ps->rule;
    skip_space(ps);
    if (r->has_key)
        return error_at(ps, ps->p, 1, FG_ESYNTAX, "rule %s already has a key", r->id);
    r->has_key = 1;
    int rc = parse_expr(ps, &r->key);
    if (rc == FG_OK && r->key.kind != FG_X_CAPTURE && r->key.kind != FG_X_STRING)
        rc = error_at(ps, r->key.loc.col_byte + ps->text, r->key.loc.span_byte, FG_ESYNTAX,
                      "a key is a $capture or \"text\"");
    return rc == FG_OK ? expect_end(ps) : rc;
}

/* example TEXT => EXPECTED */
static int
parse_example(parser *ps)
{
    fg_rule *r = ps->rule;
    const char *text;
    size_t n = rest(ps, &text);
    const char *arrow = NULL;
    for (size_t i = 0; i + 1 < n; i++)
        if (text[i] == '=' && text[i + 1] == '>' && (i == 0 || text[i - 1] == ' '))
            arrow = text + i;
    if (arrow == NULL)
        return error_at(ps, text, n ? n : 1, FG_ESYNTAX, "expected 'example TEXT => FACTS'");
    const char *te = arrow;
    while (te > text && te[-1] == ' ')
        te--;
    const char *xb = arrow + 2;
    while (xb < text + n && *xb == ' ')
        xb++;
    if (te == text)
        return error_at(ps, arrow, 2, FG_ESYNTAX, "expected example text before '=>'");
    if (xb == text + n)
        return error_at(ps, arrow, 2, FG_ESYNTAX, "expected facts or 'none' after '=>'");
    if (FG_GROW(r->examples, r->capexamples, r->nexamples + 1) < 0)
        return FG_ENOMEM;
    fg_example *ex = &r->examples[r->nexamples];
    ex->text = fg_strndup(text, (size_t)(te - text));
    ex->expect = fg_strndup(xb, (size_t)(text + n - xb));
    ex->loc = loc_at(ps, xb, (size_t)(text + n - xb));
    if (ex->text == NULL || ex->expect == NULL) {
        fg_free(ex->text);
        fg_free(ex->expect);
        return FG_ENOMEM;
    }
    r->nexamples++;
    return FG_OK;
}

/* pfx:name VALUE, or FUNCTION(ARGS) */
static int
parse_template_line(parser *ps, const char *s, size_t n, int splice)
{
    fg_rule *r = ps->rule;
    if (FG_GROW(r->props, r->capprops, r->nprops + 1) < 0)
        return FG_ENOMEM;
    fg_prop *pr = &r->props[r->nprops];
    memset(pr, 0, sizeof *pr);
    pr->loc = loc_at(ps, s, n);
    int rc;
    if (splice) {
        ps->p = s;
        rc = parse_expr(ps, &pr->value);
    } else {
        rc = curie(ps, s, n, &pr->pred);
        if (rc == FG_OK && !(fg_ontology_kinds(&ps->w->onto, pr->pred) & FG_TERM_PROPERTY))
            rc = error_at(ps, s, n, FG_EONTOLOGY, "property %.*s is not declared in the ontology",
                          (int)n, s);
        ps->p = s + n;
        if (rc == FG_OK)
            rc = parse_expr(ps, &pr->value);
    }
    if (rc == FG_OK)
        rc = expect_end(ps);
    r->nprops++; /* kept even on error, so that fg_rule_free releases it */
    return rc;
}

/* ===================================================================
 * Rules
 * ================================================================= */

void
fg_rule_free(fg_rule *r)
{
    if (r == NULL)
        return;
    fg_free(r->id);
    fg_free(r->iri_id);
    fg_free(r->group);
    fg_free(r->cls);
    fg_free(r->unresolved);
    fg_free(r->match.text);
    pcre2_code_free(r->match.re);
    pcre2_code_free(r->match.re_window);
    fg_anchor_clear(&r->match.anchor);
    fg_free(r->each.text);
    pcre2_code_free(r->each.re);
    fg_free(r->each_cap.name);
    fg_free(r->each_cap.groups);
    fg_free(r->carry.name);
    fg_free(r->carry.groups);
    fg_free(r->carry_unless.name);
    fg_free(r->carry_unless.groups);

    for (size_t i = 0; i < r->nprops; i++) {
        fg_free(r->props[i].pred);
        free_expr(&r->props[i].value);
    }
    fg_free(r->props);
    free_expr(&r->key);
    for (size_t i = 0; i < r->nexamples; i++) {
        fg_free(r->examples[i].text);
        fg_free(r->examples[i].expect);
    }
    fg_free(r->examples);
    fg_free(r);
}

/* Finds every group number named name in a compiled pattern. */
static int
find_groups(const pcre2_code *re, const char *name, uint32_t **groups, size_t *n)
{
    uint32_t count, size;
    PCRE2_SPTR table;
    *n = 0;
    if (re == NULL)
        return FG_OK;
    pcre2_pattern_info(re, PCRE2_INFO_NAMECOUNT, &count);
    pcre2_pattern_info(re, PCRE2_INFO_NAMEENTRYSIZE, &size);
    pcre2_pattern_info(re, PCRE2_INFO_NAMETABLE, &table);
    for (uint32_t i = 0; i < count; i++) {
        PCRE2_SPTR entry = table + i * size;
        if (strcmp((const char *)entry + 2, name) != 0)
            continue;
        uint32_t *g = fg_realloc(*groups, (*n + 1) * sizeof **groups);
        if (g == NULL)
            return FG_ENOMEM;
        *groups = g;
        g[(*n)++] = (uint32_t)(entry[0] << 8 | entry[1]);
    }
    return FG_OK;
}

static int
resolve_captures(parser *ps, fg_rule *r, fg_expr *e)
{
    if (e->kind == FG_X_CAPTURE) {
        int rc = find_groups(r->each.re, e->cap.name, &e->cap.groups, &e->cap.ngroups);
        e->cap.in_each = e->cap.ngroups > 0;
        if (rc == FG_OK && e->cap.ngroups == 0)
            rc = find_groups(r->match.re, e->cap.name, &e->cap.groups, &e->cap.ngroups);
        if (rc < 0)
            return rc;
        if (e->cap.ngroups == 0)
            return report_loc(ps, &e->loc, FG_ESYNTAX, "rule %s has no capture named '%s'", r->id,
                              e->cap.name);
        return FG_OK;
    }
    if (e->kind == FG_X_IRI && fg_ontology_kinds(&ps->w->onto, e->str) == 0)
        return report_loc(ps, &e->loc, FG_EONTOLOGY, "%s is not declared in the ontology", e->str);
    for (size_t i = 0; i < e->nargs; i++) {
        int rc = resolve_captures(ps, r, &e->args[i]);
        if (rc < 0)
            return rc;
    }
    return FG_OK;
}

/* The terms an article writes must be in the ontology. */
static int
check_split_terms(parser *ps, const fg_rule *r)
{
    static const char *const terms[] = {NIF_STRUCTURE, NIF_SUPER, FG_ARTICLE_CLASS, FG_ARTICLE,
                                        FG_HEADLINE};
    for (size_t i = 0; i < sizeof terms / sizeof terms[0]; i++)
        if (fg_ontology_kinds(&ps->w->onto, terms[i]) == 0)
            return report_loc(ps, &r->loc, FG_EONTOLOGY,
                              "rule %s splits articles, which writes %s: the ontology does not "
                              "declare it",
                              r->id, terms[i]);
    return FG_OK;
}

static int
has_mentions(const fg_rule *r)
{
    for (size_t i = 0; i < r->nprops; i++)
        if (r->props[i].mention)
            return 1;
    return 0;
}

static int
has_facts_lines(const fg_rule *r)
{
    for (size_t i = 0; i < r->nprops; i++)
        if (!r->props[i].mention)
            return 1;
    return 0;
}

/* Checks a complete rule and adds it to the world, or frees it. */
static int
finish_rule(parser *ps)
{
    fg_rule *r = ps->rule;
    if (r == NULL)
        return FG_OK;
    ps->rule = NULL;
    int rc = FG_OK;
    if (ps->errors > r->err_mark) {
        /* Its errors are reported; a half-read rule is not checked further. */
        fg_rule_free(r);
        return FG_ESYNTAX;
    }
    if (r->match.re == NULL && r->match.loc.src == NULL)
        rc = report_loc(ps, &r->loc, FG_ESYNTAX, "rule %s has no 'match' line", r->id);
    else if (r->cls == NULL && !r->split && !has_mentions(r))
        rc = report_loc(ps, &r->loc, FG_ESYNTAX,
                        "rule %s has no 'fact', 'on', 'mention' or 'split' line", r->id);
    else if (r->cls == NULL && !r->split && has_facts_lines(r))
        rc = report_loc(ps, &r->loc, FG_ESYNTAX,
                        "rule %s has properties but no 'fact' or 'on' line to put them on", r->id);
    else if (r->split && (r->cls != NULL || r->nprops > 0))
        rc = report_loc(ps, &r->loc, FG_ESYNTAX,
                        "rule %s splits articles: it makes no fact and no mention", r->id);
    else if (r->split)
        rc = check_split_terms(ps, r);
    if (rc == FG_OK && r->match.re != NULL && (r->each_cap.name == NULL || r->each.re != NULL)) {
        if (r->each_cap.name != NULL) {
            rc = find_groups(r->match.re, r->each_cap.name, &r->each_cap.groups,
                             &r->each_cap.ngroups);
            if (rc == FG_OK && r->each_cap.ngroups == 0)
                rc = report_loc(ps, &r->each.loc, FG_ESYNTAX,
                                "rule %s: foreach names no capture of the match pattern", r->id);
        }
        fg_capref *carried[] = {&r->carry, &r->carry_unless};
        for (size_t i = 0; i < 2 && rc == FG_OK; i++) {
            if (carried[i]->name == NULL)
                continue;
            rc = find_groups(r->each.re, carried[i]->name, &carried[i]->groups,
                             &carried[i]->ngroups);
            carried[i]->in_each = 1;
            if (rc == FG_OK && carried[i]->ngroups == 0)
                rc = report_loc(ps, &r->loc, FG_ESYNTAX,
                                "rule %s: carry names $%s, which its foreach pattern lacks", r->id,
                                carried[i]->name);
        }
        for (size_t i = 0; i < r->nprops && rc == FG_OK; i++)
            rc = resolve_captures(ps, r, &r->props[i].value);
        if (rc == FG_OK && r->has_key)
            rc = resolve_captures(ps, r, &r->key);

        if (rc == FG_OK)
            rc = fg_fact_check_template(ps->w, r);
    }
    if (rc == FG_OK && (r->match.re == NULL || (r->each_cap.name && r->each.re == NULL)))
        rc = FG_ESYNTAX; /* the pattern's error has been reported */
    if (rc == FG_OK && r->match.dynamic && r->phase < 2)
        rc = report_loc(ps, &r->loc, FG_ESYNTAX,
                        "rule %s uses @@person, the people earlier phases found: give it 'phase 2' "
                        "or later",
                        r->id);
    if (rc == FG_OK && r->group == NULL) {
        /* Rules of one file compete for overlapping text unless told otherwise. */
        const char *name = ps->src->name;
        const char *dot = strrchr(name, '.');
        r->group = fg_strndup(name, dot ? (size_t)(dot - name) : strlen(name));
        if (r->group == NULL)
            rc = FG_ENOMEM;
    }
    if (rc == FG_OK && FG_GROW(ps->w->rules, ps->w->caprules, ps->w->nrules + 1) < 0)
        rc = FG_ENOMEM;
    if (rc < 0) {
        if (rc != FG_ENOMEM)
            ps->errors++;
        fg_rule_free(r);
        return rc;
    }
    r->index = ps->w->nrules;
    ps->w->rules[ps->w->nrules++] = r;
    if (r->phase > ps->w->max_phase)
        ps->w->max_phase = r->phase;
    return FG_OK;
}

/* rule ID */
static int
parse_rule(parser *ps)
{
    int rc = finish_rule(ps);
    if (rc == FG_ENOMEM)
        return rc;
    /* Until this header is known to be good, the lines after it are skipped:
     * one bad header gives one error, not one per line of its rule. */
    ps->skipping = 1;
    const char *id;
    skip_space(ps);
    size_t n = ident(ps, &id, 1);
    if (n == 0)
        return error_at(ps, ps->p < ps->end ? ps->p : ps->end, 1, FG_ESYNTAX,
                        "expected a rule id (letters, digits, '_', '-', '.')");
    if (expect_end(ps) < 0)
        return FG_ESYNTAX;
    for (size_t i = 0; i < ps->w->nrules; i++) {
        const fg_rule *o = ps->w->rules[i];
        if (strlen(o->id) == n && memcmp(o->id, id, n) == 0) {
            error_at(ps, id, n, FG_ESYNTAX, "duplicate rule id %.*s", (int)n, id);
            fg_report(ps->w, FG_NOTE, 0, &o->loc, "rule %s is first defined here", o->id);
            return FG_ESYNTAX;
        }
    }
    fg_rule *r = fg_malloc(sizeof *r);
    if (r == NULL)
        return FG_ENOMEM;
    memset(r, 0, sizeof *r);
    r->id = fg_strndup(id, n);
    fg_buf b = {0};
    if (r->id == NULL || fg_buf_add_iri_segment(&b, id, n) < 0) {
        fg_buf_free(&b);
        fg_rule_free(r);
        return FG_ENOMEM;
    }
    r->iri_id = b.p;
    r->loc = loc_at(ps, id, n);
    r->phase = 1;
    r->err_mark = ps->errors;
    ps->rule = r;
    ps->skipping = 0;
    return FG_OK;
}

/* `version TEXT`: the version of the rule set, once over everything loaded. */
static int
parse_version(parser *ps)
{
    const char *v;
    size_t n = word(ps, &v);
    if (n == 0)
        return error_at(ps, ps->p, 1, FG_ESYNTAX, "expected a version after 'version'");
    for (size_t i = 0; i < n; i++) {
        char c = v[i];
        if (!is_ident(c) && c != '.' && c != '-' && c != '+')
            return error_at(ps, v + i, 1, FG_ESYNTAX,
                            "a version holds letters, digits, '_', '.', '-' and '+' only");
    }
    if (expect_end(ps) < 0)
        return FG_ESYNTAX;
    if (ps->w->rules_version != NULL) {
        error_at(ps, v, n, FG_ESYNTAX, "the rule set's version is already declared");
        fg_report(ps->w, FG_NOTE, 0, &ps->w->rules_version_loc, "as %s here", ps->w->rules_version);
        return FG_ESYNTAX;
    }
    if ((ps->w->rules_version = fg_strndup(v, n)) == NULL)
        return FG_ENOMEM;
    ps->w->rules_version_loc = loc_at(ps, v, n);
    return FG_OK;
}

/* ORDER DIRECTIVES: none; looked up by name. */
static const struct directive {
    const char *name;
    int in_rule; /* 1: belongs to the current rule; 0: top level, ends a rule */
    int (*parse)(parser *ps);
} directives[] = {
    {"rule", 0, parse_rule},   {"define", 0, parse_define},         {"lexicon", 0, parse_lexicon},
    {"match", 1, parse_match}, {"foreach", 1, parse_foreach},       {"fact", 1, parse_fact},
    {"on", 1, parse_on},       {"phase", 1, parse_phase},           {"priority", 1, parse_priority},
    {"group", 1, parse_group}, {"limit", 1, parse_limit},           {"example", 1, parse_example},
    {"key", 1, parse_key},     {"unresolved", 1, parse_unresolved}, {"carry", 1, parse_carry},
    {"split", 1, parse_split}, {"mention", 1, parse_mention},       {"version", 0, parse_version},
};

static int
parse_line(parser *ps)
{
    skip_space(ps);
    if (ps->p == ps->end || *ps->p == '#')
        return FG_OK;
    const char *kw = ps->p;
    const char *e = kw;
    while (e < ps->end && *e != ' ' && *e != '\t' && *e != '(')
        e++;
    size_t n = (size_t)(e - kw);
    for (size_t i = 0; i < sizeof directives / sizeof directives[0]; i++) {
        const struct directive *d = &directives[i];
        if (strlen(d->name) != n || memcmp(d->name, kw, n) != 0)
            continue;
        ps->p = e;
        if (d->in_rule && ps->skipping)
            return FG_OK;
        if (d->in_rule && ps->rule == NULL)
            return error_at(ps, kw, n, FG_ESYNTAX, "'%s' outside a rule", d->name);
        if (!d->in_rule && d->parse != parse_rule) {
            ps->skipping = 0;
            int rc = finish_rule(ps);
            if (rc == FG_ENOMEM)
                return rc;
        }
        return d->parse(ps);
    }
    if (memchr(kw, ':', n) != NULL || (e < ps->end && *e == '(')) {
        if (ps->skipping)
            return FG_OK;
        if (ps->rule == NULL)
            return error_at(ps, kw, n, FG_ESYNTAX, "template line outside a rule");
        return parse_template_line(ps, kw, n, *e == '(');
    }
    return error_at(ps, kw, n, FG_ESYNTAX, "unknown directive '%.*s'", (int)n, kw);
}

static int
parse_source(fg_world *w, fg_source *src, const char *dir)
{
    parser ps = {0};
    ps.w = w;
    ps.src = src;
    ps.dir = (char *)dir;
    int rc = FG_OK;
    size_t off = 0;
    for (int line = 1; off < src->len || (off == 0 && src->len == 0); line++) {
        const char *s = src->text + off;
        const char *nl = memchr(s, '\n', src->len - off);
        size_t len = nl ? (size_t)(nl - s) : src->len - off;
        size_t vis = len;
        if (vis > 0 && s[vis - 1] == '\r')
            vis--;
        ps.line = (fg_loc){src, line, off, vis, 0, 0};
        ps.text = ps.p = s;
        ps.end = s + vis;
        int lrc = parse_line(&ps);
        if (lrc == FG_ENOMEM)
            rc = lrc;
        off += len + (nl ? 1 : 0);
        if (rc == FG_ENOMEM || src->len == 0)
            break;
    }
    if (rc != FG_ENOMEM && finish_rule(&ps) == FG_ENOMEM)
        rc = FG_ENOMEM;
    fg_rule_free(ps.rule);
    if (rc == FG_OK && ps.errors > 0)
        rc = FG_ESYNTAX;
    return rc;
}

static int
load_one(fg_world *w, const char *path)
{
    if (FG_GROW(w->sources, w->capsources, w->nsources + 1) < 0)
        return FG_ENOMEM;
    fg_source *src = fg_malloc(sizeof *src);
    if (src == NULL)
        return FG_ENOMEM;
    memset(src, 0, sizeof *src);
    int rc = fg_read_file(path, &src->text, &src->len);
    if (rc == FG_EIO)
        fg_report(w, FG_ERROR, FG_EIO, NULL, "cannot read rule file %s: %s", path, strerror(errno));
    const char *slash = strrchr(path, '/');
    if (rc == FG_OK) {
        src->path = fg_strdup(path);
        src->name = fg_strdup(slash ? slash + 1 : path);
        if (src->path == NULL || src->name == NULL)
            rc = FG_ENOMEM;
    }
    if (rc < 0) {
        fg_free(src->text);
        fg_free(src->path);
        fg_free(src->name);
        fg_free(src);
        return rc;
    }
    w->sources[w->nsources++] = src;
    size_t bad;
    const char *why;
    if (fg_utf8_check(src->text, src->len, &bad, &why) < 0) {
        fg_report(w, FG_ERROR, FG_ESYNTAX, NULL, "%s: %s at byte %zu", path, why, bad);
        return FG_ESYNTAX;
    }
    char *dir = fg_strndup(path, slash ? (size_t)(slash - path) : 0);
    if (dir == NULL)
        return FG_ENOMEM;
    rc = parse_source(w, src, dir);
    fg_free(dir);
    return rc;
}

static int
cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int
fg_rules_load_file(fg_world *w, const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        fg_report(w, FG_ERROR, FG_EIO, NULL, "cannot read rules %s: %s", path, strerror(errno));
        return FG_EIO;
    }
    if (!S_ISDIR(st.st_mode))
        return load_one(w, path);
    DIR *d = opendir(path);
    if (d == NULL) {
        fg_report(w, FG_ERROR, FG_EIO, NULL, "cannot open rule directory %s: %s", path,
                  strerror(errno));
        return FG_EIO;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    int rc = FG_OK;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        size_t l = strlen(de->d_name);
        if (l <= 6 || strcmp(de->d_name + l - 6, ".rules") != 0 || de->d_name[0] == '.')
            continue;
        char *p = join_path(path, de->d_name, l);
        if (p == NULL || FG_GROW(names, cap, n + 1) < 0) {
            fg_free(p);
            rc = FG_ENOMEM;
            break;
        }
        names[n++] = p;
    }
    closedir(d);
    /* Byte order of names, so that the load order never depends on the file system. */
    if (n > 0)
        qsort(names, n, sizeof names[0], cmp_str);
    if (rc == FG_OK && n == 0) {
        fg_report(w, FG_ERROR, FG_EIO, NULL, "no *.rules files in %s", path);
        rc = FG_EIO;
    }
    for (size_t i = 0; i < n; i++) {
        int frc = rc == FG_ENOMEM ? rc : load_one(w, names[i]);
        if (frc < 0 && rc == FG_OK)
            rc = frc;
        if (frc == FG_ENOMEM)
            rc = frc;
        fg_free(names[i]);
    }
    fg_free(names);
    return rc;
}

void
fg_rules_free_all(fg_world *w)
{
    for (size_t i = 0; i < w->nrules; i++)
        fg_rule_free(w->rules[i]);
    fg_free(w->rules);
    for (size_t i = 0; i < w->nmacros; i++)
        fg_free(w->macros[i].name);
    fg_free(w->macros);
    for (size_t i = 0; i < w->nlexicons; i++) {
        fg_free(w->lexicons[i].name);
        fg_free(w->lexicons[i].regex);
    }
    fg_free(w->lexicons);
    for (size_t i = 0; i < w->nsources; i++) {
        fg_free(w->sources[i]->text);
        fg_free(w->sources[i]->path);
        fg_free(w->sources[i]->name);
        fg_free(w->sources[i]);
    }
    fg_free(w->sources);
    fg_free(w->rules_version);
    w->rules_version = NULL;
    w->rules = NULL;
    w->macros = NULL;
    w->lexicons = NULL;
    w->sources = NULL;
    w->nrules = w->nmacros = w->nlexicons = w->nsources = 0;
}
