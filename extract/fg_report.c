/*
 * fg_report.c - the review page: one self-contained HTML file.
 * SPDX-License-Identifier: MIT
 *
 * The page shows each document's text with every mention highlighted by
 * nested <mark> elements (one colour per fact type), a tooltip with the
 * facts of the mentions under the pointer, a table of facts that filters by
 * type and rule and scrolls to a fact's mention when clicked, and totals per
 * type and per rule. The data is embedded as JSON in
 * <script type="application/json" id="fg-data">; the CSS and JS are inline,
 * so the page needs no network. Everything is written in a sorted order, so
 * the same file gives the same bytes.
 *
 * Mention indices (data-m) follow the order (document, begin, end
 * descending, IRI); a mention whose span crosses an enclosing one is closed
 * and reopened as a continuation part with the same data-m.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fg_internal.h"
#include "fg_vocab.h"

#define NONE SIZE_MAX

/* The fact classes factgrep writes, in legend order, with a name and an RGB colour. */
static const struct known_type {
    const char *iri;
    const char *label;
    const char *rgb;
} known_types[] = {
    {NS_ORG "Membership", "role", "31,119,180"},
    {NS_SCHEMA "Role", "participant", "148,148,20"},
    {NS_SCHEMA "Event", "event", "214,39,40"},
    {NS_SCHEMA "MonetaryAmount", "money", "44,160,44"},
    {NS_SCHEMA "QuantitativeValue", "quantity", "255,127,14"},
    {NS_TIME "Instant", "date", "148,103,189"},
    {NS_TIME "Interval", "date range", "227,80,170"},
    {FG_NS "UnresolvedDate", "relative date", "23,170,190"},
};
#define NKNOWN (sizeof known_types / sizeof known_types[0])

/* Colours for other classes, in turn. */
static const char *const spare_rgb[] = {"140,86,75", "110,110,110", "0,128,128", "128,0,128",
                                        "90,120,40"};
#define NSPARE (sizeof spare_rgb / sizeof spare_rgb[0])

typedef struct rdoc {
    const char *iri;
    const char *text; /* nif:isString, or NULL when the file leaves it out */
    size_t len;
    size_t ncp;
    size_t *cpb;        /* byte offset of each code point, and of the end */
    size_t first, nmen; /* its mentions: men[first .. first + nmen) */
} rdoc;

typedef struct rmen {
    const char *iri;
    size_t doc; /* index in docs, or NONE */
    long b, e;  /* -1 when missing */
    const char *anchor;
    size_t anchor_len;
    int shown;   /* has a text and its offsets lie in it */
    int matches; /* the anchor is the text at [b, e) */
    size_t type; /* the colour: the first type of its facts, or NONE */
    size_t *facts;
    size_t nfacts;
} rmen;

typedef struct rtype {
    const char *id; /* "pfx:Local" */
    const char *label;
    const char *rgb;
    size_t rank; /* index in known_types, or NKNOWN */
    size_t nfacts;
} rtype;

typedef struct rrule {
    const char *id; /* NULL: facts without a rule */
    size_t nfacts;
} rrule;

typedef struct rfa {
    const fg_rfact *f;
    size_t type, rule;
    const char **preds; /* abbreviated pair predicates */
    size_t *ms;         /* mention indices, ascending */
    size_t nms;
    size_t first; /* the mention to go to, or NONE */
} rfa;

typedef struct iri_index {
    const char *iri;
    size_t i;
} iri_index;

typedef struct report {
    fg_world *w;
    FILE *out;
    const char *name; /* the file's basename */
    fg_rgraph g;
    fg_arena a;
    rdoc *docs;
    size_t ndocs;
    rmen *men;
    size_t nmen, nshown;
    iri_index *men_by_iri;
    rfa *facts;
    size_t nfacts;
    rtype *types;
    iri_index *type_by_id; /* types sorted by id */
    size_t ntypes;
    rrule *rules;
    size_t nrules;
} report;

/* ===================================================================
 * Small helpers
 * ================================================================= */

static void *
alloc_array(fg_arena *a, size_t n, size_t size)
{
    if (n == 0)
        n = 1;
    if (n > SIZE_MAX / size)
        return NULL;
    return fg_arena_alloc(a, n * size);
}

static int
cmp_str(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* Sorts v[0..n) and drops duplicates; returns the new count. */
static size_t
sort_unique(const char **v, size_t n)
{
    if (n == 0)
        return 0;
    qsort(v, n, sizeof *v, cmp_str);
    size_t k = 1;
    for (size_t i = 1; i < n; i++)
        if (strcmp(v[i], v[k - 1]) != 0)
            v[k++] = v[i];
    return k;
}

static int
cmp_iri_index(const void *x, const void *y)
{
    return strcmp(((const iri_index *)x)->iri, ((const iri_index *)y)->iri);
}

static long
number_of(const fg_rterm *t)
{
    if (t == NULL || t->kind != FG_RT_LITERAL || t->v[0] < '0' || t->v[0] > '9')
        return -1;
    char *end;
    long v = strtol(t->v, &end, 10);
    return *end == '\0' && v >= 0 ? v : -1;
}

static const char *
abbrev(report *r, const char *iri)
{
    fg_buf b = {0};
    const char *s = NULL;
    if (fg_ontology_abbrev(&r->w->onto, iri, &b) == FG_OK)
        s = fg_arena_strndup(&r->a, b.p, b.len);
    fg_buf_free(&b);
    return s;
}

static const char *
base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

/* ===================================================================
 * Escaping
 * ================================================================= */

/* Writes s[0..n) as HTML text or attribute value: & < > " ' escaped, and
 * control characters (other than tab and line breaks) as U+FFFD. */
static void
put_html(FILE *o, const char *s, size_t n)
{
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *rep = NULL;
        switch (c) {
        case '&':
            rep = "&amp;";
            break;
        case '<':
            rep = "&lt;";
            break;
        case '>':
            rep = "&gt;";
            break;
        case '"':
            rep = "&quot;";
            break;
        case '\'':
            rep = "&#39;";
            break;
        case '\t':
        case '\n':
        case '\r':
            break;
        default:
            if (c < 0x20 || c == 0x7f)
                rep = "\xEF\xBF\xBD";
        }
        if (rep != NULL) {
            fwrite(s + run, 1, i - run, o);
            fputs(rep, o);
            run = i + 1;
        }
    }
    fwrite(s + run, 1, n - run, o);
}

static void
put_html0(FILE *o, const char *s)
{
    put_html(o, s, strlen(s));
}

/* Writes s[0..n) as a JSON string. '<', '>' and '&' are escaped too, so
 * that no text can end the <script> element, and U+2028/U+2029 so that
 * the JSON is also valid JavaScript. */
