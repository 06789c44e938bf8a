/*
 * fg_examples.c - rule examples: each `example TEXT => FACTS` line is run
 * through the whole rule set, and the facts its rule made are compared.
 * SPDX-License-Identifier: MIT
 *
 * FACTS is `none`, or facts separated by ';', each written
 *     CLASS pfx:prop=value pfx:prop=value ...
 * where a value holding spaces is written in double quotes: pfx:p="a b".
 * A fact matches when the rule made a fact of that class with every listed
 * property and value (a node's value is its label, such as a person's
 * name). The rule must make exactly as many facts as are listed.
 */
#include <string.h>

#include "fg_internal.h"

int
fg_fact_summary(const fg_world *w, const fg_fact *f, fg_buf *out)
{
    int rc = fg_ontology_abbrev(&w->onto, f->cls, out);
    for (size_t i = 0; i < f->npairs && rc == FG_OK; i++) {
        rc = fg_buf_addc(out, ' ');
        if (rc == FG_OK)
            rc = fg_ontology_abbrev(&w->onto, f->pairs[i].pred, out);
        if (rc == FG_OK)
            rc = fg_buf_printf(out, "=%s", f->pairs[i].shown);
    }
    return rc;
}

typedef struct want {
    const char *text; /* the fact as written, for messages */
    size_t len;
} want;

/* Does fact f have property p (a CURIE) with value v (a label, value or CURIE)? */
static int
has_pair(const fg_world *w, const fg_fact *f, const char *p, size_t pn, const char *v, size_t vn)
{
    fg_buf pred = {0}, val = {0};
    int found = 0;
    if (fg_ontology_expand(&w->onto, p, pn, &pred) < 0)
        goto done;
    int val_iri = memchr(v, ':', vn) && fg_ontology_expand(&w->onto, v, vn, &val) == FG_OK;
    for (size_t i = 0; i < f->npairs && !found; i++) {
        const fg_pair *q = &f->pairs[i];
        if (strcmp(q->pred, pred.p) != 0)
            continue;
        if ((strlen(q->shown) == vn && memcmp(q->shown, v, vn) == 0) ||
            (strlen(q->value) == vn && memcmp(q->value, v, vn) == 0) ||
            (val_iri && strcmp(q->value, val.p) == 0))
            found = 1;
    }
done:
    fg_buf_free(&pred);
    fg_buf_free(&val);
    return found;
}

/* Does fact f satisfy the written fact s[0..n)? */
static int
fact_matches(const fg_world *w, const fg_fact *f, const char *s, size_t n)
{
    const char *p = s, *end = s + n;
    int first = 1;
    while (p < end) {
        while (p < end && *p == ' ')
            p++;
        const char *t = p;
        while (p < end && *p != ' ') {
            /* A value in double quotes may hold spaces: pfx:p="a b". */
            if (*p == '=' && p + 1 < end && p[1] == '"') {
                const char *q = memchr(p + 2, '"', (size_t)(end - p - 2));
                p = q ? q + 1 : end;
                break;
            }
            p++;
        }
        if (p == t)
            break;
        if (first) {
            fg_buf cls = {0};
            int ok = fg_ontology_expand(&w->onto, t, (size_t)(p - t), &cls) == FG_OK &&
                     strcmp(cls.p, f->cls) == 0;
            fg_buf_free(&cls);
            if (!ok)
                return 0;
            first = 0;
            continue;
        }
        const char *eq = memchr(t, '=', (size_t)(p - t));
        if (eq == NULL)
            return 0;
        const char *v = eq + 1;
        size_t vn = (size_t)(p - v);
        if (vn >= 2 && v[0] == '"' && v[vn - 1] == '"') {
            v++;
            vn -= 2;
        }
        if (!has_pair(w, f, t, (size_t)(eq - t), v, vn))
            return 0;
    }
    return !first;
}

static int
check_example(fg_world *w, const fg_rule *r, const fg_example *ex, int *ok)
{
    fg_doc *d;
    *ok = 0;
    int rc = fg_extract_doc(&d, w, "example", ex->text, strlen(ex->text), NULL, FG_KEEP_PAIRS);
    if (rc < 0)
        return rc;
    /* The facts this rule made, and the ones the example lists. */
    size_t made = 0;
    for (size_t i = 0; i < d->nfacts; i++)
        made += d->facts[i].rule == r;
    want wants[32];
    size_t nwant = 0;
    int none = strcmp(ex->expect, "none") == 0;
    for (const char *p = ex->expect; !none && *p && nwant < 32;) {
        const char *semi = strchr(p, ';');
        size_t len = semi ? (size_t)(semi - p) : strlen(p);
        while (len > 0 && p[len - 1] == ' ')
            len--;
        while (len > 0 && *p == ' ') {
            p++;
            len--;
        }
        if (len > 0)
            wants[nwant++] = (want){p, len};
        p = semi ? semi + 1 : p + strlen(p);
    }
    unsigned char used[256] = {0};
    size_t matched = 0;
    for (size_t k = 0; k < nwant; k++) {
        for (size_t i = 0; i < d->nfacts && i < sizeof used; i++) {
            if (d->facts[i].rule != r || used[i])
                continue;
            if (fact_matches(w, &d->facts[i], wants[k].text, wants[k].len)) {
                used[i] = 1;
                matched++;
                break;
            }
        }
    }
    *ok = matched == nwant && made == nwant;
    if (!*ok) {
        fg_buf got = {0};
        for (size_t i = 0; i < d->nfacts && rc == FG_OK; i++) {
            if (d->facts[i].rule != r)
                continue;
            if (got.len > 0)
                rc = fg_buf_adds(&got, " ; ");
            if (rc == FG_OK)
                rc = fg_fact_summary(w, &d->facts[i], &got);
        }
        if (rc == FG_OK)
            fg_report(w, FG_ERROR, FG_EEXAMPLE, &ex->loc,
                      "example of rule %s does not hold: the rule made %s", r->id,
                      got.len ? got.p : "none");
        fg_buf_free(&got);
    }
    fg_doc_free(d);
    return rc;
}

int
fg_world_check_examples(fg_world *w, size_t *n_examples, size_t *n_failed)
{
    size_t total = 0, failed = 0;
    int rc = FG_OK;
    for (size_t i = 0; i < w->nrules && rc >= 0; i++) {
        const fg_rule *r = w->rules[i];
        for (size_t k = 0; k < r->nexamples && rc >= 0; k++) {
            int ok;
            int erc = check_example(w, r, &r->examples[k], &ok);
            if (erc < 0)
                rc = erc;
            total++;
            failed += !ok;
        }
    }
    if (n_examples)
        *n_examples = total;
    if (n_failed)
        *n_failed = failed;
    if (rc < 0)
        return rc;
    return failed ? FG_EEXAMPLE : FG_OK;
}
