/*
 * fg_store.c - the embedded store: factgrep's RDF in a Redland "hashes"
 * store with Berkeley DB, persistent and serverless, and SPARQL over it.
 * SPDX-License-Identifier: MIT
 *
 * Each document's triples go into a context named by the document's IRI,
 * so that --replace can take one document out and put its new extraction
 * in. Triples that belong to no document (rules and roles, which documents
 * share) go into one shared context, once. Redland stores a bag, not a set,
 * so a triple already in its context is not added again: loading the same
 * file twice leaves the store as it was.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <redland.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "fg_internal.h"
#include "fg_vocab.h"

#define SHARED_CONTEXT FG_NS "shared"
#define STORE_NAME "factgrep"

struct fg_store {
    fg_world *w;
    librdf_world *rdf;
    librdf_storage *storage;
    librdf_model *model;
    char *dir;
    int errors; /* errors Redland logged during the current call */
    int quiet;  /* drop Redland's warnings (for queries of our own) */
};

static int
on_log(void *data, librdf_log_message *m)
{
    fg_store *s = data;
    int level = librdf_log_message_level(m);
    const char *msg = librdf_log_message_message(m);
    if (level >= LIBRDF_LOG_ERROR) {
        s->errors++;
        fg_report(s->w, FG_ERROR, FG_EINPUT, NULL, "store %s: %s", s->dir, msg ? msg : "error");
    } else if (level >= LIBRDF_LOG_WARN && !s->quiet && !(msg && strstr(msg, "$$agg$$"))) {
        /* (rasqal 0.9.33 warns that every aggregate's hidden variable is
         * unbound, a false alarm: left out.) */
        fg_report(s->w, FG_WARNING, 0, NULL, "store %s: %s", s->dir, msg ? msg : "warning");
    }
    return 1; /* handled: Redland must not print it */
}

void
fg_store_free(fg_store *s)
{
    if (s == NULL)
        return;
    if (s->model)
        librdf_free_model(s->model);
    if (s->storage)
        librdf_free_storage(s->storage);
    if (s->rdf)
        librdf_free_world(s->rdf);
    fg_free(s->dir);
    fg_free(s);
}

int
fg_store_open(fg_store **out, fg_world *w, const char *dir)
{
    *out = NULL;
    struct stat st;
    if (stat(dir, &st) != 0) {
        if (errno != ENOENT || mkdir(dir, 0777) != 0) {
            fg_report(w, FG_ERROR, FG_EIO, NULL, "cannot make the store folder %s: %s", dir,
                      strerror(errno));
            return FG_EIO;
        }
    } else if (!S_ISDIR(st.st_mode)) {
        fg_report(w, FG_ERROR, FG_EIO, NULL, "%s is not a folder", dir);
        return FG_EIO;
    }
    fg_buf probe = {0}, opts = {0};
    int rc = FG_ENOMEM;
    fg_store *s = fg_malloc(sizeof *s);
    if (s == NULL)
        return FG_ENOMEM;
    memset(s, 0, sizeof *s);
    s->w = w;
    if ((s->dir = fg_strdup(dir)) == NULL)
        goto fail;
    if (fg_buf_printf(&probe, "%s/%s-sp2o.db", dir, STORE_NAME) < 0)
        goto fail;
    int exists = stat(probe.p, &st) == 0;
    /* The folder name goes into Redland's option string: refuse quotes. */
    if (strchr(dir, '\'') != NULL) {
        fg_report(w, FG_ERROR, FG_EINVAL, NULL, "the store folder's name may not hold a quote: %s",
                  dir);
        rc = FG_EINVAL;
        goto fail;
    }
    /* A new store gets the (?, p, ?) index (p2so) too: without it a triple
     * pattern with only its predicate given reads the whole store, and
     * rasqal evaluates an OPTIONAL's patterns again, unbound, for every
     * row on its left. A store made before keeps what it has: Redland
     * would not fill a p2so index it opens empty. */
    fg_buf_reset(&probe);
    if (fg_buf_printf(&probe, "%s/%s-p2so.db", dir, STORE_NAME) < 0)
        goto fail;
    int by_predicate = !exists || stat(probe.p, &st) == 0;
    if (fg_buf_printf(&opts,
                      "new='%s',hash-type='bdb',dir='%s',contexts='yes',index-predicates='%s'",
                      exists ? "no" : "yes", dir, by_predicate ? "yes" : "no") < 0)
        goto fail;
    if ((s->rdf = librdf_new_world()) == NULL)
        goto fail;
    librdf_world_open(s->rdf);
    librdf_world_set_logger(s->rdf, s, on_log);
    s->storage = librdf_new_storage(s->rdf, "hashes", STORE_NAME, opts.p);
    s->model = s->storage ? librdf_new_model(s->rdf, s->storage, NULL) : NULL;
    if (s->model == NULL) {
        fg_report(w, FG_ERROR, FG_EIO, NULL, "cannot open the store in %s", dir);
        rc = FG_EIO;
        goto fail;
    }
    fg_buf_free(&probe);
    fg_buf_free(&opts);
    *out = s;
    return FG_OK;
fail:
    fg_buf_free(&probe);
    fg_buf_free(&opts);
    fg_store_free(s);
    return rc;
}

