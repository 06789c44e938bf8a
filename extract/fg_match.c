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

static int match_rule(fg_doc *d, const fg_rule *r, fg_cands *out);

/* Appends the match in ov (of rule r) to out, unless its span splits a CR LF
 * pair (its anchor would hold a lone CR). */
static int
add_cand(fg_doc *d, const fg_rule *r, fg_cursor *cur, const PCRE2_SIZE *ov, fg_cands *out)
{
    size_t b = ov[0], e = ov[1];
    if (d->text[e - 1] == '\r' && e < d->len && d->text[e] == '\n')
        return FG_OK;
    if (FG_GROW(out->v, out->cap, out->n + 1) < 0)
        return FG_ENOMEM;
    size_t nov = 2 * (size_t)r->match.ncaps;
    PCRE2_SIZE *copy = fg_arena_alloc(d->tracing ? &d->arena : &d->scratch, nov * sizeof *copy);
    if (copy == NULL)
        return FG_ENOMEM;
    memcpy(copy, ov, nov * sizeof *copy);
    fg_cand *c = &out->v[out->n++];
    memset(c, 0, sizeof *c);
    c->rule = r;
    c->b = b;
    c->e = e;
    c->cpb = fg_cursor_cp(cur, b);
    c->cpe = fg_cursor_cp(cur, e);
    c->ov = copy;
    return FG_OK;
}

/* Reports a failed match (the match limit, most often); the rule is
 * skipped for the rest of the document. */
static void
match_failed(fg_doc *d, const fg_rule *r, fg_cursor *cur, size_t at, int rc)
{
    PCRE2_UCHAR msg[256];
    pcre2_get_error_message(rc, msg, sizeof msg);
    fg_report_doc(d->w, FG_WARNING, FG_ELIMIT, r->id, d->id, (long)fg_cursor_cp(cur, at),
                  "%s while searching from here; the rule is skipped for the rest of "
                  "this document (set 'limit' on the rule to change it)",
                  is_limit(rc) ? "match limit reached" : (const char *)msg);
    if (d->tracing && FG_GROW(d->limits, d->caplimits, d->nlimits + 1) == FG_OK)
        d->limits[d->nlimits++] = (fg_limit_hit){r, fg_cursor_cp(cur, at)};
}

static void
use_rule(fg_doc *d, const fg_rule *r)
{
    fg_world *w = d->w;
    pcre2_set_match_limit(w->mctx, (uint32_t)(r->limit ? r->limit : w->match_limit));
    pcre2_set_callout(w->mctx, r->match.dynamic ? dynamic_lexicon : NULL, d);
}

/* The time now when the document times its rules, else 0. */
static double
clock_if(const fg_doc *d)
{
    return d->time_rules ? fg_now() : 0.0;
}

int
fg_match_rule(fg_doc *d, const fg_rule *r, fg_cands *out)
{
    double t0 = clock_if(d);
    size_t n0 = out->n;
    int rc = match_rule(d, r, out);
    fg_rule_stats *st = &d->stats[r->index];
    st->seconds += clock_if(d) - t0;
    st->matches += out->n - n0;
    return rc;
}

/* The pair of characters that start a name, as a bit of a 2^16-bit set. */
static unsigned
pair_bit(uint32_t a, uint32_t b)
{
    return (unsigned)(((a * 0x9E3779B1u) ^ (b * 0x85EBCA77u)) >> 16);
}

/*
 * A rule whose every match starts with the name of a known person
 * (fg_pattern.person_first): the pattern is tried only at the characters
 * that start such a name's first two characters (people's names have two
 * at least; a set of hashed pairs, so a few more starts than needed), in
 * order, from where the last match ended: the matches of the plain search.
 */
