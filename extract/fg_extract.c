/*
 * fg_extract.c - one document from text to a graph: phases of rules,
 * overlaps settled, facts built.
 * SPDX-License-Identifier: MIT
 */
#include <stdlib.h>
#include <string.h>

#include "fg_internal.h"
#include "fg_vocab.h"

int
fg_doc_add(fg_doc *d, const char *s, const char *p, const char *o, const char *dt)
{
    if (s == NULL || p == NULL || o == NULL)
        return FG_ENOMEM; /* a failed arena allocation upstream */
    if (FG_GROW(d->triples, d->captriples, d->ntriples + 1) < 0)
        return FG_ENOMEM;
    d->triples[d->ntriples++] = (fg_triple){s, p, o, dt};
    return FG_OK;
}

/* An IRI base must be absolute and made of characters that need no escaping. */
static int
valid_base(const char *b)
{
    const char *colon = strchr(b, ':');
    if (colon == NULL || colon == b)
        return 0;
    for (const char *p = b; p < colon; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
              (p > b && ((*p >= '0' && *p <= '9') || *p == '+' || *p == '-' || *p == '.'))))
            return 0;
    for (const char *p = b; *p; p++)
        if ((unsigned char)*p <= 0x20 || (unsigned char)*p >= 0x7F || strchr("<>\"{}|\\^`", *p))
            return 0;
    return 1;
}

static int
add_context(fg_doc *d)
{
    const char *n = fg_arena_printf(&d->arena, "%zu", d->ncp);
    if (n == NULL)
        return FG_ENOMEM;
    int rc = fg_doc_add(d, d->iri, RDF_TYPE, NIF_CONTEXT, NULL);
    if (rc == FG_OK)
        rc = fg_doc_add(d, d->iri, NIF_BEGIN, "0", XSD_NNI);
    if (rc == FG_OK)
        rc = fg_doc_add(d, d->iri, NIF_END, n, XSD_NNI);
    if (rc == FG_OK && !d->omit_text)
        rc = fg_doc_add(d, d->iri, NIF_IS_STRING, d->text, XSD_STRING);
    if (rc == FG_OK && d->omit_text) {
        const char *h = fg_arena_strndup(&d->arena, d->sha256, 64);
        rc = fg_doc_add(d, d->iri, FG_SHA256, h, XSD_STRING);
        if (rc == FG_OK && d->source != NULL)
            rc = fg_doc_add(d, d->iri, FG_SOURCE, d->source, XSD_STRING);
    }
    if (rc == FG_OK && d->have_doc_date) {
        char buf[16];
        fg_norm_ymd_xsd(&d->doc_date, buf, sizeof buf);
        const char *s = fg_arena_strndup(&d->arena, buf, strlen(buf));
        rc = fg_doc_add(d, d->iri, FG_DOC_DATE, s, XSD_DATE);
    }
    return rc;
}

/* ===================================================================
 * Scopes: sentences and paragraphs, found once per document
 * ================================================================= */

/* The first index whose end lies past pos (binary search). */
static size_t
first_after(const size_t *ends, size_t n, size_t pos)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ends[mid] <= pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

int
fg_doc_scope(fg_doc *d, size_t pos, size_t end, fg_scope scope, size_t *b, size_t *e)
{
    const fg_article *a = scope == FG_SCOPE_ARTICLE ? fg_doc_article(d, pos) : NULL;
    if (scope == FG_SCOPE_DOCUMENT || (scope == FG_SCOPE_ARTICLE && a == NULL)) {
        *b = 0;
        *e = d->len;
        return FG_OK;
    }
    if (a != NULL) {
        *b = a->b;
        *e = a->e;
        return FG_OK;
    }
    if (!d->scopes_found) {
        int rc = fg_text_ends(d->text, d->len, FG_SCOPE_SENTENCE, &d->sent_ends, &d->nsent);
        if (rc == FG_OK)
            rc = fg_text_ends(d->text, d->len, FG_SCOPE_PARAGRAPH, &d->para_ends, &d->npara);
        if (rc < 0)
            return rc;
        d->scopes_found = 1;
    }
    const size_t *ends = scope == FG_SCOPE_SENTENCE ? d->sent_ends : d->para_ends;
    size_t n = scope == FG_SCOPE_SENTENCE ? d->nsent : d->npara;
    size_t i = first_after(ends, n, pos);
    *b = i > 0 ? ends[i - 1] : 0;
    /* The scope holding the match's start, stretched to hold its end too. */
    size_t k = end > pos ? first_after(ends, n, end - 1) : i;
    *e = k < n ? ends[k] : d->len;
    return FG_OK;
}

/* ===================================================================
 * People found so far: the dynamic lexicon of `where $name in person`
 * ================================================================= */

/* A hash of s[0..n), 8 bytes a step (the IRIs hashed are long and share
 * the document's IRI); the low bits are mixed, for the tables' mask. */
