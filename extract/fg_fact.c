/*
 * fg_fact.c - the fact builder: rule templates evaluated into triples.
 * SPDX-License-Identifier: MIT
 *
 * A rule's template lines are evaluated once per winning match (or once
 * per sub-match of its foreach pattern). Values come from captures through
 * the functions of the table below. Every fact node gets its class, the
 * mention it was derived from and the rule that made it; nodes for people,
 * organisations and roles get IRIs from their names, so that one name in
 * one document is one node. When a value cannot be normalised exactly the
 * whole fact is dropped: a wrong amount is worse than none.
 */
#include <string.h>

#include "fg_internal.h"
#include "fg_vocab.h"

/* A value ready to be an object; set == 0 when an optional capture is absent. */
typedef struct value {
    int set;
    const char *s;     /* IRI, or the lexical form of a literal */
    const char *dt;    /* NULL: IRI; "": string literal; else datatype IRI */
    const char *shown; /* how a person reads it, for examples and explain */
} value;

typedef struct ctx {
    fg_doc *d;
    const fg_cand *c;
    const fg_rule *r;
    const PCRE2_SIZE *each; /* the foreach sub-match, or NULL */
    const char *subject;
    const char *mention;
    fg_fact *fact;
    const char *cls;             /* the class the fact gets: the rule's, or its `unresolved` one */
    PCRE2_SIZE carry_b, carry_e; /* the carried capture (foreach), or PCRE2_UNSET */
} ctx;

/* ===================================================================
 * Helpers
 * ================================================================= */

/* The text of a capture; 0 when it did not take part or is empty. */
static int
capture(const ctx *x, const fg_capref *cr, const char **s, size_t *n)
{
    const PCRE2_SIZE *ov = cr->in_each ? x->each : x->c->ov;
    uint32_t ncaps = cr->in_each ? x->r->each.ncaps : x->r->match.ncaps;
    if (ov == NULL)
        return 0;
    for (size_t i = 0; i < cr->ngroups; i++) {
        uint32_t g = cr->groups[i];
        if (g < ncaps && ov[2 * g] != PCRE2_UNSET && ov[2 * g + 1] > ov[2 * g]) {
            *s = x->d->text + ov[2 * g];
            *n = ov[2 * g + 1] - ov[2 * g];
            return 1;
        }
    }
    if (cr->in_each && x->carry_b != PCRE2_UNSET && x->r->carry.name != NULL &&
        strcmp(cr->name, x->r->carry.name) == 0) {
        *s = x->d->text + x->carry_b;
        *n = x->carry_e - x->carry_b;
        return 1;
    }
    return 0;
}

/* Whether a group named by cr took part in a sub-match (even empty). */
static int
took_part(const fg_rule *r, const fg_capref *cr, const PCRE2_SIZE *ov)
{
    for (size_t i = 0; i < cr->ngroups; i++)
        if (cr->groups[i] < r->each.ncaps && ov[2 * cr->groups[i]] != PCRE2_UNSET)
            return 1;
    return 0;
}

/* Argument i of a call as text: a capture or a string constant. */
static int
arg_text(const ctx *x, const fg_expr *call, size_t i, const char **s, size_t *n)
{
    if (i >= call->nargs)
        return 0;
    const fg_expr *a = &call->args[i];
    if (a->kind == FG_X_STRING) {
        *s = a->str;
        *n = strlen(a->str);
        return *n > 0;
    }
    return a->kind == FG_X_CAPTURE && capture(x, &a->cap, s, n);
}

static int
add_pair(ctx *x, const char *pred, const char *val, const char *shown)
{
    fg_fact *f = x->fact;
    if (!x->d->record_pairs || f == NULL)
        return FG_OK;
    if (f->npairs == f->cappairs) {
        size_t cap = f->cappairs ? 2 * f->cappairs : 8;
        fg_pair *p = fg_arena_alloc(&x->d->arena, cap * sizeof *p);
        if (p == NULL)
            return FG_ENOMEM;
        if (f->npairs)
            memcpy(p, f->pairs, f->npairs * sizeof *p);
        f->pairs = p;
        f->cappairs = cap;
    }
    f->pairs[f->npairs].pred = pred;
    f->pairs[f->npairs].value = val;
    f->pairs[f->npairs].shown = shown;
    f->npairs++;
    return FG_OK;
}

/* Adds subject pred value, and records how it reads. */
static int
emit(ctx *x, const char *subject, const char *pred, const value *v)
{
    int rc = fg_doc_add(x->d, subject, pred, v->s, v->dt);
    if (rc == FG_OK && subject == x->subject)
        rc = add_pair(x, pred, v->s, v->shown ? v->shown : v->s);
    return rc;
}

static int
emit_lit(ctx *x, const char *subject, const char *pred, const char *lex, const char *dt)
{
    value v = {1, lex, dt, lex};
    return emit(x, subject, pred, &v);
}

static char *
dup_text(ctx *x, const char *s, size_t n)
{
    return fg_arena_strndup(&x->d->arena, s, n);
}

/* "prefix/segment" with the segment percent-encoded, in the arena. */
static char *
mint(ctx *x, const char *prefix, const char *seg, size_t n, const char *suffix)
{
    fg_buf *b = &x->d->mint_buf; /* kept: no allocation a call */
    fg_buf_reset(b);
    if (fg_buf_adds(b, prefix) == FG_OK && fg_buf_add_iri_segment(b, seg, n) == FG_OK &&
        fg_buf_adds(b, suffix ? suffix : "") == FG_OK)
        return fg_arena_strndup(&x->d->arena, b->p, b->len);
    return NULL;
}

/* The lexical form of a decimal: xsd:decimal always carries a point, as
 * raptor would otherwise write 213000 bare and it would read back as an
 * integer. */
