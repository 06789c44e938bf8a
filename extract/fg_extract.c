/*
 * fg_extract.c - one document from text to a graph: phases of rules,
 * overlaps settled, facts built.
 * SPDX-License-Identifier: MIT
 */
#include <stdlib.h>
#include <string.h>

#include "fg_internal.h"
#include "fg_vocab.h"

int
fg_doc_add(fg_doc *d, const char *s, const char *p, const char *o, const char *dt)
{
    if (s == NULL || p == NULL || o == NULL)
        return FG_ENOMEM; /* a failed arena allocation upstream */
    if (FG_GROW(d->triples, d->captriples, d->ntriples + 1) < 0)
        return FG_ENOMEM;
    d->triples[d->ntriples++] = (fg_triple){s, p, o, dt};
    return FG_OK;
}

/* An IRI base must be absolute and made of characters that need no escaping. */
static int
valid_base(const char *b)
{
    const char *colon = strchr(b, ':');
    if (colon == NULL || colon == b)
        return 0;
    for (const char *p = b; p < colon; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
              (p > b && ((*p >= '0' && *p <= '9') || *p == '+' || *p == '-' || *p == '.'))))
            return 0;
    for (const char *p = b; *p; p++)
        if ((unsigned char)*p <= 0x20 || (unsigned char)*p >= 0x7F || strchr("<>\"{}|\\^`", *p))
            return 0;
    return 1;
}

static int
add_context(fg_doc *d)
{
    const char *n = fg_arena_printf(&d->arena, "%zu", d->ncp);
    if (n == NULL)
        return FG_ENOMEM;
    int rc = fg_doc_add(d, d->iri, RDF_TYPE, NIF_CONTEXT, NULL);
    if (rc == FG_OK)
        rc = fg_doc_add(d, d->iri, NIF_BEGIN, "0", XSD_NNI);
    if (rc == FG_OK)
        rc = fg_doc_add(d, d->iri, NIF_END, n, XSD_NNI);
    if (rc == FG_OK && !d->omit_text)
        rc = fg_doc_add(d, d->iri, NIF_IS_STRING, d->text, XSD_STRING);
    if (rc == FG_OK && d->omit_text) {
        const char *h = fg_arena_strndup(&d->arena, d->sha256, 64);
        rc = fg_doc_add(d, d->iri, FG_SHA256, h, XSD_STRING);
        if (rc == FG_OK && d->source != NULL)
            rc = fg_doc_add(d, d->iri, FG_SOURCE, d->source, XSD_STRING);
    }
    if (rc == FG_OK && d->have_doc_date) {
        char buf[16];
        fg_norm_ymd_xsd(&d->doc_date, buf, sizeof buf);
        const char *s = fg_arena_strndup(&d->arena, buf, strlen(buf));
        rc = fg_doc_add(d, d->iri, FG_DOC_DATE, s, XSD_DATE);
    }
    return rc;
}

/* ===================================================================
 * Scopes: sentences and paragraphs, found once per document
 * ================================================================= */

/* The first index whose end lies past pos (binary search). */
static size_t
first_after(const size_t *ends, size_t n, size_t pos)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ends[mid] <= pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

int
fg_doc_scope(fg_doc *d, size_t pos, size_t end, fg_scope scope, size_t *b, size_t *e)
{
    const fg_article *a = scope == FG_SCOPE_ARTICLE ? fg_doc_article(d, pos) : NULL;
    if (scope == FG_SCOPE_DOCUMENT || (scope == FG_SCOPE_ARTICLE && a == NULL)) {
        *b = 0;
        *e = d->len;
        return FG_OK;
    }
    if (a != NULL) {
        *b = a->b;
        *e = a->e;
        return FG_OK;
    }
    if (!d->scopes_found) {
        int rc = fg_text_ends(d->text, d->len, FG_SCOPE_SENTENCE, &d->sent_ends, &d->nsent);
        if (rc == FG_OK)
            rc = fg_text_ends(d->text, d->len, FG_SCOPE_PARAGRAPH, &d->para_ends, &d->npara);
        if (rc < 0)
            return rc;
        d->scopes_found = 1;
    }
    const size_t *ends = scope == FG_SCOPE_SENTENCE ? d->sent_ends : d->para_ends;
    size_t n = scope == FG_SCOPE_SENTENCE ? d->nsent : d->npara;
    size_t i = first_after(ends, n, pos);
    *b = i > 0 ? ends[i - 1] : 0;
    /* The scope holding the match's start, stretched to hold its end too. */
    size_t k = end > pos ? first_after(ends, n, end - 1) : i;
    *e = k < n ? ends[k] : d->len;
    return FG_OK;
}

