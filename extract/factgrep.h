/*
 * factgrep.h - rule-based fact extraction from Chinese news text to RDF.
 * SPDX-License-Identifier: MIT
 *
 * A program makes one fg_world, loads an ontology and rule files into it,
 * then extracts each document into an fg_doc and writes it out:
 *
 *     fg_world *w = fg_world_new(my_printer, NULL);
 *     if (fg_world_load_ontology(w, "ontology/factgrep.ttl") < 0 ||
 *         fg_world_load_rules(w, "rules") < 0)
 *         goto fail;
 *     fg_doc *d;
 *     if (fg_extract(&d, w, "page-1", text, len, NULL) == FG_OK)
 *         fg_doc_write(d, stdout, FG_FORMAT_TURTLE);
 *     fg_doc_free(d);
 *     fg_world_free(w);
 *
 * Ownership, stated once: every object made by fg_X_new() or an fg_X(&out)
 * constructor is freed with fg_X_free(), and fg_X_free(NULL) is a no-op.
 * Strings passed in are borrowed for the duration of the call unless a
 * declaration says otherwise. Pointers returned by getters are borrowed
 * from their parent object and live as long as it does.
 *
 * Errors: fallible calls return int, FG_OK (0) on success and a negative
 * FG_E* code on failure. The library never prints and never exits: it
 * describes each problem in an fg_diag sent to the world's callback.
 */
#ifndef FACTGREP_H
#define FACTGREP_H

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(FG_BUILDING) && defined(__GNUC__)
#define FG_API __attribute__((visibility("default")))
#else
#define FG_API
#endif

#define FG_VERSION "0.1.0"

/* ORDER FG_ERR: fg_strerror() indexes a table in this order. */
enum {
    FG_OK = 0,
    FG_ENOMEM = -1,    /* out of memory */
    FG_EIO = -2,       /* a file could not be read or written */
    FG_ESYNTAX = -3,   /* a rule file is malformed */
    FG_EREGEX = -4,    /* a pattern does not compile */
    FG_EONTOLOGY = -5, /* the ontology is unreadable, or a term is not declared in it */
    FG_EINPUT = -6,    /* input text is refused (for example invalid UTF-8) */
    FG_EINVAL = -7,    /* a value cannot be normalised, or a bad argument */
    FG_ERANGE = -8,    /* a value is too large */
    FG_ELIMIT = -9,    /* a pattern hit its match limit */
    FG_EEXAMPLE = -10, /* a rule's embedded example does not hold */
    FG_EAUDIT = -11,   /* an audit found facts that do not match their text */
    FG_ECANCELED = -12 /* a callback asked to stop */
};

/* Returns a static English description of an FG_E* code (never NULL; an
 * unknown code has one too). The caller must not free it. Cannot fail. */
FG_API const char *fg_strerror(int code);

/* ---------------------------------------------------------------------
 * Diagnostics
 * ------------------------------------------------------------------- */

typedef enum fg_level { FG_NOTE = 0, FG_WARNING, FG_ERROR } fg_level;

/*
 * One diagnostic. Every pointer is borrowed and valid only during the
 * callback. Unknown fields are NULL, 0 or -1 as documented.
 */
typedef struct fg_diag {
    fg_level level;
    int code;                /* FG_E* code, or 0 for a note */
    const char *file;        /* rule, ontology or input file, or NULL */
    int line;                /* 1-based line in file, or 0 */
    int column;              /* 1-based column in code points, or 0 */
    long byte;               /* 0-based byte offset in file, or -1 */
    const char *source_line; /* the text of that line (no newline), or NULL */
    int span;                /* code points to underline from column (>= 1) */
    const char *rule_id;     /* the rule concerned, or NULL */
    const char *document;    /* the document concerned, or NULL */
    long offset;             /* code-point offset in that document, or -1 */
    const char *message;     /* the message, never NULL */
} fg_diag;

/* Receives each diagnostic. payload is the pointer given to fg_world_new(). */
typedef void (*fg_diag_fn)(const fg_diag *d, void *payload);

/*
 * Formats d the way compilers do, into buf (always NUL-terminated when size
 * > 0): "file:line:col: error: message", then, when the source line is
 * known, the line and a caret line under the span. Returns the length the
 * full text needs, as snprintf does.
 */
FG_API size_t fg_diag_format(const fg_diag *d, char *buf, size_t size);