static const char *
lex_dec(ctx *x, const fg_dec *d, int decimal)
{
    if (decimal && strchr(d->s, '.') == NULL)
        return fg_arena_printf(&x->d->arena, "%s.0", d->s);
    return fg_arena_strndup(&x->d->arena, d->s, strlen(d->s));
}

/* ===================================================================
 * Functions that give one value
 * ================================================================= */

static int
fn_text(ctx *x, const fg_expr *e, value *v)
{
    const char *s;
    size_t n;
    if (!arg_text(x, e, 0, &s, &n))
        return FG_OK;
    v->s = v->shown = dup_text(x, s, n);
    v->dt = XSD_STRING;
    v->set = v->s != NULL;
    return v->s ? FG_OK : FG_ENOMEM;
}

static int
number_of(ctx *x, const fg_expr *e, fg_number *num)
{
    const char *s;
    size_t n;
    if (!arg_text(x, e, 0, &s, &n))
        return 0;
    return fg_norm_number(num, s, n) == FG_OK ? 1 : FG_EINVAL;
}

static int
fn_integer(ctx *x, const fg_expr *e, value *v)
{
    fg_number num;
    int rc = number_of(x, e, &num);
    if (rc <= 0)
        return rc;
    if (!num.is_integer || num.qual != FG_QUAL_EXACT)
        return FG_EINVAL;
    v->s = v->shown = lex_dec(x, &num.value, 0);
    v->dt = XSD_INTEGER;
    v->set = 1;
    return v->s ? FG_OK : FG_ENOMEM;
}

static int
fn_decimal(ctx *x, const fg_expr *e, value *v)
{
    fg_number num;
    int rc = number_of(x, e, &num);
    if (rc <= 0)
        return rc;
    if (num.qual != FG_QUAL_EXACT)
        return FG_EINVAL;
    v->s = v->shown = lex_dec(x, &num.value, 1);
    v->dt = XSD_DECIMAL;
    v->set = 1;
    return v->s ? FG_OK : FG_ENOMEM;
}

/*
 * Reads a date argument. Returns 1 with *dt set, 0 when the capture is
 * absent, FG_EINVAL when the text is not a valid date. A relative date that
 * has no anchor comes back with dt->rel == FG_REL_UNRESOLVED: callers decide
 * whether that is a value they can write.
 */
static int
date_of(ctx *x, const fg_expr *e, fg_date *dt)
{
    const char *s;
    size_t n;
    if (!arg_text(x, e, 0, &s, &n))
        return 0;
    const fg_ymd *anchor = x->d->have_doc_date ? &x->d->doc_date : NULL;
    if (fg_norm_date(dt, s, n, anchor) != FG_OK)
        return FG_EINVAL;
    return 1;
}

/*
 * The relative date as written, in a TIMEX-like form: the offset from its
 * anchor, then the fields the text gives. 去年8月 is "-P1Y/--08", 次日 is
 * "+P1D", 今年 is "P0Y", 本月十日 is "P0M/---10".
 */
static const char *
relative_form(ctx *x, const fg_date *dt)
{
    char buf[64];
    size_t n = 0;
    int y = dt->rel_years, m = dt->rel_months, d = dt->rel_days;
    int sign = y < 0 || m < 0 || d < 0 ? -1 : (y > 0 || m > 0 || d > 0);
    n += (size_t)snprintf(buf + n, sizeof buf - n, "%sP", sign < 0 ? "-" : sign > 0 ? "+" : "");
    if (y)
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%dY", y < 0 ? -y : y);
    if (m)
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%dM", m < 0 ? -m : m);
    if (d)
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%dD", d < 0 ? -d : d);
    if (!y && !m && !d) /* no offset: the anchor's own year, month or day */
        n += (size_t)snprintf(buf + n, sizeof buf - n, "0%c", dt->rel_unit ? dt->rel_unit : 'Y');
    /* The fields given; for a range its two ends joined by "..". */
    for (int k = 0; k < (dt->is_range ? 2 : 1); k++) {
        const fg_ymd *b = k ? &dt->end : &dt->begin;
        const char *sep = k ? ".." : "/";
        if (b->month && b->day)
            n += (size_t)snprintf(buf + n, sizeof buf - n, "%s--%02d-%02d", sep, b->month, b->day);
        else if (b->month)
            n += (size_t)snprintf(buf + n, sizeof buf - n, "%s--%02d", sep, b->month);
        else if (b->day)
            n += (size_t)snprintf(buf + n, sizeof buf - n, "%s---%02d", sep, b->day);
        if (n >= sizeof buf)
            break;
    }
    return fg_arena_strndup(&x->d->arena, buf, n < sizeof buf ? n : sizeof buf - 1);
}

/*
 * Notes on the fact what a relative date says (fg:relativeValue, fg:anchor).
 * Without its anchor the fact takes the rule's `unresolved` class, or is
 * dropped (FG_EINVAL) when the rule has none.
 */
static int
relative_note(ctx *x, const fg_expr *e, const fg_date *dt)
{
    /* The relative form as written: parsed again without the anchor, so
     * that 上月 stays "-P1M" and does not show the month it resolved to. */
    fg_date written = *dt;
    const char *s;
    size_t n;
    if (dt->rel == FG_REL_RESOLVED && arg_text(x, e, 0, &s, &n) &&
        fg_norm_date(&written, s, n, NULL) == FG_OK && written.rel_unit == 0)
        written.rel_unit = 'Y'; /* a year taken from the doc date */
    if (dt->rel == FG_REL_UNRESOLVED && x->r->unresolved == NULL)
        return FG_EINVAL;
    const char *rel = relative_form(x, &written);
    value anchor = {1, dt->rel_context ? FG_NS "ContextDate" : FG_NS "DocumentDate", NULL, NULL};
    if (rel == NULL)
        return FG_ENOMEM;
    int rc = emit_lit(x, x->subject, FG_NS "relativeValue", rel, XSD_STRING);
    if (rc == FG_OK)
        rc = emit(x, x->subject, FG_NS "anchor", &anchor);
    if (rc == FG_OK && dt->rel == FG_REL_UNRESOLVED)
        x->cls = x->r->unresolved;
    return rc;
}

