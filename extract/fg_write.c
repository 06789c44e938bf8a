/*
 * fg_write.c - the writer: a document's triples through one raptor2
 * serializer, Turtle or N-Triples.
 * SPDX-License-Identifier: MIT
 *
 * The traps of raptor2 2.0.15 (docs/TECH-NOTES.md) are handled before the
 * serializer sees a term: IRIs are minted from safe ASCII only, decimals
 * always carry a point, text is valid UTF-8 without NUL or lone CR, and no
 * base URI is given so that every IRI is written absolute.
 */
#include <string.h>

#include "fg_internal.h"

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
    fg_world *w = d->w;
    if (format == FG_FORMAT_DOT) {
        int rc = fg_dot_write(d, fp);
        if (rc < 0)
            fg_report_doc(w, FG_ERROR, rc, NULL, d->id, -1, "cannot write the output: %s",
                          fg_strerror(rc));
        return rc;
    }
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
