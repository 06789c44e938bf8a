/*
 * fg_match.c - the matcher: run compiled rules over a document, then
 * settle overlapping candidates with a fixed, documented policy.
 * SPDX-License-Identifier: MIT
 *
 * Patterns are compiled once when the rules load. Matching reuses one
 * match-data block for every match and converts byte offsets to code
 * points with a running count, so a rule costs O(n) over a document.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fg_internal.h"

static int
is_limit(int rc)
{
    return rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
           rc == PCRE2_ERROR_HEAPLIMIT || rc == PCRE2_ERROR_JIT_STACKLIMIT;
}

/* The callout of @@person: the group just closed must be the name of someone
 * an earlier phase found; returning 1 makes PCRE2 backtrack (try a shorter name). */
static int
dynamic_lexicon(pcre2_callout_block *cb, void *data)
{
    const fg_doc *d = data;
    if (cb->callout_string == NULL || strcmp((const char *)cb->callout_string, "person") != 0)
        return 0;
    uint32_t g = cb->capture_last;
    PCRE2_SIZE b = cb->offset_vector[2 * g], e = cb->offset_vector[2 * g + 1];
    if (b == PCRE2_UNSET || e <= b)
        return 1;
    return fg_doc_knows_person(d, d->text + b, e - b) ? 0 : 1;
}

static double
now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int match_rule(fg_doc *d, const fg_rule *r, fg_cands *out);

int
fg_match_rule(fg_doc *d, const fg_rule *r, fg_cands *out)
{
    double t0 = now();
    size_t n0 = out->n;
    int rc = match_rule(d, r, out);
    fg_rule_stats *st = &d->stats[r->index];
    st->seconds += now() - t0;
    st->matches += out->n - n0;
    return rc;
}

static int
match_rule(fg_doc *d, const fg_rule *r, fg_cands *out)
{
    fg_world *w = d->w;
    pcre2_set_match_limit(w->mctx, (uint32_t)(r->limit ? r->limit : w->match_limit));
    pcre2_set_callout(w->mctx, r->match.dynamic ? dynamic_lexicon : NULL, d);
    fg_cursor cur;
    fg_cursor_init(&cur, d->text);
    size_t start = 0;
    while (start <= d->len) {
        int rc = pcre2_match(r->match.re, (PCRE2_SPTR)d->text, d->len, start, 0, w->md, w->mctx);
        if (rc == PCRE2_ERROR_NOMATCH)
            break;
        if (rc < 0) {
            PCRE2_UCHAR msg[256];
            pcre2_get_error_message(rc, msg, sizeof msg);
            fg_report_doc(w, FG_WARNING, FG_ELIMIT, r->id, d->id, (long)fg_cursor_cp(&cur, start),
                          "%s while searching from here; the rule is skipped for the rest of "
                          "this document (set 'limit' on the rule to change it)",
                          is_limit(rc) ? "match limit reached" : (const char *)msg);
            if (d->tracing && FG_GROW(d->limits, d->caplimits, d->nlimits + 1) == FG_OK)
                d->limits[d->nlimits++] = (fg_limit_hit){r, fg_cursor_cp(&cur, start)};
            break;
        }
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(w->md);
        size_t b = ov[0], e = ov[1];
        if (e <= b) {
            /* An empty match makes no fact; step over one whole character. */
            start = (b > start ? b : start) + 1;
            while (start < d->len && ((unsigned char)d->text[start] & 0xC0) == 0x80)
                start++;
            continue;
        }
        start = e;
        /* A span must not split a CR LF pair: the anchor would hold a lone CR. */
        if (d->text[e - 1] == '\r' && e < d->len && d->text[e] == '\n')
            continue;

        if (FG_GROW(out->v, out->cap, out->n + 1) < 0)
            return FG_ENOMEM;
        size_t nov = 2 * (size_t)r->match.ncaps;
        PCRE2_SIZE *copy = fg_arena_alloc(&d->arena, nov * sizeof *copy);
        if (copy == NULL)
            return FG_ENOMEM;
        memcpy(copy, ov, nov * sizeof *copy);
        fg_cand *c = &out->v[out->n++];
        memset(c, 0, sizeof *c);
        c->rule = r;
        c->b = b;
        c->e = e;
        c->cpb = fg_cursor_cp(&cur, b);
        c->cpe = fg_cursor_cp(&cur, e);
        c->ov = copy;
    }
    return FG_OK;
}

/* ===================================================================
 * Overlaps
 * ================================================================= */

/* Group, then start: so that each group's overlapping clusters are runs. */
static int
by_group_start(const void *a, const void *b)
{
    const fg_cand *x = *(fg_cand *const *)a, *y = *(fg_cand *const *)b;
    int g = strcmp(x->rule->group, y->rule->group);
    if (g != 0)
        return g;
    if (x->b != y->b)
        return x->b < y->b ? -1 : 1;
    return x->rule->index < y->rule->index ? -1 : x->rule->index > y->rule->index;
}

/* The ranking of the policy; *why gets the criterion that decided. */
static int
rank(const fg_cand *x, const fg_cand *y, fg_why *why)
{
    size_t lx = x->cpe - x->cpb, ly = y->cpe - y->cpb;
    if (lx != ly) {
        *why = FG_WHY_LONGER;
        return lx > ly ? -1 : 1;
    }
    if (x->rule->priority != y->rule->priority) {
        *why = FG_WHY_PRIORITY;
        return x->rule->priority > y->rule->priority ? -1 : 1;
    }
    if (x->rule->index != y->rule->index) {
        *why = FG_WHY_ORDER;
        return x->rule->index < y->rule->index ? -1 : 1;
    }
    *why = FG_WHY_EARLIER;
    return x->b < y->b ? -1 : x->b > y->b;
}

static int
by_rank(const void *a, const void *b)
{
    fg_why why;
    return rank(*(fg_cand *const *)a, *(fg_cand *const *)b, &why);
}

static int
overlap(const fg_cand *x, const fg_cand *y)
{
    return x->b < y->e && y->b < x->e;
}

int
fg_match_resolve(fg_cands *cs)
{
    if (cs->n == 0)
        return FG_OK;
    fg_cand **v = fg_malloc(cs->n * sizeof *v);
    if (v == NULL)
        return FG_ENOMEM;
    for (size_t i = 0; i < cs->n; i++)
        v[i] = &cs->v[i];
    qsort(v, cs->n, sizeof *v, by_group_start);
    /* Clusters: runs of one group whose candidates overlap transitively. */
    for (size_t i = 0; i < cs->n;) {
        size_t j = i + 1, end = v[i]->e;
        while (j < cs->n && v[j]->b < end && strcmp(v[j]->rule->group, v[i]->rule->group) == 0) {
            if (v[j]->e > end)
                end = v[j]->e;
            j++;
        }
        qsort(v + i, j - i, sizeof *v, by_rank);
        for (size_t k = i; k < j; k++) {
            fg_cand *c = v[k];
            c->won = 1;
            for (size_t m = i; m < k; m++) {
                if (v[m]->won && overlap(v[m], c)) {
                    c->won = 0;
                    c->beaten_by = (size_t)(v[m] - cs->v);
                    rank(v[m], c, &c->why);
                    break;
                }
            }
        }
        i = j;
    }
    fg_free(v);
    return FG_OK;
}