/* ===================================================================
 * Loading
 * ================================================================= */

/* The document a subject belongs to: the IRI up to and including the
 * segment after its last "/doc/" (factgrep's IRIs are {base}doc/{id}, then
 * '#' or '/' for what the document holds). NULL for rules and roles. */
static size_t
doc_prefix(const char *s)
{
    const char *at = NULL;
    for (const char *p = strstr(s, "/doc/"); p; p = strstr(p + 1, "/doc/"))
        at = p;
    if (at == NULL)
        return 0;
    const char *e = at + 5;
    while (*e && *e != '#' && *e != '/')
        e++;
    return e > at + 5 ? (size_t)(e - s) : 0;
}

typedef struct doc_seen {
    char *iri;
    librdf_node *ctx;
    int check; /* the context had triples before this load: add only new ones */
} doc_seen;

typedef struct loader {
    fg_store *s;
    int replace;
    doc_seen *docs;
    size_t ndocs, capdocs;
    librdf_node *shared;
    fg_load_stats *st;
} loader;

static int
context_empty(fg_store *s, librdf_node *ctx)
{
    librdf_stream *cs = librdf_model_context_as_stream(s->model, ctx);
    int empty = cs == NULL || librdf_stream_end(cs);
    if (cs)
        librdf_free_stream(cs);
    return empty;
}

/* The context of the document iri[0..n), opened (and emptied under
 * --replace) the first time this load sees it. */
static doc_seen *
doc_context(loader *l, const char *iri, size_t n)
{
    for (size_t i = l->ndocs; i-- > 0;) /* a file's statements come document by document */
        if (strlen(l->docs[i].iri) == n && memcmp(l->docs[i].iri, iri, n) == 0)
            return &l->docs[i];
    if (FG_GROW(l->docs, l->capdocs, l->ndocs + 1) < 0)
        return NULL;
    doc_seen *d = &l->docs[l->ndocs];
    d->iri = fg_strndup(iri, n);
    d->ctx =
        d->iri ? librdf_new_node_from_uri_string(l->s->rdf, (const unsigned char *)d->iri) : NULL;
    if (d->ctx == NULL) {
        fg_free(d->iri);
        return NULL;
    }
    l->ndocs++;
    l->st->documents++;
    d->check = !context_empty(l->s, d->ctx);
    if (d->check && l->replace) {
        /* Count what goes, then take it out. */
        librdf_stream *cs = librdf_model_context_as_stream(l->s->model, d->ctx);
        for (; cs && !librdf_stream_end(cs); librdf_stream_next(cs))
            l->st->removed++;
        if (cs)
            librdf_free_stream(cs);
        librdf_model_context_remove_statements(l->s->model, d->ctx);
        d->check = 0;
    }
    return d;
}

