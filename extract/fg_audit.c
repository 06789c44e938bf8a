/*
 * fg_audit.c - the audit: every fact of an RDF file checked against the
 * text it claims to come from, read back with raptor and nothing else.
 * SPDX-License-Identifier: MIT
 *
 * Checks, each failure a diagnostic that names the document, the fact, its
 * rule and its span:
 *   - the file parses, with no error raptor only logs;
 *   - a mention has one context, one begin and one end index, and an anchor;
 *     its offsets lie inside the context's text and its anchor is exactly
 *     the code points [begin, end) of that text;
 *   - the text is nif:isString, or a TEXT file whose SHA-256 is the
 *     context's fg:sha256 when the text was left out;
 *   - every fact has a mention and names its rule;
 *   - literals have the datatype the ontology's rdfs:range asks for, and a
 *     lexical form valid for it; IRIs are ASCII; there is no blank node.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fg_internal.h"
#include "fg_vocab.h"

typedef struct context {
    const char *iri;
    const char *text; /* NULL when unknown */
    size_t len;
    size_t *cp; /* byte offset of each code point, and of the end */
    size_t ncp;
    int from_file;
} context;

typedef struct audit {
    fg_world *w;
    fg_rgraph g;
    context *ctx;
    size_t nctx;
    fg_audit_stats *st;
} audit;

/* The part of an IRI after its document, for short messages. */
static const char *
short_iri(const audit *a, const char *iri)
{
    for (size_t i = 0; i < a->nctx; i++) {
        size_t n = strlen(a->ctx[i].iri);
        if (strncmp(iri, a->ctx[i].iri, n) == 0 && (iri[n] == '/' || iri[n] == '#'))
            return iri + n + 1;
    }
    return iri;
}

static const char *
doc_name(const char *iri)
{
    const char *slash = iri ? strrchr(iri, '/') : NULL;
    return slash ? slash + 1 : iri;
}

static void problem(audit *a, const char *doc, const char *rule, long offset, const char *fmt, ...)
    FG_PRINTF(5, 6);

static void
problem(audit *a, const char *doc, const char *rule, long offset, const char *fmt, ...)
{
    fg_buf msg = {0};
    va_list ap;
    va_start(ap, fmt);
    int rc = fg_buf_vprintf(&msg, fmt, ap);
    va_end(ap);
    fg_report_doc(a->w, FG_ERROR, FG_EAUDIT, rule, doc ? doc_name(doc) : a->g.path, offset, "%s",
                  rc == FG_OK ? msg.p : fmt);
    fg_buf_free(&msg);
    a->st->problems++;
}

static context *
find_context(audit *a, const char *iri)
{
    for (size_t i = 0; i < a->nctx; i++)
        if (strcmp(a->ctx[i].iri, iri) == 0)
            return &a->ctx[i];
    return NULL;
}

/* ===================================================================
 * Documents and their texts
 * ================================================================= */

static int
index_text(audit *a, context *c)
{
    size_t n = fg_utf8_count(c->text, c->len);
    c->cp = fg_arena_alloc(&a->g.arena, (n + 1) * sizeof *c->cp);
    if (c->cp == NULL)
        return FG_ENOMEM;
    size_t k = 0;
    for (size_t i = 0; i < c->len; i++)
        if (((unsigned char)c->text[i] & 0xC0) != 0x80)
            c->cp[k++] = i;
    c->cp[k] = c->len;
    c->ncp = n;
    return FG_OK;
}

typedef struct text_file {
    const char *path;
    char *text;
    size_t len;
    char hash[65];    /* of the file as it is, which fg:sha256 records */
    char hash_lf[65]; /* after lone CRs became LF, as nif:isString holds it */
    int used;
} text_file;