static void
put_json(FILE *o, const char *s, size_t n)
{
    fputc('"', o);
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        char esc[8];
        const char *rep = NULL;
        size_t skip = 1;
        if (c == '"')
            rep = "\\\"";
        else if (c == '\\')
            rep = "\\\\";
        else if (c == '\n')
            rep = "\\n";
        else if (c == '\r')
            rep = "\\r";
        else if (c == '\t')
            rep = "\\t";
        else if (c < 0x20 || c == 0x7f || c == '<' || c == '>' || c == '&') {
            snprintf(esc, sizeof esc, "\\u%04x", (unsigned)c);
            rep = esc;
        } else if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
                   ((unsigned char)s[i + 2] == 0xA8 || (unsigned char)s[i + 2] == 0xA9)) {
            rep = (unsigned char)s[i + 2] == 0xA8 ? "\\u2028" : "\\u2029";
            skip = 3;
        }
        if (rep != NULL) {
            fwrite(s + run, 1, i - run, o);
            fputs(rep, o);
            i += skip - 1;
            run = i + 1;
        }
    }
    fwrite(s + run, 1, n - run, o);
    fputc('"', o);
}

static void
put_json0(FILE *o, const char *s)
{
    if (s == NULL)
        fputs("null", o);
    else
        put_json(o, s, strlen(s));
}

/* ===================================================================
 * Gathering: documents, mentions, facts, types and rules
 * ================================================================= */

static int
cmp_men(const void *x, const void *y)
{
    const rmen *a = x, *b = y;
    if (a->doc != b->doc)
        return a->doc < b->doc ? -1 : 1;
    if (a->b != b->b)
        return a->b < b->b ? -1 : 1;
    if (a->e != b->e)
        return a->e > b->e ? -1 : 1;
    return strcmp(a->iri, b->iri);
}

static int
cmp_fact(const void *x, const void *y)
{
    const rfa *a = x, *b = y;
    size_t fa = a->nms ? a->ms[0] : NONE, fb = b->nms ? b->ms[0] : NONE;
    if (fa != fb)
        return fa < fb ? -1 : 1;
    if (a->type != b->type)
        return a->type < b->type ? -1 : 1;
    return strcmp(a->f->iri, b->f->iri);
}

static int
cmp_size(const void *x, const void *y)
{
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    return a < b ? -1 : a > b;
}

static int
cmp_type(const void *x, const void *y)
{
    const rtype *a = x, *b = y;
    if (a->rank != b->rank)
        return a->rank < b->rank ? -1 : 1;
    return strcmp(a->id, b->id);
}

static size_t
find_doc(const report *r, const char *iri)
{
    size_t lo = 0, hi = r->ndocs;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(r->docs[mid].iri, iri);
        if (c == 0)
            return mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NONE;
}

static size_t
find_mention(const report *r, const char *iri)
{
    iri_index key = {iri, 0};
    const iri_index *hit = bsearch(&key, r->men_by_iri, r->nmen, sizeof key, cmp_iri_index);
    return hit ? hit->i : NONE;
}

/* Documents: the nif:Context nodes and every context a mention names. */
static int
gather_docs(report *r, const fg_rfact *facts, size_t nfacts)
{
    const fg_rgraph *g = &r->g;
    size_t cap = 0;
    for (size_t i = 0; i < g->n; i++)
        if (strcmp(g->t[i].p.v, NIF_REF_CONTEXT) == 0 ||
            (strcmp(g->t[i].p.v, RDF_TYPE) == 0 && strcmp(g->t[i].o.v, NIF_CONTEXT) == 0))
            cap++;
    for (size_t i = 0; i < nfacts; i++)
        cap += facts[i].nmentions;
    const char **v = alloc_array(&r->a, cap, sizeof *v);
    if (v == NULL)
        return FG_ENOMEM;
    size_t n = 0;
    for (size_t i = 0; i < g->n; i++) {
        if (strcmp(g->t[i].p.v, NIF_REF_CONTEXT) == 0)
            v[n++] = g->t[i].o.v;
        else if (strcmp(g->t[i].p.v, RDF_TYPE) == 0 && strcmp(g->t[i].o.v, NIF_CONTEXT) == 0)
            v[n++] = g->t[i].s.v;
    }
    for (size_t i = 0; i < nfacts; i++)
        for (size_t j = 0; j < facts[i].nmentions; j++)
            if (facts[i].mentions[j].context != NULL)
                v[n++] = facts[i].mentions[j].context;
    n = sort_unique(v, n);
    r->docs = alloc_array(&r->a, n, sizeof *r->docs);
    if (r->docs == NULL)
        return FG_ENOMEM;
    r->ndocs = n;
    for (size_t i = 0; i < n; i++) {
        rdoc *d = &r->docs[i];
        memset(d, 0, sizeof *d);
        d->iri = v[i];
        const fg_rterm *t = fg_rgraph_one(g, d->iri, NIF_IS_STRING, NULL);
        if (t == NULL || t->kind != FG_RT_LITERAL)
            continue;
        d->text = t->v;
        d->len = t->len;
        for (size_t b = 0; b < d->len; d->ncp++) {
            size_t l = fg_utf8_len((unsigned char)d->text[b]);
            b += l < d->len - b ? l : d->len - b;
        }
        if ((d->cpb = alloc_array(&r->a, d->ncp + 1, sizeof *d->cpb)) == NULL)
            return FG_ENOMEM;
        size_t b = 0;
        for (size_t k = 0; k < d->ncp; k++) {
            d->cpb[k] = b;
            size_t l = fg_utf8_len((unsigned char)d->text[b]);
            b += l < d->len - b ? l : d->len - b;
        }
        d->cpb[d->ncp] = d->len;
    }
    return FG_OK;
}

/* Mentions: the nodes with a nif:anchorOf or of class nif:OffsetBasedString
 * (not an article, a nif:Structure that only has a context and offsets),
 * and every mention a fact derives from. */
static int
is_mention_triple(const fg_rtriple *t)
{
    return strcmp(t->p.v, NIF_ANCHOR) == 0 ||
           (strcmp(t->p.v, RDF_TYPE) == 0 && strcmp(t->o.v, NIF_OBS) == 0);
}