/* ---------------------------------------------------------------------
 * World: ontology and rules
 * ------------------------------------------------------------------- */

typedef struct fg_world fg_world;

/*
 * Makes a world. fn (may be NULL to drop diagnostics) receives every
 * diagnostic with payload. Return value: new world or NULL on failure.
 * Caller frees with fg_world_free().
 */
FG_API fg_world *fg_world_new(fg_diag_fn fn, void *payload);

/* Frees the world with its ontology, rules and every string borrowed from
 * it. Free the world's documents and stores first. NULL is a no-op. */
FG_API void fg_world_free(fg_world *w);

/*
 * Loads a Turtle ontology (a file). Its prefixes become the prefixes that
 * rule files and the output use, and its declared classes and properties
 * are the terms rule templates may use. Call it before fg_world_load_rules.
 * Return value: 0 on success, FG_EIO or FG_EONTOLOGY on failure.
 */
FG_API int fg_world_load_ontology(fg_world *w, const char *path);

/*
 * Loads a rule file, or every *.rules file of a directory in byte order of
 * their names. May be called several times; definitions accumulate.
 * Return value: 0 on success; FG_EIO, FG_ESYNTAX, FG_EREGEX or FG_EONTOLOGY
 * after reporting every error found.
 */
FG_API int fg_world_load_rules(fg_world *w, const char *path);

/* Number of rules loaded so far. Borrows w. Cannot fail. */
FG_API size_t fg_world_rule_count(const fg_world *w);

/*
 * The version of the rule set loaded: the text of its `version` line (the
 * bundled rules declare one in 00-common.rules), or NULL when no rule file
 * loaded so far declares one. The string is borrowed from the world and
 * lives as long as it does.
 */
FG_API const char *fg_world_rules_version(const fg_world *w);

/*
 * Runs every rule's embedded examples through the whole rule set and
 * reports each failure as an FG_EEXAMPLE diagnostic located at its example
 * line. n_examples and n_failed (may be NULL) receive the counts.
 * Return value: 0 when all hold, FG_EEXAMPLE when one fails, or another
 * FG_E* code.
 */
FG_API int fg_world_check_examples(fg_world *w, size_t *n_examples, size_t *n_failed);

/* ---------------------------------------------------------------------
 * Extraction
 * ------------------------------------------------------------------- */

/* Default IRI base of minted resources. */
#define FG_DEFAULT_BASE "http://factgrep.example/"

typedef struct fg_options {
    const char *base;          /* IRI base for minted IRIs, or NULL for FG_DEFAULT_BASE */
    const char *doc_date;      /* "YYYY-MM-DD" the document was published, or NULL */
    const char *source;        /* where the text came from (a path), or NULL */
    int omit_text;             /* leave nif:isString out; write source and SHA-256 */
    unsigned long match_limit; /* PCRE2 match limit per attempt, or 0 for the default */
    int full_scan;             /* try every rule at every character: no prefilter (slow;
                                  for checking that the prefilter loses nothing) */
    int time_rules;            /* time each rule's searches and the prefilter (two clock
                                  reads a search); else their seconds stay 0 */
} fg_options;

/*
 * Checks options before any text is read: the base must be an absolute
 * ASCII IRI with no character that needs escaping, the document date a real
 * YYYY-MM-DD date. opt may be NULL. Return value: 0, or FG_EINVAL after
 * reporting what is wrong.
 */
FG_API int fg_options_check(fg_world *w, const fg_options *opt);

typedef struct fg_doc fg_doc;

/*
 * Extracts the facts of one document. id names it in IRIs (any UTF-8;
 * it is percent-encoded). text need not be NUL-terminated. opt may be NULL.
 * Text that is not valid UTF-8 or holds NUL is refused with FG_EINPUT.
 * A rule that hits its match limit is reported and skipped for the rest
 * of the document; the others go on.
 * Return value: 0 on success and *out set; caller frees with fg_doc_free().
 */
FG_API int fg_extract(fg_doc **out, fg_world *w, const char *id, const char *text, size_t len,
                      const fg_options *opt);

/* Frees a document (it keeps a copy of its text; the world must outlive
 * it). NULL is a no-op. */
FG_API void fg_doc_free(fg_doc *d);

/* Number of facts extracted from the document: those fg_doc_foreach_fact()
 * gives. Borrows d. Cannot fail. */