static int
load_contexts(audit *a, text_file *files, size_t nfiles)
{
    fg_rgraph *g = &a->g;
    size_t n = 0;
    for (size_t i = 0; i < g->n; i++)
        n += strcmp(g->t[i].p.v, RDF_TYPE) == 0 && strcmp(g->t[i].o.v, NIF_CONTEXT) == 0;
    a->ctx = fg_arena_alloc(&g->arena, (n ? n : 1) * sizeof *a->ctx);
    if (a->ctx == NULL)
        return FG_ENOMEM;
    for (size_t i = 0; i < g->n; i++) {
        if (strcmp(g->t[i].p.v, RDF_TYPE) != 0 || strcmp(g->t[i].o.v, NIF_CONTEXT) != 0)
            continue;
        context *c = &a->ctx[a->nctx++];
        memset(c, 0, sizeof *c);
        c->iri = g->t[i].s.v;
        const fg_rterm *s = fg_rgraph_one(g, c->iri, NIF_IS_STRING, NULL);
        const fg_rterm *h = fg_rgraph_one(g, c->iri, FG_SHA256, NULL);
        if (s != NULL) {
            c->text = s->v;
            c->len = s->len;
        }
        /* A TEXT given on the command line is the original file: it must be
         * the text of a document, by its SHA-256. */
        for (size_t k = 0; k < nfiles; k++) {
            char text_hash[65];
            int match = h && strcmp(h->v, files[k].hash) == 0;
            if (s != NULL) {
                fg_sha256_hex(s->v, s->len, text_hash);
                match = match || strcmp(text_hash, files[k].hash_lf) == 0;
            }
            if (match && !files[k].used) {
                files[k].used = 1;
                if (c->text == NULL) {
                    c->text = files[k].text;
                    c->len = files[k].len;
                    c->from_file = 1;
                }
            }
        }
        if (s != NULL && h != NULL) {
            char text_hash[65];
            fg_sha256_hex(s->v, s->len, text_hash);
            if (strcmp(text_hash, h->v) != 0)
                problem(a, c->iri, NULL, -1,
                        "nif:isString does not have the SHA-256 fg:sha256 says (%s): the text "
                        "was changed",
                        h->v);
        }
        if (c->text == NULL) {
            problem(a, c->iri, NULL, -1,
                    "the text is left out and no TEXT given has its SHA-256 %s: give the "
                    "original file",
                    h ? h->v : "(none: no fg:sha256 either)");
            continue;
        }
        int rc = index_text(a, c);
        if (rc < 0)
            return rc;
        const fg_rterm *end = fg_rgraph_one(g, c->iri, NIF_END, NULL);
        if (end && strtol(end->v, NULL, 10) != (long)c->ncp)
            problem(a, c->iri, NULL, -1,
                    "nif:endIndex is %s but the text has %zu code points: the text was changed",
                    end->v, c->ncp);
    }
    for (size_t k = 0; k < nfiles; k++)
        if (!files[k].used)
            problem(a, NULL, NULL, -1,
                    "%s is the text of no document in the file (its SHA-256 %s matches neither "
                    "a nif:isString nor an fg:sha256): the text was changed, or it is another "
                    "file",
                    files[k].path, files[k].hash);
    a->st->contexts = a->nctx;
    return FG_OK;
}

/* ===================================================================
 * Mentions and facts
 * ================================================================= */

/* Appends at most max code points of s[0..n), escaping line ends. */
static void
quote(fg_buf *b, const char *s, size_t n, size_t max)
{
    size_t cp = 0;
    fg_buf_addc(b, '"');
    for (size_t i = 0; i < n; i++) {
        if (((unsigned char)s[i] & 0xC0) != 0x80 && cp++ == max) {
            fg_buf_adds(b, "…");
            break;
        }
        if (s[i] == '\n')
            fg_buf_adds(b, "\\n");
        else if (s[i] == '\r')
            fg_buf_adds(b, "\\r");
        else
            fg_buf_addc(b, s[i]);
    }
    fg_buf_addc(b, '"');
}