static int
gather_mentions(report *r, const fg_rfact *facts, size_t nfacts)
{
    const fg_rgraph *g = &r->g;
    size_t cap = 0;
    for (size_t i = 0; i < g->n; i++)
        if (is_mention_triple(&g->t[i]))
            cap++;
    for (size_t i = 0; i < nfacts; i++)
        cap += facts[i].nmentions;
    const char **v = alloc_array(&r->a, cap, sizeof *v);
    if (v == NULL)
        return FG_ENOMEM;
    size_t n = 0;
    for (size_t i = 0; i < g->n; i++)
        if (is_mention_triple(&g->t[i]))
            v[n++] = g->t[i].s.v;
    for (size_t i = 0; i < nfacts; i++)
        for (size_t j = 0; j < facts[i].nmentions; j++)
            v[n++] = facts[i].mentions[j].iri;
    n = sort_unique(v, n);
    r->men = alloc_array(&r->a, n, sizeof *r->men);
    r->men_by_iri = alloc_array(&r->a, n, sizeof *r->men_by_iri);
    if (r->men == NULL || r->men_by_iri == NULL)
        return FG_ENOMEM;
    r->nmen = n;
    for (size_t i = 0; i < n; i++) {
        rmen *m = &r->men[i];
        memset(m, 0, sizeof *m);
        m->iri = v[i];
        m->type = NONE;
        const fg_rterm *c = fg_rgraph_one(g, m->iri, NIF_REF_CONTEXT, NULL);
        const fg_rterm *a = fg_rgraph_one(g, m->iri, NIF_ANCHOR, NULL);
        m->doc = c ? find_doc(r, c->v) : NONE;
        m->b = number_of(fg_rgraph_one(g, m->iri, NIF_BEGIN, NULL));
        m->e = number_of(fg_rgraph_one(g, m->iri, NIF_END, NULL));
        if (a != NULL && a->kind == FG_RT_LITERAL) {
            m->anchor = a->v;
            m->anchor_len = a->len;
        }
        const rdoc *d = m->doc != NONE ? &r->docs[m->doc] : NULL;
        if (d != NULL && d->text != NULL && m->b >= 0 && m->e >= m->b && (size_t)m->e <= d->ncp) {
            m->shown = 1;
            r->nshown++;
            size_t bb = d->cpb[m->b], eb = d->cpb[m->e];
            m->matches = m->anchor != NULL && m->anchor_len == eb - bb &&
                         memcmp(m->anchor, d->text + bb, eb - bb) == 0;
        }
    }
    qsort(r->men, n, sizeof *r->men, cmp_men);
    for (size_t i = 0; i < n; i++) {
        r->men_by_iri[i].iri = r->men[i].iri;
        r->men_by_iri[i].i = i;
        rmen *m = &r->men[i];
        if (m->doc != NONE) {
            rdoc *d = &r->docs[m->doc];
            if (d->nmen++ == 0)
                d->first = i;
        }
    }
    qsort(r->men_by_iri, n, sizeof *r->men_by_iri, cmp_iri_index);
    return FG_OK;
}

/* Types and rules of the facts; types in legend order (the known classes,
 * then the others by name), rules by id with "no rule" last. */
static int
gather_types_rules(report *r, const fg_rfact *facts, size_t nfacts)
{
    const char *known[NKNOWN];
    for (size_t k = 0; k < NKNOWN; k++)
        if ((known[k] = abbrev(r, known_types[k].iri)) == NULL)
            return FG_ENOMEM;
    const char **ids = alloc_array(&r->a, nfacts, sizeof *ids);
    const char **rules = alloc_array(&r->a, nfacts, sizeof *rules);
    if (ids == NULL || rules == NULL)
        return FG_ENOMEM;
    size_t nrules = 0;
    int no_rule = 0;
    for (size_t i = 0; i < nfacts; i++) {
        ids[i] = facts[i].cls ? facts[i].cls : "(untyped)";
        if (facts[i].rule != NULL)
            rules[nrules++] = facts[i].rule;
        else
            no_rule = 1;
    }
    r->ntypes = sort_unique(ids, nfacts);
    r->types = alloc_array(&r->a, r->ntypes, sizeof *r->types);
    r->type_by_id = alloc_array(&r->a, r->ntypes, sizeof *r->type_by_id);
    nrules = sort_unique(rules, nrules);
    r->nrules = nrules + (size_t)no_rule;
    r->rules = alloc_array(&r->a, r->nrules, sizeof *r->rules);
    if (r->types == NULL || r->type_by_id == NULL || r->rules == NULL)
        return FG_ENOMEM;
    for (size_t t = 0; t < r->ntypes; t++) {
        rtype *y = &r->types[t];
        memset(y, 0, sizeof *y);
        y->id = ids[t];
        y->rank = NKNOWN;
        for (size_t k = 0; k < NKNOWN; k++)
            if (strcmp(y->id, known[k]) == 0)
                y->rank = k;
    }
    qsort(r->types, r->ntypes, sizeof *r->types, cmp_type);
    size_t spare = 0;
    for (size_t t = 0; t < r->ntypes; t++) {
        rtype *y = &r->types[t];
        if (y->rank < NKNOWN) {
            y->label = known_types[y->rank].label;
            y->rgb = known_types[y->rank].rgb;
        } else {
            y->label = "";
            y->rgb = spare_rgb[spare++ % NSPARE];
        }
        r->type_by_id[t].iri = y->id;
        r->type_by_id[t].i = t;
    }
    qsort(r->type_by_id, r->ntypes, sizeof *r->type_by_id, cmp_iri_index);
    for (size_t u = 0; u < r->nrules; u++) {
        r->rules[u].id = u < nrules ? rules[u] : NULL;
        r->rules[u].nfacts = 0;
    }
    return FG_OK;
}

static size_t
type_of(const report *r, const char *cls)
{
    iri_index key = {cls ? cls : "(untyped)", 0};
    const iri_index *hit = bsearch(&key, r->type_by_id, r->ntypes, sizeof key, cmp_iri_index);
    return hit ? hit->i : NONE;
}

/* The index of a rule id (NULL: the last entry, "no rule"). */
static size_t
rule_of(const report *r, const char *rule)
{
    if (rule == NULL)
        return r->nrules - 1;
    size_t lo = 0, hi = r->nrules;
    if (hi > 0 && r->rules[hi - 1].id == NULL)
        hi--;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(r->rules[mid].id, rule);
        if (c == 0)
            return mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NONE;
}

