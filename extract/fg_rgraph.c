/*
 * fg_rgraph.c - reading factgrep's RDF back with raptor, for the audit, the
 * review page and diff: triples in memory, and the facts they describe.
 * SPDX-License-Identifier: MIT
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fg_internal.h"
#include "fg_vocab.h"

typedef struct load_state {
    fg_world *w;
    fg_rgraph *g;
    int rc;
} load_state;

static int
copy_term(fg_rgraph *g, fg_rterm *out, const raptor_term *t)
{
    memset(out, 0, sizeof *out);
    const unsigned char *v = NULL;
    size_t n = 0;
    switch (t->type) {
    case RAPTOR_TERM_TYPE_URI:
        out->kind = FG_RT_IRI;
        v = raptor_uri_as_counted_string(t->value.uri, &n);
        break;
    case RAPTOR_TERM_TYPE_LITERAL:
        out->kind = FG_RT_LITERAL;
        v = t->value.literal.string;
        n = t->value.literal.string_len;
        if (t->value.literal.datatype) {
            const char *dt = (const char *)raptor_uri_as_string(t->value.literal.datatype);
            if ((out->dt = fg_arena_strndup(&g->arena, dt, strlen(dt))) == NULL)
                return FG_ENOMEM;
        }
        if (t->value.literal.language) {
            const char *l = (const char *)t->value.literal.language;
            if ((out->lang = fg_arena_strndup(&g->arena, l, strlen(l))) == NULL)
                return FG_ENOMEM;
        }
        break;
    case RAPTOR_TERM_TYPE_BLANK:
        out->kind = FG_RT_BLANK;
        v = t->value.blank.string;
        n = t->value.blank.string_len;
        break;
    default:
        return FG_EINPUT;
    }
    out->len = n;
    out->v = fg_arena_strndup(&g->arena, v ? (const char *)v : "", v ? n : 0);
    return out->v ? FG_OK : FG_ENOMEM;
}

static void
on_statement(void *data, raptor_statement *t)
{
    load_state *st = data;
    fg_rgraph *g = st->g;
    if (st->rc < 0)
        return;
    if (FG_GROW(g->t, g->cap, g->n + 1) < 0) {
        st->rc = FG_ENOMEM;
        return;
    }
    fg_rtriple *r = &g->t[g->n];
    int rc = copy_term(g, &r->s, t->subject);
    if (rc == FG_OK)
        rc = copy_term(g, &r->p, t->predicate);
    if (rc == FG_OK)
        rc = copy_term(g, &r->o, t->object);
    if (rc < 0)
        st->rc = rc;
    else
        g->n++;
}

/* raptor reports some errors (a bad IRI) only here and still returns 0. */
static void
on_log(void *data, raptor_log_message *m)
{
    load_state *st = data;
    if (m->level < RAPTOR_LOG_LEVEL_WARN)
        return;
    fg_level level = m->level >= RAPTOR_LOG_LEVEL_ERROR ? FG_ERROR : FG_WARNING;
    if (level == FG_ERROR)
        st->g->errors++;
    int line = m->locator ? m->locator->line : -1;
    if (line > 0)
        fg_report(st->w, level, FG_EINPUT, NULL, "%s:%d: %s", st->g->path, line, m->text);
    else
        fg_report(st->w, level, FG_EINPUT, NULL, "%s: %s", st->g->path, m->text);
}

static int
cmp_str0(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "");
}

static int
cmp_rtriple(const void *a, const void *b)
{
    const fg_rtriple *x = a, *y = b;
    int c = strcmp(x->s.v, y->s.v);
    if (c == 0)
        c = strcmp(x->p.v, y->p.v);
    if (c == 0)
        c = (int)x->o.kind - (int)y->o.kind;
    if (c == 0)
        c = strcmp(x->o.v, y->o.v);
    if (c == 0)
        c = cmp_str0(x->o.dt, y->o.dt);
    return c;
}

