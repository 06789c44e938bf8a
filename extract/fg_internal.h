/*
 * fg_internal.h - declarations shared by the library's modules, not installed.
 * SPDX-License-Identifier: MIT
 */
#ifndef FG_INTERNAL_H
#define FG_INTERNAL_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <raptor2.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "factgrep.h"
#include "fg_norm.h"

#define FG_LOCAL __attribute__((visibility("hidden")))

#if defined(__GNUC__)
#define FG_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define FG_PRINTF(f, a)
#endif

/* ===================================================================
 * Memory: growable buffers, arenas and vectors (fg_util.c)
 * ================================================================= */

/* All library allocation goes through these three, so tests can inject faults. */
void *fg_malloc(size_t n);
void *fg_realloc(void *p, size_t n);
void fg_free(void *p);
char *fg_strndup(const char *s, size_t n);
char *fg_strdup(const char *s);

/*
 * Test hook: when set to N > 0, the Nth allocation from now fails, and
 * every one after it until the hook is reset. 0 disables it.
 */
void fg_fault_inject(unsigned long n);
unsigned long fg_alloc_calls(void);

/* A growable byte string, always NUL-terminated when p != NULL. */
typedef struct fg_buf {
    char *p;
    size_t len, cap;
} fg_buf;

int fg_buf_add(fg_buf *b, const void *data, size_t n);
int fg_buf_adds(fg_buf *b, const char *s);
int fg_buf_addc(fg_buf *b, char c);
int fg_buf_printf(fg_buf *b, const char *fmt, ...) FG_PRINTF(2, 3);
int fg_buf_vprintf(fg_buf *b, const char *fmt, va_list ap);
void fg_buf_reset(fg_buf *b);
void fg_buf_free(fg_buf *b);

/* A bump allocator for strings that live as long as one document. */
typedef struct fg_arena {
    struct fg_arena_block *head;
} fg_arena;

void *fg_arena_alloc(fg_arena *a, size_t n); /* aligned for any object */
char *fg_arena_chars(fg_arena *a, size_t n); /* n bytes, unaligned: strings */
char *fg_arena_strndup(fg_arena *a, const char *s, size_t n);
char *fg_arena_printf(fg_arena *a, const char *fmt, ...) FG_PRINTF(2, 3);
void fg_arena_free(fg_arena *a);

/* Seconds on a monotonic clock, for --stats. */
double fg_now(void);

/* Grows *v (elements of size elem) so that it holds at least need elements. */
int fg_grow(void **v, size_t *cap, size_t need, size_t elem);
#define FG_GROW(vec, cap, need) fg_grow((void **)&(vec), &(cap), (need), sizeof *(vec))

/* Asks for the memory at p ahead of its use: for loops whose loads go all
 * over a large array, each one otherwise a cache miss waited for. */
#if defined(__GNUC__)
#define FG_PREFETCH(p) __builtin_prefetch(p)
#else
#define FG_PREFETCH(p) ((void)(p))
#endif

/*
 * Appends s[0..n) to b, percent-encoding every byte that is not an IRI-safe
 * unreserved ASCII character (RFC 3986 ALPHA DIGIT - . _ ~), so that
 * any UTF-8 text becomes an ASCII IRI segment that round-trips.
 */
int fg_buf_add_iri_segment(fg_buf *b, const char *s, size_t n);

/* ===================================================================
 * UTF-8 text (fg_text.c)
 * ================================================================= */

/*
 * Checks that s[0..n) is valid UTF-8 without NUL (shortest forms only, no
 * surrogates). Returns 0, or FG_EINPUT with *bad set to the byte offset of
 * the first offending byte and *why to a static reason.
 */
int fg_utf8_check(const char *s, size_t n, size_t *bad, const char **why);

/* Decodes one code point at s (n > 0 bytes available); *len gets its length. */
uint32_t fg_utf8_decode(const char *s, size_t n, size_t *len);

/* Number of code points in s[0..n) (s valid UTF-8). */
size_t fg_utf8_count(const char *s, size_t n);
/* Writes code point c as UTF-8 into buf (4 bytes at most): its length. */
size_t fg_utf8_encode(uint32_t c, char *buf);

