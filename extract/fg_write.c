/*
 * fg_write.c - the writer: N-Triples and N-Quads written directly, Turtle
 * through one raptor2 serializer a document.
 * SPDX-License-Identifier: MIT
 *
 * The traps of raptor2 2.0.15 (docs/TECH-NOTES.md) are handled before the
 * serializer sees a term: IRIs are minted from safe ASCII only, decimals
 * always carry a point, text is valid UTF-8 without NUL or lone CR, and no
 * base URI is given so that every IRI is written absolute.
 *
 * N-Triples and N-Quads are a line a triple: written here, into one buffer,
 * they cost a sixth of raptor's serializer (65,574 triples: 0.015 s
 * against 0.100 s). They are escaped exactly as
 * raptor's serializer escapes them (ASCII only: \uXXXX beyond it), so the
 * bytes are the same either way; the fuzz harness compares the two.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "fg_internal.h"
#include "fg_vocab.h"

/* ===================================================================
 * N-Triples and N-Quads
 * ================================================================= */

/* Output a buffer at a time, to a stream or to a growing block of memory
 * (whose growth realloc does in place, where open_memstream copies). */
typedef struct nbuf {
    FILE *fp;  /* the stream, or NULL: memory */
    char *mem; /* from fg_realloc: the caller frees it */
    size_t memlen, memcap;
    size_t len;
    int failed; /* FG_EIO or FG_ENOMEM, once something was lost */
    char b[1 << 16];
} nbuf;

static void
nb_sink(nbuf *nb, const char *s, size_t n)
{
    if (n == 0 || nb->failed)
        return;
    if (nb->fp != NULL) {
        if (fwrite(s, 1, n, nb->fp) != n)
            nb->failed = FG_EIO;
        return;
    }
    if (n > nb->memcap - nb->memlen) {
        size_t cap = nb->memcap ? nb->memcap : 1 << 20;
        while (n > cap - nb->memlen)
            cap *= 2;
        char *m = fg_realloc(nb->mem, cap);
        if (m == NULL) {
            nb->failed = FG_ENOMEM;
            return;
        }
        nb->mem = m;
        nb->memcap = cap;
    }
    memcpy(nb->mem + nb->memlen, s, n);
    nb->memlen += n;
}

static void
nb_flush(nbuf *nb)
{
    nb_sink(nb, nb->b, nb->len);
    nb->len = 0;
}

static void
nb_put(nbuf *nb, const char *s, size_t n)
{
    if (n > sizeof nb->b - nb->len) {
        nb_flush(nb);
        if (n > sizeof nb->b) {
            nb_sink(nb, s, n);
            return;
        }
    }
    memcpy(nb->b + nb->len, s, n);
    nb->len += n;
}

#define ONES 0x0101010101010101u
#define HIGHS 0x8080808080808080u

/* Non-zero when one of the 8 bytes of x is zero. */
static uint64_t
zero_byte(uint64_t x)
{
    return (x - ONES) & ~x & HIGHS;
}

/* Whether all 8 bytes of x are written as they are: printable ASCII, not \
 * nor delim. */
static int
plain8(uint64_t x, unsigned char delim)
{
    uint64_t control = (x - ONES * 0x20) & ~x & HIGHS; /* a byte below 0x20 */
    return ((x & HIGHS) | control | zero_byte(x ^ (ONES * 0x7F)) | zero_byte(x ^ (ONES * '\\')) |
            zero_byte(x ^ (ONES * delim))) == 0;
}

/* A string as raptor 2.0.15 escapes it for N-Triples (raptor_escaped.c):
 * \ and the delimiter with a backslash (or \u003E for > in an IRI), \t
 * \n \r, other controls and everything beyond ASCII as \uXXXX or
 * \UXXXXXXXX in upper-case hex. s is valid UTF-8 without NUL. Written
 * straight into the buffer, flushed whenever no more than 10 bytes (the
 * longest escape) are left. */
