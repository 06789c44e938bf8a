/*
 * fg_dot.c - a picture of a document for Graphviz: its people, their roles
 * and organisations, and the events they take part in.
 * SPDX-License-Identifier: MIT
 *
 * Drawn from the document's triples (sorted by subject, so lookups are
 * binary searches): a person is an ellipse, an organisation a box, an event
 * a hexagon, a role without an organisation a note. An edge from a person
 * to an organisation carries the role; one to an event, the part taken
 * (主持, 出席, 讲话). Same input, same bytes.
 */
#include <stdlib.h>
#include <string.h>

#include "fg_internal.h"
#include "fg_vocab.h"

/* The triples of subject s: [*first, *first + return). */
static size_t
about(const fg_doc *d, const char *s, size_t *first)
{
    size_t lo = 0, hi = d->nsorted;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(fg_doc_triple(d, mid)->s, s) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t end = lo;
    while (end < d->nsorted && strcmp(fg_doc_triple(d, end)->s, s) == 0)
        end++;
    *first = lo;
    return end - lo;
}

static const char *
value(const fg_doc *d, const char *s, const char *p)
{
    size_t first, n = about(d, s, &first);
    for (size_t i = first; i < first + n; i++)
        if (strcmp(fg_doc_triple(d, i)->p, p) == 0)
            return fg_doc_triple(d, i)->o;
    return NULL;
}

static int
is_a(const fg_doc *d, const char *s, const char *cls)
{
    size_t first, n = about(d, s, &first);
    for (size_t i = first; i < first + n; i++)
        if (strcmp(fg_doc_triple(d, i)->p, RDF_TYPE) == 0 &&
            strcmp(fg_doc_triple(d, i)->o, cls) == 0)
            return 1;
    return 0;
}

/* A DOT string: quotes and backslashes escaped, line ends as \n. */
static void
quoted(FILE *out, const char *s)
{
    fputc('"', out);
    for (; s && *s; s++) {
        if (*s == '"' || *s == '\\')
            fputc('\\', out);
        if (*s == '\n')
            fputs("\\n", out);
        else if (*s != '\r')
            fputc(*s, out);
    }
    fputc('"', out);
}

typedef struct node {
    const char *iri;
    const char *label;
    const char *shape;
} node;

typedef struct graph {
    node *nodes;
    size_t n, cap;
    char **edges; /* "from\tto\tlabel\tstyle", sorted and unique at the end */
    size_t ne, cape;
} graph;

static int
cmp_node(const void *a, const void *b)
{
    return strcmp(((const node *)a)->iri, ((const node *)b)->iri);
}