static uint32_t
name_hash(const char *s, size_t n)
{
    uint64_t h = 0x9E3779B97F4A7C15u ^ n, x;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        memcpy(&x, s + i, 8);
        h = (h ^ x) * 0xFF51AFD7ED558CCDu;
        h ^= h >> 32;
    }
    x = 0;
    memcpy(&x, s + i, n - i);
    h = (h ^ x) * 0xC4CEB9FE1A85EC53u;
    h ^= h >> 33;
    return (uint32_t)h;
}

typedef struct fg_strent {
    const char *key;  /* NUL-terminated, in the document's arena */
    uint32_t hash, n; /* nodes: n triples from at */
    size_t at;
} fg_strent;

/* The entry of t that holds key[0..len), or the empty one where it would go. */
static fg_strent *
strtab_slot(const fg_strtab *t, const char *key, size_t len, uint32_t h)
{
    size_t mask = t->cap - 1, i = h & mask;
    while (t->v[i].key != NULL &&
           (t->v[i].hash != h || strncmp(t->v[i].key, key, len) != 0 || t->v[i].key[len] != '\0'))
        i = (i + 1) & mask;
    return &t->v[i];
}

/* Room in t for one more entry. */
static int
strtab_room(fg_strtab *t)
{
    if (2 * (t->n + 1) <= t->cap)
        return FG_OK;
    size_t cap = t->cap ? 2 * t->cap : 64;
    fg_strent *v = fg_malloc(cap * sizeof *v);
    if (v == NULL)
        return FG_ENOMEM;
    memset(v, 0, cap * sizeof *v);
    fg_strtab grown = {v, t->n, cap};
    for (size_t i = 0; i < t->cap; i++)
        if (t->v[i].key != NULL)
            *strtab_slot(&grown, t->v[i].key, strlen(t->v[i].key), t->v[i].hash) = t->v[i];
    fg_free(t->v);
    *t = grown;
    return FG_OK;
}

int
fg_doc_knows_person(const fg_doc *d, const char *name, size_t n)
{
    return d->npeople > 0 && strtab_slot(&d->people_set, name, n, name_hash(name, n))->key != NULL;
}

int
fg_doc_add_person(fg_doc *d, const char *name, size_t n)
{
    if (fg_doc_knows_person(d, name, n))
        return FG_OK;
    if (strtab_room(&d->people_set) < 0)
        return FG_ENOMEM;
    const char *copy = fg_arena_strndup(&d->arena, name, n);
    if (copy == NULL || FG_GROW(d->people, d->cappeople, d->npeople + 1) < 0)
        return FG_ENOMEM;
    uint32_t h = name_hash(name, n);
    *strtab_slot(&d->people_set, name, n, h) = (fg_strent){copy, h, 0, 0};
    d->people_set.n++;
    d->people[d->npeople++] = copy;
    return FG_OK;
}

/* ===================================================================
 * Nodes described once a document
 * ================================================================= */

const char *
fg_doc_node(fg_doc *d, const char *iri, int copy, size_t ntriples, int *fresh)
{
    if (strtab_room(&d->nodes) < 0)
        return NULL;
    size_t len = strlen(iri);
    uint32_t h = name_hash(iri, len);
    fg_strent *e = strtab_slot(&d->nodes, iri, len, h);
    if (e->key != NULL && e->at + e->n <= d->ntriples && d->triples[e->at].s == e->key &&
        strcmp(d->triples[e->at].p, RDF_TYPE) == 0) {
        *fresh = 0;
        return e->key;
    }
    if (copy && (iri = fg_arena_strndup(&d->arena, iri, len)) == NULL)
        return NULL;
    if (e->key == NULL)
        d->nodes.n++;
    *e = (fg_strent){iri, h, (uint32_t)ntriples, d->ntriples};
    *fresh = 1;
    return iri;
}

/* ===================================================================
 * Articles of a newspaper page
 * ================================================================= */