static void
nb_escaped(nbuf *nb, const char *str, char delim)
{
    static const char hex[] = "0123456789ABCDEF";
    const unsigned char *s = (const unsigned char *)str, *e = s + strlen(str);
    for (;;) {
        if (sizeof nb->b - nb->len <= 10)
            nb_flush(nb);
        char *o = nb->b + nb->len, *end = nb->b + sizeof nb->b - 10;
        while (o < end && s < e) {
            uint32_t c = *s;
            if (c < 0x80) {
                /* Runs of plain ASCII (IRIs are), 8 bytes at a time. */
                uint64_t x;
                while (e - s >= 8 && end - o >= 8 &&
                       (memcpy(&x, s, 8), plain8(x, (unsigned char)delim))) {
                    memcpy(o, s, 8);
                    o += 8;
                    s += 8;
                }
                if (o >= end || s >= e)
                    break;
                c = *s;
            }
            if (c >= 0x20 && c < 0x7F && c != '\\' && c != (unsigned char)delim) {
                *o++ = (char)c;
                s++;
                continue;
            }
            if (c >= 0xE0 && c < 0xF0) { /* 3 bytes, as Chinese text is */
                c = (c & 0x0F) << 12 | (uint32_t)(s[1] & 0x3F) << 6 | (uint32_t)(s[2] & 0x3F);
                o[0] = '\\';
                o[1] = 'u';
                o[2] = hex[c >> 12];
                o[3] = hex[c >> 8 & 0xF];
                o[4] = hex[c >> 4 & 0xF];
                o[5] = hex[c & 0xF];
                o += 6;
                s += 3;
                continue;
            }
            *o++ = '\\';
            if (c == '\\' || (c == (unsigned char)delim && delim == '"'))
                *o++ = (char)c;
            else if (c == '\t')
                *o++ = 't';
            else if (c == '\n')
                *o++ = 'n';
            else if (c == '\r')
                *o++ = 'r';
            else {
                size_t k; /* valid UTF-8: the whole sequence is there */
                c = fg_utf8_decode((const char *)s, (size_t)(e - s), &k);
                s += k - 1;
                int digits = c < 0x10000 ? 4 : 8;
                *o++ = digits == 4 ? 'u' : 'U';
                for (int i = digits - 1; i >= 0; i--)
                    *o++ = hex[(c >> (4 * i)) & 0xF];
            }
            s++;
        }
        nb->len = (size_t)(o - nb->b);
        if (s >= e)
            return;
    }
}

static void
nb_iri(nbuf *nb, const char *iri)
{
    nb_put(nb, "<", 1);
    nb_escaped(nb, iri, '>');
    nb_put(nb, ">", 1);
}

/* An IRI written again and again (a node's on each of its triples, the
 * graph's on every quad) is escaped once: memo holds the last one escaped,
 * for the pointer *src. */
static void
memo_iri(nbuf *nb, nbuf *memo, const char **src, const char *iri)
{
    if (*src != iri) {
        memo->len = 0;
        nb_iri(memo, iri);
        *src = memo->memlen == 0 && !memo->failed ? iri : NULL; /* it fitted */
    }
    if (*src == iri)
        nb_put(nb, memo->b, memo->len);
    else
        nb_iri(nb, iri);
}

/* The written forms of the IRIs a document names again and again (its
 * predicates, classes and datatypes, the people and roles its facts point
 * to), each made once: keyed by the string's pointer (the triples' strings
 * stay put while they are written), the last one at each slot. An IRI
 * longer than a slot holds is written each time. */
#define FORM_SLOTS 128
#define FORM_MAX 119

typedef struct forms {
    struct {
        const char *src;
        unsigned char len;
        char b[FORM_MAX];
    } slot[FORM_SLOTS];
    nbuf scratch; /* a memory sink that an IRI of FORM_MAX bytes never reaches */
} forms;