/* The property and datatype that carry a point of this precision (CONTRACT.md). */
static void
date_terms(fg_xsd t, const char **pred, const char **dt)
{
    switch (t) {
    case FG_XSD_DATE:
        *pred = NS_TIME "inXSDDate";
        *dt = NS_XSD "date";
        break;
    case FG_XSD_GYEARMONTH:
        *pred = NS_TIME "inXSDgYearMonth";
        *dt = NS_XSD "gYearMonth";
        break;
    case FG_XSD_GYEAR:
        *pred = NS_TIME "inXSDgYear";
        *dt = NS_XSD "gYear";
        break;
    case FG_XSD_GMONTH:
        *pred = RDF_VALUE;
        *dt = NS_XSD "gMonth";
        break;
    default: /* a month and day of an unknown year */
        *pred = RDF_VALUE;
        *dt = NS_XSD "gMonthDay";
        break;
    }
}

static int
date_literal(ctx *x, const fg_ymd *p, value *v, const char **pred)
{
    char buf[32];
    fg_xsd t = fg_norm_ymd_xsd(p, buf, sizeof buf);
    if (t == FG_XSD_NONE)
        return FG_EINVAL;
    const char *dt;
    date_terms(t, pred, &dt);
    v->s = v->shown = dup_text(x, buf, strlen(buf));
    v->dt = dt;
    v->set = 1;
    return v->s ? FG_OK : FG_ENOMEM;
}

static int
fn_date(ctx *x, const fg_expr *e, value *v)
{
    fg_date dt;
    int rc = date_of(x, e, &dt);
    if (rc <= 0 || dt.rel == FG_REL_UNRESOLVED)
        return rc < 0 ? rc : FG_OK; /* no value known: the property is left out */
    const char *pred;
    return date_literal(x, &dt.begin, v, &pred);
}

/* A node with a type and a label, named by its label under prefix. */
static int
labelled_node(ctx *x, const fg_expr *e, const char *prefix, const char *cls, const char *label,
              value *v)
{
    const char *s;
    size_t n;
    if (!arg_text(x, e, 0, &s, &n))
        return FG_OK;
    int fresh = 0;
    v->s = mint(x, prefix, s, n, NULL);
    v->shown = dup_text(x, s, n);
    v->dt = NULL;
    v->set = 1;
    if (v->s == NULL || v->shown == NULL || (v->s = fg_doc_node(x->d, v->s, 0, 2, &fresh)) == NULL)
        return FG_ENOMEM;
    if (!fresh) /* described already */
        return FG_OK;
    int rc = fg_doc_add(x->d, v->s, RDF_TYPE, cls, NULL);
    if (rc == FG_OK)
        rc = fg_doc_add(x->d, v->s, label, v->shown, XSD_STRING);
    return rc;
}

/* a, b and c end to end, made once a document: *made keeps it (NULL when
 * out of memory). */
static const char *
made_once(fg_doc *d, const char **made, const char *a, const char *b, const char *c)
{
    if (*made == NULL)
        *made = fg_arena_printf(&d->arena, "%s%s%s", a, b, c);
    return *made;
}

/* A mention of the name itself, [s, s+n) of the text, that says whom it
 * names (itsrdf:taIdentRef): every mention of a person, titled or bare,
 * points to the one node of that name. */
static int
name_mention(ctx *x, const char *s, size_t n, const char *entity)
{
    fg_doc *d = x->d;
    if (s < d->text || s + n > d->text + d->len)
        return FG_OK; /* a constant, not text */
    size_t b = (size_t)(s - d->text);
    /* Counted from the match, so that the cost stays linear. */
    fg_cursor cur = {d->text, x->c->b, x->c->cpb, d->cp_marks};
    size_t cpb = fg_cursor_cp(&cur, b), cpe = fg_cursor_cp(&cur, b + n);
    const char *m = fg_add_mention(d, b, b + n, cpb, cpe);
    if (m == NULL)
        return FG_ENOMEM;
    return fg_doc_add(d, m, ITS_IDENT, entity, NULL);
}

static int
fn_person(ctx *x, const fg_expr *e, value *v)
{
    const char *p = made_once(x->d, &x->d->person_prefix, x->d->iri, "/person/", "");
    int rc = p ? labelled_node(x, e, p, NS_SCHEMA "Person", NS_SCHEMA "name", v) : FG_ENOMEM;
    const char *s;
    size_t n;
    if (rc == FG_OK && v->set && arg_text(x, e, 0, &s, &n)) {
        rc = fg_doc_add_person(x->d, s, n);
        if (rc == FG_OK)
            rc = name_mention(x, s, n, v->s);
    }
    return rc;
}

static int
fn_org(ctx *x, const fg_expr *e, value *v)
{
    const char *p = made_once(x->d, &x->d->org_prefix, x->d->iri, "/org/", "");
    return p ? labelled_node(x, e, p, NS_ORG "Organization", NS_SCHEMA "name", v) : FG_ENOMEM;
}

static int
fn_role(ctx *x, const fg_expr *e, value *v)
{
    /* A role such as 书记 means the same in every document. */
    const char *p = made_once(x->d, &x->d->role_prefix, x->d->base, "role/", "");
    return p ? labelled_node(x, e, p, NS_ORG "Role", NS_SKOS "prefLabel", v) : FG_ENOMEM;
}

