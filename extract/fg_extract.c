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
        char hex[65];
        fg_sha256_hex(d->text, d->len, hex);
        const char *h = fg_arena_strndup(&d->arena, hex, 64);
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
    for (size_t i = 0; i < w->nrules && rc == FG_OK; i++)
        if (w->rules[i]->phase == phase)
            rc = fg_match_rule(d, w->rules[i], cs);
    if (rc == FG_OK)
        rc = fg_match_resolve(cs);
    if (rc < 0 || cs->n == 0)
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
        if (cs->v[i].won)
            won[n++] = &cs->v[i];
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
    fg_free(d->triples);
    fg_free(d->facts);
    fg_free(d->trace);
    fg_free(d->limits);
    fg_arena_free(&d->arena);
    fg_free(d);
}

static int
cmp_triple(const void *a, const void *b)
{
    const fg_triple *x = a, *y = b;
    int c = strcmp(x->s, y->s);
    if (c == 0)
        c = strcmp(x->p, y->p);
    if (c == 0 && (x->dt == NULL) != (y->dt == NULL))
        c = x->dt == NULL ? -1 : 1;
    if (c == 0)
        c = strcmp(x->o, y->o);
    if (c == 0 && x->dt != NULL)
        c = strcmp(x->dt, y->dt);
    return c;
}

/* Sorts the triples and drops repeats: the same node named twice is one node. */
static void
sort_triples(fg_doc *d)
{
    qsort(d->triples, d->ntriples, sizeof d->triples[0], cmp_triple);
    size_t n = 0;
    for (size_t i = 0; i < d->ntriples; i++)
        if (n == 0 || cmp_triple(&d->triples[n - 1], &d->triples[i]) != 0)
            d->triples[n++] = d->triples[i];
    d->ntriples = n;
}

/* Lone CRs become LFs (one code point for one, so offsets hold): a literal
 * holding a CR without an LF is written by raptor as invalid Turtle. */
static size_t
lone_cr_to_lf(char *s, size_t n)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] == '\r' && (i + 1 == n || s[i + 1] != '\n')) {
            s[i] = '\n';
            count++;
        }
    return count;
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
        fg_report_doc(w, FG_ERROR, FG_EINPUT, NULL, id, -1,
                      "%s at byte %zu: the text must be UTF-8 (convert it with iconv)", why, bad);
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
    int rc = FG_ENOMEM;
    size_t bl = strlen(base);
    int slash = bl > 0 && base[bl - 1] != '/' && base[bl - 1] != '#';
    fg_buf iri = {0};
    d->id = fg_arena_strndup(&d->arena, id, strlen(id));
    d->base = fg_arena_printf(&d->arena, "%s%s", base, slash ? "/" : "");
    d->text = fg_arena_strndup(&d->arena, text, len);
    d->source = opt->source ? fg_arena_strndup(&d->arena, opt->source, strlen(opt->source)) : NULL;
    if (d->id == NULL || d->base == NULL || d->text == NULL || (opt->source && !d->source))
        goto fail;
    if (fg_buf_printf(&iri, "%sdoc/", d->base) < 0 ||
        fg_buf_add_iri_segment(&iri, id, strlen(id)) < 0)
        goto fail;
    d->iri = fg_arena_strndup(&d->arena, iri.p, iri.len);
    if (d->iri == NULL)
        goto fail;
    d->len = len;
    size_t crs = lone_cr_to_lf(d->text, len);
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
    for (int phase = 1; phase <= w->max_phase && rc == FG_OK; phase++)
        rc = run_phase(d, phase, &cs);
    fg_free(cs.v);
    w->match_limit = saved;
    if (rc < 0)
        goto fail;
    sort_triples(d);
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
fg_doc_triple_count(const fg_doc *d)
{
    return d->ntriples;
}