/* Writes an IRI: <IRI>, or in Turtle prefix:local where it can. */
typedef void form_fn(nbuf *nb, const fg_ontology *onto, const char *iri);

static forms *
forms_new(void)
{
    forms *f = fg_malloc(sizeof *f);
    if (f != NULL) {
        for (size_t i = 0; i < FORM_SLOTS; i++)
            f->slot[i].src = NULL;
        memset(&f->scratch, 0, offsetof(nbuf, b));
    }
    return f;
}

static void
put_form(nbuf *nb, forms *f, form_fn *make, const fg_ontology *onto, const char *iri)
{
    size_t i = ((uintptr_t)iri >> 3) * 0x9E3779B97F4A7C15u >> 57; /* 7 bits: FORM_SLOTS */
    if (f->slot[i].src != iri) {
        /* No form is shorter than the IRI less its prefix. */
        f->scratch.len = 0;
        if (strnlen(iri, 2 * FORM_MAX) < 2 * FORM_MAX)
            make(&f->scratch, onto, iri);
        if (f->scratch.len == 0 || f->scratch.len > FORM_MAX) {
            make(nb, onto, iri);
            return;
        }
        memcpy(f->slot[i].b, f->scratch.b, f->scratch.len);
        f->slot[i].len = (unsigned char)f->scratch.len;
        f->slot[i].src = iri;
    }
    nb_put(nb, f->slot[i].b, f->slot[i].len);
}

static void
nt_iri(nbuf *nb, const fg_ontology *onto, const char *iri)
{
    (void)onto;
    nb_iri(nb, iri);
}

static void
write_lines(const fg_doc *d, nbuf *nb, int quads)
{
    nbuf *subj = fg_malloc(2 * sizeof *subj), *graph = subj + 1;
    forms *f = forms_new();
    const char *subj_src = NULL, *graph_src = NULL;
    if (subj == NULL || f == NULL) {
        fg_free(subj);
        fg_free(f);
        nb->failed = FG_ENOMEM;
        return;
    }
    /* Memory sinks that an IRI of 64 KB or less never reaches. */
    memset(subj, 0, offsetof(nbuf, b));
    memset(graph, 0, offsetof(nbuf, b));
    for (size_t i = 0; i < d->nsorted && !nb->failed; i++) {
        const fg_triple *t = fg_doc_triple(d, i);
        memo_iri(nb, subj, &subj_src, t->s);
        nb_put(nb, " ", 1);
        put_form(nb, f, nt_iri, NULL, t->p);
        nb_put(nb, " ", 1);
        if (t->dt == NULL)
            put_form(nb, f, nt_iri, NULL, t->o);
        else {
            nb_put(nb, "\"", 1);
            nb_escaped(nb, t->o, '"');
            nb_put(nb, "\"", 1);
            if (t->dt[0] != '\0') {
                nb_put(nb, "^^", 2);
                put_form(nb, f, nt_iri, NULL, t->dt);
            }
        }
        if (quads) {
            nb_put(nb, " ", 1);
            memo_iri(nb, graph, &graph_src, d->iri);
        }
        nb_put(nb, " .\n", 3);
    }
    fg_free(subj->mem);
    fg_free(graph->mem);
    fg_free(subj);
    fg_free(f);
}

/* ===================================================================
 * Turtle
 * ================================================================= */

/* A string in Turtle as raptor writes it: raw UTF-8 (the text was checked:
 * valid, no NUL, no noncharacter), tabs and other controls raw too (the
 * grammar allows them), \\ and \" escaped, and \n and \r too unless long
 * (between triple quotes, where line ends may stand). */
static void
tt_string(nbuf *nb, const char *str, int is_long)
{
    const unsigned char *s = (const unsigned char *)str;
    while (*s) {
        const unsigned char *run = s;
        while (*s && *s != '\\' && *s != '"' && (is_long || (*s != '\n' && *s != '\r')))
            s++;
        nb_put(nb, (const char *)run, (size_t)(s - run));
        if (*s == 0)
            break;
        char e[2] = {'\\', *s == '\n' ? 'n' : *s == '\r' ? 'r' : (char)*s};
        nb_put(nb, e, 2);
        s++;
    }
}