/*
 * Is the statement stored already?  The context a statement goes to is a
 * function of its subject (load_statement), so a statement in the model is
 * in that context.  Neither librdf_model_find_statements_in_context (on
 * `hashes` storage it reads past a key buffer: ASan) nor
 * librdf_model_contains_statement (-1 once contexts are on) will do, and
 * librdf_model_find_statements with all three parts given reads every
 * statement of the store (`hashes` has no index for it), which made a load
 * quadratic.  The objects of (subject, predicate) come from the sp2o index:
 * a lookup, then the few objects compared.
 */
static int
present(fg_store *s, librdf_statement *t)
{
    librdf_node *object = librdf_statement_get_object(t);
    librdf_iterator *it = librdf_model_get_targets(s->model, librdf_statement_get_subject(t),
                                                   librdf_statement_get_predicate(t));
    int found = 0;
    for (; it && !found && !librdf_iterator_end(it); librdf_iterator_next(it)) {
        librdf_node *o = librdf_iterator_get_object(it);
        found = o != NULL && librdf_node_equals(o, object);
    }
    if (it)
        librdf_free_iterator(it);
    return found;
}

static int
load_statement(loader *l, librdf_statement *t)
{
    librdf_node *subject = librdf_statement_get_subject(t);
    const char *s = librdf_node_is_resource(subject)
                        ? (const char *)librdf_uri_as_string(librdf_node_get_uri(subject))
                        : "";
    size_t n = doc_prefix(s);
    librdf_node *ctx = l->shared;
    int check = 1;
    if (n > 0) {
        doc_seen *d = doc_context(l, s, n);
        if (d == NULL)
            return FG_ENOMEM;
        ctx = d->ctx;
        check = d->check;
    }
    if (check && present(l->s, t)) {
        l->st->present++;
        return FG_OK;
    }
    if (librdf_model_context_add_statement(l->s->model, ctx, t) != 0) {
        fg_report(l->s->w, FG_ERROR, FG_EIO, NULL, "store %s: cannot add a statement", l->s->dir);
        return FG_EIO;
    }
    l->st->added++;
    return FG_OK;
}

/*
 * After --replace, a rule or role (shared) that no document uses any more
 * leaves the store, so that a replaced store equals a fresh one.  Used: some
 * statement has it as object.  `hashes` has no index by object alone, so
 * one pass over the store marks the shared subjects in use (it stops once
 * all are), rather than a pass for each of them.
 */
