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
#include <string.h>

#include "fg_internal.h"

/* ===================================================================
 * N-Triples and N-Quads
 * ================================================================= */

typedef struct nbuf {
    FILE *fp;
    size_t len;
    int failed;
    char b[1 << 16];
} nbuf;

static void
nb_flush(nbuf *nb)
{
    if (nb->len && fwrite(nb->b, 1, nb->len, nb->fp) != nb->len)
        nb->failed = 1;
    nb->len = 0;
}

static void
nb_put(nbuf *nb, const char *s, size_t n)
{
    if (n > sizeof nb->b - nb->len) {
        nb_flush(nb);
        if (n > sizeof nb->b) {
            if (fwrite(s, 1, n, nb->fp) != n)
                nb->failed = 1;
            return;
        }
    }
    memcpy(nb->b + nb->len, s, n);
    nb->len += n;
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
    const unsigned char *s = (const unsigned char *)str;
    for (;;) {
        if (sizeof nb->b - nb->len <= 10)
            nb_flush(nb);
        char *o = nb->b + nb->len, *end = nb->b + sizeof nb->b - 10;
        while (o < end) {
            uint32_t c = *s;
            if (c >= 0x20 && c < 0x7F && c != '\\' && c != (unsigned char)delim) {
                *o++ = (char)c;
                s++;
                continue;
            }
            if (c == 0)
                break;
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
                size_t k; /* valid UTF-8: the whole sequence is there before the NUL */
                c = fg_utf8_decode((const char *)s, 4, &k);
                s += k - 1;
                int digits = c < 0x10000 ? 4 : 8;
                *o++ = digits == 4 ? 'u' : 'U';
                for (int i = digits - 1; i >= 0; i--)
                    *o++ = hex[(c >> (4 * i)) & 0xF];
            }
            s++;
        }
        nb->len = (size_t)(o - nb->b);
        if (*s == 0)
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

static int
write_lines(const fg_doc *d, FILE *fp, int quads)
{
    nbuf *nb = fg_malloc(sizeof *nb);
    if (nb == NULL)
        return FG_ENOMEM;
    nb->fp = fp;
    nb->len = 0;
    nb->failed = 0;
    for (size_t i = 0; i < d->ntriples && !nb->failed; i++) {
        const fg_triple *t = &d->triples[i];
        nb_iri(nb, t->s);
        nb_put(nb, " ", 1);
        nb_iri(nb, t->p);
        nb_put(nb, " ", 1);
        if (t->dt == NULL)
            nb_iri(nb, t->o);
        else {
            nb_put(nb, "\"", 1);
            nb_escaped(nb, t->o, '"');
            nb_put(nb, "\"", 1);
            if (t->dt[0] != '\0') {
                nb_put(nb, "^^", 2);
                nb_iri(nb, t->dt);
            }
        }
        if (quads) {
            nb_put(nb, " ", 1);
            nb_iri(nb, d->iri);
        }
        nb_put(nb, " .\n", 3);
    }
    nb_flush(nb);
    int rc = nb->failed ? FG_EIO : FG_OK;
    fg_free(nb);
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
    else if (format == FG_FORMAT_NTRIPLES || format == FG_FORMAT_NQUADS) {
        rc = write_lines(d, fp, format == FG_FORMAT_NQUADS);
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
    for (size_t i = 0; i < d->ntriples && rc == FG_OK; i++) {
        const fg_triple *t = &d->triples[i];
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