FG_API size_t fg_doc_fact_count(const fg_doc *d);

/* Number of triples the document will write. Borrows d. Cannot fail. */
FG_API size_t fg_doc_triple_count(const fg_doc *d);

/*
 * One fact, as fg_doc_foreach_fact() passes it. Every pointer is borrowed
 * and valid only during the callback: copy what you keep.
 */
typedef struct fg_fact_info {
    const char *iri;     /* the fact's node, a full IRI; a keyed fact (an event named by
                            its key) is one node with one fact for each of its matches */
    const char *cls;     /* its class, a full IRI: "http://schema.org/MonetaryAmount" */
    const char *rule_id; /* the id of the rule that made it */
    size_t begin, end;   /* its span [begin, end) in code points of the text (end exclusive),
                            as nif:beginIndex and nif:endIndex */
    const char *text;    /* the text of that span, UTF-8, NUL-terminated (nif:anchorOf) */
    size_t text_len;     /* its length in bytes */
} fg_fact_info;

/* Receives each fact. payload is the pointer given to fg_doc_foreach_fact().
 * Return 0 to go on, anything else to stop. */
typedef int (*fg_fact_fn)(const fg_fact_info *f, void *payload);

/*
 * Calls fn for each of the fg_doc_fact_count() facts of the document, in
 * the order the rules made them: phase by phase, and by start in a phase.
 * Properties that later rules add to a fact (`on`) and mentions of people
 * already found are not facts of their own; fg_doc_write() writes them.
 * Borrows d (must outlive the call).
 * Return value: 0 after the last fact, the first non-zero value fn returned,
 * or FG_ENOMEM (fn may have seen some facts).
 */
FG_API int fg_doc_foreach_fact(const fg_doc *d, fg_fact_fn fn, void *payload);

/*
 * What each rule cost on one document: seconds spent matching, matches
 * found, and matches that won their overlaps (each makes a fact or adds to
 * one). For --stats; sum them over documents.
 */
typedef struct fg_rule_stats {
    const char *id; /* the rule's id; valid while the world lives */
    double seconds; /* 0 unless fg_options.time_rules */
    size_t matches;
    size_t won;
    size_t hits;            /* literals of its anchor found, or starts of known names tried */
    size_t searches;        /* PCRE2 searches run (a window of starts each, with an anchor) */
    size_t anchor_literals; /* literals of its anchor, or 0: the rule scans the text */
    size_t anchor_reach;    /* the most code points a match starts before its literal;
                               SIZE_MAX: any, back to a character no match holds */
    int anchor_people;      /* 1: no anchor, but tried only where a known person's name starts */
} fg_rule_stats;

/*
 * Fills out[0..n) (caller-owned; out may be NULL when n is 0) with the
 * statistics of the first n rules, in load order; each id is borrowed from
 * the world. Cannot fail.
 * Return value: the number of rules (call with n = 0 to learn it).
 */
FG_API size_t fg_doc_rule_stats(const fg_doc *d, fg_rule_stats *out, size_t n);

/* Seconds spent finding the rules' anchors (the Aho-Corasick passes), when
 * fg_options.time_rules is set; else 0.
 * Borrows d. Cannot fail. */
FG_API double fg_doc_prefilter_seconds(const fg_doc *d);

/* DOT draws the people, organisations, roles and events of a document
 * for Graphviz (dot -Tsvg); it is a picture, not RDF. */
/* N-Quads puts each document in a named graph, the document's IRI. */
typedef enum fg_format {
    FG_FORMAT_TURTLE = 0,
    FG_FORMAT_NTRIPLES,
    FG_FORMAT_DOT,
    FG_FORMAT_NQUADS
} fg_format;

/*
 * Writes the document's graph to fp as Turtle, N-Triples or N-Quads (the
 * bytes raptor2's serializers write for it, but streamed, a subject at a
 * time) or DOT. Borrows d and fp; does not fclose fp. A failure is also
 * reported to the world's callback.
 * Return value: 0 on success, FG_EIO when writing fails, FG_ENOMEM.
 */
FG_API int fg_doc_write(fg_doc *d, FILE *fp, fg_format format);

/* ---------------------------------------------------------------------
 * Audit: facts checked against their text
 * ------------------------------------------------------------------- */

typedef struct fg_audit_stats {
    size_t contexts; /* documents (nif:Context) */
    size_t mentions; /* mentions checked */
    size_t facts;    /* facts checked */
    size_t problems; /* failures reported */
} fg_audit_stats;