static int
drop_orphans(fg_store *s, librdf_node *shared, fg_load_stats *st)
{
    librdf_statement **stmts = NULL; /* the shared context */
    librdf_node **subj = NULL;       /* its distinct subjects */
    char *used = NULL;
    size_t ns = 0, caps = 0, nn = 0, capn = 0;
    int rc = FG_OK;
    librdf_stream *cs = librdf_model_context_as_stream(s->model, shared);
    for (; cs && !librdf_stream_end(cs) && rc == FG_OK; librdf_stream_next(cs)) {
        librdf_statement *t = librdf_stream_get_object(cs);
        librdf_node *subject = librdf_statement_get_subject(t);
        if (FG_GROW(stmts, caps, ns + 1) < 0 ||
            (stmts[ns] = librdf_new_statement_from_statement(t)) == NULL) {
            rc = FG_ENOMEM;
            break;
        }
        ns++;
        int listed = 0;
        for (size_t i = nn; i-- > 0 && !listed;) /* a subject's statements come together */
            listed = librdf_node_equals(subj[i], subject);
        if (listed)
            continue;
        if (FG_GROW(subj, capn, nn + 1) < 0 ||
            (subj[nn] = librdf_new_node_from_node(subject)) == NULL)
            rc = FG_ENOMEM;
        else
            nn++;
    }
    if (cs)
        librdf_free_stream(cs);
    if (rc == FG_OK && nn > 0 && (used = fg_malloc(nn)) == NULL)
        rc = FG_ENOMEM;
    if (rc == FG_OK && nn > 0) {
        memset(used, 0, nn);
        size_t left = nn;
        librdf_stream *all = librdf_model_as_stream(s->model);
        for (; all && left > 0 && !librdf_stream_end(all); librdf_stream_next(all)) {
            librdf_node *o = librdf_statement_get_object(librdf_stream_get_object(all));
            if (o == NULL || librdf_node_is_literal(o))
                continue;
            for (size_t i = 0; i < nn; i++)
                if (!used[i] && librdf_node_equals(subj[i], o)) {
                    used[i] = 1;
                    left--;
                    break;
                }
        }
        if (all)
            librdf_free_stream(all);
        else
            rc = FG_EIO;
    }
    for (size_t k = 0; k < ns; k++) {
        if (rc == FG_OK) {
            librdf_node *subject = librdf_statement_get_subject(stmts[k]);
            size_t i = 0;
            while (i < nn && !librdf_node_equals(subj[i], subject))
                i++;
            if (i < nn && !used[i] &&
                librdf_model_context_remove_statement(s->model, shared, stmts[k]) == 0)
                st->removed++;
        }
        librdf_free_statement(stmts[k]);
    }
    for (size_t i = 0; i < nn; i++)
        librdf_free_node(subj[i]);
    fg_free(stmts);
    fg_free(subj);
    fg_free(used);
    return rc;
}

int
fg_store_load(fg_store *s, const char *path, int replace, fg_load_stats *stats)
{
    fg_load_stats local;
    loader l = {s, replace, NULL, 0, 0, NULL, stats ? stats : &local};
    memset(l.st, 0, sizeof *l.st);
    const char *dot = strrchr(path, '.');
    const char *syntax = dot && strcmp(dot, ".nt") == 0   ? "ntriples"
                         : dot && strcmp(dot, ".nq") == 0 ? "nquads"
                                                          : "turtle";
    struct stat st;
    if (stat(path, &st) != 0) {
        fg_report(s->w, FG_ERROR, FG_EIO, NULL, "cannot read %s: %s", path, strerror(errno));
        return FG_EIO;
    }
    s->errors = 0;
    int rc = FG_ENOMEM;
    librdf_parser *p = librdf_new_parser(s->rdf, syntax, NULL, NULL);
    librdf_uri *uri = librdf_new_uri_from_filename(s->rdf, path);
    l.shared = librdf_new_node_from_uri_string(s->rdf, (const unsigned char *)SHARED_CONTEXT);
    librdf_stream *stream =
        p && uri && l.shared ? librdf_parser_parse_as_stream(p, uri, uri) : NULL;
    if (stream != NULL) {
        rc = FG_OK;
        for (; rc == FG_OK && !librdf_stream_end(stream); librdf_stream_next(stream))
            rc = load_statement(&l, librdf_stream_get_object(stream));
        librdf_free_stream(stream);
    }
    if (rc == FG_OK && s->errors > 0)
        rc = FG_EINPUT; /* reported by the logger, with raptor's line */
    if (rc == FG_OK && replace && l.st->removed > 0)
        rc = drop_orphans(s, l.shared, l.st);
    if (rc == FG_OK)
        librdf_model_sync(s->model);
    for (size_t i = 0; i < l.ndocs; i++) {
        librdf_free_node(l.docs[i].ctx);
        fg_free(l.docs[i].iri);
    }
    fg_free(l.docs);
    if (l.shared)
        librdf_free_node(l.shared);
    if (uri)
        librdf_free_uri(uri);
    if (p)
        librdf_free_parser(p);
    return rc;
}

/* ===================================================================
 * Queries
 * ================================================================= */