/*
 * Turns each CR not followed by LF into LF, in place: one code point for
 * one, so offsets hold (raptor writes a literal holding a lone CR as
 * invalid Turtle). Extraction and audit both read text this way.
 * Return value: the number of CRs changed.
 */
size_t fg_text_lone_cr_to_lf(char *s, size_t n);

/* Byte length of the code point that starts with byte c (1 for a bad byte). */
size_t fg_utf8_len(unsigned char c);

/* Display width of a code point in a terminal: 2 for East Asian wide, else 1. */
int fg_cp_width(uint32_t c);

/*
 * Converts byte offsets to code-point offsets with a running count: a
 * sequence of monotonic queries costs O(n) overall. Backward queries are
 * allowed and cost the distance moved, or, with marks (fg_cp_marks), at
 * most FG_CP_MARK bytes: the candidates of several rules come a little out
 * of order, and counting back and forth was a thirtieth of a run.
 */
typedef struct fg_cursor {
    const char *s;
    size_t byte, cp;
    const size_t *marks; /* or NULL */
} fg_cursor;

#define FG_CP_MARK 256

/* The code points of s[0..n) before each FG_CP_MARK-byte block: marks[k]
 * for byte k * FG_CP_MARK, n / FG_CP_MARK + 1 of them (fg_free them);
 * *total gets them all. NULL when out of memory. */
size_t *fg_cp_marks(const char *s, size_t n, size_t *total);

void fg_cursor_init(fg_cursor *c, const char *s, const size_t *marks);
size_t fg_cursor_cp(fg_cursor *c, size_t byte);

/* Scopes for attaching to an earlier fact (ORDER FG_SCOPE). */
typedef enum fg_scope {
    FG_SCOPE_SENTENCE = 0,
    FG_SCOPE_PARAGRAPH,
    FG_SCOPE_ARTICLE, /* an article of a newspaper page (`split article` rules); else the document
                       */
    FG_SCOPE_DOCUMENT
} fg_scope;

/* Where sentences (FG_SCOPE_SENTENCE) or paragraphs end in s[0..n): a new
 * array of the byte offsets just past each terminator, caller frees. */
int fg_text_ends(const char *s, size_t n, fg_scope scope, size_t **out, size_t *count);

/* ===================================================================
 * Diagnostics (fg_diag.c)
 * ================================================================= */

/* A file kept in memory so that diagnostics can quote its lines. */
typedef struct fg_source {
    char *path; /* as given, for messages */
    char *name; /* basename, for output that must not depend on the cwd */
    char *text;
    size_t len;
} fg_source;

/* A place in a source: the line that holds it and a byte column. */
typedef struct fg_loc {
    const fg_source *src;
    int line;         /* 1-based */
    size_t line_off;  /* byte offset of the line start in src->text */
    size_t line_len;  /* bytes, without the newline */
    size_t col_byte;  /* byte offset in the line */
    size_t span_byte; /* bytes to underline (0 = one code point) */
} fg_loc;

/* Reports a diagnostic located at loc (may be NULL). */
void fg_report(fg_world *w, fg_level level, int code, const fg_loc *loc, const char *fmt, ...)
    FG_PRINTF(5, 6);

/* Reports a diagnostic at file:line:column, without the line's text (a
 * JSON line may be a whole article). */
void fg_report_at(fg_world *w, fg_level level, int code, const char *file, int line, int column,
                  const char *fmt, ...) FG_PRINTF(7, 8);

/* Reports a diagnostic about a rule running on a document at a code-point offset. */
void fg_report_doc(fg_world *w, fg_level level, int code, const char *rule_id, const char *doc,
                   long offset, const char *fmt, ...) FG_PRINTF(7, 8);

/* ===================================================================
 * Ontology (fg_ontology.c)
 * ================================================================= */

typedef struct fg_prefix {
    char *name; /* "schema" */
    char *iri;  /* "http://schema.org/" */
} fg_prefix;