static int
cmp_edge(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
add_node(graph *g, const char *iri, const char *label, const char *shape)
{
    for (size_t i = 0; i < g->n; i++)
        if (strcmp(g->nodes[i].iri, iri) == 0)
            return FG_OK;
    if (FG_GROW(g->nodes, g->cap, g->n + 1) < 0)
        return FG_ENOMEM;
    g->nodes[g->n++] = (node){iri, label ? label : "?", shape};
    return FG_OK;
}

static int
add_edge(graph *g, const char *from, const char *to, const char *label, const char *style)
{
    fg_buf b = {0};
    if (fg_buf_printf(&b, "%s\t%s\t%s\t%s", from, to, label ? label : "", style) < 0 ||
        FG_GROW(g->edges, g->cape, g->ne + 1) < 0) {
        fg_buf_free(&b);
        return FG_ENOMEM;
    }
    g->edges[g->ne++] = b.p;
    return FG_OK;
}

static size_t
node_index(const graph *g, const char *iri)
{
    node key = {iri, NULL, NULL};
    const node *n = bsearch(&key, g->nodes, g->n, sizeof *g->nodes, cmp_node);
    return n ? (size_t)(n - g->nodes) : 0;
}

static int
build(const fg_doc *d, graph *g)
{
    int rc = FG_OK;
    for (size_t i = 0; i < d->nsorted && rc == FG_OK; i++) {
        const fg_triple *t = fg_doc_triple(d, i);
        if (strcmp(t->p, RDF_TYPE) != 0)
            continue;
        if (strcmp(t->o, NS_ORG "Membership") == 0) {
            const char *who = value(d, t->s, NS_ORG "member");
            const char *role = value(d, t->s, NS_ORG "role");
            const char *org = value(d, t->s, NS_ORG "organization");
            const char *title = role ? value(d, role, NS_SKOS "prefLabel") : NULL;
            if (who == NULL)
                continue;
            rc = add_node(g, who, value(d, who, NS_SCHEMA "name"), "ellipse");
            if (rc == FG_OK && org != NULL) {
                rc = add_node(g, org, value(d, org, NS_SCHEMA "name"), "box");
                if (rc == FG_OK)
                    rc = add_edge(g, who, org, title, "solid");
            } else if (rc == FG_OK && role != NULL) {
                rc = add_node(g, role, title, "note");
                if (rc == FG_OK)
                    rc = add_edge(g, who, role, NULL, "solid");
            }
        } else if (strcmp(t->o, NS_SCHEMA "Event") == 0) {
            rc = add_node(g, t->s, value(d, t->s, NS_SCHEMA "name"), "hexagon");
            size_t first, n = about(d, t->s, &first);
            for (size_t k = first; k < first + n && rc == FG_OK; k++) {
                const fg_triple *a = fg_doc_triple(d, k);
                if (strcmp(a->p, NS_SCHEMA "attendee") != 0 || !is_a(d, a->o, NS_SCHEMA "Role"))
                    continue;
                const char *who = value(d, a->o, NS_SCHEMA "attendee");
                if (who == NULL)
                    continue;
                rc = add_node(g, who, value(d, who, NS_SCHEMA "name"), "ellipse");
                if (rc == FG_OK)
                    rc = add_edge(g, who, t->s, value(d, a->o, NS_SCHEMA "roleName"), "dashed");
            }
        }
    }
    return rc;
}

int
fg_dot_write(const fg_doc *d, FILE *out)
{
    graph g = {0};
    int rc = build(d, &g);
    if (rc == FG_OK) {
        if (g.n > 0)
            qsort(g.nodes, g.n, sizeof *g.nodes, cmp_node);
        if (g.ne > 0)
            qsort(g.edges, g.ne, sizeof *g.edges, cmp_edge);
        fputs("digraph ", out);
        quoted(out, d->id);
        fputs(" {\n  graph [rankdir=LR, fontname=\"Noto Sans CJK SC\", label=", out);
        quoted(out, d->id);
        fputs("];\n  node [fontname=\"Noto Sans CJK SC\"];\n"
              "  edge [fontname=\"Noto Sans CJK SC\", fontsize=10];\n",
              out);
        for (size_t i = 0; i < g.n; i++) {
            fprintf(out, "  n%zu [shape=%s, label=", i, g.nodes[i].shape);
            quoted(out, g.nodes[i].label);
            fputs("];\n", out);
        }
        for (size_t i = 0; i < g.ne; i++) {
            if (i > 0 && strcmp(g.edges[i], g.edges[i - 1]) == 0)
                continue;
            char *from = g.edges[i], *to = strchr(from, '\t');
            *to++ = '\0';
            char *label = strchr(to, '\t');
            *label++ = '\0';
            char *style = strchr(label, '\t');
            *style++ = '\0';
            fprintf(out, "  n%zu -> n%zu [style=%s", node_index(&g, from), node_index(&g, to),
                    style);
            if (*label) {
                fputs(", label=", out);
                quoted(out, label);
            }
            fputs("];\n", out);
            /* Restore the separators so that the next comparison still sees them. */
            to[-1] = label[-1] = style[-1] = '\t';
        }
        fputs("}\n", out);
    }
    for (size_t i = 0; i < g.ne; i++)
        fg_free(g.edges[i]);
    fg_free(g.edges);
    fg_free(g.nodes);
    if (rc == FG_OK && (fflush(out) != 0 || ferror(out)))
        rc = FG_EIO;
    return rc;
}