/* participant(name, role): a schema:Role node between an event and a person. */
static int
fn_participant(ctx *x, const fg_expr *e, value *v)
{
    const char *name, *role;
    size_t nn, rn;
    if (!arg_text(x, e, 0, &name, &nn) || !arg_text(x, e, 1, &role, &rn))
        return FG_OK;
    fg_expr first = *e;
    first.nargs = 1;
    value person = {0};
    int rc = fn_person(x, &first, &person);
    if (rc < 0 || !person.set)
        return rc;
    const char *p = fg_arena_printf(&x->d->arena, "%s/participant/", x->subject);
    char *iri = p ? mint(x, p, name, nn, "/") : NULL;
    if (iri == NULL || (iri = mint(x, iri, role, rn, NULL)) == NULL)
        return FG_ENOMEM;
    const char *rl = dup_text(x, role, rn);
    v->s = iri;
    v->shown = fg_arena_printf(&x->d->arena, "%s/%s", person.shown, rl ? rl : "");
    v->dt = NULL;
    v->set = 1;
    if (rl == NULL || v->shown == NULL)
        return FG_ENOMEM;
    fg_doc *d = x->d;
    if ((rc = fg_doc_add(d, iri, RDF_TYPE, NS_SCHEMA "Role", NULL)) < 0 ||
        (rc = fg_doc_add(d, iri, NS_SCHEMA "attendee", person.s, NULL)) < 0 ||
        (rc = fg_doc_add(d, iri, NS_SCHEMA "roleName", rl, XSD_STRING)) < 0 ||
        (rc = fg_doc_add(d, iri, PROV_DERIVED, x->mention, NULL)) < 0)
        return rc;
    return fg_doc_add(d, iri, FG_RULE,
                      fg_arena_printf(&d->arena, "%srule/%s", d->base, x->r->iri_id), NULL);
}

static int
instant_node(ctx *x, const fg_expr *e, value *v, int end)
{
    fg_date dt;
    int rc = date_of(x, e, &dt);
    if (rc <= 0)
        return rc;
    if (dt.rel != FG_REL_NONE && !end) { /* noted once, by the beginning */
        rc = relative_note(x, e, &dt);
        if (rc < 0)
            return rc;
    }
    if (dt.rel == FG_REL_UNRESOLVED)
        return x->r->unresolved ? FG_OK : FG_EINVAL; /* no instant we know */
    value lit = {0};
    const char *pred;
    if ((rc = date_literal(x, end ? &dt.end : &dt.begin, &lit, &pred)) < 0)
        return rc;
    v->s = fg_arena_printf(&x->d->arena, "%s/%s", x->subject, end ? "end" : "begin");
    v->shown = lit.shown;
    v->dt = NULL;
    v->set = 1;
    if (v->s == NULL)
        return FG_ENOMEM;
    /* No rdf:type here: the range of time:hasBeginning/hasEnd makes the node
     * a time:Instant, and an explicit type would let a consumer that counts
     * time:Instant nodes count one range as three dates. */
    return fg_doc_add(x->d, v->s, pred, lit.s, lit.dt);
}

static int
fn_instant(ctx *x, const fg_expr *e, value *v)
{
    return instant_node(x, e, v, 0);
}

static int
fn_instant_end(ctx *x, const fg_expr *e, value *v)
{
    return instant_node(x, e, v, 1);
}

/* ===================================================================
 * Splices: functions that write several properties on the fact node
 * ================================================================= */

/* Writes an amount with its qualifiers as CONTRACT.md says. Arguments from
 * qual_arg on are qualifier words captured around the number. */
static int
emit_amount(ctx *x, const fg_number *num, const fg_expr *e, size_t qual_arg, int decimal)
{
    fg_qual q = num->qual;
    for (size_t i = qual_arg; i < e->nargs; i++) {
        const char *qs;
        size_t qn;
        fg_qual outer;
        if (!arg_text(x, e, i, &qs, &qn))
            continue;
        if (fg_norm_qualifier(&outer, qs, qn) != FG_OK)
            return FG_EINVAL;
        q = fg_norm_qual_merge(outer, q);
    }
    int dec = decimal || !num->is_integer;
    const char *dt = dec ? XSD_DECIMAL : XSD_INTEGER;
    const char *lex = lex_dec(x, &num->value, dec);
    if (lex == NULL)
        return FG_ENOMEM;
    const char *pred = NS_SCHEMA "value", *approx = NULL;
    switch (q) {
    case FG_QUAL_EXACT:
        break;
    case FG_QUAL_ABOUT:
        approx = FG_NS "About";
        break;
    case FG_QUAL_MORE_THAN:
        pred = NS_SCHEMA "minValue";
        approx = FG_NS "MoreThan";
        break;
    case FG_QUAL_AT_MOST:
        pred = NS_SCHEMA "maxValue";
        approx = FG_NS "AtMost";
        break;
    case FG_QUAL_RANGE:
        pred = NS_SCHEMA "minValue";
        break;
    }
    int rc = emit_lit(x, x->subject, pred, lex, dt);
    if (rc == FG_OK && q == FG_QUAL_RANGE) {
        const char *hi = lex_dec(x, &num->high, dec);
        rc = hi ? emit_lit(x, x->subject, NS_SCHEMA "maxValue", hi, dt) : FG_ENOMEM;
    }
    if (rc == FG_OK && approx != NULL) {
        value v = {1, approx, NULL, fg_norm_qual_name(q)};
        rc = emit(x, x->subject, FG_NS "approximation", &v);
    }
    for (size_t i = qual_arg; i < e->nargs && rc == FG_OK; i++) {
        const char *qs;
        size_t qn;
        if (!arg_text(x, e, i, &qs, &qn))
            continue;
        const char *t = dup_text(x, qs, qn);
        rc = t ? emit_lit(x, x->subject, FG_NS "qualifierText", t, XSD_STRING) : FG_ENOMEM;
    }
    return rc;
}