static int
match_person_first(fg_doc *d, const fg_rule *r, fg_cands *out)
{
    fg_world *w = d->w;
    uint64_t *pairs = fg_malloc((1u << 16) / 8);
    if (pairs == NULL)
        return FG_ENOMEM;
    memset(pairs, 0, (1u << 16) / 8);
    size_t named = 0;
    for (size_t i = 0; i < d->npeople; i++) {
        const char *s = d->people[i];
        size_t n = strlen(s), k1, k2;
        uint32_t a = fg_utf8_decode(s, n, &k1);
        if (k1 >= n)
            continue; /* one character: no match can take it */
        uint32_t b = fg_utf8_decode(s + k1, n - k1, &k2);
        unsigned bit = pair_bit(a, b);
        pairs[bit >> 6] |= (uint64_t)1 << (bit & 63);
        named++;
    }
    fg_cursor cur;
    fg_cursor_init(&cur, d->text, d->cp_marks);
    use_rule(d, r);
    size_t next = 0, p = 0, k;
    uint32_t a = named ? fg_utf8_decode(d->text, d->len, &k) : 0;
    while (named && p < d->len) {
        size_t q = p + k;
        if (q >= d->len)
            break;
        size_t kq;
        uint32_t b = fg_utf8_decode(d->text + q, d->len - q, &kq);
        unsigned bit = pair_bit(a, b);
        if (p >= next && (pairs[bit >> 6] >> (bit & 63) & 1)) {
            d->stats[r->index].hits++;
            d->stats[r->index].searches++;
            pcre2_set_offset_limit(w->mctx, p);
            int rc = pcre2_match(r->match.re_window, (PCRE2_SPTR)d->text, d->len, p,
                                 PCRE2_NO_UTF_CHECK, w->md, w->mctx);
            pcre2_set_offset_limit(w->mctx, PCRE2_UNSET);
            if (rc >= 0) {
                PCRE2_SIZE *ov = pcre2_get_ovector_pointer(w->md);
                next = ov[1];
                if (ov[1] > ov[0] && add_cand(d, r, &cur, ov, out) < 0) {
                    fg_free(pairs);
                    return FG_ENOMEM;
                }
            } else if (rc != PCRE2_ERROR_NOMATCH) {
                match_failed(d, r, &cur, p, rc);
                break;
            }
        }
        p = q;
        a = b;
        k = kq;
    }
    fg_free(pairs);
    return FG_OK;
}