/* An xsd:integer or xsd:decimal whose lexical form Turtle reads back, bare,
 * as a number of that very datatype: [+-]?[0-9]+ and [+-]?[0-9]*.[0-9]+. */
static int
bare_number(const char *s, const char *dt)
{
    int decimal = strcmp(dt, XSD_DECIMAL) == 0;
    if (!decimal && strcmp(dt, XSD_INTEGER) != 0)
        return 0;
    if (*s == '+' || *s == '-')
        s++;
    size_t before = strspn(s, "0123456789");
    s += before;
    if (!decimal)
        return before > 0 && *s == '\0';
    if (*s++ != '.')
        return 0;
    size_t after = strspn(s, "0123456789");
    return after > 0 && s[after] == '\0';
}

/* A local name the prefixed form takes as it is, in every Turtle parser. */
static int
plain_local(const char *s)
{
    if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z')))
        return 0;
    for (; *s; s++)
        if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
              *s == '_' || *s == '-'))
            return 0;
    return 1;
}

/* An IRI as prefix:local when a prefix of the ontology (the longest) gives
 * a plain local name, else <IRI>. */
static void
tt_iri(nbuf *nb, const fg_ontology *onto, const char *iri)
{
    const fg_prefix *best = NULL;
    size_t bestlen = 0;
    for (size_t i = 0; i < onto->nprefixes; i++) {
        size_t n = strlen(onto->prefixes[i].iri);
        if (n > bestlen && strncmp(iri, onto->prefixes[i].iri, n) == 0 && plain_local(iri + n)) {
            best = &onto->prefixes[i];
            bestlen = n;
        }
    }
    if (best == NULL) {
        nb_iri(nb, iri);
        return;
    }
    nb_put(nb, best->name, strlen(best->name));
    nb_put(nb, ":", 1);
    nb_put(nb, iri + bestlen, strlen(iri + bestlen));
}

static int
same_str(const char *a, const char *b)
{
    return a == b || strcmp(a, b) == 0;
}

/*
 * Turtle written here, as raptor 2.0.15's serializer writes it for these
 * graphs (the tests compare the bytes), but a subject at a time in the
 * order of the sorted triples: the ontology's prefixes, then each subject
 * as <IRI> with its predicate-object pairs joined by ';' (objects of one
 * predicate by ','); integers and decimals bare only when Turtle reads
 * them back with their datatype; text with line ends between triple
 * quotes. raptor's serializer held the whole graph until its end, and took
 * longer than extracting it.
 */
