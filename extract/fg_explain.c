/*
 * fg_explain.c - why a rule fired or did not: every match of every rule in
 * one text, who won each overlap and why, the facts and values built, the
 * rules that hit their match limit and those that matched nothing.
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include "fg_internal.h"

/* The text [b, e) of the document, with line ends shown as \n. */
static void
put_text(FILE *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\n')
            fputs("\\n", out);
        else if (s[i] == '\r')
            fputs("\\r", out);
        else
            fputc(s[i], out);
    }
}

/* Every named capture that took part: name="text". */
static void
put_captures(FILE *out, const fg_doc *d, const fg_cand *c)
{
    const pcre2_code *re = c->rule->match.re;
    uint32_t count, size;
    PCRE2_SPTR table;
    pcre2_pattern_info(re, PCRE2_INFO_NAMECOUNT, &count);
    pcre2_pattern_info(re, PCRE2_INFO_NAMEENTRYSIZE, &size);
    pcre2_pattern_info(re, PCRE2_INFO_NAMETABLE, &table);
    int any = 0;
    for (uint32_t i = 0; i < count; i++) {
        PCRE2_SPTR entry = table + i * size;
        uint32_t g = (uint32_t)(entry[0] << 8 | entry[1]);
        /* With duplicate names, the first group that matched speaks. */
        if (i > 0 && strcmp((const char *)entry + 2, (const char *)entry - size + 2) == 0 && any)
            continue;
        if (g >= c->rule->match.ncaps || c->ov[2 * g] == PCRE2_UNSET)
            continue;
        fprintf(out, "%s%s=\"", any ? " " : "      captures: ", (const char *)entry + 2);
        put_text(out, d->text + c->ov[2 * g], c->ov[2 * g + 1] - c->ov[2 * g]);
        fputc('"', out);
        any = 1;
    }
    if (any)
        fputc('\n', out);
}

static void
put_why(FILE *out, const fg_cand *c, const fg_cand *winner)
{
    const fg_rule *r = c->rule, *wr = winner->rule;
    fprintf(out, "lost to %s [%zu,%zu): ", wr->id, winner->cpb, winner->cpe);
    switch (c->why) {
    case FG_WHY_LONGER:
        fprintf(out, "it is longer (%zu code points against %zu)\n", winner->cpe - winner->cpb,
                c->cpe - c->cpb);
        break;
    case FG_WHY_PRIORITY:
        fprintf(out, "same length, higher priority (%d against %d)\n", wr->priority, r->priority);
        break;
    case FG_WHY_ORDER:
        fprintf(out, "same length and priority, its rule comes first (%s:%d before %s:%d)\n",
                wr->loc.src->name, wr->loc.line, r->loc.src->name, r->loc.line);
        break;
    case FG_WHY_EARLIER:
        fprintf(out, "same length, priority and rule, it starts first\n");
        break;
    }
}

/* The facts a winning candidate made, or why it made none. */
static int
put_facts(FILE *out, const fg_world *w, const fg_doc *d, const fg_cand *c)
{
    int made = 0;
    for (size_t i = 0; i < d->nfacts; i++) {
        const fg_fact *f = &d->facts[i];
        if (f->rule != c->rule || f->b != c->b || f->e != c->e)
            continue;
        fg_buf b = {0};
        if (fg_fact_summary(w, f, &b) < 0) {
            fg_buf_free(&b);
            return FG_ENOMEM;
        }
        fprintf(out, "      %s %s\n", f->attached ? "added to" : "fact:", b.p);
        fg_buf_free(&b);
        made = 1;
    }
    if (!made)
        fprintf(out, "      no fact: %s\n",
                c->rule->attach ? "no earlier fact of its class in its scope to add to"
                                : "a value could not be read exactly (see the captures)");
    return FG_OK;
}

int
fg_explain(fg_world *w, const char *text, size_t len, const fg_options *opt, FILE *out)
{
    fg_doc *d;
    int rc = fg_extract_doc(&d, w, "explain", text, len, opt, FG_KEEP_PAIRS | FG_KEEP_TRACE);
    if (rc < 0)
        return rc;
    fprintf(out, "text: \"");
    put_text(out, d->text, d->len);
    fprintf(out, "\" (%zu code points)\n", d->ncp);
    fprintf(out, "overlaps: within a group the longer match wins, then the higher priority, "
                 "then the rule loaded first, then the earlier start\n");
    for (int phase = 1; phase <= w->max_phase && rc == FG_OK; phase++) {
        fprintf(out, "\nphase %d\n", phase);
        int any = 0;
        /* In the order the rules ran: rule by rule, each in text order. */
        for (size_t i = 0; i < d->ntrace && rc == FG_OK; i++) {
            const fg_cand *c = &d->trace[i];
            if (c->phase != phase)
                continue;
            any = 1;
            fprintf(out, "  %s [%zu,%zu) \"", c->rule->id, c->cpb, c->cpe);
            put_text(out, d->text + c->b, c->e - c->b);
            fprintf(out, "\" (group %s): ", c->rule->group);
            if (c->won)
                fprintf(out, "won\n");
            else
                put_why(out, c, &d->trace[c->beaten_by]);
            put_captures(out, d, c);
            if (c->won)
                rc = put_facts(out, w, d, c);
        }
        if (!any)
            fprintf(out, "  no rule of this phase matched\n");
    }
    fprintf(out, "\nmatch limit: ");
    if (d->nlimits == 0)
        fprintf(out, "no rule reached it\n");
    for (size_t i = 0; i < d->nlimits; i++)
        fprintf(out, "%s%s stopped at its limit searching from offset %zu\n",
                i ? "             " : "", d->limits[i].rule->id, d->limits[i].offset);
    size_t silent = 0;
    for (size_t r = 0; r < w->nrules; r++) {
        int matched = 0;
        for (size_t i = 0; i < d->ntrace && !matched; i++)
            matched = d->trace[i].rule == w->rules[r];
        if (!matched)
            fprintf(out, "%s%s",
                    silent++ ? " " : "\nrules that matched nothing: ", w->rules[r]->id);
    }
    fprintf(out, silent ? "\n" : "\nevery rule matched\n");
    fg_doc_free(d);
    return ferror(out) ? FG_EIO : rc;
}