static int
match_rule(fg_doc *d, const fg_rule *r, fg_cands *out)
{
    fg_world *w = d->w;
    if (r->match.person_first && !d->full_scan)
        return match_person_first(d, r, out);
    use_rule(d, r);
    fg_cursor cur;
    fg_cursor_init(&cur, d->text, d->cp_marks);
    size_t start = 0;
    while (start <= d->len) {
        d->stats[r->index].searches++;
        /* The window pattern, where there is one, is the one with JIT; no
         * offset limit is set here. */
        int rc =
            pcre2_match(r->match.re_window ? r->match.re_window : r->match.re, (PCRE2_SPTR)d->text,
                        d->len, start, PCRE2_NO_UTF_CHECK, w->md, w->mctx);
        if (rc == PCRE2_ERROR_NOMATCH)
            break;
        if (rc < 0) {
            match_failed(d, r, &cur, start, rc);
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
        if (add_cand(d, r, &cur, ov, out) < 0)
            return FG_ENOMEM;
    }
    return FG_OK;
}

/* ===================================================================
 * A set of rules: one pass for the anchors, then windows
 * ================================================================= */

/*
 * Each rule with an anchor keeps a pending window of starts [ws, we]: the
 * positions from where a match holding a literal it requires can start
 * (fg_anchor_start: the literal's offset in characters back, or after a
 * barrier character) to the literal. A window is tried once no later hit
 * can ask for a start at or before its end; until then later windows merge
 * into it. Hits come in order of their end, so a later literal starts at
 * most maxlen bytes (the anchor's longest literal) before this one. Trying
 * means searching from where the last match ended with the offset limit at
 * the window's last start: exactly the starts at which the plain search
 * could find a match, in the same order. Each scan back stops at the
 * window's end, where the last search ended or at the last hit that
 * reaches back to a barrier, so it reads each byte of the text a bounded
 * number of times, however far FG_REACH_BARRIER is.
 */
typedef struct wstate {
    const fg_rule *r;
    size_t next; /* no match of this rule starts before this byte */
    size_t ws, we;
    size_t we_off; /* the offset of the literal at we */
    int pending, dead;
    /* The last hit of a literal that reaches back to a barrier, and where
     * its matches can start: later hits with no barrier between share it. */
    int barrier_known;
    size_t barrier_at, barrier_ws;
    double seconds;
} wstate;

typedef struct wscan {
    fg_doc *d;
    wstate *st;
    fg_cands *out;
    int rc;
    /* One for every rule: their windows follow the scan, a little behind
     * it, so the text is counted about once, not once a rule. */
    fg_cursor cur;
} wscan;

static size_t
next_char(const char *t, size_t len, size_t at)
{
    at++;
    while (at < len && ((unsigned char)t[at] & 0xC0) == 0x80)
        at++;
    return at;
}

static int
flush(wscan *sc, wstate *s)
{
    fg_doc *d = sc->d;
    fg_world *w = d->w;
    const fg_rule *r = s->r;
    s->pending = 0;
    if (s->dead)
        return FG_OK;
    double t0 = clock_if(d);
    use_rule(d, r);
    size_t p = s->ws > s->next ? s->ws : s->next;
    /* One search from the window's first start; the offset limit keeps
     * every match it finds starting within the window. PCRE2's own start
     * optimisations skip the starts that cannot match. */
    pcre2_set_offset_limit(w->mctx, s->we);
    while (p <= s->we && p < d->len) {
        d->stats[r->index].searches++;
        int rc = pcre2_match(r->match.re_window, (PCRE2_SPTR)d->text, d->len, p, PCRE2_NO_UTF_CHECK,
                             w->md, w->mctx);
        if (rc == PCRE2_ERROR_NOMATCH) {
            p = next_char(d->text, d->len, s->we); /* no match starts in the rest */
            break;
        }
        if (rc < 0) {
            match_failed(d, r, &sc->cur, p, rc);
            s->dead = 1;
            break;
        }
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(w->md);
        if (ov[1] <= ov[0]) { /* cannot be: a match holds its literal */
            p = next_char(d->text, d->len, ov[0]);
            continue;
        }
        p = ov[1];
        if (add_cand(d, r, &sc->cur, ov, sc->out) < 0) {
            sc->rc = FG_ENOMEM;
            break;
        }
    }
    pcre2_set_offset_limit(w->mctx, PCRE2_UNSET);
    if (p > s->next)
        s->next = p;
    s->seconds += clock_if(d) - t0;
    return sc->rc;
}

/* The earliest start of a match holding the literal that starts at byte
 * start, with offset off; no earlier than floor when that is where the
 * scan stops (an earlier start would be tried in vain). A literal that
 * reaches back to a barrier scans back no further than the last such hit
 * of the rule: with no barrier between, the two share their start, and a
 * hit that starts before that one ends after it, so its literal covers
 * that one's start. Each byte is so scanned a bounded number of times. */
static size_t
hit_start(wstate *s, const char *t, size_t start, size_t off, size_t floor)
{
    const fg_anchor *a = &s->r->match.anchor;
    if (off != FG_REACH_BARRIER)
        return fg_anchor_start(a, t, start, off, floor);
    if (s->barrier_known && start <= s->barrier_at)
        return s->barrier_ws;
    size_t stop = s->barrier_known && s->barrier_at > floor ? s->barrier_at : floor;
    size_t ws = fg_anchor_start(a, t, start, off, stop);
    if (ws <= stop && s->barrier_known && s->barrier_at == stop)
        ws = s->barrier_ws;
    s->barrier_known = 1;
    s->barrier_at = start;
    s->barrier_ws = ws;
    return ws;
}

static int
on_hit(void *arg, size_t slot, size_t start, size_t off)
{
    wscan *sc = arg;
    wstate *s = &sc->st[slot];
    sc->d->stats[s->r->index].hits++;
    if (s->dead)
        return 0;
    const fg_anchor *a = &s->r->match.anchor;
    const char *t = sc->d->text;
    if (s->pending) {
        /* The earliest start any later hit of this rule can ask for; the
         * scan back need not pass the window's end to tell. */
        size_t lo = start > a->maxlen ? start - a->maxlen : 0;
        while (lo > 0 && ((unsigned char)t[lo] & 0xC0) == 0x80)
            lo--;
        if (fg_anchor_start(a, t, lo, a->maxoff, s->we) <= s->we) {
            /* A hit after the window's last, reaching no further back,
             * asks for no earlier start (a run of digits, say). */
            if (start < s->we || off > s->we_off) {
                size_t ws = hit_start(s, t, start, off, 0);
                if (ws < s->ws)
                    s->ws = ws;
            }
            if (start >= s->we) {
                s->we = start;
                s->we_off = off;
            }
            return 0;
        }
        if (flush(sc, s) < 0)
            return sc->rc;
    }
    /* No match starts before s->next: the scan back stops there. */
    s->ws = hit_start(s, t, start, off, s->next);
    s->we = start;
    s->we_off = off;
    s->pending = 1;
    return 0;
}

static int
by_rule_start(const void *a, const void *b)
{
    const fg_cand *x = a, *y = b;
    if (x->rule->index != y->rule->index)
        return x->rule->index < y->rule->index ? -1 : 1;
    return x->b < y->b ? -1 : x->b > y->b;
}

int
fg_match_set(fg_doc *d, const fg_ruleset *set, fg_cands *out)
{
    int rc = FG_OK;
    if (set->ac == NULL || d->full_scan) {
        for (size_t i = 0; i < set->n && rc == FG_OK; i++)
            rc = fg_match_rule(d, set->rules[i], out);
        return rc;
    }
    size_t n0 = out->n;
    wstate *st = fg_malloc(set->n * sizeof *st);
    if (st == NULL)
        return FG_ENOMEM;
    memset(st, 0, set->n * sizeof *st);
    for (size_t i = 0; i < set->n; i++)
        st[i].r = set->rules[i];
    /* Rules without an anchor scan the text, as ever. */
    for (size_t i = 0; i < set->n && rc == FG_OK; i++)
        if (!set->rules[i]->match.has_anchor)
            rc = fg_match_rule(d, set->rules[i], out);
    wscan sc = {d, st, out, FG_OK, {0}};
    fg_cursor_init(&sc.cur, d->text, d->cp_marks);
    double t0 = clock_if(d);
    if (rc == FG_OK)
        rc = fg_ac_scan(set->ac, d->text, d->len, on_hit, &sc);
    /* The time in windows is each rule's; the rest of the pass is the
     * prefilter's. */
    double scan = clock_if(d) - t0;
    for (size_t i = 0; i < set->n; i++)
        scan -= st[i].seconds;
    d->prefilter_seconds += scan;
    for (size_t i = 0; i < set->n && rc == FG_OK; i++)
        if (st[i].pending)
            rc = flush(&sc, &st[i]);
    if (rc == FG_OK && sc.rc < 0)
        rc = sc.rc;
    for (size_t i = 0; i < set->n; i++)
        d->stats[st[i].r->index].seconds += st[i].seconds;
    fg_free(st);
    if (rc < 0)
        return rc;
    /* In the order fg_match_rule gives, rule after rule. */
    if (out->n > n0) /* out->v is NULL before the first candidate */
        qsort(out->v + n0, out->n - n0, sizeof *out->v, by_rule_start);
    for (size_t i = n0; i < out->n; i++)
        if (out->v[i].rule->match.has_anchor)
            d->stats[out->v[i].rule->index].matches++;
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
