/*
 * fg_ontology.c - load the ontology with raptor; prefixes and declared terms.
 * SPDX-License-Identifier: MIT
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fg_internal.h"

#define RDF "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define RDFS "http://www.w3.org/2000/01/rdf-schema#"
#define OWL "http://www.w3.org/2002/07/owl#"

/* What a declaration `X rdf:type T` makes of X. */
static const struct {
    const char *type;
    int kind;
} declarations[] = {
    {RDFS "Class", FG_TERM_CLASS},
    {OWL "Class", FG_TERM_CLASS},
    {RDF "Property", FG_TERM_PROPERTY},
    {OWL "ObjectProperty", FG_TERM_PROPERTY},
    {OWL "DatatypeProperty", FG_TERM_PROPERTY},
    {OWL "AnnotationProperty", FG_TERM_PROPERTY},
    {RDFS "Datatype", FG_TERM_CLASS},
};

typedef struct load_state {
    fg_world *w;
    fg_ontology *o;
    const char *path;
    int errors;
    int rc;
} load_state;

static int
add_prefix(fg_ontology *o, const char *name, const char *iri)
{
    for (size_t i = 0; i < o->nprefixes; i++) {
        if (strcmp(o->prefixes[i].name, name) == 0) {
            char *copy = fg_strdup(iri);
            if (copy == NULL)
                return FG_ENOMEM;
            fg_free(o->prefixes[i].iri);
            o->prefixes[i].iri = copy;
            return FG_OK;
        }
    }
    if (FG_GROW(o->prefixes, o->capprefixes, o->nprefixes + 1) < 0)
        return FG_ENOMEM;
    fg_prefix *p = &o->prefixes[o->nprefixes];
    p->name = fg_strdup(name);
    p->iri = fg_strdup(iri);
    if (p->name == NULL || p->iri == NULL) {
        fg_free(p->name);
        fg_free(p->iri);
        return FG_ENOMEM;
    }
    o->nprefixes++;
    return FG_OK;
}

/* The term for iri, added (with no kinds) when new; NULL when out of memory. */
static fg_term *
term_for(fg_ontology *o, const char *iri)
{
    for (size_t i = 0; i < o->nterms; i++)
        if (strcmp(o->terms[i].iri, iri) == 0)
            return &o->terms[i];
    if (FG_GROW(o->terms, o->capterms, o->nterms + 1) < 0)
        return NULL;
    fg_term *t = &o->terms[o->nterms];
    t->iri = fg_strdup(iri);
    t->kinds = 0;
    t->range = NULL;
    if (t->iri == NULL)
        return NULL;
    o->nterms++;
    return t;
}

static void
on_namespace(void *data, raptor_namespace *ns)
{
    load_state *st = data;
    const unsigned char *prefix = raptor_namespace_get_prefix(ns);
    raptor_uri *uri = raptor_namespace_get_uri(ns);
    if (prefix == NULL || uri == NULL)
        return;
    if (add_prefix(st->o, (const char *)prefix, (const char *)raptor_uri_as_string(uri)) < 0)
        st->rc = FG_ENOMEM;
}

static void
on_statement(void *data, raptor_statement *t)
{
    load_state *st = data;
    if (t->subject->type != RAPTOR_TERM_TYPE_URI || t->predicate->type != RAPTOR_TERM_TYPE_URI ||
        t->object->type != RAPTOR_TERM_TYPE_URI)
        return;
    const char *p = (const char *)raptor_uri_as_string(t->predicate->value.uri);
    const char *s = (const char *)raptor_uri_as_string(t->subject->value.uri);
    const char *obj = (const char *)raptor_uri_as_string(t->object->value.uri);
    int is_type = strcmp(p, RDF "type") == 0, is_range = strcmp(p, RDFS "range") == 0;
    if (!is_type && !is_range)
        return;
    fg_term *term = term_for(st->o, s);
    if (term == NULL) {
        st->rc = FG_ENOMEM;
        return;
    }
    if (is_range) {
        char *r = term->range ? term->range : fg_strdup(obj);
        if (r == NULL)
            st->rc = FG_ENOMEM;
        term->range = r; /* the first range declared is the one checked */
        return;
    }
    int kind = FG_TERM_INDIVIDUAL;
    for (size_t i = 0; i < sizeof declarations / sizeof declarations[0]; i++)
        if (strcmp(obj, declarations[i].type) == 0)
            kind = declarations[i].kind;
    term->kinds |= kind;
}