static void
write_turtle(const fg_doc *d, nbuf *nb)
{
    const fg_ontology *onto = &d->w->onto;
    for (size_t i = 0; i < onto->nprefixes; i++) {
        nb_put(nb, "@prefix ", 8);
        nb_put(nb, onto->prefixes[i].name, strlen(onto->prefixes[i].name));
        nb_put(nb, ": ", 2);
        nb_iri(nb, onto->prefixes[i].iri);
        nb_put(nb, " .\n", 3);
    }
    nb_put(nb, "\n", 1);
    forms *f = forms_new();
    if (f == NULL) {
        nb->failed = FG_ENOMEM;
        return;
    }
    for (size_t i = 0; i < d->nsorted && !nb->failed; i++) {
        const fg_triple *t = fg_doc_triple(d, i), *prev = i > 0 ? fg_doc_triple(d, i - 1) : NULL;
        if (prev == NULL || !same_str(prev->s, t->s)) {
            nb_iri(nb, t->s);
            nb_put(nb, "\n    ", 5);
        } else if (same_str(prev->p, t->p)) {
            nb_put(nb, ", ", 2); /* another object of the same predicate */
            goto object;
        } else
            nb_put(nb, " ;\n    ", 7);
        if (same_str(t->p, RDF_TYPE))
            nb_put(nb, "a", 1);
        else
            put_form(nb, f, tt_iri, onto, t->p);
        nb_put(nb, " ", 1);
    object:
        if (t->dt == NULL)
            put_form(nb, f, tt_iri, onto, t->o);
        else {
            if (bare_number(t->o, t->dt)) {
                nb_put(nb, t->o, strlen(t->o));
                goto next;
            }
            int is_long = strchr(t->o, '\n') != NULL;
            nb_put(nb, is_long ? "\"\"\"" : "\"", is_long ? 3 : 1);
            tt_string(nb, t->o, is_long);
            nb_put(nb, is_long ? "\"\"\"" : "\"", is_long ? 3 : 1);
            if (t->dt[0] != '\0') {
                nb_put(nb, "^^", 2);
                put_form(nb, f, tt_iri, onto, t->dt);
            }
        }
    next:
        if (i + 1 == d->nsorted || !same_str(fg_doc_triple(d, i + 1)->s, t->s))
            nb_put(nb, " .\n\n", 4);
    }
    fg_free(f);
}

/* N-Triples, N-Quads or Turtle into nb (fp, or memory when fp is NULL). */
static int
write_own(const fg_doc *d, fg_format format, FILE *fp, char **mem, size_t *len)
{
    nbuf *nb = fg_malloc(sizeof *nb);
    if (nb == NULL)
        return FG_ENOMEM;
    memset(nb, 0, offsetof(nbuf, b));
    nb->fp = fp;
    if (format == FG_FORMAT_TURTLE)
        write_turtle(d, nb);
    else
        write_lines(d, nb, format == FG_FORMAT_NQUADS);
    nb_flush(nb);
    int rc = nb->failed;
    if (mem != NULL && rc == FG_OK) {
        *mem = nb->mem;
        *len = nb->memlen;
    } else
        fg_free(nb->mem);
    fg_free(nb);
    return rc;
}

int
fg_doc_write_mem(fg_doc *d, fg_format format, char **bytes, size_t *len)
{
    *bytes = NULL;
    *len = 0;
    int rc;
    if (format == FG_FORMAT_NTRIPLES || format == FG_FORMAT_NQUADS || format == FG_FORMAT_TURTLE) {
        rc = write_own(d, format, NULL, bytes, len);
        if (rc < 0)
            fg_report_doc(d->w, FG_ERROR, rc, NULL, d->id, -1, "cannot write the output: %s",
                          fg_strerror(rc));
        return rc;
    }
    FILE *fp = open_memstream(bytes, len);
    if (fp == NULL)
        return FG_ENOMEM;
    rc = fg_doc_write(d, fp, format);
    if (fclose(fp) != 0 && rc == FG_OK)
        rc = FG_ENOMEM;
    if (rc < 0) {
        free(*bytes); /* open_memstream's, from malloc */
        *bytes = NULL;
        *len = 0;
    }
    return rc;
}

/* ===================================================================
 * raptor: Turtle, and the other formats for the tests' comparison
 * ================================================================= */

static raptor_term *
make_object(raptor_world *rw, const fg_triple *t)
{
    if (t->dt == NULL)
        return raptor_new_term_from_uri_string(rw, (const unsigned char *)t->o);
    raptor_uri *dt = NULL;
    if (t->dt[0] != '\0') {
        dt = raptor_new_uri(rw, (const unsigned char *)t->dt);
        if (dt == NULL)
            return NULL;
    }
    raptor_term *o = raptor_new_term_from_counted_literal(rw, (const unsigned char *)t->o,
                                                          strlen(t->o), dt, NULL, 0);
    if (dt)
        raptor_free_uri(dt);
    return o;
}