static int
gather_facts(report *r, const fg_rfact *facts, size_t nfacts)
{
    r->facts = alloc_array(&r->a, nfacts, sizeof *r->facts);
    if (r->facts == NULL)
        return FG_ENOMEM;
    r->nfacts = nfacts;
    for (size_t i = 0; i < nfacts; i++) {
        const fg_rfact *f = &facts[i];
        rfa *x = &r->facts[i];
        memset(x, 0, sizeof *x);
        x->f = f;
        x->type = type_of(r, f->cls);
        x->rule = rule_of(r, f->rule);
        r->types[x->type].nfacts++;
        r->rules[x->rule].nfacts++;
        x->preds = alloc_array(&r->a, f->npairs, sizeof *x->preds);
        x->ms = alloc_array(&r->a, f->nmentions, sizeof *x->ms);
        if (x->preds == NULL || x->ms == NULL)
            return FG_ENOMEM;
        for (size_t j = 0; j < f->npairs; j++)
            if ((x->preds[j] = abbrev(r, f->pairs[j].pred)) == NULL)
                return FG_ENOMEM;
        for (size_t j = 0; j < f->nmentions; j++) {
            size_t m = find_mention(r, f->mentions[j].iri);
            if (m != NONE)
                x->ms[x->nms++] = m;
        }
        if (x->nms > 1) {
            qsort(x->ms, x->nms, sizeof *x->ms, cmp_size);
            size_t k = 1;
            for (size_t j = 1; j < x->nms; j++)
                if (x->ms[j] != x->ms[k - 1])
                    x->ms[k++] = x->ms[j];
            x->nms = k;
        }
        x->first = x->nms ? x->ms[0] : NONE;
        for (size_t j = 0; j < x->nms; j++)
            if (r->men[x->ms[j]].shown) {
                x->first = x->ms[j];
                break;
            }
    }
    qsort(r->facts, r->nfacts, sizeof *r->facts, cmp_fact);
    /* Each mention's facts, in table order; its colour is its first type. */
    for (size_t i = 0; i < r->nfacts; i++)
        for (size_t j = 0; j < r->facts[i].nms; j++)
            r->men[r->facts[i].ms[j]].nfacts++;
    for (size_t m = 0; m < r->nmen; m++) {
        if ((r->men[m].facts = alloc_array(&r->a, r->men[m].nfacts, sizeof(size_t))) == NULL)
            return FG_ENOMEM;
        r->men[m].nfacts = 0;
    }
    for (size_t i = 0; i < r->nfacts; i++) {
        for (size_t j = 0; j < r->facts[i].nms; j++) {
            rmen *m = &r->men[r->facts[i].ms[j]];
            m->facts[m->nfacts++] = i;
            if (m->type == NONE || r->facts[i].type < m->type)
                m->type = r->facts[i].type;
        }
    }
    return FG_OK;
}

/* ===================================================================
 * The page
 * ================================================================= */

static const char *const page_css[] = {
    ":root{--fg-font:\"Noto Sans CJK SC\",\"Noto Sans SC\",\"Source Han Sans SC\",\"PingFang "
    "SC\",\"Microsoft YaHei\",sans-serif}",
    "*{box-sizing:border-box}",
    "body{margin:0;font-family:var(--fg-font);font-size:14px;color:#1d1d1f;background:#f4f4f1}",
    "header{padding:10px 20px;background:#fff;border-bottom:1px solid #d8d8d8}",
    "h1{font-size:19px;margin:0 0 2px}",
    "h2{font-size:15px;margin:14px 0 6px}",
    ".summary{margin:0;color:#555}",
    ".legend{display:flex;flex-wrap:wrap;gap:4px 16px;margin:6px 0 0;padding:0;list-style:none}",
    ".legend li,.totals tbody tr{cursor:pointer}",
    ".sw{display:inline-block;width:12px;height:12px;border-radius:2px;margin-right:4px;"
    "vertical-align:-1px;background:rgb(var(--c))}",
    "main{display:grid;grid-template-columns:minmax(0,10fr) minmax(0,11fr);align-items:start}",
    ".docs{padding:4px 20px 40px}",
    ".doc h2{font-weight:normal;color:#444;overflow-wrap:anywhere}",
    ".meta{color:#666;margin:0 0 6px}",
    ".text{white-space:pre-wrap;overflow-wrap:anywhere;line-height:2.1;font-size:16px;"
    "background:#fff;padding:10px 16px;border:1px solid #d8d8d8;border-radius:4px}",
    "mark.m{color:inherit;background:rgba(var(--c),.15);border-bottom:2px solid rgb(var(--c));"
    "border-radius:2px;padding:1px 0;cursor:help}",
    "mark.m mark.m{background:rgba(var(--c),.22);padding:0}",
    "mark.e{display:inline-block;width:3px;height:1.1em;vertical-align:-2px;"
    "background:rgb(var(--c))}",
    "mark.fg-hover{outline:1px solid rgb(var(--c))}",
    "mark.fg-hl{outline:3px solid #e4002b;outline-offset:1px;background:rgba(255,214,0,.55)}",
    ".filtering mark.fg-out{background:transparent;border-bottom-color:transparent}",
    ".tn{--c:128,128,128}",
    "aside{position:sticky;top:0;max-height:100vh;display:flex;flex-direction:column;"
    "background:#fff;border-left:1px solid #d8d8d8}",
    ".filters{flex:none;padding:8px 14px;display:flex;flex-wrap:wrap;gap:6px 12px;"
    "align-items:center;border-bottom:1px solid #ddd}",
    ".side{flex:1 1 auto;min-height:0;overflow:auto;padding:0 14px 24px}",
    "#fg-facts thead th{position:sticky;top:0;z-index:1;background:#fff;box-shadow:0 1px 0 #ddd}",
    ".filters select{font:inherit;max-width:15em}",
    "#fg-shown{color:#555}",
    "table{border-collapse:collapse;width:100%;font-size:13px}",
    "th,td{text-align:left;vertical-align:top;padding:3px 5px;border-bottom:1px solid #eee}",
    "th{color:#555;font-weight:600;background:#fff}",
    "td.n,td.k{text-align:right;color:#777}",
    "td.ty{white-space:nowrap}",
    "#fg-facts tbody tr{cursor:pointer}",
    "#fg-facts tbody tr:hover,.totals tbody tr:hover{background:#eef5ff}",
    "#fg-facts tbody tr.sel{background:#fff3c4}",
    ".p{color:#777}",
    ".v{font-weight:600}",
    ".mn{display:block;color:inherit;text-decoration:none;min-width:8em}",
    ".sp{white-space:nowrap;font-family:ui-monospace,monospace;font-size:12px;color:#0050b3}",
    "span.mn .sp{color:#c00}",
    ".bad{color:#c00;font-weight:600}",
    ".totals{display:flex;flex-wrap:wrap;gap:12px}",
    ".totals table{width:auto;min-width:14em}",
    ".tip{position:fixed;left:0;top:0;display:none;z-index:10;max-width:440px;background:#222;"
    "color:#fff;padding:7px 10px;border-radius:5px;font-size:13px;line-height:1.5;"
    "pointer-events:none;box-shadow:0 3px 10px rgba(0,0,0,.35)}",
    ".tip.show{display:block}",
    ".tip .th{color:#ccc;margin-top:4px}",
    ".tip .th:first-child{margin-top:0}",
    ".tip .tf{padding-left:6px}",
    ".tip .p{color:#aaa}",
    ".tip .tr{color:#9cf;font-size:12px}",
    "@media (max-width:900px){main{grid-template-columns:1fr}aside{position:static;"
    "max-height:none;border-left:0}}",
};