/* Checks one mention; who names the fact it belongs to, for messages. */
static void
check_mention(audit *a, const fg_rmention *m, const char *who, const char *rule)
{
    fg_rgraph *g = &a->g;
    size_t nctx, nb, ne, na;
    fg_rgraph_one(g, m->iri, NIF_REF_CONTEXT, &nctx);
    const fg_rterm *b = fg_rgraph_one(g, m->iri, NIF_BEGIN, &nb);
    const fg_rterm *e = fg_rgraph_one(g, m->iri, NIF_END, &ne);
    fg_rgraph_one(g, m->iri, NIF_ANCHOR, &na);
    const char *doc = m->context ? m->context : m->iri;
    a->st->mentions++;
    if (nctx != 1 || nb != 1 || ne != 1 || na != 1) {
        problem(a, doc, rule, m->b,
                "%s: its mention %s has %zu nif:referenceContext, %zu nif:beginIndex, %zu "
                "nif:endIndex and %zu nif:anchorOf (one each is needed)",
                who, short_iri(a, m->iri), nctx, nb, ne, na);
        return;
    }
    context *c = find_context(a, m->context);
    if (c == NULL) {
        problem(a, doc, rule, m->b, "%s: its mention's context %s is not a nif:Context here", who,
                m->context);
        return;
    }
    if (c->text == NULL)
        return; /* reported once for the context */
    if (m->b < 0 || m->e < 0) {
        problem(a, doc, rule, -1, "%s: offsets \"%s\" and \"%s\" are not numbers", who, b->v, e->v);
        return;
    }
    if (m->b >= m->e || (size_t)m->e > c->ncp) {
        problem(a, doc, rule, m->b,
                "%s [%ld,%ld): the span lies outside the text (%zu code points)", who, m->b, m->e,
                c->ncp);
        return;
    }
    size_t bb = c->cp[m->b], eb = c->cp[m->e];
    if (strlen(m->anchor) == eb - bb && memcmp(m->anchor, c->text + bb, eb - bb) == 0)
        return;
    fg_buf said = {0}, is = {0};
    quote(&said, m->anchor, strlen(m->anchor), 40);
    quote(&is, c->text + bb, eb - bb, 40);
    problem(a, doc, rule, m->b, "%s [%ld,%ld): nif:anchorOf is %s but the %s has %s there", who,
            m->b, m->e, said.p ? said.p : "", c->from_file ? "original file" : "text",
            is.p ? is.p : "");
    fg_buf_free(&said);
    fg_buf_free(&is);
}

typedef struct seen {
    const char *mention;
} seen;

static int
cmp_seen(const void *x, const void *y)
{
    return strcmp(((const seen *)x)->mention, ((const seen *)y)->mention);
}

static void
check_facts(audit *a, const fg_rfact *facts, size_t n)
{
    fg_rgraph *g = &a->g;
    /* A mention shared by several facts is checked once, for the first. */
    size_t total = 0, nseen = 0;
    for (size_t i = 0; i < n; i++)
        total += facts[i].nmentions;
    seen *done = fg_arena_alloc(&g->arena, (total ? total : 1) * sizeof *done);
    for (size_t i = 0; i < n; i++) {
        const fg_rfact *f = &facts[i];
        fg_buf who = {0};
        fg_buf_printf(&who, "%s", short_iri(a, f->iri));
        const char *doc = f->nmentions && f->mentions[0].context ? f->mentions[0].context : f->iri;
        a->st->facts++;
        if (f->nmentions == 0)
            problem(a, doc, f->rule, -1, "%s has no mention (prov:wasDerivedFrom)", who.p);
        if (f->rule == NULL)
            problem(a, doc, NULL, -1, "%s names no rule (fg:rule)", who.p);
        else if (fg_rgraph_one(g, f->iri, FG_RULE, NULL) &&
                 !fg_rgraph_one(g, fg_rgraph_one(g, f->iri, FG_RULE, NULL)->v, RDFS_LABEL, NULL))
            problem(a, doc, f->rule, -1, "%s: its rule %s has no rdfs:label (the rule id)", who.p,
                    f->rule);
        for (size_t k = 0; k < f->nmentions; k++) {
            seen key = {f->mentions[k].iri};
            if (done != NULL &&
                (nseen && bsearch(&key, done, nseen, sizeof *done, cmp_seen) != NULL))
                continue;
            check_mention(a, &f->mentions[k], who.p, f->rule);
            if (done != NULL) { /* kept sorted: insertion, as facts come in IRI order */
                size_t at = nseen;
                while (at > 0 && strcmp(done[at - 1].mention, key.mention) > 0) {
                    done[at] = done[at - 1];
                    at--;
                }
                done[at] = key;
                nseen++;
            }
        }
        fg_buf_free(&who);
    }
    /* Mentions no fact points to (a name's mention, itsrdf:taIdentRef). */
    for (size_t i = 0; i < g->n; i++) {
        const fg_rtriple *t = &g->t[i];
        if (strcmp(t->p.v, RDF_TYPE) != 0 || strcmp(t->o.v, NIF_OBS) != 0)
            continue;
        seen key = {t->s.v};
        if (done != NULL && nseen && bsearch(&key, done, nseen, sizeof *done, cmp_seen) != NULL)
            continue;
        const fg_rterm *c = fg_rgraph_one(g, t->s.v, NIF_REF_CONTEXT, NULL);
        const fg_rterm *an = fg_rgraph_one(g, t->s.v, NIF_ANCHOR, NULL);
        fg_rmention m = {t->s.v, c ? c->v : NULL, -1, -1, an ? an->v : ""};
        const fg_rterm *b = fg_rgraph_one(g, t->s.v, NIF_BEGIN, NULL);
        const fg_rterm *e = fg_rgraph_one(g, t->s.v, NIF_END, NULL);
        m.b = b ? strtol(b->v, NULL, 10) : -1;
        m.e = e ? strtol(e->v, NULL, 10) : -1;
        fg_buf who = {0};
        fg_buf_printf(&who, "mention %s", short_iri(a, t->s.v));
        check_mention(a, &m, who.p, NULL);
        fg_buf_free(&who);
    }
}