typedef enum fg_term_kind {
    FG_TERM_CLASS = 1,
    FG_TERM_PROPERTY = 2,
    FG_TERM_INDIVIDUAL = 4
} fg_term_kind;

typedef struct fg_term {
    char *iri;
    int kinds;   /* fg_term_kind bits */
    char *range; /* rdfs:range, or NULL */
} fg_term;

typedef struct fg_ontology {
    fg_prefix *prefixes;
    size_t nprefixes, capprefixes;
    fg_term *terms; /* sorted by iri after loading */
    size_t nterms, capterms;
    int loaded;
} fg_ontology;

int fg_ontology_load(fg_world *w, fg_ontology *o, const char *path);
void fg_ontology_free(fg_ontology *o);

/* Expands "pfx:local" into out. Returns 0, or FG_EONTOLOGY for an unknown prefix. */
int fg_ontology_expand(const fg_ontology *o, const char *curie, size_t n, fg_buf *out);

/* The declared kinds of a term (0 when undeclared). */
int fg_ontology_kinds(const fg_ontology *o, const char *iri);

/* The declared rdfs:range of a property, or NULL. */
const char *fg_ontology_range(const fg_ontology *o, const char *iri);

/* Writes the shortest "pfx:local" form of iri to out, or <iri> when none fits. */
int fg_ontology_abbrev(const fg_ontology *o, const char *iri, fg_buf *out);

/* ===================================================================
 * Rules (fg_rules.c) and their templates
 * ================================================================= */

/* A reference to a named capture: every group number that carries the name. */
typedef struct fg_capref {
    char *name;
    uint32_t *groups; /* of the sub-pattern when in_each, else of the rule pattern */
    size_t ngroups;
    int in_each; /* the name belongs to the foreach sub-pattern */
} fg_capref;

typedef enum fg_expr_kind { FG_X_CAPTURE, FG_X_STRING, FG_X_IRI, FG_X_CALL } fg_expr_kind;

typedef struct fg_expr {
    fg_expr_kind kind;
    char *str; /* FG_X_STRING: the constant; FG_X_IRI: the full IRI */
    fg_capref cap;
    int fn; /* FG_X_CALL: index into the function table of fg_fact.c */
    struct fg_expr *args;
    size_t nargs;
    fg_loc loc;
} fg_expr;

/* One template line: a property with a value, or a splice (pred == NULL). */
typedef struct fg_prop {
    char *pred; /* full IRI, or NULL for a splice call or a mention */
    fg_expr value;
    fg_loc loc;
    int mention; /* `mention person($name)`: the node and its mention, no fact */
} fg_prop;

typedef struct fg_example {
    char *text;
    char *expect;
    fg_loc loc; /* the example line; col_byte at the expectation */
} fg_example;

/* Maps a byte range of an expanded pattern back to the rule file. */
typedef struct fg_segment {
    size_t out_begin, out_end;
    fg_loc loc;                     /* where the range came from */
    int verbatim;                   /* copied byte for byte from loc, so offsets map exactly */
    const struct fg_macro *wrapper; /* the macro whose (?: ) this is, or NULL */
    const struct fg_macro *inside;  /* the outermost macro this text comes from, or NULL */
    fg_loc via;                     /* where that outermost macro is used */
} fg_segment;

/* ===================================================================
 * Prefilter (fg_prefilter.c)
 * ================================================================= */

/* What a pattern requires: every match contains one of the literals
 * (UTF-8, lens[i] bytes), starting at most offs[i] code points after the
 * start of the match. */
/*
 * The characters that may stop a match short (punctuation, spaces, line
 * ends): ASCII, general punctuation, geometric shapes, CJK punctuation and
 * full-width forms, numbered 0..FG_BARRIER_CANDIDATES-1 by fg_barrier_index.
 */
#define FG_BARRIER_CANDIDATES 502
#define FG_BARRIER_WORDS 8