/* quantity(number [, qualifier...]) */
static int
sp_quantity(ctx *x, const fg_expr *e)
{
    fg_number num;
    int rc = number_of(x, e, &num);
    if (rc <= 0)
        return rc == 0 ? FG_EINVAL : rc;
    return emit_amount(x, &num, e, 1, 0);
}

/* money(amount-with-currency [, qualifier...]) */
static int
sp_money(ctx *x, const fg_expr *e)
{
    const char *s;
    size_t n;
    fg_money m;
    if (!arg_text(x, e, 0, &s, &n) || fg_norm_money(&m, s, n) != FG_OK)
        return FG_EINVAL;
    int rc = emit_amount(x, &m.amount, e, 1, 1);
    const char *cur = dup_text(x, m.currency, strlen(m.currency));
    if (rc == FG_OK)
        rc = cur ? emit_lit(x, x->subject, NS_SCHEMA "currency", cur, XSD_STRING) : FG_ENOMEM;
    return rc;
}

/*
 * when(date): the value of a time:Instant fact, at the precision the text
 * gives. A relative date also gets fg:relativeValue and fg:anchor. Without
 * its anchor it has no value: the fact takes the rule's `unresolved` class
 * (or is dropped when the rule has none), and says what the text says.
 */
static int
sp_when(ctx *x, const fg_expr *e)
{
    fg_date dt;
    int rc = date_of(x, e, &dt);
    if (rc <= 0)
        return rc == 0 ? FG_EINVAL : rc;
    if (dt.rel != FG_REL_NONE) {
        rc = relative_note(x, e, &dt);
        if (rc < 0 || dt.rel == FG_REL_UNRESOLVED)
            return rc;
    }
    value v = {0};
    const char *pred;
    if ((rc = date_literal(x, &dt.begin, &v, &pred)) < 0)
        return rc;
    return emit(x, x->subject, pred, &v);
}

/* ===================================================================
 * The function table
 * ================================================================= */

enum { K_VALUE, K_SPLICE };

#define TM NS_TIME
static const struct fn {
    const char *name;
    int kind;
    size_t min, max;
    const char *terms[10]; /* ontology terms it writes, checked when rules load */
    int (*value)(ctx *, const fg_expr *, value *);
    int (*splice)(ctx *, const fg_expr *);
} fns[] = {
    {"text", K_VALUE, 1, 1, {NULL}, fn_text, NULL},
    {"integer", K_VALUE, 1, 1, {NULL}, fn_integer, NULL},
    {"decimal", K_VALUE, 1, 1, {NULL}, fn_decimal, NULL},
    {"date", K_VALUE, 1, 1, {NULL}, fn_date, NULL},
    {"person", K_VALUE, 1, 1, {NS_SCHEMA "Person", NS_SCHEMA "name", ITS_IDENT}, fn_person, NULL},
    {"org", K_VALUE, 1, 1, {NS_ORG "Organization", NS_SCHEMA "name"}, fn_org, NULL},
    {"role", K_VALUE, 1, 1, {NS_ORG "Role", NS_SKOS "prefLabel"}, fn_role, NULL},
    {"participant",
     K_VALUE,
     2,
     2,
     {NS_SCHEMA "Role", NS_SCHEMA "attendee", NS_SCHEMA "roleName", NS_SCHEMA "Person",
      NS_SCHEMA "name"},
     fn_participant,
     NULL},
    {"instant",
     K_VALUE,
     1,
     1,
     {TM "inXSDDate", TM "inXSDgYearMonth", TM "inXSDgYear", RDF_VALUE, FG_NS "relativeValue",
      FG_NS "anchor"},
     fn_instant,
     NULL},
    {"instant_end",
     K_VALUE,
     1,
     1,
     {TM "inXSDDate", TM "inXSDgYearMonth", TM "inXSDgYear", RDF_VALUE},
     fn_instant_end,
     NULL},
    {"quantity",
     K_SPLICE,
     1,
     4,
     {NS_SCHEMA "value", NS_SCHEMA "minValue", NS_SCHEMA "maxValue", FG_NS "approximation",
      FG_NS "qualifierText", FG_NS "About", FG_NS "MoreThan", FG_NS "AtMost"},
     NULL,
     sp_quantity},
    {"money",
     K_SPLICE,
     1,
     4,
     {NS_SCHEMA "value", NS_SCHEMA "minValue", NS_SCHEMA "maxValue", NS_SCHEMA "currency",
      FG_NS "approximation", FG_NS "qualifierText", FG_NS "About", FG_NS "MoreThan",
      FG_NS "AtMost"},
     NULL,
     sp_money},
    {"when",
     K_SPLICE,
     1,
     1,
     {TM "inXSDDate", TM "inXSDgYearMonth", TM "inXSDgYear", RDF_VALUE, FG_NS "relativeValue",
      FG_NS "anchor", FG_NS "DocumentDate", FG_NS "ContextDate"},
     NULL,
     sp_when},
};
#undef TM

int
fg_fact_function(const char *name, size_t n)
{
    for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++)
        if (strlen(fns[i].name) == n && memcmp(fns[i].name, name, n) == 0)
            return (int)i;
    return -1;
}