/* ===================================================================
 * Terms: datatypes against the ontology, ASCII IRIs, no blank nodes
 * ================================================================= */

/* The XSD datatypes factgrep writes, with a lexical check and the type
 * each is derived from. */
static const struct xsd_type {
    const char *name;
    const char *base;
    const char *form; /* d = digit, anything else literal; '?' makes the next optional */
} xsd_types[] = {
    {"string", NULL, NULL},       {"decimal", NULL, NULL},
    {"integer", "decimal", NULL}, {"nonNegativeInteger", "integer", NULL},
    {"date", NULL, "dddd-dd-dd"}, {"gYearMonth", NULL, "dddd-dd"},
    {"gYear", NULL, "dddd"},      {"gMonthDay", NULL, "--dd-dd"},
    {"gMonth", NULL, "--dd"},
};

static const struct xsd_type *
xsd(const char *iri)
{
    size_t n = strlen(NS_XSD);
    if (iri == NULL)
        iri = NS_XSD "string";
    if (strncmp(iri, NS_XSD, n) != 0)
        return NULL;
    for (size_t i = 0; i < sizeof xsd_types / sizeof xsd_types[0]; i++)
        if (strcmp(iri + n, xsd_types[i].name) == 0)
            return &xsd_types[i];
    return NULL;
}

static int
derives(const struct xsd_type *t, const struct xsd_type *want)
{
    while (t != NULL) {
        if (t == want)
            return 1;
        if (t->base == NULL)
            return 0;
        fg_buf iri = {0};
        fg_buf_printf(&iri, NS_XSD "%s", t->base);
        t = xsd(iri.p);
        fg_buf_free(&iri);
    }
    return 0;
}

static int
valid_lexical(const struct xsd_type *t, const char *v)
{
    if (strcmp(t->name, "string") == 0)
        return 1;
    if (t->form != NULL) {
        size_t i = 0;
        for (; t->form[i] && v[i]; i++)
            if (t->form[i] == 'd' ? !(v[i] >= '0' && v[i] <= '9') : v[i] != t->form[i])
                return 0;
        return t->form[i] == '\0' && v[i] == '\0';
    }
    /* decimal, integer, nonNegativeInteger */
    const char *p = v;
    if (*p == '-' || *p == '+') {
        if (strcmp(t->name, "nonNegativeInteger") == 0 && *p == '-')
            return 0;
        p++;
    }
    int digits = 0, point = 0;
    for (; *p; p++) {
        if (*p >= '0' && *p <= '9')
            digits++;
        else if (*p == '.' && !point && strcmp(t->name, "decimal") == 0)
            point = 1;
        else
            return 0;
    }
    return digits > 0;
}

static int
ascii_iri(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80 || (unsigned char)*s <= 0x20)
            return 0;
    return 1;
}