static const char *const page_js[] = {
    "(function () {",
    "  'use strict';",
    "  var data = JSON.parse(document.getElementById('fg-data').textContent);",
    "  var tip = document.getElementById('fg-tip');",
    "  var selT = document.getElementById('fg-ftype');",
    "  var selR = document.getElementById('fg-frule');",
    "  var shown = document.getElementById('fg-shown');",
    "  var tbody = document.querySelector('#fg-facts tbody');",
    "  var rows = Array.prototype.slice.call(tbody.rows);",
    "  var marks = Array.prototype.slice.call(document.querySelectorAll('mark[data-m]'));",
    "  var hoverEl = null, hlParts = [], hlTimer = 0, selRow = null;",
    "",
    "  function el(tag, cls, text) {",
    "    var e = document.createElement(tag);",
    "    if (cls) e.className = cls;",
    "    if (text !== undefined) e.textContent = text;",
    "    return e;",
    "  }",
    "  function ruleName(u) {",
    "    var r = data.rules[u];",
    "    return r && r.id !== null ? r.id : '(no rule)';",
    "  }",
    "  function factNode(i) {",
    "    var f = data.facts[i], d = el('div', 'tf');",
    "    d.appendChild(el('span', 'sw t' + f.type));",
    "    d.appendChild(el('b', null, data.types[f.type].id + ' '));",
    "    f.values.forEach(function (pv) {",
    "      d.appendChild(el('span', 'p', pv[0] + '='));",
    "      d.appendChild(el('span', 'v', pv[1]));",
    "      d.appendChild(document.createTextNode(' '));",
    "    });",
    "    d.appendChild(el('div', 'tr', 'rule: ' + ruleName(f.rule)));",
    "    return d;",
    "  }",
    "  function place(x, y) {",
    "    var w = tip.offsetWidth, h = tip.offsetHeight;",
    "    var left = x + 14, top = y + 18;",
    "    if (left + w > window.innerWidth - 4) left = Math.max(4, window.innerWidth - w - 4);",
    "    if (top + h > window.innerHeight - 4) top = Math.max(4, y - h - 12);",
    "    tip.style.left = left + 'px';",
    "    tip.style.top = top + 'px';",
    "  }",
    "  function showTip(list, x, y) {",
    "    tip.textContent = '';",
    "    list.forEach(function (k) {",
    "      var m = data.mentions[k];",
    "      tip.appendChild(el('div', 'th', '[' + m.b + ',' + m.e + ') \\u201c' +",
    "        (m.anchor === null ? '' : m.anchor) + '\\u201d'));",
    "      if (!m.facts.length) tip.appendChild(el('div', 'tf', 'no fact derives from it'));",
    "      m.facts.forEach(function (i) { tip.appendChild(factNode(i)); });",
    "    });",
    "    tip.classList.add('show');",
    "    place(x, y);",
    "  }",
    "  function hideTip() {",
    "    tip.classList.remove('show');",
    "    if (hoverEl) hoverEl.classList.remove('fg-hover');",
    "    hoverEl = null;",
    "  }",
    "  document.addEventListener('mouseover', function (ev) {",
    "    var m = ev.target.closest ? ev.target.closest('mark[data-m]') : null;",
    "    if (!m) { hideTip(); return; }",
    "    if (m === hoverEl) return;",
    "    if (hoverEl) hoverEl.classList.remove('fg-hover');",
    "    hoverEl = m;",
    "    m.classList.add('fg-hover');",
    "    var list = [];",
    "    for (var e = m; e; e = e.parentElement && e.parentElement.closest('mark[data-m]')) {",
    "      var k = +e.getAttribute('data-m');",
    "      if (list.indexOf(k) < 0) list.push(k);",
    "    }",
    "    showTip(list, ev.clientX, ev.clientY);",
    "  });",
    "  document.addEventListener('mousemove', function (ev) {",
    "    if (hoverEl) place(ev.clientX, ev.clientY);",
    "  });",
    "",
    "  function go(k) {",
    "    var parts = document.querySelectorAll('mark[data-m=\"' + k + '\"]');",
    "    if (!parts.length) return;",
    "    hlParts.forEach(function (p) { p.classList.remove('fg-hl'); });",
    "    clearTimeout(hlTimer);",
    "    parts[0].scrollIntoView({ block: 'center', inline: 'nearest' });",
    "    hlParts = Array.prototype.slice.call(parts);",
    "    hlParts.forEach(function (p) { p.classList.add('fg-hl'); });",
    "    hlTimer = setTimeout(function () {",
    "      hlParts.forEach(function (p) { p.classList.remove('fg-hl'); });",
    "      hlParts = [];",
    "    }, 3000);",
    "  }",
    "  function pick(tr, k) {",
    "    if (selRow) selRow.classList.remove('sel');",
    "    selRow = tr;",
    "    tr.classList.add('sel');",
    "    if (k !== null && k !== '') go(k);",
    "  }",
    "  tbody.addEventListener('click', function (ev) {",
    "    var tr = ev.target.closest('tr');",
    "    if (!tr) return;",
    "    var a = ev.target.closest('a[data-m]');",
    "    if (a) ev.preventDefault();",
    "    pick(tr, (a || tr).getAttribute('data-m'));",
    "  });",
    "  document.addEventListener('click', function (ev) {",
    "    var mk = ev.target.closest ? ev.target.closest('.text mark[data-m]') : null;",
    "    if (!mk) return;",
    "    var m = data.mentions[+mk.getAttribute('data-m')];",
    "    var tr = m.facts.map(function (i) { return rows[i]; })",
    "      .filter(function (r) { return !r.hidden; })[0];",
    "    if (!tr) return;",
    "    if (selRow) selRow.classList.remove('sel');",
    "    selRow = tr;",
    "    tr.classList.add('sel');",
    "    tr.scrollIntoView({ block: 'nearest' });",
    "  });",
    "  tbody.addEventListener('keydown', function (ev) {",
    "    var tr = ev.target.closest('tr');",
    "    if (tr && (ev.key === 'Enter' || ev.key === ' ')) {",
    "      ev.preventDefault();",
    "      pick(tr, tr.getAttribute('data-m'));",
    "    }",
    "  });",
    "",
    "  function filter() {",
    "    var t = selT.value, r = selR.value, n = 0, on = t !== '' || r !== '';",
    "    var pass = data.facts.map(function (f) {",
    "      return (t === '' || String(f.type) === t) && (r === '' || String(f.rule) === r);",
    "    });",
    "    rows.forEach(function (tr, i) {",
    "      tr.hidden = !pass[i];",
    "      if (pass[i]) n++;",
    "    });",
    "    shown.textContent = (on ? n + ' of ' : '') + rows.length + ' facts';",
    "    document.body.classList.toggle('filtering', on);",
    "    marks.forEach(function (mk) {",
    "      var m = data.mentions[+mk.getAttribute('data-m')];",
    "      mk.classList.toggle('fg-out', on && !m.facts.some(function (i) { return pass[i]; }));",
    "    });",
    "  }",
    "  selT.addEventListener('change', filter);",
    "  selR.addEventListener('change', filter);",
    "  document.querySelectorAll('[data-ft]').forEach(function (e) {",
    "    e.addEventListener('click', function () {",
    "      selT.value = e.getAttribute('data-ft');",
    "      filter();",
    "    });",
    "  });",
    "  document.querySelectorAll('[data-fr]').forEach(function (e) {",
    "    e.addEventListener('click', function () {",
    "      selR.value = e.getAttribute('data-fr');",
    "      filter();",
    "    });",
    "  });",
    "  filter();",
    "})();",
};