typedef struct cell {
    char *text; /* as shown in a table or CSV */
    char *tsv;  /* as a SPARQL TSV term */
    char *json; /* as a SPARQL JSON object */
} cell;

/* Appends s with JSON escapes; UTF-8 is written as it is, never \uXXXX. */
static void
json_string(fg_buf *b, const char *s)
{
    fg_buf_addc(b, '"');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fg_buf_printf(b, "\\%c", c);
        else if (c == '\n')
            fg_buf_adds(b, "\\n");
        else if (c == '\r')
            fg_buf_adds(b, "\\r");
        else if (c == '\t')
            fg_buf_adds(b, "\\t");
        else if (c < 0x20)
            fg_buf_printf(b, "\\u%04x", c);
        else
            fg_buf_addc(b, (char)c);
    }
    fg_buf_addc(b, '"');
}

/* Appends s as a Turtle/N-Triples string body (TSV terms), UTF-8 kept. */
static void
nt_string(fg_buf *b, const char *s)
{
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            fg_buf_addc(b, '\\');
        if (*s == '\n')
            fg_buf_adds(b, "\\n");
        else if (*s == '\r')
            fg_buf_adds(b, "\\r");
        else if (*s == '\t')
            fg_buf_adds(b, "\\t");
        else
            fg_buf_addc(b, *s);
    }
}

static int
make_cell(cell *c, librdf_node *n)
{
    fg_buf text = {0}, tsv = {0}, json = {0};
    if (n == NULL) {
        fg_buf_adds(&text, "");
        fg_buf_adds(&tsv, "");
        fg_buf_adds(&json, "");
    } else if (librdf_node_is_resource(n)) {
        const char *u = (const char *)librdf_uri_as_string(librdf_node_get_uri(n));
        fg_buf_adds(&text, u);
        fg_buf_printf(&tsv, "<%s>", u);
        fg_buf_adds(&json, "{\"type\": \"uri\", \"value\": ");
        json_string(&json, u);
        fg_buf_addc(&json, '}');
    } else if (librdf_node_is_blank(n)) {
        const char *id = (const char *)librdf_node_get_blank_identifier(n);
        fg_buf_printf(&text, "_:%s", id);
        fg_buf_printf(&tsv, "_:%s", id);
        fg_buf_adds(&json, "{\"type\": \"bnode\", \"value\": ");
        json_string(&json, id);
        fg_buf_addc(&json, '}');
    } else {
        const char *v = (const char *)librdf_node_get_literal_value(n);
        librdf_uri *dt = librdf_node_get_literal_value_datatype_uri(n);
        const char *lang = librdf_node_get_literal_value_language(n);
        fg_buf_adds(&text, v ? v : "");
        fg_buf_addc(&tsv, '"');
        nt_string(&tsv, v ? v : "");
        fg_buf_addc(&tsv, '"');
        fg_buf_adds(&json, "{\"type\": \"literal\", \"value\": ");
        json_string(&json, v ? v : "");
        if (dt) {
            const char *d = (const char *)librdf_uri_as_string(dt);
            fg_buf_printf(&tsv, "^^<%s>", d);
            fg_buf_adds(&json, ", \"datatype\": ");
            json_string(&json, d);
        } else if (lang) {
            fg_buf_printf(&tsv, "@%s", lang);
            fg_buf_adds(&json, ", \"xml:lang\": ");
            json_string(&json, lang);
        }
        fg_buf_addc(&json, '}');
    }
    c->text = text.p;
    c->tsv = tsv.p;
    c->json = json.p;
    if (!c->text || !c->tsv || !c->json) {
        fg_buf_free(&text);
        fg_buf_free(&tsv);
        fg_buf_free(&json);
        return FG_ENOMEM;
    }
    return FG_OK;
}