/*
 * Reads an RDF file that factgrep wrote (Turtle, or N-Triples by the .nt
 * extension) and checks every fact against its text: each mention's anchor
 * against the code points [begin, end) of nif:isString, or of the TEXT file
 * whose SHA-256 is the context's fg:sha256 when the text was left out;
 * every fact's mention and rule; literal datatypes against the ontology's
 * rdfs:range (load the ontology first). Each failure is an FG_EAUDIT
 * diagnostic that names the document, the fact, its rule and its span.
 * texts (ntexts paths, may be 0) are the original input files.
 * stats (may be NULL) receives the counts.
 * Return value: 0 when clean, FG_EAUDIT when a check fails, FG_EINPUT when
 * the file does not parse, FG_EIO when a file cannot be read.
 */
FG_API int fg_audit(fg_world *w, const char *path, const char *const *texts, size_t ntexts,
                    fg_audit_stats *stats);

/* ---------------------------------------------------------------------
 * Review: a page for people, an explanation, a difference
 * ------------------------------------------------------------------- */

/*
 * Writes one self-contained HTML page (no network, no CDN) for the RDF file
 * at path: each document's text with every fact's span highlighted, one
 * colour per fact type; a table of facts filterable by type and rule; totals
 * per type and rule. Does not fclose out.
 * Return value: 0 on success, FG_EINPUT when the file does not parse,
 * FG_EIO when writing fails.
 */
FG_API int fg_report_html(fg_world *w, const char *path, FILE *out);

/*
 * Extracts text as one document and writes to out, for a person, every
 * match of every rule with its captures, which candidate won each overlap
 * and why (longer, priority, rule order, earlier start), the facts and
 * values built, the rules that hit their match limit and the rules that
 * matched nothing. opt may be NULL. Does not fclose out.
 * Return value: 0 on success, or the error of fg_extract().
 */
FG_API int fg_explain(fg_world *w, const char *text, size_t len, const fg_options *opt, FILE *out);

typedef struct fg_diff_stats {
    size_t added, removed, changed, same;
} fg_diff_stats;

/*
 * Compares the facts of two RDF files that factgrep wrote, fact by fact (a
 * fact's IRI carries its document, rule and span), and writes to out each
 * fact added, removed or changed, with its rule, span and quoted text.
 * stats (may be NULL) receives the counts. Does not fclose out.
 * Return value: 0 on success (differences or not), FG_EINPUT when a file
 * does not parse, FG_EIO when one cannot be read.
 */
FG_API int fg_diff(fg_world *w, const char *old_path, const char *new_path, FILE *out,
                   fg_diff_stats *stats);

/* ---------------------------------------------------------------------
 * Store: an embedded SPARQL store (Redland hashes with Berkeley DB)
 * ------------------------------------------------------------------- */

typedef struct fg_store fg_store;

/*
 * Opens the store in folder dir, making the folder and the store when they
 * do not exist. Return value: 0 and *out set, caller frees with
 * fg_store_free(); FG_EIO when the folder or store cannot be opened.
 */
FG_API int fg_store_open(fg_store **out, fg_world *w, const char *dir);

/* Closes the store, flushing it to its folder. NULL is a no-op. */
FG_API void fg_store_free(fg_store *s);

typedef struct fg_load_stats {
    size_t documents; /* documents in the file */
    size_t added;     /* triples added */
    size_t present;   /* triples already in the store, not added again */
    size_t removed;   /* triples of replaced documents taken out */
} fg_load_stats;

/*
 * Loads an RDF file that factgrep wrote (Turtle, or N-Triples/N-Quads by
 * extension). Each document's triples go into a context named by the
 * document; a triple already in the store is not added twice, so loading a
 * file again changes nothing. With replace, each document of the file
 * first loses every triple an earlier load gave it.
 * Return value: 0 on success, FG_EINPUT when the file does not parse (its
 * triples up to the error are loaded), FG_EIO on a store error.
 */
FG_API int fg_store_load(fg_store *s, const char *path, int replace, fg_load_stats *stats);

typedef enum fg_result_format {
    FG_RESULTS_TABLE = 0, /* aligned columns for people */
    FG_RESULTS_CSV,       /* SPARQL 1.1 CSV */
    FG_RESULTS_TSV,       /* SPARQL 1.1 TSV */
    FG_RESULTS_JSON       /* SPARQL 1.1 JSON results */
} fg_result_format;