static int
check_call(fg_world *w, const fg_rule *r, const fg_expr *e, int splice)
{
    const struct fn *f = &fns[e->fn];
    if (splice && f->kind != K_SPLICE) {
        fg_report(w, FG_ERROR, FG_ESYNTAX, &e->loc,
                  "rule %s: %s() gives one value; write it after a property", r->id, f->name);
        return FG_ESYNTAX;
    }
    if (!splice && f->kind == K_SPLICE) {
        fg_report(w, FG_ERROR, FG_ESYNTAX, &e->loc,
                  "rule %s: %s() writes several properties; write it on a line of its own", r->id,
                  f->name);
        return FG_ESYNTAX;
    }
    if (e->nargs < f->min || e->nargs > f->max) {
        fg_report(w, FG_ERROR, FG_ESYNTAX, &e->loc, "rule %s: %s() takes %zu to %zu arguments",
                  r->id, f->name, f->min, f->max);
        return FG_ESYNTAX;
    }
    for (size_t i = 0; i < e->nargs; i++) {
        if (e->args[i].kind != FG_X_CAPTURE && e->args[i].kind != FG_X_STRING) {
            fg_report(w, FG_ERROR, FG_ESYNTAX, &e->args[i].loc,
                      "rule %s: arguments of %s() are $captures or \"text\"", r->id, f->name);
            return FG_ESYNTAX;
        }
    }
    for (size_t i = 0; i < sizeof f->terms / sizeof f->terms[0] && f->terms[i]; i++) {
        if (fg_ontology_kinds(&w->onto, f->terms[i]) == 0) {
            fg_report(w, FG_ERROR, FG_EONTOLOGY, &e->loc,
                      "rule %s: %s() writes %s, which the ontology does not declare", r->id,
                      f->name, f->terms[i]);
            return FG_EONTOLOGY;
        }
    }
    return FG_OK;
}

int
fg_fact_check_template(fg_world *w, fg_rule *r)
{
    for (size_t i = 0; i < r->nprops; i++) {
        const fg_prop *p = &r->props[i];
        if (p->mention) {
            const char *fn = fns[p->value.fn].name;
            if (strcmp(fn, "person") != 0 && strcmp(fn, "org") != 0 && strcmp(fn, "role") != 0) {
                fg_report(w, FG_ERROR, FG_ESYNTAX, &p->value.loc,
                          "rule %s: mention takes person(), org() or role(), not %s()", r->id, fn);
                return FG_ESYNTAX;
            }
            int rc = check_call(w, r, &p->value, 0);
            if (rc < 0)
                return rc;
        } else if (p->value.kind == FG_X_CALL) {
            int rc = check_call(w, r, &p->value, p->pred == NULL);
            if (rc < 0)
                return rc;
        } else if (p->pred == NULL) {
            fg_report(w, FG_ERROR, FG_ESYNTAX, &p->loc, "rule %s: expected a property", r->id);
            return FG_ESYNTAX;
        }
    }
    return FG_OK;
}

/* ===================================================================
 * Building facts
 * ================================================================= */

static int
eval_value(ctx *x, const fg_expr *e, value *v)
{
    memset(v, 0, sizeof *v);
    const char *s;
    size_t n;
    switch (e->kind) {
    case FG_X_CAPTURE:
        if (!capture(x, &e->cap, &s, &n))
            return FG_OK;
        v->s = v->shown = dup_text(x, s, n);
        v->dt = XSD_STRING;
        v->set = 1;
        return v->s ? FG_OK : FG_ENOMEM;
    case FG_X_STRING:
        v->s = v->shown = e->str;
        v->dt = XSD_STRING;
        v->set = 1;
        return FG_OK;
    case FG_X_IRI:
        v->s = v->shown = e->str;
        v->set = 1;
        return FG_OK;
    case FG_X_CALL:
        return fns[e->fn].value(x, e, v);
    }
    return FG_EINVAL;
}

static int
by_fact_start(const void *x, const void *y)
{
    const fg_factpos *f = x, *g = y;
    int c = strcmp(f->cls, g->cls);
    if (c != 0)
        return c;
    if (f->b != g->b)
        return f->b < g->b ? -1 : 1;
    return f->i < g->i ? -1 : f->i > g->i;
}

int
fg_doc_index_facts(fg_doc *d)
{
    fg_free(d->earlier);
    d->earlier = NULL;
    d->nearlier = 0;
    if (d->nfacts == 0)
        return FG_OK;
    d->earlier = fg_malloc(d->nfacts * sizeof *d->earlier);
    if (d->earlier == NULL)
        return FG_ENOMEM;
    for (size_t i = 0; i < d->nfacts; i++)
        if (!d->facts[i].attached)
            d->earlier[d->nearlier++] = (fg_factpos){d->facts[i].cls, d->facts[i].b, i};
    qsort(d->earlier, d->nearlier, sizeof *d->earlier, by_fact_start);
    return FG_OK;
}

/* The first index of d->earlier[lo, hi) (one class, sorted by start)
 * whose fact starts after byte b. */
static size_t
first_after(const fg_doc *d, size_t lo, size_t hi, size_t b)
{
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->earlier[mid].b <= b)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The first index of d->earlier whose class sorts after cls (after = 1)
 * or not before it (after = 0). */