/* Display width in a terminal: wide characters take two columns. */
static size_t
width(const char *s)
{
    size_t w = 0, n = strlen(s);
    while (n > 0) {
        size_t l;
        uint32_t c = fg_utf8_decode(s, n, &l);
        w += c == '\n' ? 2 : (size_t)fg_cp_width(c);
        s += l;
        n -= l;
    }
    return w;
}

static void
put_csv(FILE *out, const char *s)
{
    if (strpbrk(s, ",\"\r\n") == NULL) {
        fputs(s, out);
        return;
    }
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', out);
        fputc(*s, out);
    }
    fputc('"', out);
}

static void
put_table_cell(FILE *out, const char *s, size_t w)
{
    size_t pad = w - width(s);
    for (; *s; s++) {
        if (*s == '\n')
            fputs("\\n", out); /* a line end would break the table */
        else
            fputc(*s, out);
    }
    for (size_t i = 0; i < pad; i++)
        fputc(' ', out);
}

/* Past a comment (# to the end of the line) or an IRI (<...> without
 * spaces, which may hold a '#') at p, or p itself when neither starts there. */
static const char *
skip_comment_or_iri(const char *p)
{
    if (*p == '#') {
        while (*p && *p != '\n')
            p++;
    } else if (*p == '<') {
        const char *e = p + 1;
        while (*e && *e != '>' && *e != ' ' && *e != '\t' && *e != '\n' && *e != '\r')
            e++;
        if (*e == '>')
            p = e + 1;
    }
    return p;
}

/*
 * The variables a SELECT projects, read from the query text: rasqal names
 * them only once a row is read, so an empty result would have no head.
 * "SELECT ?a (COUNT(?x) AS ?n) WHERE" gives a, n. SELECT * gives none.
 * Comments are skipped (a "sub-SELECT" in a comment is not the SELECT);
 * the first SELECT is the query's own, a sub-SELECT's comes after it.
 */
static size_t
projected(const char *q, char ***out)
{
    *out = NULL;
    const char *p = q;
    while (*p) { /* the SELECT keyword, in any case */
        const char *after = skip_comment_or_iri(p);
        if (after != p) {
            p = after;
            continue;
        }
        if ((p == q || !((p[-1] >= 'a' && p[-1] <= 'z') || (p[-1] >= 'A' && p[-1] <= 'Z'))) &&
            strncasecmp(p, "select", 6) == 0)
            break;
        p++;
    }
    if (*p == '\0')
        return 0;
    size_t n = 0, cap = 0, depth = 0;
    char **v = NULL;
    for (p += 6; *p && *p != '{' && !(depth == 0 && strncasecmp(p, "where", 5) == 0); p++) {
        if (*p == '#') {
            p = skip_comment_or_iri(p) - 1;
            continue;
        }
        if (*p == '(')
            depth++;
        else if (*p == ')' && depth > 0)
            depth--;
        else if ((*p == '?' || *p == '$') && (depth == 0 || strncasecmp(p - 3, "AS ", 3) == 0)) {
            const char *e = p + 1;
            while (*e == '_' || (*e >= '0' && *e <= '9') || (*e >= 'a' && *e <= 'z') ||
                   (*e >= 'A' && *e <= 'Z') || (unsigned char)*e >= 0x80)
                e++;
            if (e > p + 1 && FG_GROW(v, cap, n + 1) == FG_OK &&
                (v[n] = fg_strndup(p + 1, (size_t)(e - p - 1))) != NULL)
                n++;
            p = e - 1;
        }
    }
    *out = v;
    return n;
}