/*
 * Runs a SPARQL query and writes its results to out in UTF-8 (never
 * \uXXXX). ASK gives true or false; CONSTRUCT and DESCRIBE give N-Triples.
 * Does not fclose out. Return value: 0 on success, FG_EINVAL when the query
 * does not parse or run, FG_EIO when writing fails.
 */
FG_API int fg_store_query(fg_store *s, const char *sparql, fg_result_format fmt, FILE *out);

/* Sets *n to the number of triples in the store (a SPARQL COUNT).
 * Return value: 0 on success, FG_EINVAL when the count fails (*n is 0). */
FG_API int fg_store_count(fg_store *s, size_t *n);

/* ---------------------------------------------------------------------
 * Corpora and runs: many documents, in order, on several threads
 * ------------------------------------------------------------------- */

typedef struct fg_corpus fg_corpus;

/* One document of a corpus. Owned by the caller of fg_corpus_next(). */
typedef struct fg_input {
    char *id;   /* its id: the file name without extension, the path below a
                   folder given, or the "id" of a JSON line (else FILE:LINE) */
    char *text; /* len bytes, not NUL-terminated */
    size_t len;
    char *date;   /* the "date" of a JSON line, or NULL */
    char *source; /* the file it came from ("-": standard input) */
    size_t line;  /* its line in a JSON Lines file, else 0 */
} fg_input;

/*
 * Opens the documents of paths, read one at a time in this order: a file
 * is a document, a folder every regular file below it (sorted by path,
 * hidden names skipped), "-" standard input. With jsonl each file is JSON
 * Lines, one {"id", "text", "date"} object a line. Diagnostics go to w.
 * Return value: 0 and *out set (free with fg_corpus_free), FG_EINVAL when
 * two files given would have the same id (reported), or FG_ENOMEM.
 */
FG_API int fg_corpus_open(fg_corpus **out, fg_world *w, const char *const *paths, size_t n,
                          int jsonl);

/*
 * The next document. Return value: 1 and *out set (free it with
 * fg_input_free), 0 when there are no more, or FG_EIO / FG_EINPUT when a
 * path or a line could not be read (reported; call again for the next),
 * FG_ENOMEM.
 */
FG_API int fg_corpus_next(fg_corpus *c, fg_input **out);
FG_API void fg_corpus_free(fg_corpus *c);
FG_API void fg_input_free(fg_input *in);

/* A document done, handed back in input order. Valid during the call only. */
typedef struct fg_outcome {
    const fg_input *in; /* its text is freed by then (NULL): the document holds a copy */
    int rc;             /* 0, or why it failed (already reported) */
    const char *bytes;  /* the document in the run's format (when rc is 0) */
    size_t len;
    /* 1: the run wrote the document to its stream itself (bytes is NULL);
     * rc FG_EIO then means that writing failed. */
    int streamed;
    const fg_doc *doc;   /* for fg_doc_fact_count() and the stats; NULL on failure */
    double read_seconds; /* reading (and parsing) it from the corpus */
    double extract_seconds, write_seconds;
} fg_outcome;

/* Called for each document in input order; a non-zero return stops the run. */
typedef int (*fg_outcome_fn)(const fg_outcome *o, void *payload);

/*
 * Extracts every document of c with jobs threads, thread k using
 * worlds[k] (each world serves one thread: give jobs worlds with the same
 * ontology and rules), and hands each one, written in format, to fn in
 * input order: the outcomes are the same whatever jobs is. A document's
 * "date" is its document date, else opt->doc_date; its source is opt's
 * source. At most 2 x jobs documents are held at once, or up to 16 x jobs
 * while they hold less than 256 KB of text a job. With one job and a
 * stream, each document is written straight to stream as it is made, not
 * into memory first (a large document's output is never held whole).
 * Return value: 0 when every document was read and extracted, FG_EINPUT or
 * FG_EIO when some failed (each reported, the others done), FG_ENOMEM, or
 * FG_ECANCELED when fn stopped the run.
 */
FG_API int fg_run(fg_corpus *c, fg_world *const *worlds, size_t jobs, const fg_options *opt,
                  fg_format format, FILE *stream, fg_outcome_fn fn, void *payload);

#ifdef __cplusplus
}
#endif

#endif