static size_t
class_bound(const fg_doc *d, const char *cls, int after)
{
    size_t lo = 0, hi = d->nearlier;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(d->earlier[mid].cls, cls);
        if (c < 0 || (after && c == 0))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The nearest earlier-phase fact of the rule's class in its scope: the
 * closest one before the match, else the closest one after it. The facts of
 * earlier phases are sorted by class, then start (fg_doc_index_facts), so
 * this looks at the facts of that class in the scope only: O(log n) for a
 * match, however many facts of other classes the document has. */
static fg_fact *
find_target(fg_doc *d, const fg_cand *c)
{
    const fg_rule *r = c->rule;
    size_t sb, se;
    if (fg_doc_scope(d, c->b, c->e, r->scope, &sb, &se) < 0)
        return NULL;
    size_t lo = class_bound(d, r->cls, 0), hi = class_bound(d, r->cls, 1);
    size_t at = first_after(d, lo, hi, c->b);
    for (size_t i = at; i-- > lo;) {
        fg_fact *f = &d->facts[d->earlier[i].i];
        if (f->b < sb)
            break;
        if (f->e <= se)
            return f;
    }
    for (size_t i = at; i < hi; i++) {
        fg_fact *f = &d->facts[d->earlier[i].i];
        if (f->b >= se)
            break;
        if (f->e <= se)
            return f;
    }
    return NULL;
}

static fg_fact *
new_fact(fg_doc *d)
{
    if (FG_GROW(d->facts, d->capfacts, d->nfacts + 1) < 0)
        return NULL;
    fg_fact *f = &d->facts[d->nfacts++];
    memset(f, 0, sizeof *f);
    return f;
}

const char *
fg_rule_node(fg_doc *d, const fg_rule *r)
{
    int fresh = 0;
    const char *iri = made_once(d, &d->rule_iris[r->index], d->base, "rule/", r->iri_id);
    if (iri == NULL || (iri = fg_doc_node(d, iri, 0, 3, &fresh)) == NULL)
        return NULL;
    if (fresh && (fg_doc_add(d, iri, RDF_TYPE, FG_RULE_CLASS, NULL) < 0 ||
                  fg_doc_add(d, iri, RDFS_LABEL, r->id, XSD_STRING) < 0 ||
                  fg_doc_add(d, iri, FG_RULE_FILE, r->loc.src->name, XSD_STRING) < 0))
        return NULL;
    return iri;
}

/* v in decimal at p, without a NUL; returns its length. */
static size_t
put_size(char *p, size_t v)
{
    char t[24];
    size_t n = 0;
    do
        t[n++] = (char)('0' + v % 10);
    while ((v /= 10) != 0);
    for (size_t i = 0; i < n; i++)
        p[i] = t[n - 1 - i];
    return n;
}

/* A fact's IRI, DOC/fact/RULE/b-e, or DOC/fact/RULE/b-e/sb-se for one of
 * a match's facts (v holds n = 2 or 4 code-point offsets), in the arena;
 * written here, as printf cost more than the rest of it. */
static const char *
fact_iri(fg_doc *d, const char *rule_id, const size_t *v, int n)
{
    char num[4][24];
    size_t nl[4], li = d->iri_len, lr = strlen(rule_id), len = li + 6 + lr;
    for (int k = 0; k < n; k++)
        len += 1 + (nl[k] = put_size(num[k], v[k]));
    char *p = fg_arena_chars(&d->arena, len + 1), *o = p;
    if (p == NULL)
        return NULL;
    memcpy(o, d->iri, li);
    memcpy(o += li, "/fact/", 6);
    memcpy(o += 6, rule_id, lr);
    o += lr;
    for (int k = 0; k < n; k++) {
        *o++ = k % 2 ? '-' : '/';
        memcpy(o, num[k], nl[k]);
        o += nl[k];
    }
    *o = '\0';
    return p;
}

static int
build_one(fg_doc *d, const fg_cand *c, const PCRE2_SIZE *each, const PCRE2_SIZE carried[2],
          const char *mention)
{
    const fg_rule *r = c->rule;
    ctx x = {d, c, r, each, NULL, mention, NULL, NULL, carried[0], carried[1]};
    size_t tmark = d->ntriples, fmark = d->nfacts;
    value keyv = {0};
    int rc;
    if (r->cls == NULL) {
        /* mention lines only: the nodes and their name mentions, no fact. */
        for (size_t i = 0; i < r->nprops; i++) {
            value v;
            rc = eval_value(&x, &r->props[i].value, &v);
            if (rc == FG_EINVAL)
                continue;
            if (rc < 0)
                return rc;
            fg_fact *f = v.set ? new_fact(d) : NULL;
            if (v.set && f == NULL)
                return FG_ENOMEM;
            if (f != NULL) {
                *f = (fg_fact){r, v.s, NS_SCHEMA "Person", c->b, c->e, c->cpb, c->cpe, NULL, 0,
                               0, 1};
                x.fact = f;
                x.subject = v.s;
                rc = add_pair(&x, NS_SCHEMA "name", v.s, v.shown);
                if (rc < 0)
                    return rc;
            }
        }
        return FG_OK;
    }
    /* The rule node only for facts: nothing would point to it otherwise. */
    const char *rule_iri = fg_rule_node(d, r);
    if (rule_iri == NULL)
        return FG_ENOMEM;
    const fg_article *article = fg_doc_article(d, c->b);
    if (r->attach) {
        fg_fact *target = find_target(d, c);
        if (target == NULL)
            return FG_OK; /* nothing to attach to: no fact */
        x.subject = target->iri;
    } else if (r->has_key && eval_value(&x, &r->key, &keyv) == FG_OK && keyv.set) {
        /* Named by its key: every mention of it in the document (in the
         * article, when the page has articles) is one node. */
        const char *p = article ? fg_arena_printf(&d->arena, "%s/%s/", article->iri, r->group)
                                : fg_arena_printf(&d->arena, "%s/%s/", d->iri, r->group);
        x.subject = p ? mint(&x, p, keyv.s, strlen(keyv.s), NULL) : NULL;
    } else if (each != NULL) {
        /* Counted from the match start, so that the cost stays linear. */
        fg_cursor cur = {d->text, c->b, c->cpb, d->cp_marks};
        size_t sb = fg_cursor_cp(&cur, each[0]), se = fg_cursor_cp(&cur, each[1]);
        x.subject = fact_iri(d, r->iri_id, (size_t[]){c->cpb, c->cpe, sb, se}, 4);
    } else {
        x.subject = fact_iri(d, r->iri_id, (size_t[]){c->cpb, c->cpe}, 2);
    }
    if (x.subject == NULL || (x.fact = new_fact(d)) == NULL)
        return FG_ENOMEM;
    *x.fact = (fg_fact){r, x.subject, r->cls, c->b, c->e, c->cpb, c->cpe, NULL, 0, 0, r->attach};
    x.cls = r->cls;
    if ((rc = fg_doc_add(d, x.subject, PROV_DERIVED, mention, NULL)) < 0 ||
        (!r->attach && (rc = fg_doc_add(d, x.subject, FG_RULE, rule_iri, NULL)) < 0))
        return rc;
    for (size_t i = 0; i < r->nprops; i++) {
        const fg_prop *p = &r->props[i];
        if (p->pred == NULL) {
            rc = fns[p->value.fn].splice(&x, &p->value);
        } else {
            value v;
            rc = eval_value(&x, &p->value, &v);
            if (rc == FG_OK && v.set)
                rc = emit(&x, x.subject, p->pred, &v);
        }
        if (rc == FG_EINVAL) {
            /* Not exactly normalisable: drop the whole fact. */
            d->ntriples = tmark;
            d->nfacts = fmark;
            return FG_OK;
        }
        if (rc < 0)
            return rc;
    }
    if (!r->attach) {
        /* The class last: a splice may have found the fact unresolved. */
        if ((rc = fg_doc_add(d, x.subject, RDF_TYPE, x.cls, NULL)) < 0)
            return rc;
        if (article != NULL && (rc = fg_doc_add(d, x.subject, FG_ARTICLE, article->iri, NULL)) < 0)
            return rc;
        x.fact->cls = x.cls;
        d->nfactnodes++;
    }
    return FG_OK;
}

const char *
fg_add_mention(fg_doc *d, size_t b, size_t e, size_t cpb, size_t cpe)
{
    /* IRI#char=b,e, written here: printf was most of a mention's cost. */
    char nb[24], ne[24], buf[256];
    size_t lb = put_size(nb, cpb), le = put_size(ne, cpe), li = d->iri_len;
    fg_buf big = {0};
    char *iri = buf;
    if (li + 7 + lb + le >= sizeof buf) {
        if (FG_GROW(big.p, big.cap, li + 8 + lb + le) < 0)
            return NULL;
        iri = big.p;
    }
    memcpy(iri, d->iri, li);
    memcpy(iri + li, "#char=", 6);
    memcpy(iri + li + 6, nb, lb);
    iri[li + 6 + lb] = ',';
    memcpy(iri + li + 7 + lb, ne, le);
    iri[li + 7 + lb + le] = '\0';
    /* The same span named by several facts is one mention. */
    const fg_article *a = fg_doc_article(d, b);
    int fresh = 0, super = a != NULL && a->iri != NULL;
    const char *m = fg_doc_node(d, iri, 1, 5 + (size_t)super, &fresh);
    fg_buf_free(&big);
    if (m == NULL || !fresh)
        return m;
    const char *anchor = fg_arena_strndup(&d->arena, d->text + b, e - b);
    const char *bs = fg_arena_strndup(&d->arena, nb, lb);
    const char *es = fg_arena_strndup(&d->arena, ne, le);
    if (anchor == NULL || bs == NULL || es == NULL)
        return NULL;
    if (fg_doc_add(d, m, RDF_TYPE, NIF_OBS, NULL) < 0 ||
        fg_doc_add(d, m, NIF_REF_CONTEXT, d->iri, NULL) < 0 ||
        fg_doc_add(d, m, NIF_BEGIN, bs, XSD_NNI) < 0 ||
        fg_doc_add(d, m, NIF_END, es, XSD_NNI) < 0 ||
        fg_doc_add(d, m, NIF_ANCHOR, anchor, XSD_STRING) < 0)
        return NULL;
    /* The article that holds the mention is its larger string (NIF). */
    if (super && fg_doc_add(d, m, NIF_SUPER, a->iri, NULL) < 0)
        return NULL;
    return m;
}

int
fg_fact_build(fg_doc *d, const fg_cand *c, pcre2_match_data *md_each)
{
    const fg_rule *r = c->rule;
    size_t tmark = d->ntriples;
    size_t before = d->nfacts;
    const char *mention = fg_add_mention(d, c->b, c->e, c->cpb, c->cpe);
    if (mention == NULL)
        return FG_ENOMEM;
    int rc = FG_OK;
    PCRE2_SIZE carried[2] = {PCRE2_UNSET, PCRE2_UNSET};
    if (r->each_cap.name == NULL) {
        rc = build_one(d, c, NULL, carried, mention);
    } else {
        /* One fact per match of the sub-pattern inside the capture. */
        ctx x = {d, c, r, NULL, NULL, NULL, NULL, NULL, PCRE2_UNSET, PCRE2_UNSET};
        const char *s;
        size_t n;
        if (capture(&x, &r->each_cap, &s, &n)) {
            size_t start = (size_t)(s - d->text), end = start + n;
            while (start < end && rc == FG_OK) {
                int m = pcre2_match(r->each.re, (PCRE2_SPTR)d->text, end, start, PCRE2_NO_UTF_CHECK,
                                    md_each, d->w->mctx);
                if (m < 0)
                    break; /* no more sub-matches, or a limit: keep what was found */
                PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md_each);
                if (ov[1] <= ov[0]) {
                    start = ov[0] + fg_utf8_len((unsigned char)d->text[ov[0]]);
                    continue;
                }
                start = ov[1];
                /* What this sub-match carries on: its own value, none after an
                 * `unless`, else what it was given. */
                const char *cs;
                size_t cn;
                ctx own = {d, c, r, ov, NULL, NULL, NULL, NULL, PCRE2_UNSET, PCRE2_UNSET};
                if (r->carry.name && capture(&own, &r->carry, &cs, &cn)) {
                    carried[0] = (size_t)(cs - d->text);
                    carried[1] = carried[0] + cn;
                } else if (r->carry_unless.name && took_part(r, &r->carry_unless, ov)) {
                    carried[0] = carried[1] = PCRE2_UNSET;
                }
                rc = build_one(d, c, ov, carried, mention);
            }
        }
    }
    if (rc == FG_OK && d->nfacts == before)
        d->ntriples = tmark; /* no fact: no mention either */
    return rc;
}