static int
write_bindings(fg_store *s, librdf_query_results *r, const char *query, fg_result_format fmt,
               FILE *out)
{
    int nvars = librdf_query_results_get_bindings_count(r);
    if (nvars < 0)
        nvars = 0;
    char **guessed = NULL;
    size_t nguessed = 0;
    if (nvars == 0 && librdf_query_results_finished(r))
        nguessed = projected(query, &guessed);
    size_t cols = nvars ? (size_t)nvars : nguessed, nrows = 0, caprows = 0;
    cell *cells = NULL; /* nrows * cols */
    int rc = FG_OK;
    /* The names first: Redland forgets them once the rows are read. */
    char **names = fg_malloc((cols ? cols : 1) * sizeof *names);
    size_t *w = fg_malloc((cols ? cols : 1) * sizeof *w);
    if (names == NULL || w == NULL)
        rc = FG_ENOMEM;
    for (size_t i = 0; names != NULL && i < cols; i++)
        names[i] = NULL;
    for (size_t i = 0; rc == FG_OK && i < cols; i++) {
        const char *name = nvars ? librdf_query_results_get_binding_name(r, (int)i) : guessed[i];
        names[i] = fg_strdup(name ? name : "?");
        if (names[i] == NULL)
            rc = FG_ENOMEM;
    }
    while (rc == FG_OK && !librdf_query_results_finished(r)) {
        if (FG_GROW(cells, caprows, (nrows + 1) * cols + 1) < 0) {
            rc = FG_ENOMEM;
            break;
        }
        for (size_t i = 0; i < cols && rc == FG_OK; i++) {
            librdf_node *n = librdf_query_results_get_binding_value(r, (int)i);
            rc = make_cell(&cells[nrows * cols + i], n);
            if (n)
                librdf_free_node(n);
        }
        nrows++;
        librdf_query_results_next(r);
    }
    if (rc == FG_OK && s->errors > 0)
        rc = FG_EINVAL;
    if (rc == FG_OK) {
        for (size_t i = 0; i < cols; i++) {
            w[i] = width(names[i]);
            for (size_t k = 0; k < nrows; k++)
                if (width(cells[k * cols + i].text) > w[i])
                    w[i] = width(cells[k * cols + i].text);
        }
        if (rc == FG_OK && fmt == FG_RESULTS_JSON) {
            fputs("{\"head\": {\"vars\": [", out);
            for (size_t i = 0; i < cols; i++) {
                fg_buf b = {0};
                json_string(&b, names[i]);
                fprintf(out, "%s%s", i ? ", " : "", b.p);
                fg_buf_free(&b);
            }
            fputs("]},\n \"results\": {\"bindings\": [", out);
            for (size_t k = 0; k < nrows; k++) {
                fputs(k ? ",\n  {" : "\n  {", out);
                int first = 1;
                for (size_t i = 0; i < cols; i++) {
                    if (cells[k * cols + i].json[0] == '\0')
                        continue; /* unbound */
                    fg_buf b = {0};
                    json_string(&b, names[i]);
                    fprintf(out, "%s%s: %s", first ? "" : ", ", b.p, cells[k * cols + i].json);
                    fg_buf_free(&b);
                    first = 0;
                }
                fputc('}', out);
            }
            fputs("\n]}}\n", out);
        } else if (rc == FG_OK) {
            for (size_t i = 0; i < cols; i++) {
                if (fmt == FG_RESULTS_CSV)
                    fprintf(out, "%s%s", i ? "," : "", names[i]);
                else if (fmt == FG_RESULTS_TSV)
                    fprintf(out, "%s?%s", i ? "\t" : "", names[i]);
                else {
                    fputs(i ? " | " : "", out);
                    put_table_cell(out, names[i], w[i]);
                }
            }
            fputc('\n', out);
            if (fmt == FG_RESULTS_TABLE) {
                for (size_t i = 0; i < cols; i++) {
                    fputs(i ? "-+-" : "", out);
                    for (size_t k = 0; k < w[i]; k++)
                        fputc('-', out);
                }
                fputc('\n', out);
            }
            for (size_t k = 0; k < nrows; k++) {
                for (size_t i = 0; i < cols; i++) {
                    const cell *c = &cells[k * cols + i];
                    if (fmt == FG_RESULTS_CSV) {
                        fputs(i ? "," : "", out);
                        put_csv(out, c->text);
                    } else if (fmt == FG_RESULTS_TSV) {
                        fprintf(out, "%s%s", i ? "\t" : "", c->tsv);
                    } else {
                        fputs(i ? " | " : "", out);
                        put_table_cell(out, c->text, w[i]);
                    }
                }
                fputc('\n', out);
            }
            if (fmt == FG_RESULTS_TABLE)
                fprintf(out, "(%zu row%s)\n", nrows, nrows == 1 ? "" : "s");
        }
    }
    for (size_t i = 0; names != NULL && i < cols; i++)
        fg_free(names[i]);
    fg_free(names);
    for (size_t i = 0; i < nguessed; i++)
        fg_free(guessed[i]);
    fg_free(guessed);
    fg_free(w);
    for (size_t k = 0; k < nrows * cols; k++) {
        fg_free(cells[k].text);
        fg_free(cells[k].tsv);
        fg_free(cells[k].json);
    }
    fg_free(cells);
    return rc;
}