static inline int
fg_barrier_index(uint32_t c)
{
    return c < 0x80     ? (int)c
           : c < 0x2000 ? -1
           : c < 0x2070 ? 128 + (int)(c - 0x2000)
           : c < 0x25A0 ? -1
           : c < 0x2600 ? 240 + (int)(c - 0x25A0)
           : c < 0x3000 ? -1
           : c < 0x3040 ? 336 + (int)(c - 0x3000)
           : c < 0xFF00 ? -1
           : c < 0xFF66 ? 400 + (int)(c - 0xFF00)
                        : -1;
}

/* An anchor's maxoff when a match may start any number of characters
 * before its literal, but never before a barrier character. */
#define FG_REACH_BARRIER SIZE_MAX

typedef struct fg_anchor {
    const char **lits; /* each NUL-terminated, all in bytes */
    size_t *lens;
    size_t *offs; /* the most code points a match starts before each literal */
    char *bytes;
    size_t n;
    size_t maxoff; /* the most of offs; FG_REACH_BARRIER: back to the nearest barrier character */
    size_t maxlen; /* bytes of its longest literal */
    /* The candidates (fg_barrier_index) that no match can hold: a match
     * never starts before the nearest of them ahead of its literal. */
    uint64_t barrier[FG_BARRIER_WORDS];
    int has_barrier;
} fg_anchor;

/*
 * Reads an expanded PCRE2 pattern (compiled with UTF and UCP, without
 * CASELESS or EXTENDED) for its anchor. Anything it does not know is
 * taken as matching anything, so an anchor it finds always holds.
 * Return value: 1 and *a set (free with fg_anchor_clear), 0 when the
 * pattern has no anchor worth using, FG_ENOMEM.
 */
int fg_anchor_find(const char *pat, size_t len, fg_anchor *a);
/* The earliest byte at which a match holding a literal of a, with offset
 * off (one of a->offs, or a->maxoff), that starts at byte at of t can
 * start: off characters back, or just after the nearest barrier character
 * before at, whichever is later; or, when that is at or before byte floor,
 * a byte at or before floor (the scan stops there). */
size_t fg_anchor_start(const fg_anchor *a, const char *t, size_t at, size_t off, size_t floor);
void fg_anchor_clear(fg_anchor *a);

/* Aho-Corasick over the anchors of a set of rules (slot = index in it). */
typedef struct fg_ac fg_ac;
typedef struct fg_ac_hit {
    uint32_t slot, len;
    size_t off; /* the literal's offset in its anchor */
} fg_ac_hit;

/* anchors[i] may be NULL: slot i has no anchor. Return value: NULL when out of memory. */
fg_ac *fg_ac_build(const fg_anchor *const *anchors, size_t n);
void fg_ac_free(fg_ac *ac);

/* Called for each literal found, in order of its end: slot, the byte where
 * it starts and its offset. A non-zero return stops the scan. */
typedef int (*fg_ac_hit_fn)(void *arg, size_t slot, size_t start, size_t off);
int fg_ac_scan(const fg_ac *ac, const char *text, size_t len, fg_ac_hit_fn fn, void *arg);

typedef struct fg_pattern {
    char *text; /* expanded PCRE2 pattern */
    size_t len;
    pcre2_code *re;
    uint32_t ncaps;
    fg_loc loc;
    int dynamic;      /* uses @@person: checked by a callout against the document's people */
    fg_anchor anchor; /* of the match pattern, when has_anchor */
    int has_anchor;
    /* Without an anchor, every match starts with a name of @@person: the
     * pattern is tried only where the name of a known person starts. */
    int person_first;
    pcre2_code *re_window; /* the pattern with PCRE2_USE_OFFSET_LIMIT, for windows of starts */
} fg_pattern;

/* What @@person expands to: two to four Han characters that a callout
 * checks against the people of the document. */
#define FG_PERSON_PATTERN "(?:(?<fg_person>\\p{sc:Han}{2,4})(?C\"person\"))"

