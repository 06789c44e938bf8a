/*
 * fg_world.c - the world: raptor and PCRE2 state, the ontology and the rules.
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include "fg_internal.h"
#include "fg_vocab.h"

/* Default PCRE2 match limit: generous for sane patterns, quick to hit for
 * catastrophic ones (a few milliseconds of backtracking). */
#define DEFAULT_MATCH_LIMIT 1000000UL

fg_world *
fg_world_new(fg_diag_fn fn, void *payload)
{
    fg_world *w = fg_malloc(sizeof *w);
    if (w == NULL)
        return NULL;
    memset(w, 0, sizeof *w);
    w->diag = fn;
    w->diag_payload = payload;
    w->match_limit = DEFAULT_MATCH_LIMIT;
    w->raptor = raptor_new_world();
    if (w->raptor == NULL || raptor_world_open(w->raptor) != 0)
        goto fail;
    w->mctx = pcre2_match_context_create(NULL);
    w->jit = pcre2_jit_stack_create(32 * 1024, 1024 * 1024, NULL);
    if (w->mctx == NULL || w->jit == NULL)
        goto fail;
    pcre2_jit_stack_assign(w->mctx, NULL, w->jit);
    return w;
fail:
    fg_world_free(w);
    return NULL;
}

void
fg_world_free(fg_world *w)
{
    if (w == NULL)
        return;
    fg_world_free_sets(w);
    fg_rules_free_all(w);
    fg_ontology_free(&w->onto);
    pcre2_match_data_free(w->md);
    pcre2_match_data_free(w->md_each);
    pcre2_match_context_free(w->mctx);
    pcre2_jit_stack_free(w->jit);
    if (w->raptor)
        raptor_free_world(w->raptor);
    fg_free(w);
}

/* Terms that every output uses, whatever the rules say. */
static const char *const required_terms[] = {
    NIF_CONTEXT,  NIF_OBS,    NIF_IS_STRING, NIF_REF_CONTEXT, NIF_BEGIN,
    NIF_END,      NIF_ANCHOR, PROV_DERIVED,  FG_RULE_CLASS,   FG_RULE,
    FG_RULE_FILE, RDFS_LABEL, FG_SHA256,     FG_SOURCE,       FG_DOC_DATE,
};

int
fg_world_load_ontology(fg_world *w, const char *path)
{
    if (w->onto.loaded) {
        fg_report(w, FG_ERROR, FG_EINVAL, NULL, "an ontology is already loaded");
        return FG_EINVAL;
    }
    int rc = fg_ontology_load(w, &w->onto, path);
    if (rc < 0)
        return rc;
    for (size_t i = 0; i < sizeof required_terms / sizeof required_terms[0]; i++) {
        if (fg_ontology_kinds(&w->onto, required_terms[i]) == 0) {
            fg_report(w, FG_ERROR, FG_EONTOLOGY, NULL,
                      "%s: the ontology must declare %s, which every output uses", path,
                      required_terms[i]);
            rc = FG_EONTOLOGY;
        }
    }
    if (rc < 0)
        w->onto.loaded = 0;
    return rc;
}

int
fg_world_load_rules(fg_world *w, const char *path)
{
    if (!w->onto.loaded) {
        fg_report(w, FG_ERROR, FG_EONTOLOGY, NULL,
                  "load an ontology before rules: templates are checked against it");
        return FG_EONTOLOGY;
    }
    int rc = fg_rules_load_file(w, path);
    /* One match-data block sized for the widest pattern serves every match. */
    pcre2_match_data_free(w->md);
    pcre2_match_data_free(w->md_each);
    w->md = pcre2_match_data_create(w->max_caps + 1, NULL);
    w->md_each = pcre2_match_data_create(w->max_caps + 1, NULL);
    if (w->md == NULL || w->md_each == NULL)
        return FG_ENOMEM;
    int built = fg_world_build_sets(w);
    return built < 0 ? built : rc;
}

void
fg_world_free_sets(fg_world *w)
{
    for (size_t i = 0; i < w->nsets; i++) {
        fg_free(w->sets[i].rules);
        fg_ac_free(w->sets[i].ac);
    }
    fg_free(w->sets);
    w->sets = NULL;
    w->nsets = 0;
}

/* Set k of a rule: 0 for `split` rules, else its phase. */
static size_t
set_of(const fg_rule *r)
{
    return r->split ? 0 : (size_t)r->phase;
}

int
fg_world_build_sets(fg_world *w)
{
    fg_world_free_sets(w);
    size_t n = (size_t)(w->max_phase > 0 ? w->max_phase : 1) + 1;
    for (size_t i = 0; i < w->nrules; i++)
        if (set_of(w->rules[i]) + 1 > n)
            n = set_of(w->rules[i]) + 1;
    w->sets = fg_malloc(n * sizeof *w->sets);
    if (w->sets == NULL)
        return FG_ENOMEM;
    memset(w->sets, 0, n * sizeof *w->sets);
    w->nsets = n;
    const fg_anchor **anchors = fg_malloc((w->nrules ? w->nrules : 1) * sizeof *anchors);
    if (anchors == NULL)
        return FG_ENOMEM;
    int rc = FG_OK;
    for (size_t k = 0; k < n && rc == FG_OK; k++) {
        fg_ruleset *set = &w->sets[k];
        set->rules = fg_malloc((w->nrules ? w->nrules : 1) * sizeof *set->rules);
        if (set->rules == NULL) {
            rc = FG_ENOMEM;
            break;
        }
        size_t anchored = 0;
        for (size_t i = 0; i < w->nrules; i++)
            if (set_of(w->rules[i]) == k) {
                const fg_rule *r = w->rules[i];
                anchors[set->n] = r->match.has_anchor ? &r->match.anchor : NULL;
                anchored += r->match.has_anchor != 0;
                set->rules[set->n++] = r;
            }
        if (anchored > 0 && (set->ac = fg_ac_build(anchors, set->n)) == NULL)
            rc = FG_ENOMEM;
    }
    fg_free(anchors);
    return rc;
}

size_t
fg_world_rule_count(const fg_world *w)
{
    return w->nrules;
}

const char *
fg_world_rules_version(const fg_world *w)
{
    return w->rules_version;
}