static void
put_lines(FILE *o, const char *const *lines, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        fputs(lines[i], o);
        fputc('\n', o);
    }
}

static void
put_style(const report *r)
{
    FILE *o = r->out;
    fputs("<style>\n", o);
    put_lines(o, page_css, sizeof page_css / sizeof page_css[0]);
    for (size_t t = 0; t < r->ntypes; t++)
        fprintf(o, ".t%zu{--c:%s}\n", t, r->types[t].rgb);
    fputs("</style>\n", o);
}

/* Writes "pfx:local" with a line-break opportunity after the colon. */
static void
put_curie(FILE *o, const char *s)
{
    const char *colon = s[0] != '<' ? strchr(s, ':') : NULL;
    if (colon == NULL) {
        put_html0(o, s);
        return;
    }
    put_html(o, s, (size_t)(colon - s) + 1);
    fputs("<wbr>", o);
    put_html0(o, colon + 1);
}

static void
put_type_name(FILE *o, const rtype *y)
{
    put_html0(o, y->id);
    if (y->label[0] != '\0') {
        fputs(" (", o);
        put_html0(o, y->label);
        fputc(')', o);
    }
}

static void
put_rule_name(FILE *o, const rrule *u)
{
    if (u->id == NULL)
        fputs("(no rule)", o);
    else
        put_html0(o, u->id);
}

static void
put_open(FILE *o, const report *r, size_t k, int cont)
{
    const rmen *m = &r->men[k];
    fputs("<mark class=\"m ", o);
    if (m->type == NONE)
        fputs("tn", o);
    else
        fprintf(o, "t%zu", m->type);
    if (m->b == m->e)
        fputs(" e", o);
    if (cont)
        fprintf(o, " c\" data-m=\"%zu\">", k);
    else
        fprintf(o, "\" id=\"m%zu\" data-m=\"%zu\">", k, k);
}

/* Whether part x reopens outside part y after a crossing: the longest outside. */
static int
reopens_before(const report *r, size_t x, size_t y)
{
    const rmen *a = &r->men[x], *b = &r->men[y];
    if (a->e != b->e)
        return a->e > b->e;
    if (a->b != b->b)
        return a->b < b->b;
    return x < y;
}

/* The text of document d with its mentions as nested <mark> elements. */
static int
put_text(report *r, const rdoc *d)
{
    FILE *o = r->out;
    size_t nb = 0, *bounds = alloc_array(&r->a, 2 * d->nmen, sizeof *bounds);
    size_t depth = 0, *stack = alloc_array(&r->a, d->nmen, sizeof *stack);
    size_t *tmp = alloc_array(&r->a, d->nmen, sizeof *tmp);
    if (bounds == NULL || stack == NULL || tmp == NULL)
        return FG_ENOMEM;
    for (size_t k = d->first; k < d->first + d->nmen; k++) {
        if (r->men[k].shown) {
            bounds[nb++] = (size_t)r->men[k].b;
            bounds[nb++] = (size_t)r->men[k].e;
        }
    }
    if (nb > 0)
        qsort(bounds, nb, sizeof *bounds, cmp_size);
    size_t at = 0, next = d->first, end = d->first + d->nmen;
    for (size_t i = 0; i < nb; i++) {
        size_t p = bounds[i];
        if (i > 0 && p == bounds[i - 1])
            continue;
        put_html(o, d->text + d->cpb[at], d->cpb[p] - d->cpb[at]);
        at = p;
        /* Close the mentions that end here; those opened inside them that go
         * on are closed too, then reopened as continuation parts. */
        for (;;) {
            size_t low = 0;
            while (low < depth && (size_t)r->men[stack[low]].e != p)
                low++;
            if (low == depth)
                break;
            size_t nre = 0;
            while (depth > low) {
                size_t k = stack[--depth];
                fputs("</mark>", o);
                if ((size_t)r->men[k].e != p)
                    tmp[nre++] = k;
            }
            for (size_t j = 1; j < nre; j++) { /* insertion sort: few parts */
                size_t k = tmp[j], h = j;
                for (; h > 0 && reopens_before(r, k, tmp[h - 1]); h--)
                    tmp[h] = tmp[h - 1];
                tmp[h] = k;
            }
            for (size_t j = 0; j < nre; j++) {
                put_open(o, r, tmp[j], 1);
                stack[depth++] = tmp[j];
            }
        }
        /* Open the mentions that begin here, the longest first. */
        for (; next < end && (!r->men[next].shown || (size_t)r->men[next].b <= p); next++) {
            const rmen *m = &r->men[next];
            if (!m->shown)
                continue;
            put_open(o, r, next, 0);
            if (m->e == m->b)
                fputs("</mark>", o);
            else
                stack[depth++] = next;
        }
    }
    put_html(o, d->text + d->cpb[at], d->len - d->cpb[at]);
    while (depth > 0) { /* none: every end is a boundary */
        depth--;
        fputs("</mark>", o);
    }
    return FG_OK;
}

/* One mention of a fact's row: its span [b,e) and its quoted anchor, a link
 * to its highlight when it has one. */