typedef struct fg_rule {
    char *id;
    fg_loc loc;   /* of the id on the `rule` line */
    size_t index; /* load order over all files */
    int phase;
    int priority;
    char *group;
    unsigned long limit; /* 0: the world's default */
    fg_pattern match;
    fg_capref each_cap; /* foreach: the capture to iterate over, or name NULL */
    fg_capref carry;    /* foreach: a capture a sub-match without it takes from the one before */
    fg_capref carry_unless; /* ...except where this capture of the sub-pattern took part */
    fg_pattern each;        /* foreach: the sub-pattern */
    fg_expr key;            /* key: facts of one group with equal keys are one node */
    int has_key;
    char *cls;        /* class IRI of the fact, or of the fact attached to */
    char *unresolved; /* class of the fact when a date lacks its anchor, or NULL */
    int attach;       /* `on`: add to the nearest earlier fact of cls */
    fg_scope scope;
    int split; /* `split article`: each match starts an article */
    fg_prop *props;
    size_t nprops, capprops;
    fg_example *examples;
    size_t nexamples, capexamples;
    char *iri_id; /* id made IRI-safe */
    int err_mark; /* parse errors before the rule began: more at its end drop it */
} fg_rule;

typedef struct fg_macro {
    char *name;
    fg_loc loc; /* of the pattern text on the define line */
    const char *text;
    size_t len;
    int expanding; /* recursion guard */
} fg_macro;

typedef struct fg_lexicon {
    char *name;
    char *regex; /* [abc] of single characters, else a trie of (?:...|...) */
    size_t nentries;
} fg_lexicon;

/* ===================================================================
 * The world
 * ================================================================= */

struct fg_world {
    fg_diag_fn diag;
    void *diag_payload;
    raptor_world *raptor;
    fg_ontology onto;

    fg_source **sources;
    size_t nsources, capsources;
    fg_rule **rules;
    size_t nrules, caprules;
    fg_macro *macros;
    size_t nmacros, capmacros;
    fg_lexicon *lexicons;
    size_t nlexicons, caplexicons;
    int max_phase;
    uint32_t max_caps;
    char *rules_version;      /* of a `version` line, or NULL */
    fg_loc rules_version_loc; /* where it is declared */
    /* The rules matched together, with the automaton of their anchors:
     * sets[0] the `split` rules, sets[k] the other rules of phase k. */
    struct fg_ruleset *sets;
    size_t nsets;

    /* Match state, reused for every match: no allocation per match. */
    pcre2_match_context *mctx;
    pcre2_jit_stack *jit;
    pcre2_match_data *md;
    pcre2_match_data *md_each;
    unsigned long match_limit;
};

typedef struct fg_ruleset {
    const struct fg_rule **rules;
    size_t n;
    fg_ac *ac; /* over the anchors of rules[i] (slot i); NULL when none has one */
} fg_ruleset;

/* Builds w->sets from w->rules (fg_world.c), after rules load. */
int fg_world_build_sets(fg_world *w);
void fg_world_free_sets(fg_world *w);

int fg_rules_load_file(fg_world *w, const char *path);
void fg_rule_free(fg_rule *r);
void fg_rules_free_all(fg_world *w);

/* ===================================================================
 * Documents, facts and triples (fg_extract.c, fg_fact.c)
 * ================================================================= */

/* An object: an IRI when dt is NULL, else a literal of datatype dt ("" = xsd:string). */
typedef struct fg_triple {
    const char *s, *p, *o, *dt;
} fg_triple;

/* A property=value pair of a fact as people read it (examples, explain). */
typedef struct fg_pair {
    const char *pred;  /* IRI */
    const char *value; /* IRI or lexical form */
    const char *shown; /* a node's label, else the value */
} fg_pair;

typedef struct fg_fact {
    const fg_rule *rule;
    const char *iri;
    const char *cls;
    size_t b, e;     /* byte span in the text */
    size_t cpb, cpe; /* code-point span */
    fg_pair *pairs;  /* only when the document records summaries */
    size_t npairs, cappairs;
    int attached; /* added to an earlier fact rather than made */
} fg_fact;

/* Why one candidate beat an overlapping one (ORDER FG_WHY). */
typedef enum fg_why { FG_WHY_LONGER = 0, FG_WHY_PRIORITY, FG_WHY_ORDER, FG_WHY_EARLIER } fg_why;