const fg_article *
fg_doc_article(const fg_doc *d, size_t pos)
{
    size_t lo = 0, hi = d->narticles;
    while (lo < hi) { /* the last article that starts at or before pos */
        size_t mid = lo + (hi - lo) / 2;
        if (d->articles[mid].b <= pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return NULL;
    const fg_article *a = &d->articles[lo - 1];
    return pos < a->e ? a : NULL;
}

static size_t
line_start(const char *s, size_t pos)
{
    while (pos > 0 && s[pos - 1] != '\n')
        pos--;
    return pos;
}

/* A headline: a short line that does not end a sentence. */
static int
headline_like(const char *s, size_t b, size_t e)
{
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\r' || s[e - 1] == '\t'))
        e--;
    if (e == b || fg_utf8_count(s + b, e - b) > 64)
        return 0;
    static const char *const ends[] = {"。", "！", "？", "”", "."};
    for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++) {
        size_t l = strlen(ends[i]);
        if (e - b >= l && memcmp(s + e - l, ends[i], l) == 0)
            return 0;
    }
    return 1;
}

static int
by_byte(const void *a, const void *b)
{
    const fg_cand *x = a, *y = b;
    return x->b < y->b ? -1 : x->b > y->b;
}

/*
 * Each match of a `split article` rule (a byline) starts an article: the
 * article begins at the headline lines just above it (up to three lines of
 * at most 64 code points that end no sentence, blank lines between allowed)
 * and runs to the
 * next article. Text before the first article belongs to none.
 */
static int
find_articles(fg_doc *d)
{
    fg_world *w = d->w;
    fg_cands cs = {0};
    int rc = FG_OK;
    if (w->nsets > 0)
        rc = fg_match_set(d, &w->sets[0], &cs);
    if (rc < 0 || cs.n == 0) {
        fg_free(cs.v);
        return rc;
    }
    qsort(cs.v, cs.n, sizeof *cs.v, by_byte);
    size_t floor = 0; /* an article never starts inside the one before's header */
    for (size_t i = 0; i < cs.n && rc == FG_OK; i++) {
        const fg_cand *c = &cs.v[i];
        size_t ls = line_start(d->text, c->b);
        if (ls < floor)
            continue;
        size_t start = ls, head_b = ls, head_e = ls, pos = ls;
        for (int lines = 0; lines < 3 && pos > floor;) {
            size_t le = pos - 1, lb = line_start(d->text, le); /* the line before, no \n */
            if (lb < floor)
                break;
            if (le == lb || (le == lb + 1 && d->text[lb] == '\r')) { /* blank: keep looking */
                pos = lb;
                continue;
            }
            if (!headline_like(d->text, lb, le))
                break;
            if (head_e == ls)
                head_e = le;
            start = head_b = lb;
            pos = lb;
            lines++;
        }
        if (FG_GROW(d->articles, d->caparticles, d->narticles + 1) < 0) {
            rc = FG_ENOMEM;
            break;
        }
        fg_article *a = &d->articles[d->narticles++];
        memset(a, 0, sizeof *a);
        a->b = start;
        a->head_b = head_b;
        a->head_e = head_e;
        a->rule = c->rule;
        floor = c->e;
    }
    for (size_t i = 0; i < d->narticles; i++)
        d->articles[i].e = i + 1 < d->narticles ? d->articles[i + 1].b : d->len;
    /* Offsets in code points, and the article nodes themselves. */
    fg_cursor cur;
    fg_cursor_init(&cur, d->text, d->cp_marks);
    for (size_t i = 0; i < d->narticles && rc == FG_OK; i++) {
        fg_article *a = &d->articles[i];
        a->cpb = fg_cursor_cp(&cur, a->b);
        a->cpe = fg_cursor_cp(&cur, a->e);
        a->iri = fg_arena_printf(&d->arena, "%s/article/%zu", d->iri, i + 1);
        if (a->iri == NULL)
            rc = FG_ENOMEM;
    }
    for (size_t i = 0, k = 0; i < d->narticles && rc == FG_OK; i++) {
        const fg_article *a = &d->articles[i];
        while (k < cs.n && cs.v[k].b < a->b)
            k++;
        const fg_cand *c = k < cs.n ? &cs.v[k] : &cs.v[cs.n - 1]; /* the byline that made it */
        const char *rule = fg_rule_node(d, a->rule);
        const char *mention = fg_add_mention(d, c->b, c->e, c->cpb, c->cpe);
        const char *b = fg_arena_printf(&d->arena, "%zu", a->cpb);
        const char *e = fg_arena_printf(&d->arena, "%zu", a->cpe);
        if (rule == NULL || mention == NULL || b == NULL || e == NULL) {
            rc = FG_ENOMEM;
            break;
        }
        if ((rc = fg_doc_add(d, a->iri, RDF_TYPE, NIF_STRUCTURE, NULL)) < 0 ||
            (rc = fg_doc_add(d, a->iri, RDF_TYPE, FG_ARTICLE_CLASS, NULL)) < 0 ||
            (rc = fg_doc_add(d, a->iri, NIF_REF_CONTEXT, d->iri, NULL)) < 0 ||
            (rc = fg_doc_add(d, a->iri, NIF_BEGIN, b, XSD_NNI)) < 0 ||
            (rc = fg_doc_add(d, a->iri, NIF_END, e, XSD_NNI)) < 0 ||
            (rc = fg_doc_add(d, a->iri, PROV_DERIVED, mention, NULL)) < 0 ||
            (rc = fg_doc_add(d, a->iri, FG_RULE, rule, NULL)) < 0)
            break;
        if (a->head_e > a->head_b) {
            /* The headline's lines, joined by a space. */
            fg_buf h = {0};
            for (size_t p = a->head_b; p < a->head_e; p++) {
                char ch = d->text[p];
                if (ch == '\n' || ch == '\r') {
                    if (h.len > 0 && h.p[h.len - 1] != ' ')
                        rc = fg_buf_addc(&h, ' ');
                } else {
                    rc = fg_buf_addc(&h, ch);
                }
            }
            const char *ht = h.p ? fg_arena_strndup(&d->arena, h.p, h.len) : NULL;
            fg_buf_free(&h);
            if (rc == FG_OK && ht != NULL)
                rc = fg_doc_add(d, a->iri, FG_HEADLINE, ht, XSD_STRING);
        }
    }
    fg_free(cs.v);
    return rc;
}

/* Winners in text order, so that facts are built in the order they are read. */
static int
by_start(const void *a, const void *b)
{
    const fg_cand *x = *(fg_cand *const *)a, *y = *(fg_cand *const *)b;
    if (x->b != y->b)
        return x->b < y->b ? -1 : 1;
    return x->rule->index < y->rule->index ? -1 : x->rule->index > y->rule->index;
}

static int
run_phase(fg_doc *d, int phase, fg_cands *cs)
{
    fg_world *w = d->w;
    cs->n = 0;
    int rc = FG_OK;
    if ((size_t)phase < w->nsets)
        rc = fg_match_set(d, &w->sets[phase], cs);
    if (rc == FG_OK)
        rc = fg_match_resolve(cs);
    if (rc < 0 || cs->n == 0)
        return rc;
    if (phase > 1 && (rc = fg_doc_index_facts(d)) < 0)
        return rc;
    if (d->tracing) {
        /* Keep this phase's candidates; beaten_by becomes an index into trace. */
        if (FG_GROW(d->trace, d->captrace, d->ntrace + cs->n) < 0)
            return FG_ENOMEM;
        for (size_t i = 0; i < cs->n; i++) {
            fg_cand *t = &d->trace[d->ntrace + i];
            *t = cs->v[i];
            t->phase = phase;
            t->beaten_by += d->ntrace;
        }
        d->ntrace += cs->n;
    }
    fg_cand **won = fg_malloc(cs->n * sizeof *won);
    if (won == NULL)
        return FG_ENOMEM;
    size_t n = 0;
    for (size_t i = 0; i < cs->n; i++)
        if (cs->v[i].won) {
            won[n++] = &cs->v[i];
            d->stats[cs->v[i].rule->index].won++;
        }
    qsort(won, n, sizeof *won, by_start);
    for (size_t i = 0; i < n && rc == FG_OK; i++)
        rc = fg_fact_build(d, won[i], w->md_each);
    fg_free(won);
    fg_arena_free(&d->scratch); /* this phase's offsets: its facts are built */
    return rc;
}

/* Frees what only building facts reads (the tables of nodes and people,
 * the scopes, the facts by class): before the sort, the peak of a large
 * document's memory, and with the document. */
static void
drop_extraction_tables(fg_doc *d)
{
    fg_free(d->nodes.v);
    fg_free(d->people_set.v);
    fg_free(d->people);
    fg_free(d->earlier);
    fg_free(d->sent_ends);
    fg_free(d->para_ends);
    d->nodes = d->people_set = (fg_strtab){0};
    d->people = NULL;
    d->npeople = d->cappeople = 0;
    d->earlier = NULL;
    d->nearlier = 0;
    d->sent_ends = d->para_ends = NULL;
    d->nsent = d->npara = 0;
    d->scopes_found = 0;
}

void
fg_doc_free(fg_doc *d)
{
    if (d == NULL)
        return;
    fg_free(d->stats);
    fg_free(d->rule_iris);
    fg_free(d->triples);
    fg_free(d->order);
    fg_free(d->cp_marks);
    fg_buf_free(&d->mint_buf);
    fg_free(d->facts);
    fg_free(d->trace);
    fg_free(d->limits);
    drop_extraction_tables(d);
    fg_free(d->articles);
    fg_arena_free(&d->scratch);
    fg_arena_free(&d->arena);
    fg_free(d);
}

/* strcmp, without reading a string compared with itself: predicates and
 * datatypes are shared constants. */
static int
cmp_str(const char *x, const char *y)
{
    return x == y ? 0 : strcmp(x, y);
}

/* A triple and the rank of its predicate among the document's predicates
 * (as strings): the order of the triples of one subject is predicate, IRI
 * before literal, object, datatype. */
typedef struct ranked {
    fg_triple t;
    uint32_t p;   /* the rank of t.p */
    uint32_t idx; /* where t is in the document's triples */
} ranked;

static int
cmp_rest(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->p != y->p)
        return x->p < y->p ? -1 : 1;
    if ((x->t.dt == NULL) != (y->t.dt == NULL))
        return x->t.dt == NULL ? -1 : 1;
    int c = cmp_str(x->t.o, y->t.o);
    if (c == 0 && x->t.dt != NULL)
        c = cmp_str(x->t.dt, y->t.dt);
    return c;
}