int
fg_doc_write(fg_doc *d, FILE *fp, fg_format format)
{
    int rc;
    if (format == FG_FORMAT_DOT)
        rc = fg_dot_write(d, fp);
    else if (format == FG_FORMAT_NTRIPLES || format == FG_FORMAT_NQUADS ||
             format == FG_FORMAT_TURTLE) {
        rc = write_own(d, format, fp, NULL, NULL);
        if (rc == FG_OK && (fflush(fp) != 0 || ferror(fp)))
            rc = FG_EIO;
    } else
        return fg_doc_write_raptor(d, fp, format);
    if (rc < 0)
        fg_report_doc(d->w, FG_ERROR, rc, NULL, d->id, -1, "cannot write the output: %s",
                      fg_strerror(rc));
    return rc;
}

int
fg_doc_write_raptor(fg_doc *d, FILE *fp, fg_format format)
{
    fg_world *w = d->w;
    raptor_world *rw = w->raptor;
    raptor_serializer *ser = raptor_new_serializer(rw, format == FG_FORMAT_NTRIPLES ? "ntriples"
                                                       : format == FG_FORMAT_NQUADS ? "nquads"
                                                                                    : "turtle");
    raptor_term *graph = NULL;
    if (format == FG_FORMAT_NQUADS &&
        (graph = raptor_new_term_from_uri_string(rw, (const unsigned char *)d->iri)) == NULL) {
        if (ser)
            raptor_free_serializer(ser);
        return FG_ENOMEM;
    }
    if (ser == NULL)
        return FG_ENOMEM;
    int rc = FG_OK;
    /* Prefixes in the ontology's order, before start, as raptor requires. */
    for (size_t i = 0; i < w->onto.nprefixes && format == FG_FORMAT_TURTLE; i++) {
        raptor_uri *ns = raptor_new_uri(rw, (const unsigned char *)w->onto.prefixes[i].iri);
        if (ns == NULL) {
            rc = FG_ENOMEM;
            break;
        }
        /* Refused only for a prefix the serializer declares itself (rdf):
         * the output is the same either way. */
        (void)raptor_serializer_set_namespace(ser, ns,
                                              (const unsigned char *)w->onto.prefixes[i].name);
        raptor_free_uri(ns);
    }
    if (rc == FG_OK && raptor_serializer_start_to_file_handle(ser, NULL, fp) != 0)
        rc = FG_EIO;
    for (size_t i = 0; i < d->nsorted && rc == FG_OK; i++) {
        const fg_triple *t = fg_doc_triple(d, i);
        raptor_term *s = raptor_new_term_from_uri_string(rw, (const unsigned char *)t->s);
        raptor_term *p = raptor_new_term_from_uri_string(rw, (const unsigned char *)t->p);
        raptor_term *o = make_object(rw, t);
        if (s == NULL || p == NULL || o == NULL) {
            if (s)
                raptor_free_term(s);
            if (p)
                raptor_free_term(p);
            if (o)
                raptor_free_term(o);
            rc = FG_ENOMEM;
            break;
        }
        /* Takes ownership of the three terms. */
        raptor_statement *st =
            raptor_new_statement_from_nodes(rw, s, p, o, graph ? raptor_term_copy(graph) : NULL);
        if (st == NULL) {
            rc = FG_ENOMEM;
            break;
        }
        if (raptor_serializer_serialize_statement(ser, st) != 0)
            rc = FG_EIO;
        raptor_free_statement(st);
    }
    if (raptor_serializer_serialize_end(ser) != 0 && rc == FG_OK)
        rc = FG_EIO;
    raptor_free_serializer(ser);
    if (graph)
        raptor_free_term(graph);
    if (rc == FG_OK && (fflush(fp) != 0 || ferror(fp)))
        rc = FG_EIO;
    if (rc < 0)
        fg_report_doc(w, FG_ERROR, rc, NULL, d->id, -1, "cannot write the output: %s",
                      fg_strerror(rc));
    return rc;
}
