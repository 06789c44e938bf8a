/*
 * fg_diff.c - the facts that changed between two outputs, so that a rule
 * change can be reviewed before it ships.
 * SPDX-License-Identifier: MIT
 *
 * A fact's IRI names its document, its rule and its span (or, for keyed
 * facts such as events, its name), so two runs are compared IRI by IRI:
 * a fact only in the old file was removed, one only in the new file was
 * added, and one in both whose class, values or mentions differ changed.
 */
#include <stdlib.h>
#include <string.h>

#include "fg_internal.h"

static int
cmp_fact(const void *a, const void *b)
{
    return strcmp(((const fg_rfact *)a)->iri, ((const fg_rfact *)b)->iri);
}

static int
cmp_pair(const void *a, const void *b)
{
    const fg_pair *x = a, *y = b;
    int c = strcmp(x->pred, y->pred);
    return c ? c : strcmp(x->value, y->value);
}

static int
cmp_mention(const void *a, const void *b)
{
    return strcmp(((const fg_rmention *)a)->iri, ((const fg_rmention *)b)->iri);
}

/* Sorted, so that two facts compare member by member. */
static void
normalise(fg_rfact *f)
{
    if (f->npairs > 1)
        qsort(f->pairs, f->npairs, sizeof *f->pairs, cmp_pair);
    if (f->nmentions > 1)
        qsort(f->mentions, f->nmentions, sizeof *f->mentions, cmp_mention);
}

static const char *
doc_of(const fg_rfact *f)
{
    const char *c = f->nmentions ? f->mentions[0].context : NULL;
    const char *slash = c ? strrchr(c, '/') : NULL;
    return slash ? slash + 1 : "?";
}

static void
put_quoted(FILE *out, const char *s)
{
    fputc('"', out);
    for (; s && *s; s++) {
        if (*s == '\n')
            fputs("\\n", out);
        else
            fputc(*s, out);
    }
    fputc('"', out);
}

static void
put_values(FILE *out, const fg_world *w, const fg_rfact *f)
{
    for (size_t i = 0; i < f->npairs; i++) {
        fg_buf p = {0};
        fg_ontology_abbrev(&w->onto, f->pairs[i].pred, &p);
        fprintf(out, " %s=%s", p.p ? p.p : "?", f->pairs[i].shown);
        fg_buf_free(&p);
    }
}

/* "+ added events [65,76) "…召开" in doc (rule event.convened): CLASS p=v ..." */
static void
put_fact(FILE *out, const fg_world *w, char sign, const char *what, const fg_rfact *f)
{
    fprintf(out, "%c %s %s", sign, what, doc_of(f));
    if (f->nmentions)
        fprintf(out, " [%ld,%ld) ", f->mentions[0].b, f->mentions[0].e);
    if (f->nmentions)
        put_quoted(out, f->mentions[0].anchor);
    if (f->nmentions > 1)
        fprintf(out, " and %zu more mention%s", f->nmentions - 1, f->nmentions == 2 ? "" : "s");
    fprintf(out, " (rule %s): %s", f->rule ? f->rule : "?", f->cls ? f->cls : "?");
    put_values(out, w, f);
    fputc('\n', out);
}

static int
same_values(const fg_rfact *a, const fg_rfact *b)
{
    if (a->npairs != b->npairs || strcmp(a->cls ? a->cls : "", b->cls ? b->cls : "") != 0 ||
        strcmp(a->rule ? a->rule : "", b->rule ? b->rule : "") != 0)
        return 0;
    for (size_t i = 0; i < a->npairs; i++)
        if (cmp_pair(&a->pairs[i], &b->pairs[i]) != 0)
            return 0;
    return 1;
}

static int
same_mentions(const fg_rfact *a, const fg_rfact *b)
{
    if (a->nmentions != b->nmentions)
        return 0;
    for (size_t i = 0; i < a->nmentions; i++)
        if (strcmp(a->mentions[i].iri, b->mentions[i].iri) != 0 ||
            strcmp(a->mentions[i].anchor ? a->mentions[i].anchor : "",
                   b->mentions[i].anchor ? b->mentions[i].anchor : "") != 0)
            return 0;
    return 1;
}

int
fg_diff(fg_world *w, const char *old_path, const char *new_path, FILE *out, fg_diff_stats *st)
{
    fg_diff_stats local = {0};
    if (st == NULL)
        st = &local;
    memset(st, 0, sizeof *st);
    fg_rgraph a, b;
    fg_rfact *fa = NULL, *fb = NULL;
    size_t na = 0, nb = 0;
    int rc = fg_rgraph_load(w, &a, old_path);
    if (rc < 0) {
        fg_rgraph_free(&a);
        return rc;
    }
    rc = fg_rgraph_load(w, &b, new_path);
    if (rc == FG_OK)
        rc = fg_rgraph_facts(w, &a, &fa, &na);
    if (rc == FG_OK)
        rc = fg_rgraph_facts(w, &b, &fb, &nb);
    if (rc == FG_OK) {
        for (size_t i = 0; i < na; i++)
            normalise(&fa[i]);
        for (size_t i = 0; i < nb; i++)
            normalise(&fb[i]);
        if (na > 1)
            qsort(fa, na, sizeof *fa, cmp_fact);
        if (nb > 1)
            qsort(fb, nb, sizeof *fb, cmp_fact);
        /* A merge of the two sorted lists. */
        size_t i = 0, k = 0;
        while (i < na || k < nb) {
            int c = i == na ? 1 : k == nb ? -1 : strcmp(fa[i].iri, fb[k].iri);
            if (c < 0) {
                put_fact(out, w, '-', "removed", &fa[i++]);
                st->removed++;
            } else if (c > 0) {
                put_fact(out, w, '+', "added", &fb[k++]);
                st->added++;
            } else {
                if (same_values(&fa[i], &fb[k]) && same_mentions(&fa[i], &fb[k])) {
                    st->same++;
                } else {
                    put_fact(out, w, '~', "changed, was", &fa[i]);
                    put_fact(out, w, '~', "changed, now", &fb[k]);
                    st->changed++;
                }
                i++;
                k++;
            }
        }
        if (ferror(out))
            rc = FG_EIO;
    }
    fg_rgraph_free(&a);
    fg_rgraph_free(&b);
    return rc;
}