int
fg_store_query(fg_store *s, const char *sparql, fg_result_format fmt, FILE *out)
{
    s->errors = 0;
    librdf_query *q = librdf_new_query(s->rdf, "sparql", NULL, (const unsigned char *)sparql, NULL);
    if (q == NULL) {
        if (s->errors == 0)
            fg_report(s->w, FG_ERROR, FG_EINVAL, NULL, "the query does not parse");
        return FG_EINVAL;
    }
    librdf_query_results *r = librdf_model_query_execute(s->model, q);
    int rc = FG_OK;
    if (r == NULL) {
        if (s->errors == 0)
            fg_report(s->w, FG_ERROR, FG_EINVAL, NULL, "the query cannot run");
        rc = FG_EINVAL;
    } else if (librdf_query_results_is_boolean(r)) {
        int v = librdf_query_results_get_boolean(r);
        if (fmt == FG_RESULTS_JSON)
            fprintf(out, "{\"head\": {}, \"boolean\": %s}\n", v > 0 ? "true" : "false");
        else
            fprintf(out, "%s\n", v > 0 ? "true" : "false");
    } else if (librdf_query_results_is_graph(r)) {
        /* CONSTRUCT and DESCRIBE: the graph as N-Triples. */
        librdf_stream *st = librdf_query_results_as_stream(r);
        librdf_serializer *ser = librdf_new_serializer(s->rdf, "ntriples", NULL, NULL);
        if (st == NULL || ser == NULL ||
            librdf_serializer_serialize_stream_to_file_handle(ser, out, NULL, st) != 0)
            rc = FG_EIO;
        if (ser)
            librdf_free_serializer(ser);
        if (st)
            librdf_free_stream(st);
    } else {
        rc = write_bindings(s, r, sparql, fmt, out);
    }
    if (r)
        librdf_free_query_results(r);
    librdf_free_query(q);
    if (rc == FG_OK && (fflush(out) != 0 || ferror(out)))
        rc = FG_EIO;
    return rc;
}

int
fg_store_count(fg_store *s, size_t *n)
{
    *n = 0;
    s->errors = 0;
    s->quiet = 1; /* rasqal warns that ?s ?p ?o are unused; they are */
    librdf_query *q =
        librdf_new_query(s->rdf, "sparql", NULL,
                         (const unsigned char *)"SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", NULL);
    librdf_query_results *r = q ? librdf_model_query_execute(s->model, q) : NULL;
    int rc = FG_EINVAL;
    if (r && !librdf_query_results_finished(r)) {
        librdf_node *v = librdf_query_results_get_binding_value(r, 0);
        if (v && librdf_node_is_literal(v)) {
            *n = (size_t)strtoull((const char *)librdf_node_get_literal_value(v), NULL, 10);
            rc = FG_OK;
        }
        if (v)
            librdf_free_node(v);
    }
    if (r)
        librdf_free_query_results(r);
    if (q)
        librdf_free_query(q);
    s->quiet = 0;
    return rc;
}