static void
put_mention(FILE *o, const report *r, size_t k)
{
    const rmen *m = &r->men[k];
    if (m->shown)
        fprintf(o, "<a class=\"mn\" href=\"#m%zu\" data-m=\"%zu\"", k, k);
    else
        fputs("<span class=\"mn\"", o);
    if (m->doc != NONE) {
        fputs(" title=\"", o);
        put_html0(o, r->docs[m->doc].iri);
        fputc('"', o);
    }
    fputs("><span class=\"sp\">", o);
    if (r->ndocs > 1 && m->doc != NONE)
        fprintf(o, "d%zu ", m->doc + 1);
    fputc('[', o);
    if (m->b >= 0)
        fprintf(o, "%ld", m->b);
    else
        fputc('?', o);
    fputc(',', o);
    if (m->e >= 0)
        fprintf(o, "%ld", m->e);
    else
        fputc('?', o);
    fputs(")</span> ", o);
    if (!m->shown)
        fputs("<span class=\"bad\">not in the text</span> ", o);
    else if (!m->matches)
        fputs("<span class=\"bad\" title=\"the anchor is not the text at this span\">"
              "\xE2\x9A\xA0</span> ",
              o);
    fputs("<span class=\"an\">\xE2\x80\x9C", o);
    if (m->anchor != NULL)
        put_html(o, m->anchor, m->anchor_len);
    fputs(m->shown ? "\xE2\x80\x9D</span></a>" : "\xE2\x80\x9D</span></span>", o);
}

static void
put_fact_row(FILE *o, const report *r, size_t i)
{
    const rfa *x = &r->facts[i];
    const fg_rfact *f = x->f;
    fprintf(o, "<tr tabindex=\"0\" data-f=\"%zu\" data-t=\"%zu\" data-r=\"%zu\" data-m=\"", i,
            x->type, x->rule);
    if (x->first != NONE && r->men[x->first].shown)
        fprintf(o, "%zu", x->first);
    fputs("\" title=\"", o);
    put_html0(o, f->iri);
    fprintf(o, "\"><td class=\"n\">%zu</td><td class=\"ty\"><span class=\"sw t%zu\"></span>", i + 1,
            x->type);
    put_html0(o, r->types[x->type].id);
    fputs("</td><td>", o);
    for (size_t j = 0; j < f->npairs; j++) {
        fputs(j ? " <span class=\"p\">" : "<span class=\"p\">", o);
        put_curie(o, x->preds[j]);
        fputs("=</span><span class=\"v\">", o);
        put_html0(o, f->pairs[j].shown);
        fputs("</span>", o);
    }
    fputs("</td><td>", o);
    put_rule_name(o, &r->rules[x->rule]);
    fputs("</td><td>", o);
    for (size_t j = 0; j < x->nms; j++)
        put_mention(o, r, x->ms[j]);
    if (x->nms == 0)
        fputs("<span class=\"bad\">no mention</span>", o);
    fputs("</td></tr>\n", o);
}

static void
put_data(FILE *o, const report *r)
{
    fputs("<script type=\"application/json\" id=\"fg-data\">{\"file\":", o);
    put_json0(o, r->name);
    fputs(",\n\"types\":[", o);
    for (size_t t = 0; t < r->ntypes; t++) {
        fputs(t ? ",\n{\"id\":" : "\n{\"id\":", o);
        put_json0(o, r->types[t].id);
        fputs(",\"label\":", o);
        put_json0(o, r->types[t].label);
        fprintf(o, ",\"facts\":%zu}", r->types[t].nfacts);
    }
    fputs("],\n\"rules\":[", o);
    for (size_t u = 0; u < r->nrules; u++) {
        fputs(u ? ",\n{\"id\":" : "\n{\"id\":", o);
        put_json0(o, r->rules[u].id);
        fprintf(o, ",\"facts\":%zu}", r->rules[u].nfacts);
    }
    fputs("],\n\"docs\":[", o);
    for (size_t i = 0; i < r->ndocs; i++) {
        const rdoc *d = &r->docs[i];
        fputs(i ? ",\n{\"iri\":" : "\n{\"iri\":", o);
        put_json0(o, d->iri);
        fprintf(o, ",\"text\":%s,\"length\":%zu,\"mentions\":%zu}", d->text ? "true" : "false",
                d->ncp, d->nmen);
    }
    fputs("],\n\"mentions\":[", o);
    for (size_t k = 0; k < r->nmen; k++) {
        const rmen *m = &r->men[k];
        fputs(k ? ",\n{\"iri\":" : "\n{\"iri\":", o);
        put_json0(o, m->iri);
        if (m->doc == NONE)
            fputs(",\"doc\":null", o);
        else
            fprintf(o, ",\"doc\":%zu", m->doc);
        fprintf(o, ",\"b\":%ld,\"e\":%ld,\"anchor\":", m->b, m->e);
        if (m->anchor)
            put_json(o, m->anchor, m->anchor_len);
        else
            fputs("null", o);
        fprintf(o, ",\"shown\":%s,\"matches\":%s,\"facts\":[", m->shown ? "true" : "false",
                m->matches ? "true" : "false");
        for (size_t j = 0; j < m->nfacts; j++)
            fprintf(o, j ? ",%zu" : "%zu", m->facts[j]);
        fputs("]}", o);
    }
    fputs("],\n\"facts\":[", o);
    for (size_t i = 0; i < r->nfacts; i++) {
        const rfa *x = &r->facts[i];
        fputs(i ? ",\n{\"iri\":" : "\n{\"iri\":", o);
        put_json0(o, x->f->iri);
        fprintf(o, ",\"type\":%zu,\"rule\":%zu,\"values\":[", x->type, x->rule);
        for (size_t j = 0; j < x->f->npairs; j++) {
            fputs(j ? ",[" : "[", o);
            put_json0(o, x->preds[j]);
            fputc(',', o);
            put_json0(o, x->f->pairs[j].shown);
            fputc(']', o);
        }
        fputs("],\"mentions\":[", o);
        for (size_t j = 0; j < x->nms; j++)
            fprintf(o, j ? ",%zu" : "%zu", x->ms[j]);
        fputs("]}", o);
    }
    fputs("]}\n</script>\n", o);
}