static int
by_string(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The predicates of a document are a few shared strings: a table from
 * each pointer to the rank of its string (equal strings, equal ranks). */
typedef struct prank {
    const char **key; /* open addressing on the pointer; NULL: empty */
    size_t *rank;
    size_t cap;
} prank;

static size_t
prank_slot(const prank *t, const char *p)
{
    size_t i = ((uintptr_t)p >> 3) * 0x9E3779B97F4A7C15u >> 7 & (t->cap - 1);
    while (t->key[i] != NULL && t->key[i] != p)
        i = (i + 1) & (t->cap - 1);
    return i;
}

static int
prank_build(prank *t, const fg_triple *v, size_t n)
{
    size_t distinct = 0;
    const char **seen = NULL;
    memset(t, 0, sizeof *t);
    for (int again = 1; again;) {
        again = 0;
        t->cap = t->cap ? 2 * t->cap : 64;
        fg_free(t->key);
        fg_free(seen);
        t->key = fg_malloc(t->cap * sizeof *t->key);
        seen = fg_malloc(t->cap / 2 * sizeof *seen);
        if (t->key == NULL || seen == NULL) {
            fg_free(seen);
            return FG_ENOMEM;
        }
        memset(t->key, 0, t->cap * sizeof *t->key);
        distinct = 0;
        for (size_t i = 0; i < n && !again; i++) {
            size_t k = prank_slot(t, v[i].p);
            if (t->key[k] == NULL) {
                if (distinct == t->cap / 2) /* at most half full */
                    again = 1;
                else
                    t->key[k] = seen[distinct++] = v[i].p;
            }
        }
    }
    t->rank = fg_malloc(t->cap * sizeof *t->rank);
    if (t->rank == NULL) {
        fg_free(seen);
        return FG_ENOMEM;
    }
    qsort(seen, distinct, sizeof *seen, by_string);
    for (size_t i = 0, r = 0; i < distinct; i++) {
        if (i > 0 && strcmp(seen[i - 1], seen[i]) != 0)
            r = i;
        t->rank[prank_slot(t, seen[i])] = r;
    }
    fg_free(seen);
    return FG_OK;
}

static void
prank_free(prank *t)
{
    fg_free(t->key);
    fg_free(t->rank);
}

typedef struct subject {
    /* Bytes off to off + 16 of s, big-endian, zero after its end, for the
     * offset off its sort has reached: s goes on past them when the last
     * of them is not zero. */
    uint64_t k1, k2;
    const char *s;
    uint32_t at, n; /* the run of triples with this subject pointer */
} subject;

static unsigned
key_byte(const subject *x, int i)
{
    return i < 8 ? (unsigned)(x->k1 >> (8 * (7 - i)) & 0xFF)
                 : (unsigned)(x->k2 >> (8 * (15 - i)) & 0xFF);
}

static int
same_key(const subject *x, const subject *y)
{
    return x->k1 == y->k1 && x->k2 == y->k2;
}

static int
same_subject(const subject *x, const subject *y)
{
    return x->s == y->s || strcmp(x->s, y->s) == 0;
}

/* Whether x sorts after y; both start with the same off bytes. */
static int
after(const subject *x, const subject *y, size_t off)
{
    return x->s != y->s && strcmp(x->s + off, y->s + off) > 0;
}

/* A merge sort, by insertion below 16: for a few hundred subjects. */
static void
merge_subjects(subject *v, size_t n, size_t off, subject *tmp)
{
    if (n < 16) {
        for (size_t i = 1; i < n; i++) {
            subject x = v[i];
            size_t j = i;
            for (; j > 0 && after(&v[j - 1], &x, off); j--)
                v[j] = v[j - 1];
            v[j] = x;
        }
        return;
    }
    size_t h = n / 2, a = 0, b = h, o = 0;
    merge_subjects(v, h, off, tmp);
    merge_subjects(v + h, n - h, off, tmp);
    if (!after(&v[h - 1], &v[h], off))
        return;
    memcpy(tmp, v, h * sizeof *v);
    while (a < h && b < n)
        v[o++] = after(&tmp[a], &v[b], off) ? v[b++] : tmp[a++];
    while (a < h)
        v[o++] = tmp[a++];
}

/*
 * Sorts subjects by their strings, which all hold the same off bytes first:
 * by the next 16 bytes (a radix sort a byte at a time from the last,
 * stable, skipping a byte the same in every key), then each run of equal
 * keys by the 16 bytes after, and so on; a few hundred by a merge sort (a
 * radix sort costs 16 passes of 256 counts). IRIs share long prefixes (the
 * document's, an article's), which a comparison from their start would
 * read each time. tmp holds n subjects.
 */
enum { AHEAD = 8 }; /* loads asked for this many strings or runs ahead */

static void
sort_subjects(subject *v, size_t n, size_t off, subject *tmp)
{
    if (n < 256 || off > 4096) { /* too few to pay, or deep enough */
        merge_subjects(v, n, off, tmp);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        if (i + AHEAD < n)
            FG_PREFETCH(v[i + AHEAD].s + off);
        const unsigned char *p = (const unsigned char *)v[i].s + off;
        uint64_t k[2] = {0, 0};
        size_t j = 0;
        for (; j < 16 && p[j] != '\0'; j++)
            k[j / 8] |= (uint64_t)p[j] << (8 * (7 - j % 8));
        v[i].k1 = k[0];
        v[i].k2 = k[1];
    }
    subject *a = v, *b = tmp;
    for (int byte = 15; byte >= 0; byte--) {
        size_t count[257] = {0};
        for (size_t i = 0; i < n; i++)
            count[key_byte(&a[i], byte) + 1]++;
        if (count[key_byte(&a[0], byte) + 1] == n)
            continue;
        for (int c = 0; c < 256; c++)
            count[c + 1] += count[c];
        for (size_t i = 0; i < n; i++)
            b[count[key_byte(&a[i], byte)]++] = a[i];
        subject *t = a;
        a = b;
        b = t;
    }
    if (a != v)
        memcpy(v, a, n * sizeof *v);
    /* Equal keys: the same string when it ends in them, else sorted on. */
    for (size_t i = 0, j; i < n; i = j) {
        for (j = i + 1; j < n && same_key(&v[j], &v[i]); j++)
            ;
        if (j - i > 1 && (v[i].k2 & 0xFF) != 0)
            sort_subjects(v + i, j - i, off + 16, tmp);
    }
}

/* The number of bytes every subject of v starts with. */
static size_t
common_prefix(const subject *v, size_t n)
{
    size_t lcp = n ? strlen(v[0].s) : 0;
    for (size_t i = 1; i < n && lcp > 0; i++) {
        size_t c = 0;
        while (c < lcp && v[i].s[c] == v[0].s[c])
            c++;
        lcp = c;
    }
    return lcp;
}

/*
 * Most subjects start with the document's IRI (its mentions, facts,
 * people), which may be long: sorted past it, their keys hold the bytes
 * that differ. Puts first the *below subjects that sort before every IRI
 * starting with prefix (they differ from it by a smaller byte or are a
 * part of it), then the *at that start with it, then the rest, which sort
 * after. tmp holds n subjects.
 */
static void
split_by_prefix(subject *v, size_t n, const char *prefix, subject *tmp, size_t *below, size_t *at)
{
    size_t plen = strlen(prefix), count[3] = {0, 0, 0};
    for (size_t i = 0; i < n; i++) { /* the class in k1 until sort_subjects sets the key */
        if (i + AHEAD < n)
            FG_PREFETCH(v[i + AHEAD].s);
        int c = strncmp(v[i].s, prefix, plen);
        v[i].k1 = c < 0 ? 0 : c == 0 ? 1 : 2;
        count[v[i].k1]++;
    }
    size_t next[3] = {0, count[0], count[0] + count[1]};
    for (size_t i = 0; i < n; i++)
        tmp[next[v[i].k1]++] = v[i];
    memcpy(v, tmp, n * sizeof *v);
    *below = count[0];
    *at = count[1];
}

/* Sorts the triples (by subject, predicate, IRI before literal, object,
 * datatype, as strings), and drops repeats: the same node named twice is
 * one node. A node's triples are made together and share its IRI: the
 * runs of one subject pointer are sorted by their strings, and the runs of
 * one subject string gathered and sorted by the rest (they are a few).
 * The order found is kept in d->order, the repeats past d->nsorted: 4
 * bytes a triple, and while sorting 64 a run. */
static int
sort_triples(fg_doc *d)
{
    size_t n = d->ntriples, nruns = 0;
    if (n > UINT32_MAX) /* 128 GB of triples: the caller says out of memory */
        return FG_ENOMEM;
    for (size_t i = 0; i < n; i++)
        nruns += i == 0 || d->triples[i].s != d->triples[i - 1].s;
    subject *subj = fg_malloc((nruns ? nruns : 1) * sizeof *subj);
    subject *tmp = fg_malloc((nruns ? nruns : 1) * sizeof *tmp);
    uint32_t *order = fg_malloc((n ? n : 1) * sizeof *order);
    ranked *group = NULL;
    size_t capgroup = 0, kept = 0, dropped = 0;
    int rc = subj && tmp && order ? FG_OK : FG_ENOMEM;
    prank pr = {0};
    if (rc == FG_OK)
        rc = prank_build(&pr, d->triples, n);
    if (rc == FG_OK) {
        for (size_t i = 0, r = 0; i < n; i++)
            if (i == 0 || d->triples[i].s != d->triples[i - 1].s) {
                if (r > 0)
                    subj[r - 1].n = (uint32_t)(i - subj[r - 1].at);
                subj[r++] = (subject){0, 0, d->triples[i].s, (uint32_t)i, 0};
            }
        if (nruns > 0)
            subj[nruns - 1].n = (uint32_t)(n - subj[nruns - 1].at);
        size_t below, at;
        split_by_prefix(subj, nruns, d->iri, tmp, &below, &at);
        sort_subjects(subj, below, common_prefix(subj, below), tmp);
        sort_subjects(subj + below, at, d->iri_len, tmp);
        sort_subjects(subj + below + at, nruns - below - at,
                      common_prefix(subj + below + at, nruns - below - at), tmp);
    }
    for (size_t i = 0, j; i < nruns && rc == FG_OK; i = j) {
        size_t m = 0;
        for (j = i; j < nruns && (j == i || same_subject(&subj[i], &subj[j])); j++) {
            if (j + AHEAD < nruns) {
                FG_PREFETCH(subj[j + AHEAD].s);
                FG_PREFETCH(&d->triples[subj[j + AHEAD].at]);
            }
            m += subj[j].n;
        }
        if (FG_GROW(group, capgroup, m) < 0) {
            rc = FG_ENOMEM;
            break;
        }
        size_t g = 0;
        for (size_t r = i; r < j; r++)
            for (size_t t = subj[r].at; t < (size_t)subj[r].at + subj[r].n; t++)
                group[g++] =
                    (ranked){d->triples[t], (uint32_t)pr.rank[prank_slot(&pr, d->triples[t].p)],
                             (uint32_t)t};
        if (m > 16)
            qsort(group, m, sizeof *group, cmp_rest);
        else
            for (size_t a = 1; a < m; a++) {
                ranked x = group[a];
                size_t b = a;
                for (; b > 0 && cmp_rest(&group[b - 1], &x) > 0; b--)
                    group[b] = group[b - 1];
                group[b] = x;
            }
        for (size_t a = 0; a < m; a++)
            if (a == 0 || cmp_rest(&group[a - 1], &group[a]) != 0)
                order[kept++] = group[a].idx;
            else
                order[n - ++dropped] = group[a].idx;
    }
    if (rc == FG_OK) {
        d->order = order;
        d->nsorted = kept;
    } else
        fg_free(order);
    prank_free(&pr);
    fg_free(group);
    fg_free(tmp);
    fg_free(subj);
    return rc;
}

int
fg_options_check(fg_world *w, const fg_options *opt)
{
    fg_ymd ymd;
    if (opt == NULL)
        return FG_OK;
    if (opt->base != NULL && !valid_base(opt->base)) {
        fg_report(w, FG_ERROR, FG_EINVAL, NULL,
                  "base IRI '%s' must be absolute, ASCII, without spaces or <>\"{}|\\^`",
                  opt->base);
        return FG_EINVAL;
    }
    if (opt->doc_date != NULL && fg_norm_parse_iso_date(&ymd, opt->doc_date) != FG_OK) {
        fg_report(w, FG_ERROR, FG_EINVAL, NULL, "document date '%s' is not YYYY-MM-DD",
                  opt->doc_date);
        return FG_EINVAL;
    }
    return FG_OK;
}

int
fg_extract_doc(fg_doc **out, fg_world *w, const char *id, const char *text, size_t len,
               const fg_options *opt, int keep)
{
    static const fg_options defaults = {0};
    *out = NULL;
    if (opt == NULL)
        opt = &defaults;
    if (w->md == NULL) {
        fg_report(w, FG_ERROR, FG_EINVAL, NULL, "no rules are loaded");
        return FG_EINVAL;
    }
    size_t bad;
    const char *why;
    if (fg_utf8_check(text, len, &bad, &why) < 0) {
        int nonchar = strncmp(why, "the noncharacter", 16) == 0;
        fg_report_doc(w, FG_ERROR, FG_EINPUT, NULL, id, -1, "%s at byte %zu: %s", why, bad,
                      nonchar ? "take it out of the text"
                              : "the text must be UTF-8 (convert it with iconv)");
        return FG_EINPUT;
    }
    if (fg_options_check(w, opt) < 0)
        return FG_EINVAL;
    const char *base = opt->base ? opt->base : FG_DEFAULT_BASE;
    fg_doc *d = fg_malloc(sizeof *d);
    if (d == NULL)
        return FG_ENOMEM;
    memset(d, 0, sizeof *d);
    d->w = w;
    d->record_pairs = (keep & FG_KEEP_PAIRS) != 0;
    d->tracing = (keep & FG_KEEP_TRACE) != 0;
    d->omit_text = opt->omit_text;
    d->full_scan = opt->full_scan;
    d->time_rules = opt->time_rules;
    int rc = FG_ENOMEM;
    size_t bl = strlen(base);
    int slash = bl > 0 && base[bl - 1] != '/' && base[bl - 1] != '#';
    fg_buf iri = {0};
    d->id = fg_arena_strndup(&d->arena, id, strlen(id));
    d->base = fg_arena_printf(&d->arena, "%s%s", base, slash ? "/" : "");
    d->text = fg_arena_strndup(&d->arena, text, len);
    d->source = opt->source ? fg_arena_strndup(&d->arena, opt->source, strlen(opt->source)) : NULL;
    d->stats = fg_malloc((w->nrules ? w->nrules : 1) * sizeof *d->stats);
    d->rule_iris = fg_malloc((w->nrules ? w->nrules : 1) * sizeof *d->rule_iris);
    if (d->id == NULL || d->base == NULL || d->text == NULL || (opt->source && !d->source) ||
        d->stats == NULL || d->rule_iris == NULL)
        goto fail;
    for (size_t i = 0; i < w->nrules; i++) {
        d->rule_iris[i] = NULL;
        d->stats[i] = (fg_rule_stats){.id = w->rules[i]->id,
                                      .anchor_literals = w->rules[i]->match.anchor.n,
                                      .anchor_reach = w->rules[i]->match.anchor.maxoff,
                                      .anchor_people = w->rules[i]->match.person_first};
    }
    if (fg_buf_printf(&iri, "%sdoc/", d->base) < 0 ||
        fg_buf_add_iri_segment(&iri, id, strlen(id)) < 0)
        goto fail;
    d->iri = fg_arena_strndup(&d->arena, iri.p, iri.len);
    d->iri_len = iri.len;
    if (d->iri == NULL)
        goto fail;
    d->len = len;
    if (d->omit_text)                           /* the hash stands for the text left out */
        fg_sha256_hex(d->text, len, d->sha256); /* of the bytes as given: sha256sum agrees */
    size_t crs = fg_text_lone_cr_to_lf(d->text, len);
    if (crs > 0)
        fg_report_doc(w, FG_WARNING, 0, NULL, id, -1,
                      "%zu line end(s) written as a lone CR are read as LF", crs);
    if ((d->cp_marks = fg_cp_marks(d->text, len, &d->ncp)) == NULL) {
        rc = FG_ENOMEM;
        goto fail;
    }
    if (opt->doc_date != NULL) {
        fg_norm_parse_iso_date(&d->doc_date, opt->doc_date); /* checked above */
        d->have_doc_date = 1;
    }
    if ((rc = add_context(d)) < 0)
        goto fail;
    unsigned long saved = w->match_limit;
    if (opt->match_limit)
        w->match_limit = opt->match_limit;
    fg_cands cs = {0};
    rc = find_articles(d);
    for (int phase = 1; phase <= w->max_phase && rc == FG_OK; phase++)
        rc = run_phase(d, phase, &cs);
    fg_free(cs.v);
    w->match_limit = saved;
    if (rc < 0)
        goto fail;
    drop_extraction_tables(d);
    if ((rc = sort_triples(d)) < 0)
        goto fail;
    fg_buf_free(&iri);
    *out = d;
    return FG_OK;
fail:
    if (rc == FG_ENOMEM)
        fg_report(w, FG_ERROR, FG_ENOMEM, NULL, "out of memory");
    fg_buf_free(&iri);
    fg_doc_free(d);
    return rc;
}

int
fg_extract(fg_doc **out, fg_world *w, const char *id, const char *text, size_t len,
           const fg_options *opt)
{
    return fg_extract_doc(out, w, id, text, len, opt, 0);
}

size_t
fg_doc_fact_count(const fg_doc *d)
{
    return d->nfactnodes;
}

size_t
fg_doc_rule_stats(const fg_doc *d, fg_rule_stats *out, size_t n)
{
    size_t nrules = d->w->nrules;
    for (size_t i = 0; i < n && i < nrules; i++)
        out[i] = d->stats[i];
    return nrules;
}

double
fg_doc_prefilter_seconds(const fg_doc *d)
{
    return d->prefilter_seconds;
}

size_t
fg_doc_triple_count(const fg_doc *d)
{
    return d->nsorted;
}

int
fg_doc_foreach_fact(const fg_doc *d, fg_fact_fn fn, void *payload)
{
    fg_buf text = {0};
    int rc = FG_OK;
    for (size_t i = 0; i < d->nfacts && rc == FG_OK; i++) {
        const fg_fact *f = &d->facts[i];
        /* Attached entries add to an earlier fact or only name a person:
         * they are no fact node of their own. */
        if (f->attached)
            continue;
        fg_buf_reset(&text);
        if (fg_buf_add(&text, d->text + f->b, f->e - f->b) < 0) {
            rc = FG_ENOMEM;
            break;
        }
        fg_fact_info info = {f->iri, f->cls, f->rule->id, f->cpb, f->cpe, text.p, text.len};
        rc = fn(&info, payload);
    }
    fg_buf_free(&text);
    return rc;
}