static void
check_terms(audit *a)
{
    fg_rgraph *g = &a->g;
    const fg_ontology *o = &a->w->onto;
    for (size_t i = 0; i < g->n; i++) {
        const fg_rtriple *t = &g->t[i];
        const char *who = short_iri(a, t->s.v);
        if (t->s.kind == FG_RT_BLANK || t->o.kind == FG_RT_BLANK)
            problem(a, NULL, NULL, -1, "%s: a blank node (factgrep mints an IRI for every node)",
                    t->s.kind == FG_RT_BLANK ? t->s.v : who);
        if ((t->s.kind == FG_RT_IRI && !ascii_iri(t->s.v)) ||
            (t->o.kind == FG_RT_IRI && !ascii_iri(t->o.v)))
            problem(a, NULL, NULL, -1, "%s: an IRI that is not ASCII", who);
        const char *range = o->loaded ? fg_ontology_range(o, t->p.v) : NULL;
        fg_buf p = {0};
        fg_ontology_abbrev(o, t->p.v, &p);
        int datatype = range && strncmp(range, NS_XSD, strlen(NS_XSD)) == 0;
        if (t->o.kind == FG_RT_LITERAL) {
            const struct xsd_type *have = xsd(t->o.dt), *want = datatype ? xsd(range) : NULL;
            if (range != NULL && !datatype)
                problem(a, NULL, NULL, -1, "%s %s: a literal where the ontology expects a %s node",
                        who, p.p, range);
            else if (want != NULL && !derives(have, want))
                problem(a, NULL, NULL, -1,
                        "%s %s \"%s\": its datatype is %s but the ontology expects %s", who, p.p,
                        t->o.v, t->o.dt ? t->o.dt : NS_XSD "string", range);
            else if (have != NULL && !valid_lexical(have, t->o.v))
                problem(a, NULL, NULL, -1, "%s %s \"%s\" is not a valid xsd:%s", who, p.p, t->o.v,
                        have->name);
        } else if (datatype) {
            problem(a, NULL, NULL, -1, "%s %s: a node where the ontology expects a %s literal", who,
                    p.p, range);
        }
        fg_buf_free(&p);
    }
}

int
fg_audit(fg_world *w, const char *path, const char *const *texts, size_t ntexts,
         fg_audit_stats *stats)
{
    fg_audit_stats local;
    audit a;
    memset(&a, 0, sizeof a);
    a.w = w;
    a.st = stats ? stats : &local;
    memset(a.st, 0, sizeof *a.st);
    text_file *files = ntexts ? fg_malloc(ntexts * sizeof *files) : NULL;
    if (ntexts && files == NULL)
        return FG_ENOMEM;
    int rc = FG_OK;
    size_t loaded = 0;
    for (; loaded < ntexts && rc == FG_OK; loaded++) {
        text_file *f = &files[loaded];
        memset(f, 0, sizeof *f);
        f->path = texts[loaded];
        rc = fg_read_file(f->path, &f->text, &f->len);
        if (rc == FG_EIO)
            fg_report(w, FG_ERROR, FG_EIO, NULL, "cannot read %s: %s", f->path, strerror(errno));
        else if (rc == FG_OK) {
            /* Read as extraction read it: spans count the LF a lone CR became. */
            fg_sha256_hex(f->text, f->len, f->hash);
            fg_text_lone_cr_to_lf(f->text, f->len);
            fg_sha256_hex(f->text, f->len, f->hash_lf);
        }
    }
    if (rc == FG_OK) {
        rc = fg_rgraph_load(w, &a.g, path);
        if (rc == FG_EINPUT)
            a.st->problems += (size_t)a.g.errors;
    }
    fg_rfact *facts = NULL;
    size_t nfacts = 0;
    if (rc == FG_OK)
        rc = load_contexts(&a, files, ntexts);
    if (rc == FG_OK)
        rc = fg_rgraph_facts(w, &a.g, &facts, &nfacts);
    if (rc == FG_OK) {
        check_facts(&a, facts, nfacts);
        check_terms(&a);
    }
    for (size_t i = 0; i < loaded; i++)
        fg_free(files[i].text);
    fg_free(files);
    fg_rgraph_free(&a.g);
    if (rc < 0)
        return rc;
    return a.st->problems ? FG_EAUDIT : FG_OK;
}