static int
put_page(report *r)
{
    FILE *o = r->out;
    fputs("<!DOCTYPE html>\n<html lang=\"zh-Hans\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<meta name=\"generator\" content=\"factgrep " FG_VERSION "\">\n<title>factgrep: ",
          o);
    put_html0(o, r->name);
    fputs("</title>\n", o);
    put_style(r);
    fputs("</head>\n<body>\n<header>\n<h1>factgrep review: ", o);
    put_html0(o, r->name);
    fprintf(o,
            "</h1>\n<p class=\"summary\">%zu document%s, %zu fact%s, %zu mention%s "
            "(%zu highlighted), %zu rule%s</p>\n<ul class=\"legend\" title=\"facts per type; "
            "click to filter\">\n",
            r->ndocs, r->ndocs == 1 ? "" : "s", r->nfacts, r->nfacts == 1 ? "" : "s", r->nmen,
            r->nmen == 1 ? "" : "s", r->nshown, r->nrules, r->nrules == 1 ? "" : "s");
    for (size_t t = 0; t < r->ntypes; t++) {
        fprintf(o, "<li data-ft=\"%zu\"><span class=\"sw t%zu\"></span>", t, t);
        put_type_name(o, &r->types[t]);
        fprintf(o, " %zu</li>\n", r->types[t].nfacts);
    }
    fputs("</ul>\n</header>\n<main>\n<section class=\"docs\">\n", o);
    for (size_t i = 0; i < r->ndocs; i++) {
        const rdoc *d = &r->docs[i];
        fprintf(o, "<article class=\"doc\" id=\"d%zu\">\n<h2>", i + 1);
        put_html0(o, d->iri);
        fputs("</h2>\n", o);
        if (d->text == NULL) {
            fprintf(o,
                    "<p class=\"meta bad\">The file leaves this document's text out "
                    "(%zu mention%s not shown).</p>\n</article>\n",
                    d->nmen, d->nmen == 1 ? "" : "s");
            continue;
        }
        fprintf(o, "<p class=\"meta\">%zu code points, %zu mention%s</p>\n<div class=\"text\">",
                d->ncp, d->nmen, d->nmen == 1 ? "" : "s");
        int rc = put_text(r, d);
        if (rc < 0)
            return rc;
        fputs("</div>\n</article>\n", o);
    }
    if (r->ndocs == 0)
        fputs("<p class=\"meta\">No document in this file.</p>\n", o);
    fputs("</section>\n<aside>\n<div class=\"filters\"><label>Type <select id=\"fg-ftype\">"
          "<option value=\"\">all types</option>",
          o);
    for (size_t t = 0; t < r->ntypes; t++) {
        fprintf(o, "<option value=\"%zu\">", t);
        put_type_name(o, &r->types[t]);
        fprintf(o, " \xE2\x80\x94 %zu</option>", r->types[t].nfacts);
    }
    fputs("</select></label>\n<label>Rule <select id=\"fg-frule\"><option value=\"\">all "
          "rules</option>",
          o);
    for (size_t u = 0; u < r->nrules; u++) {
        fprintf(o, "<option value=\"%zu\">", u);
        put_rule_name(o, &r->rules[u]);
        fprintf(o, " \xE2\x80\x94 %zu</option>", r->rules[u].nfacts);
    }
    fprintf(o,
            "</select></label>\n<span id=\"fg-shown\">%zu facts</span></div>\n"
            "<div class=\"side\">\n<table "
            "id=\"fg-facts\">\n<thead><tr><th>#</th><th>type</th><th>values</th>"
            "<th>rule</th><th>span and anchor</th></tr></thead>\n<tbody>\n",
            r->nfacts);
    for (size_t i = 0; i < r->nfacts; i++)
        put_fact_row(o, r, i);
    fputs("</tbody>\n</table>\n<h2>Totals</h2>\n<div class=\"totals\">\n<table id=\"fg-types\">"
          "<thead><tr><th>type</th><th>facts</th></tr></thead>\n<tbody>\n",
          o);
    for (size_t t = 0; t < r->ntypes; t++) {
        fprintf(o, "<tr data-ft=\"%zu\"><td><span class=\"sw t%zu\"></span>", t, t);
        put_type_name(o, &r->types[t]);
        fprintf(o, "</td><td class=\"k\">%zu</td></tr>\n", r->types[t].nfacts);
    }
    fprintf(o, "<tr data-ft=\"\"><th>all</th><th class=\"k\">%zu</th></tr>\n", r->nfacts);
    fputs("</tbody>\n</table>\n<table id=\"fg-rules\"><thead><tr><th>rule</th><th>facts</th>"
          "</tr></thead>\n<tbody>\n",
          o);
    for (size_t u = 0; u < r->nrules; u++) {
        fprintf(o, "<tr data-fr=\"%zu\"><td>", u);
        put_rule_name(o, &r->rules[u]);
        fprintf(o, "</td><td class=\"k\">%zu</td></tr>\n", r->rules[u].nfacts);
    }
    fprintf(o, "<tr data-fr=\"\"><th>all</th><th class=\"k\">%zu</th></tr>\n", r->nfacts);
    fputs("</tbody>\n</table>\n</div>\n</div>\n</aside>\n</main>\n"
          "<div id=\"fg-tip\" class=\"tip\" role=\"tooltip\"></div>\n",
          o);
    put_data(o, r);
    fputs("<script>\n", o);
    put_lines(o, page_js, sizeof page_js / sizeof page_js[0]);
    fputs("</script>\n</body>\n</html>\n", o);
    return FG_OK;
}

int
fg_report_html(fg_world *w, const char *path, FILE *out)
{
    report r;
    memset(&r, 0, sizeof r);
    r.w = w;
    r.out = out;
    r.name = base_name(path);
    int rc = fg_rgraph_load(w, &r.g, path);
    fg_rfact *facts = NULL;
    size_t nfacts = 0;
    if (rc == FG_OK)
        rc = fg_rgraph_facts(w, &r.g, &facts, &nfacts);
    if (rc == FG_OK)
        rc = gather_docs(&r, facts, nfacts);
    if (rc == FG_OK)
        rc = gather_mentions(&r, facts, nfacts);
    if (rc == FG_OK)
        rc = gather_types_rules(&r, facts, nfacts);
    if (rc == FG_OK)
        rc = gather_facts(&r, facts, nfacts);
    if (rc == FG_OK && r.nshown < r.nmen)
        fg_report(w, FG_WARNING, FG_EINPUT, NULL,
                  "%s: %zu of %zu mentions cannot be highlighted: their text is missing or "
                  "their offsets lie outside it",
                  path, r.nmen - r.nshown, r.nmen);
    if (rc == FG_OK)
        rc = put_page(&r);
    if (rc == FG_OK && (fflush(out) != 0 || ferror(out))) {
        fg_report(w, FG_ERROR, FG_EIO, NULL, "%s: cannot write the review page", path);
        rc = FG_EIO;
    }
    if (rc == FG_ENOMEM)
        fg_report(w, FG_ERROR, FG_ENOMEM, NULL, "%s: out of memory", path);
    fg_arena_free(&r.a);
    fg_rgraph_free(&r.g);
    return rc;
}