static void
on_log(void *data, raptor_log_message *m)
{
    load_state *st = data;
    if (m->level < RAPTOR_LOG_LEVEL_WARN)
        return;
    int line = m->locator ? m->locator->line : -1;
    fg_level level = m->level >= RAPTOR_LOG_LEVEL_ERROR ? FG_ERROR : FG_WARNING;
    if (level == FG_ERROR)
        st->errors++;
    if (line > 0)
        fg_report(st->w, level, FG_EONTOLOGY, NULL, "%s:%d: %s", st->path, line, m->text);
    else
        fg_report(st->w, level, FG_EONTOLOGY, NULL, "%s: %s", st->path, m->text);
}

static int
cmp_term(const void *a, const void *b)
{
    return strcmp(((const fg_term *)a)->iri, ((const fg_term *)b)->iri);
}

int
fg_ontology_load(fg_world *w, fg_ontology *o, const char *path)
{
    load_state st = {w, o, path, 0, FG_OK};
    FILE *fp = fopen(path, "rb");
    if (fp == NULL) {
        fg_report(w, FG_ERROR, FG_EIO, NULL, "cannot open ontology %s: %s", path, strerror(errno));
        return FG_EIO;
    }
    /* The parser needs a base URI; the file's own URI makes relative IRIs absolute. */
    raptor_uri *base =
        raptor_new_uri_from_uri_or_file_string(w->raptor, NULL, (const unsigned char *)path);
    raptor_parser *p = raptor_new_parser(w->raptor, "turtle");
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
    raptor_parser_set_namespace_handler(p, &st, on_namespace);
    int prc = raptor_parser_parse_file_stream(p, fp, NULL, base);
    raptor_world_set_log_handler(w->raptor, NULL, NULL);
    raptor_free_parser(p);
    raptor_free_uri(base);
    fclose(fp);
    if (st.rc < 0)
        return st.rc;
    if (prc != 0 || st.errors > 0) {
        fg_report(w, FG_ERROR, FG_EONTOLOGY, NULL, "%s: the ontology does not parse as Turtle",
                  path);
        return FG_EONTOLOGY;
    }
    qsort(o->terms, o->nterms, sizeof o->terms[0], cmp_term);
    o->loaded = 1;
    return FG_OK;
}

void
fg_ontology_free(fg_ontology *o)
{
    for (size_t i = 0; i < o->nprefixes; i++) {
        fg_free(o->prefixes[i].name);
        fg_free(o->prefixes[i].iri);
    }
    for (size_t i = 0; i < o->nterms; i++) {
        fg_free(o->terms[i].iri);
        fg_free(o->terms[i].range);
    }
    fg_free(o->prefixes);
    fg_free(o->terms);
    memset(o, 0, sizeof *o);
}

int
fg_ontology_expand(const fg_ontology *o, const char *curie, size_t n, fg_buf *out)
{
    const char *colon = memchr(curie, ':', n);
    if (colon == NULL)
        return FG_EONTOLOGY;
    size_t plen = (size_t)(colon - curie);
    for (size_t i = 0; i < o->nprefixes; i++) {
        const fg_prefix *p = &o->prefixes[i];
        if (strlen(p->name) == plen && memcmp(p->name, curie, plen) == 0) {
            if (fg_buf_adds(out, p->iri) < 0 || fg_buf_add(out, colon + 1, n - plen - 1) < 0)
                return FG_ENOMEM;
            return FG_OK;
        }
    }
    return FG_EONTOLOGY;
}

static const fg_term *
find_term(const fg_ontology *o, const char *iri)
{
    fg_term key = {(char *)iri, 0, NULL};
    return o->nterms ? bsearch(&key, o->terms, o->nterms, sizeof o->terms[0], cmp_term) : NULL;
}

int
fg_ontology_kinds(const fg_ontology *o, const char *iri)
{
    const fg_term *t = find_term(o, iri);
    return t ? t->kinds : 0;
}

const char *
fg_ontology_range(const fg_ontology *o, const char *iri)
{
    const fg_term *t = find_term(o, iri);
    return t ? t->range : NULL;
}

int
fg_ontology_abbrev(const fg_ontology *o, const char *iri, fg_buf *out)
{
    const fg_prefix *best = NULL;
    size_t best_len = 0;
    for (size_t i = 0; i < o->nprefixes; i++) {
        size_t l = strlen(o->prefixes[i].iri);
        if (l > best_len && strncmp(iri, o->prefixes[i].iri, l) == 0) {
            best = &o->prefixes[i];
            best_len = l;
        }
    }
    if (best == NULL)
        return fg_buf_printf(out, "<%s>", iri);
    return fg_buf_printf(out, "%s:%s", best->name, iri + best_len);
}