/* A fact's class, start and index in fg_doc.facts, for sorting. */
typedef struct fg_factpos {
    const char *cls;
    size_t b, i;
} fg_factpos;

/* A match of a rule: a candidate until its overlap group is resolved. */
typedef struct fg_cand {
    const fg_rule *rule;
    size_t b, e;     /* bytes */
    size_t cpb, cpe; /* code points */
    PCRE2_SIZE *ov;  /* 2 * rule->match.ncaps offsets, in the arena */
    int won;
    size_t beaten_by; /* when !won: index of the winner it overlaps */
    fg_why why;       /* when !won: the first criterion that decided */
    int phase;
} fg_cand;

/* A rule that stopped at its match limit, for explain. */
typedef struct fg_limit_hit {
    const fg_rule *rule;
    size_t offset; /* code points */
} fg_limit_hit;

typedef struct fg_cands {
    fg_cand *v;
    size_t n, cap;
} fg_cands;

/*
 * Appends every match of r in the document to out (fg_match.c). A rule
 * that hits its match limit is reported and stops for this document.
 */
int fg_match_rule(fg_doc *d, const fg_rule *r, fg_cands *out);

/*
 * Appends every match of every rule of set to out, as fg_match_rule would
 * one rule after the other, in the same order. Rules with an anchor are
 * tried only at the starts near one of their literals, found in one
 * Aho-Corasick pass over the text; the others scan the text.
 */
int fg_match_set(fg_doc *d, const fg_ruleset *set, fg_cands *out);

/*
 * Decides which candidates win: within one group, overlapping candidates
 * are ranked longest first, then by higher priority, then by earlier rule
 * (load order), then by earlier start; each wins unless it overlaps one
 * ranked above it that won. Sets won, beaten_by and why.
 */
int fg_match_resolve(fg_cands *c);

/* Strings by content, in open addressing (at most half full, a power of 2
 * long; key NULL: empty), each with what its table keeps (fg_extract.c). */
typedef struct fg_strtab {
    struct fg_strent *v;
    size_t n, cap;
} fg_strtab;

struct fg_doc {
    fg_world *w;
    fg_rule_stats *stats;   /* one per rule of w, by rule index */
    const char **rule_iris; /* each rule's IRI once made, by rule index */
    /* The prefixes of the IRIs of people, organisations and roles, once made. */
    const char *person_prefix, *org_prefix, *role_prefix;
    char *id;
    char *base;
    char *iri; /* the nif:Context */
    size_t iri_len;
    char *text;
    size_t len, ncp;
    size_t *cp_marks; /* fg_cp_marks of text */
    fg_ymd doc_date;
    int have_doc_date;
    int omit_text;
    char sha256[65]; /* of the text as given, before lone CRs became LF (with omit_text) */
    char *source;
    int record_pairs;
    int full_scan;            /* every rule over the whole text: no prefilter */
    int time_rules;           /* fg_options.time_rules */
    double prefilter_seconds; /* in the Aho-Corasick passes */
    fg_arena arena;
    fg_arena scratch;   /* the candidates' offsets of a phase, freed after it (in arena
                           when tracing: explain shows them) */
    fg_buf mint_buf;    /* where fg_fact.c's mint writes an IRI before the arena */
    fg_triple *triples; /* in the order made */
    size_t ntriples, captriples;
    /* Once extracted: the triples to write, sorted and without repeats,
     * triples[order[i]] for i < nsorted (fg_doc_triple). The order, not
     * the triples, is sorted: moving them into place costs a cache miss a
     * triple, a chain of them when done in place. */
    uint32_t *order;
    size_t nsorted;
    fg_fact *facts;
    size_t nfacts, capfacts;
    size_t nfactnodes; /* facts made, not attached */
    /* Names of the people found so far, in the order found: the dynamic
     * lexicon of `where ... in person`; people_set holds them by name. */
    const char **people;
    size_t npeople, cappeople;
    fg_strtab people_set;
    /* Nodes described so far (people, organisations, roles, rules,
     * mentions) by IRI, with where their triples start. */
    fg_strtab nodes;
    /* Facts of earlier phases sorted by class, then start (indices into
     * facts), for `on`; built when a phase begins. */
    struct fg_factpos *earlier;
    size_t nearlier;
    /* Ends of sentences and of paragraphs (byte offsets just past the
     * terminator), found once, for `within`. */
    size_t *sent_ends, *para_ends;
    size_t nsent, npara;
    int scopes_found;
    /* Articles of a newspaper page, in text order (empty: the page is one). */
    struct fg_article *articles;
    size_t narticles, caparticles;
    /* Kept only for explain: every candidate of every phase, and limits hit. */
    int tracing;
    fg_cand *trace;
    size_t ntrace, captrace;
    fg_limit_hit *limits;
    size_t nlimits, caplimits;
};