int
fg_rgraph_load(fg_world *w, fg_rgraph *g, const char *path)
{
    memset(g, 0, sizeof *g);
    g->path = path;
    load_state st = {w, g, FG_OK};
    /* N-Triples is read by the Turtle parser, of which it is a subset:
     * raptor 2.0.15's own N-Triples parser loses one datatype URI per
     * datatype (rapper -i ntriples shows it under valgrind). */
    const char *dot = strrchr(path, '.');
    const char *syntax = dot && strcmp(dot, ".nq") == 0 ? "nquads" : "turtle";
    FILE *fp = fopen(path, "rb");
    if (fp == NULL) {
        fg_report(w, FG_ERROR, FG_EIO, NULL, "cannot read %s: %s", path, strerror(errno));
        return FG_EIO;
    }
    raptor_uri *base =
        raptor_new_uri_from_uri_or_file_string(w->raptor, NULL, (const unsigned char *)path);
    raptor_parser *p = raptor_new_parser(w->raptor, syntax);
    if (base == NULL || p == NULL) {
        fclose(fp);
        if (base)
            raptor_free_uri(base);
        if (p)
            raptor_free_parser(p);
        return FG_ENOMEM;
    }
    raptor_world_set_log_handler(w->raptor, &st, on_log);
    raptor_parser_set_statement_handler(p, &st, on_statement);
    int prc = raptor_parser_parse_file_stream(p, fp, NULL, base);
    raptor_world_set_log_handler(w->raptor, NULL, NULL);
    raptor_free_parser(p);
    raptor_free_uri(base);
    fclose(fp);
    if (st.rc < 0)
        return st.rc;
    if (g->n > 0)
        qsort(g->t, g->n, sizeof g->t[0], cmp_rtriple);
    if (prc != 0 || g->errors > 0) {
        if (g->errors == 0)
            g->errors = 1;
        fg_report(w, FG_ERROR, FG_EINPUT, NULL, "%s: not valid %s (%d error%s)", path,
                  strcmp(syntax, "turtle") == 0 ? "Turtle" : syntax, g->errors,
                  g->errors == 1 ? "" : "s");
        return FG_EINPUT;
    }
    return FG_OK;
}

void
fg_rgraph_free(fg_rgraph *g)
{
    fg_free(g->t);
    fg_arena_free(&g->arena);
    memset(g, 0, sizeof *g);
}

size_t
fg_rgraph_about(const fg_rgraph *g, const char *s, size_t *first)
{
    size_t lo = 0, hi = g->n;
    while (lo < hi) { /* the first triple whose subject is not before s */
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(g->t[mid].s.v, s) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t end = lo;
    while (end < g->n && strcmp(g->t[end].s.v, s) == 0)
        end++;
    *first = lo;
    return end - lo;
}

const fg_rterm *
fg_rgraph_one(const fg_rgraph *g, const char *s, const char *p, size_t *count)
{
    size_t first, n = fg_rgraph_about(g, s, &first), k = 0;
    const fg_rterm *found = NULL;
    for (size_t i = first; i < first + n; i++) {
        if (strcmp(g->t[i].p.v, p) == 0) {
            if (found == NULL)
                found = &g->t[i].o;
            k++;
        }
    }
    if (count)
        *count = k;
    return found;
}

int
fg_rgraph_is_a(const fg_rgraph *g, const char *s, const char *cls)
{
    size_t first, n = fg_rgraph_about(g, s, &first);
    for (size_t i = first; i < first + n; i++)
        if (strcmp(g->t[i].p.v, RDF_TYPE) == 0 && strcmp(g->t[i].o.v, cls) == 0)
            return 1;
    return 0;
}

/* ===================================================================
 * Facts
 * ================================================================= */

/* Classes whose nodes are facts even when their provenance is missing. */
static const char *const fact_classes[] = {
    NS_ORG "Membership", NS_SCHEMA "MonetaryAmount", NS_SCHEMA "QuantitativeValue",
    NS_SCHEMA "Event",   NS_SCHEMA "Role",           NS_TIME "Instant",
    NS_TIME "Interval",  FG_NS "UnresolvedDate",
};

static const char *
fact_class(const fg_rgraph *g, const char *s)
{
    for (size_t i = 0; i < sizeof fact_classes / sizeof fact_classes[0]; i++)
        if (fg_rgraph_is_a(g, s, fact_classes[i]))
            return fact_classes[i];
    return NULL;
}

static int
is_fact(const fg_rgraph *g, const char *s)
{
    return fg_rgraph_one(g, s, PROV_DERIVED, NULL) || fg_rgraph_one(g, s, FG_RULE, NULL) ||
           fact_class(g, s);
}

/* How a node reads: its name or label, a participant's "name/role", an
 * instant's date; else its IRI. */
static const char *
shown(const fg_world *w, fg_rgraph *g, const fg_rterm *o)
{
    static const char *const labels[] = {
        NS_SCHEMA "name",          NS_SKOS "prefLabel",  RDFS_LABEL, NS_TIME "inXSDDate",
        NS_TIME "inXSDgYearMonth", NS_TIME "inXSDgYear", RDF_VALUE};
    if (o->kind == FG_RT_LITERAL)
        return o->v;
    const fg_rterm *who = fg_rgraph_one(g, o->v, NS_SCHEMA "attendee", NULL);
    const fg_rterm *as = fg_rgraph_one(g, o->v, NS_SCHEMA "roleName", NULL);
    if (who && as) {
        const char *name = shown(w, g, who);
        return fg_arena_printf(&g->arena, "%s/%s", name ? name : "?", as->v);
    }
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++) {
        const fg_rterm *l = fg_rgraph_one(g, o->v, labels[i], NULL);
        if (l && l->kind == FG_RT_LITERAL)
            return l->v;
    }
    fg_buf b = {0};
    const char *out = NULL;
    if (fg_ontology_abbrev(&w->onto, o->v, &b) == FG_OK)
        out = fg_arena_strndup(&g->arena, b.p, b.len);
    fg_buf_free(&b);
    return out;
}