/* ===================================================================
 * People found so far: the dynamic lexicon of `where $name in person`
 * ================================================================= */

static int
cmp_name(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int
fg_doc_knows_person(const fg_doc *d, const char *name, size_t n)
{
    char buf[64];
    if (n >= sizeof buf || d->npeople == 0)
        return 0;
    memcpy(buf, name, n);
    buf[n] = '\0';
    const char *key = buf;
    return bsearch(&key, d->people, d->npeople, sizeof *d->people, cmp_name) != NULL;
}

int
fg_doc_add_person(fg_doc *d, const char *name, size_t n)
{
    if (fg_doc_knows_person(d, name, n))
        return FG_OK;
    const char *copy = fg_arena_strndup(&d->arena, name, n);
    if (copy == NULL || FG_GROW(d->people, d->cappeople, d->npeople + 1) < 0)
        return FG_ENOMEM;
    size_t at = d->npeople; /* sorted insertion: names are few */
    while (at > 0 && strcmp(d->people[at - 1], copy) > 0) {
        d->people[at] = d->people[at - 1];
        at--;
    }
    d->people[at] = copy;
    d->npeople++;
    return FG_OK;
}

/* ===================================================================
 * Articles of a newspaper page
 * ================================================================= */

const fg_article *
fg_doc_article(const fg_doc *d, size_t pos)
{
    size_t lo = 0, hi = d->narticles;
    while (lo < hi) { /* the last article that starts at or before pos */
        size_t mid = lo + (hi - lo) / 2;
        if (d->articles[mid].b <= pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return NULL;
    const fg_article *a = &d->articles[lo - 1];
    return pos < a->e ? a : NULL;
}

static size_t
line_start(const char *s, size_t pos)
{
    while (pos > 0 && s[pos - 1] != '\n')
        pos--;
    return pos;
}

/* A headline: a short line that does not end a sentence. */
static int
headline_like(const char *s, size_t b, size_t e)
{
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\r' || s[e - 1] == '\t'))
        e--;
    if (e == b || fg_utf8_count(s + b, e - b) > 64)
        return 0;
    static const char *const ends[] = {"。", "！", "？", "”", "."};
    for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++) {
        size_t l = strlen(ends[i]);
        if (e - b >= l && memcmp(s + e - l, ends[i], l) == 0)
            return 0;
    }
    return 1;
}

static int
by_byte(const void *a, const void *b)
{
    const fg_cand *x = a, *y = b;
    return x->b < y->b ? -1 : x->b > y->b;
}

/*
 * Each match of a `split article` rule (a byline) starts an article: the
 * article begins at the headline lines just above it (up to three lines of
 * at most 64 code points that end no sentence, blank lines between allowed)
 * and runs to the
 * next article. Text before the first article belongs to none.
 */
static int
find_articles(fg_doc *d)
{
    fg_world *w = d->w;
    fg_cands cs = {0};
    int rc = FG_OK;
    if (w->nsets > 0)
        rc = fg_match_set(d, &w->sets[0], &cs);
    if (rc < 0 || cs.n == 0) {
        fg_free(cs.v);
        return rc;
    }
    qsort(cs.v, cs.n, sizeof *cs.v, by_byte);
    size_t floor = 0; /* an article never starts inside the one before's header */
    for (size_t i = 0; i < cs.n && rc == FG_OK; i++) {
        const fg_cand *c = &cs.v[i];
        size_t ls = line_start(d->text, c->b);
        if (ls < floor)
            continue;
        size_t start = ls, head_b = ls, head_e = ls, pos = ls;
        for (int lines = 0; lines < 3 && pos > floor;) {
            size_t le = pos - 1, lb = line_start(d->text, le); /* the line before, no \n */
            if (lb < floor)
                break;
            if (le == lb || (le == lb + 1 && d->text[lb] == '\r')) { /* blank: keep looking */
                pos = lb;
                continue;
            }
            if (!headline_like(d->text, lb, le))
                break;
            if (head_e == ls)
                head_e = le;
            start = head_b = lb;
            pos = lb;
            lines++;
        }
        if (FG_GROW(d->articles, d->caparticles, d->narticles + 1) < 0) {
            rc = FG_ENOMEM;
            break;
        }
        fg_article *a = &d->articles[d->narticles++];
        memset(a, 0, sizeof *a);
        a->b = start;
        a->head_b = head_b;
        a->head_e = head_e;
        a->rule = c->rule;
        floor = c->e;
    }
    for (size_t i = 0; i < d->narticles; i++)
        d->articles[i].e = i + 1 < d->narticles ? d->articles[i + 1].b : d->len;
    /* Offsets in code points, and the article nodes themselves. */
    fg_cursor cur;
    fg_cursor_init(&cur, d->text);
    for (size_t i = 0; i < d->narticles && rc == FG_OK; i++) {
        fg_article *a = &d->articles[i];
        a->cpb = fg_cursor_cp(&cur, a->b);
        a->cpe = fg_cursor_cp(&cur, a->e);
        a->iri = fg_arena_printf(&d->arena, "%s/article/%zu", d->iri, i + 1);
        if (a->iri == NULL)
            rc = FG_ENOMEM;
    }
    for (size_t i = 0, k = 0; i < d->narticles && rc == FG_OK; i++) {
        const fg_article *a = &d->articles[i];
        while (k < cs.n && cs.v[k].b < a->b)
            k++;
        const fg_cand *c = k < cs.n ? &cs.v[k] : &cs.v[cs.n - 1]; /* the byline that made it */
        const char *rule = fg_rule_node(d, a->rule);
        const char *mention = fg_add_mention(d, c->b, c->e, c->cpb, c->cpe);
        const char *b = fg_arena_printf(&d->arena, "%zu", a->cpb);
        const char *e = fg_arena_printf(&d->arena, "%zu", a->cpe);
        if (rule == NULL || mention == NULL || b == NULL || e == NULL) {
            rc = FG_ENOMEM;
            break;
        }
        if ((rc = fg_doc_add(d, a->iri, RDF_TYPE, NIF_STRUCTURE, NULL)) < 0 ||
            (rc = fg_doc_add(d, a->iri, RDF_TYPE, FG_ARTICLE_CLASS, NULL)) < 0 ||
            (rc = fg_doc_add(d, a->iri, NIF_REF_CONTEXT, d->iri, NULL)) < 0 ||
            (rc = fg_doc_add(d, a->iri, NIF_BEGIN, b, XSD_NNI)) < 0 ||
            (rc = fg_doc_add(d, a->iri, NIF_END, e, XSD_NNI)) < 0 ||
            (rc = fg_doc_add(d, a->iri, PROV_DERIVED, mention, NULL)) < 0 ||
            (rc = fg_doc_add(d, a->iri, FG_RULE, rule, NULL)) < 0)
            break;
        if (a->head_e > a->head_b) {
            /* The headline's lines, joined by a space. */
            fg_buf h = {0};
            for (size_t p = a->head_b; p < a->head_e; p++) {
                char ch = d->text[p];
                if (ch == '\n' || ch == '\r') {
                    if (h.len > 0 && h.p[h.len - 1] != ' ')
                        rc = fg_buf_addc(&h, ' ');
                } else {
                    rc = fg_buf_addc(&h, ch);
                }
            }
            const char *ht = h.p ? fg_arena_strndup(&d->arena, h.p, h.len) : NULL;
            fg_buf_free(&h);
            if (rc == FG_OK && ht != NULL)
                rc = fg_doc_add(d, a->iri, FG_HEADLINE, ht, XSD_STRING);
        }
    }
    fg_free(cs.v);
    return rc;
}

/* Winners in text order, so that facts are built in the order they are read. */
static int
by_start(const void *a, const void *b)
{
    const fg_cand *x = *(fg_cand *const *)a, *y = *(fg_cand *const *)b;
    if (x->b != y->b)
        return x->b < y->b ? -1 : 1;
    return x->rule->index < y->rule->index ? -1 : x->rule->index > y->rule->index;
}

static int
run_phase(fg_doc *d, int phase, fg_cands *cs)
{
    fg_world *w = d->w;
    cs->n = 0;
    int rc = FG_OK;
    if ((size_t)phase < w->nsets)
        rc = fg_match_set(d, &w->sets[phase], cs);
    if (rc == FG_OK)
        rc = fg_match_resolve(cs);
    if (rc < 0 || cs->n == 0)
        return rc;
    if (phase > 1 && (rc = fg_doc_index_facts(d)) < 0)
        return rc;
    if (d->tracing) {
        /* Keep this phase's candidates; beaten_by becomes an index into trace. */
        if (FG_GROW(d->trace, d->captrace, d->ntrace + cs->n) < 0)
            return FG_ENOMEM;
        for (size_t i = 0; i < cs->n; i++) {
            fg_cand *t = &d->trace[d->ntrace + i];
            *t = cs->v[i];
            t->phase = phase;
            t->beaten_by += d->ntrace;
        }
        d->ntrace += cs->n;
    }
    fg_cand **won = fg_malloc(cs->n * sizeof *won);
    if (won == NULL)
        return FG_ENOMEM;
    size_t n = 0;
    for (size_t i = 0; i < cs->n; i++)
        if (cs->v[i].won) {
            won[n++] = &cs->v[i];
            d->stats[cs->v[i].rule->index].won++;
        }
    qsort(won, n, sizeof *won, by_start);
    for (size_t i = 0; i < n && rc == FG_OK; i++)
        rc = fg_fact_build(d, won[i], w->md_each);
    fg_free(won);
    return rc;
}

void
fg_doc_free(fg_doc *d)
{
    if (d == NULL)
        return;
    fg_free(d->stats);
    fg_free(d->triples);
    fg_free(d->facts);
    fg_free(d->trace);
    fg_free(d->limits);
    fg_free(d->people);
    fg_free(d->articles);
    fg_free(d->earlier);
    fg_free(d->sent_ends);
    fg_free(d->para_ends);
    fg_arena_free(&d->arena);
    fg_free(d);
}

/* strcmp, without reading a string compared with itself: predicates and
 * datatypes are shared constants. */
static int
cmp_str(const char *x, const char *y)
{
    return x == y ? 0 : strcmp(x, y);
}

/* Predicate, IRI before literal, object, datatype: the order of the
 * triples of one subject. */
static int
cmp_rest(const void *a, const void *b)
{
    const fg_triple *x = a, *y = b;
    int c = cmp_str(x->p, y->p);
    if (c == 0 && (x->dt == NULL) != (y->dt == NULL))
        c = x->dt == NULL ? -1 : 1;
    if (c == 0)
        c = cmp_str(x->o, y->o);
    if (c == 0 && x->dt != NULL)
        c = cmp_str(x->dt, y->dt);
    return c;
}

typedef struct subject {
    const char *s;
    size_t run; /* the run of triples with this subject pointer */
} subject;

static int
cmp_subject(const void *a, const void *b)
{
    return strcmp(((const subject *)a)->s, ((const subject *)b)->s);
}

/* Sorts the triples (by subject, predicate, IRI before literal, object,
 * datatype, as strings), and drops repeats: the same node named twice is
 * one node. A node's triples are made together and share its IRI: the
 * runs of one subject pointer are sorted by their strings, the triples
 * placed by the rank of their subject (a counting sort), and each
 * subject's few triples sorted by the rest. */
static int
sort_triples(fg_doc *d)
{
    size_t n = d->ntriples, cap = n ? n : 1;
    subject *subj = fg_malloc(cap * sizeof *subj);
    size_t *rank = fg_malloc(cap * sizeof *rank), *at = fg_malloc((cap + 1) * sizeof *at);
    fg_triple *out = fg_malloc(cap * sizeof *out);
    int rc = subj && rank && at && out ? FG_OK : FG_ENOMEM;
    size_t nsubj = 0;
    for (size_t i = 0; i < n && rc == FG_OK; i++)
        if (nsubj == 0 || subj[nsubj - 1].s != d->triples[i].s) {
            subj[nsubj] = (subject){d->triples[i].s, nsubj};
            nsubj++;
        }
    if (rc == FG_OK) {
        qsort(subj, nsubj, sizeof *subj, cmp_subject);
        memset(at, 0, (nsubj + 1) * sizeof *at);
        for (size_t i = 0, r = 0; i < nsubj; i++) {
            if (i > 0 && strcmp(subj[i - 1].s, subj[i].s) != 0)
                r = i;
            rank[subj[i].run] = r;
        }
        /* at[r]: where the triples of rank r go. */
        for (size_t i = 0, run = 0; i < n; i++) {
            if (i > 0 && d->triples[i].s != d->triples[i - 1].s)
                run++;
            at[rank[run] + 1]++;
        }
        for (size_t r = 0; r < nsubj; r++)
            at[r + 1] += at[r];
        for (size_t i = 0, run = 0; i < n; i++) {
            if (i > 0 && d->triples[i].s != d->triples[i - 1].s)
                run++;
            out[at[rank[run]]++] = d->triples[i];
        }
        /* at[r] is now the end of rank r's triples. */
        size_t k = 0;
        for (size_t r = 0, b = 0; r < nsubj; r++) {
            size_t e = at[r];
            if (e - b > 1)
                qsort(out + b, e - b, sizeof *out, cmp_rest);
            for (size_t i = b; i < e; i++)
                if (i == b || cmp_rest(&out[i - 1], &out[i]) != 0)
                    d->triples[k++] = out[i];
            b = e;
        }
        d->ntriples = k;
    }
    fg_free(subj);
    fg_free(rank);
    fg_free(at);
    fg_free(out);
    return rc;
}

int
fg_options_check(fg_world *w, const fg_options *opt)
{
    fg_ymd ymd;
    if (opt == NULL)
        return FG_OK;
    if (opt->base != NULL && !valid_base(opt->base)) {
        fg_report(w, FG_ERROR, FG_EINVAL, NULL,
                  "base IRI '%s' must be absolute, ASCII, without spaces or <>\"{}|\\^`",
                  opt->base);
        return FG_EINVAL;
    }
    if (opt->doc_date != NULL && fg_norm_parse_iso_date(&ymd, opt->doc_date) != FG_OK) {
        fg_report(w, FG_ERROR, FG_EINVAL, NULL, "document date '%s' is not YYYY-MM-DD",
                  opt->doc_date);
        return FG_EINVAL;
    }
    return FG_OK;
}

int
fg_extract_doc(fg_doc **out, fg_world *w, const char *id, const char *text, size_t len,
               const fg_options *opt, int keep)
{
    static const fg_options defaults = {0};
    *out = NULL;
    if (opt == NULL)
        opt = &defaults;
    if (w->md == NULL) {
        fg_report(w, FG_ERROR, FG_EINVAL, NULL, "no rules are loaded");
        return FG_EINVAL;
    }
    size_t bad;
    const char *why;
    if (fg_utf8_check(text, len, &bad, &why) < 0) {
        int nonchar = strncmp(why, "the noncharacter", 16) == 0;
        fg_report_doc(w, FG_ERROR, FG_EINPUT, NULL, id, -1, "%s at byte %zu: %s", why, bad,
                      nonchar ? "take it out of the text"
                              : "the text must be UTF-8 (convert it with iconv)");
        return FG_EINPUT;
    }
    if (fg_options_check(w, opt) < 0)
        return FG_EINVAL;
    const char *base = opt->base ? opt->base : FG_DEFAULT_BASE;
    fg_doc *d = fg_malloc(sizeof *d);
    if (d == NULL)
        return FG_ENOMEM;
    memset(d, 0, sizeof *d);
    d->w = w;
    d->record_pairs = (keep & FG_KEEP_PAIRS) != 0;
    d->tracing = (keep & FG_KEEP_TRACE) != 0;
    d->omit_text = opt->omit_text;
    d->full_scan = opt->full_scan;
    int rc = FG_ENOMEM;
    size_t bl = strlen(base);
    int slash = bl > 0 && base[bl - 1] != '/' && base[bl - 1] != '#';
    fg_buf iri = {0};
    d->id = fg_arena_strndup(&d->arena, id, strlen(id));
    d->base = fg_arena_printf(&d->arena, "%s%s", base, slash ? "/" : "");
    d->text = fg_arena_strndup(&d->arena, text, len);
    d->source = opt->source ? fg_arena_strndup(&d->arena, opt->source, strlen(opt->source)) : NULL;
    d->stats = fg_malloc((w->nrules ? w->nrules : 1) * sizeof *d->stats);
    if (d->id == NULL || d->base == NULL || d->text == NULL || (opt->source && !d->source) ||
        d->stats == NULL)
        goto fail;
    for (size_t i = 0; i < w->nrules; i++)
        d->stats[i] = (fg_rule_stats){.id = w->rules[i]->id,
                                      .anchor_literals = w->rules[i]->match.anchor.n,
                                      .anchor_reach = w->rules[i]->match.anchor.maxoff,
                                      .anchor_people = w->rules[i]->match.person_first};
    if (fg_buf_printf(&iri, "%sdoc/", d->base) < 0 ||
        fg_buf_add_iri_segment(&iri, id, strlen(id)) < 0)
        goto fail;
    d->iri = fg_arena_strndup(&d->arena, iri.p, iri.len);
    if (d->iri == NULL)
        goto fail;
    d->len = len;
    fg_sha256_hex(d->text, len, d->sha256); /* of the bytes as given: sha256sum agrees */
    size_t crs = fg_text_lone_cr_to_lf(d->text, len);
    if (crs > 0)
        fg_report_doc(w, FG_WARNING, 0, NULL, id, -1,
                      "%zu line end(s) written as a lone CR are read as LF", crs);
    d->ncp = fg_utf8_count(d->text, len);
    if (opt->doc_date != NULL) {
        fg_norm_parse_iso_date(&d->doc_date, opt->doc_date); /* checked above */
        d->have_doc_date = 1;
    }
    if ((rc = add_context(d)) < 0)
        goto fail;
    unsigned long saved = w->match_limit;
    if (opt->match_limit)
        w->match_limit = opt->match_limit;
    fg_cands cs = {0};
    rc = find_articles(d);
    for (int phase = 1; phase <= w->max_phase && rc == FG_OK; phase++)
        rc = run_phase(d, phase, &cs);
    fg_free(cs.v);
    w->match_limit = saved;
    if (rc < 0)
        goto fail;
    if ((rc = sort_triples(d)) < 0)
        goto fail;
    fg_buf_free(&iri);
    *out = d;
    return FG_OK;
fail:
    if (rc == FG_ENOMEM)
        fg_report(w, FG_ERROR, FG_ENOMEM, NULL, "out of memory");
    fg_buf_free(&iri);
    fg_doc_free(d);
    return rc;
}

int
fg_extract(fg_doc **out, fg_world *w, const char *id, const char *text, size_t len,
           const fg_options *opt)
{
    return fg_extract_doc(out, w, id, text, len, opt, 0);
}

size_t
fg_doc_fact_count(const fg_doc *d)
{
    return d->nfactnodes;
}

size_t
fg_doc_rule_stats(const fg_doc *d, fg_rule_stats *out, size_t n)
{
    size_t nrules = d->w->nrules;
    for (size_t i = 0; i < n && i < nrules; i++)
        out[i] = d->stats[i];
    return nrules;
}

double
fg_doc_prefilter_seconds(const fg_doc *d)
{
    return d->prefilter_seconds;
}

size_t
fg_doc_triple_count(const fg_doc *d)
{
    return d->ntriples;
}

int
fg_doc_foreach_fact(const fg_doc *d, fg_fact_fn fn, void *payload)
{
    fg_buf text = {0};
    int rc = FG_OK;
    for (size_t i = 0; i < d->nfacts && rc == FG_OK; i++) {
        const fg_fact *f = &d->facts[i];
        /* Attached entries add to an earlier fact or only name a person:
         * they are no fact node of their own. */
        if (f->attached)
            continue;
        fg_buf_reset(&text);
        if (fg_buf_add(&text, d->text + f->b, f->e - f->b) < 0) {
            rc = FG_ENOMEM;
            break;
        }
        fg_fact_info info = {f->iri, f->cls, f->rule->id, f->cpb, f->cpe, text.p, text.len};
        rc = fn(&info, payload);
    }
    fg_buf_free(&text);
    return rc;
}