/* An article: from its headline to the next article's, in bytes and code points. */
typedef struct fg_article {
    size_t b, e, cpb, cpe;
    size_t head_b, head_e; /* its headline, bytes (may be empty) */
    const char *iri;
    const fg_rule *rule;
} fg_article;

/* The article holding byte offset pos, or NULL. */
const fg_article *fg_doc_article(const fg_doc *d, size_t pos);

/* The byte range [*b, *e) of the scope of d that holds [pos, end): found
 * by binary search in terminators found once, so each call is O(log n). */
int fg_doc_scope(fg_doc *d, size_t pos, size_t end, fg_scope scope, size_t *b, size_t *e);

/* Sorts the facts made so far by start, for fg_doc_scope's neighbours (fg_fact.c). */
int fg_doc_index_facts(fg_doc *d);

/* Whether name[0..n) is the name of a person found so far in d. */
int fg_doc_knows_person(const fg_doc *d, const char *name, size_t n);

/* Adds a name to the people of d (a copy lives in d's arena). */
int fg_doc_add_person(fg_doc *d, const char *name, size_t n);

/* A node described once a document. When its first description (ntriples
 * triples, the first of them its rdf:type) is still there, returns that
 * one's IRI and sets *fresh to 0; a fact dropped takes its triples back,
 * and its nodes with them. Else returns iri (a copy in d's arena when
 * copy is set: iri may then be a buffer of the caller's), sets *fresh to 1
 * and records that the node's triples start at d->ntriples: the caller
 * adds them next. NULL when out of memory. */
const char *fg_doc_node(fg_doc *d, const char *iri, int copy, size_t ntriples, int *fresh);

/* The i-th triple to write of an extracted document, i < d->nsorted. */
static inline const fg_triple *
fg_doc_triple(const fg_doc *d, size_t i)
{
    return &d->triples[d->order[i]];
}

/* Adds a triple; strings must outlive the doc (world-owned or in d->arena). */
int fg_doc_add(fg_doc *d, const char *s, const char *p, const char *o, const char *dt);

/* Adds the mention of text [b, e) (bytes; cpb, cpe in code points) and
 * returns its IRI, or NULL when out of memory (fg_fact.c). */
const char *fg_add_mention(fg_doc *d, size_t b, size_t e, size_t cpb, size_t cpe);

/* The IRI of a rule, with the triples that describe it (fg_fact.c). */
const char *fg_rule_node(fg_doc *d, const fg_rule *r);

/* Turns one winning candidate into facts and triples. */
int fg_fact_build(fg_doc *d, const fg_cand *c, pcre2_match_data *md_each);

/* Checks a rule's template calls at load time (argument counts, terms). */
int fg_fact_check_template(fg_world *w, fg_rule *r);

/* Looks up a template function by name: its index, or -1. */
int fg_fact_function(const char *name, size_t n);

/* Interned IRIs of the vocabularies the builder writes. */
extern const char *const FG_IRI_RDF_TYPE;

/* Runs the extraction of a document. FG_KEEP_PAIRS records how each fact
 * reads (examples, explain); FG_KEEP_TRACE keeps every candidate (explain). */