static long
index_of(const fg_rterm *t)
{
    if (t == NULL || t->kind != FG_RT_LITERAL || t->v[0] == '\0')
        return -1;
    char *end;
    long v = strtol(t->v, &end, 10);
    return *end == '\0' && v >= 0 ? v : -1;
}

static int
read_fact(const fg_world *w, fg_rgraph *g, const char *s, fg_rfact *f)
{
    memset(f, 0, sizeof *f);
    f->iri = s;
    const char *cls = fact_class(g, s);
    const fg_rterm *type = fg_rgraph_one(g, s, RDF_TYPE, NULL);
    fg_buf b = {0};
    if (cls == NULL && type != NULL)
        cls = type->v;
    if (cls != NULL && fg_ontology_abbrev(&w->onto, cls, &b) == FG_OK)
        f->cls = fg_arena_strndup(&g->arena, b.p, b.len);
    fg_buf_free(&b);
    const fg_rterm *rule = fg_rgraph_one(g, s, FG_RULE, NULL);
    if (rule != NULL) {
        const fg_rterm *id = fg_rgraph_one(g, rule->v, RDFS_LABEL, NULL);
        f->rule = id ? id->v : rule->v;
    }
    size_t first, n = fg_rgraph_about(g, s, &first);
    f->mentions = fg_arena_alloc(&g->arena, (n ? n : 1) * sizeof *f->mentions);
    f->pairs = fg_arena_alloc(&g->arena, (n ? n : 1) * sizeof *f->pairs);
    if (f->mentions == NULL || f->pairs == NULL)
        return FG_ENOMEM;
    for (size_t i = first; i < first + n; i++) {
        const fg_rtriple *t = &g->t[i];
        if (strcmp(t->p.v, PROV_DERIVED) == 0) {
            fg_rmention *m = &f->mentions[f->nmentions++];
            const fg_rterm *c = fg_rgraph_one(g, t->o.v, NIF_REF_CONTEXT, NULL);
            const fg_rterm *a = fg_rgraph_one(g, t->o.v, NIF_ANCHOR, NULL);
            m->iri = t->o.v;
            m->context = c ? c->v : NULL;
            m->b = index_of(fg_rgraph_one(g, t->o.v, NIF_BEGIN, NULL));
            m->e = index_of(fg_rgraph_one(g, t->o.v, NIF_END, NULL));
            m->anchor = a ? a->v : NULL;
        } else if (strcmp(t->p.v, RDF_TYPE) != 0 && strcmp(t->p.v, FG_RULE) != 0) {
            fg_pair *p = &f->pairs[f->npairs++];
            p->pred = t->p.v;
            p->value = t->o.v;
            if ((p->shown = shown(w, g, &t->o)) == NULL)
                return FG_ENOMEM;
        }
    }
    return FG_OK;
}

int
fg_rgraph_facts(const fg_world *w, fg_rgraph *g, fg_rfact **out, size_t *n)
{
    size_t cap = 0, count = 0;
    for (size_t i = 0; i < g->n; i++)
        if ((i == 0 || strcmp(g->t[i].s.v, g->t[i - 1].s.v) != 0) && is_fact(g, g->t[i].s.v))
            cap++;
    fg_rfact *v = fg_arena_alloc(&g->arena, (cap ? cap : 1) * sizeof *v);
    if (v == NULL)
        return FG_ENOMEM;
    for (size_t i = 0; i < g->n; i++) {
        if (i > 0 && strcmp(g->t[i].s.v, g->t[i - 1].s.v) == 0)
            continue;
        if (!is_fact(g, g->t[i].s.v))
            continue;
        int rc = read_fact(w, g, g->t[i].s.v, &v[count]);
        if (rc < 0)
            return rc;
        count++;
    }
    *out = v;
    *n = count;
    return FG_OK;
}