enum { FG_KEEP_PAIRS = 1, FG_KEEP_TRACE = 2 };
int fg_extract_doc(fg_doc **out, fg_world *w, const char *id, const char *text, size_t len,
                   const fg_options *opt, int keep);

/* Writes the document's people, roles, organisations and events as DOT (fg_dot.c). */
int fg_dot_write(const fg_doc *d, FILE *out);
/* The document through raptor's serializer for FORMAT (turtle, ntriples or
 * nquads): Turtle's writer, and the reference the tests compare ours with. */
int fg_doc_write_raptor(fg_doc *d, FILE *fp, fg_format format);
/* The document in format, into *bytes (malloc'd; free() it) and *len: the
 * writer's own formats straight into a growing block, the others through
 * open_memstream. On failure *bytes is NULL. */
int fg_doc_write_mem(fg_doc *d, fg_format format, char **bytes, size_t *len);

/* Appends "CLASS pfx:p=value ..." for a fact that recorded its pairs (fg_examples.c). */
int fg_fact_summary(const fg_world *w, const fg_fact *f, fg_buf *out);

/* ===================================================================
 * Reading RDF back (fg_rgraph.c): for audit, report and diff
 * ================================================================= */

typedef enum fg_rkind { FG_RT_IRI = 0, FG_RT_LITERAL, FG_RT_BLANK } fg_rkind;

typedef struct fg_rterm {
    const char *v;    /* IRI, lexical form, or blank-node label */
    const char *dt;   /* a literal's datatype IRI, or NULL for a plain string */
    const char *lang; /* a literal's language, or NULL */
    fg_rkind kind;
    size_t len; /* of v in bytes: a literal may hold U+0000 only if the file escapes it */
} fg_rterm;

typedef struct fg_rtriple {
    fg_rterm s, p, o;
} fg_rtriple;

typedef struct fg_rgraph {
    fg_arena arena;
    fg_rtriple *t; /* sorted by subject, predicate, object after loading */
    size_t n, cap;
    int errors; /* parse errors raptor reported to its log handler */
    const char *path;
} fg_rgraph;

/*
 * Reads an RDF file (Turtle, or N-Triples/N-Quads by extension .nt/.nq) with
 * raptor. Every error raptor reports, even one after which it returns
 * success, is a diagnostic with its line, and makes the result FG_EINPUT.
 */
int fg_rgraph_load(fg_world *w, fg_rgraph *g, const char *path);
void fg_rgraph_free(fg_rgraph *g);

/* The triples of subject s: *first gets the index of the first. */
size_t fg_rgraph_about(const fg_rgraph *g, const char *s, size_t *first);

/* The first object of s p, or NULL; *count (may be NULL) gets how many there are. */
const fg_rterm *fg_rgraph_one(const fg_rgraph *g, const char *s, const char *p, size_t *count);

/* Whether s has rdf:type cls. */
int fg_rgraph_is_a(const fg_rgraph *g, const char *s, const char *cls);

/* A mention read back: its context, offsets and quote as the file says. */
typedef struct fg_rmention {
    const char *iri;
    const char *context;
    long b, e; /* -1 when absent or not a number */
    const char *anchor;
} fg_rmention;

/* A fact read back: a node with provenance (prov:wasDerivedFrom or fg:rule),
 * or a node of one of the fact classes. */
typedef struct fg_rfact {
    const char *iri;
    const char *cls;  /* its class (abbreviated by the ontology's prefixes) */
    const char *rule; /* the rule's id, or NULL */
    fg_rmention *mentions;
    size_t nmentions;
    fg_pair *pairs; /* property and value as a person reads them */
    size_t npairs;
} fg_rfact;

/* The facts of g, sorted by IRI; arrays live in g's arena. */
int fg_rgraph_facts(const fg_world *w, fg_rgraph *g, fg_rfact **out, size_t *n);

/* Reads a whole file into a new NUL-terminated buffer (caller frees). */
int fg_read_file(const char *path, char **text, size_t *len);

/* SHA-256 of data as 64 lowercase hex digits plus NUL (fg_sha256.c). */
void fg_sha256_hex(const void *data, size_t n, char out[65]);

#endif
