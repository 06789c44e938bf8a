/*
 * fg_prefilter.c - what a pattern requires, and one pass that finds it.
 * SPDX-License-Identifier: MIT
 *
 * The analyser reads an expanded PCRE2 pattern and works out a set of
 * literal strings such that every match contains one of them, starting at
 * most maxoff code points after the start of the match: the rule's anchor.
 * For each item of the pattern it computes
 *   - the least and the most code points it can match (max may be INF);
 *   - fin: a superset of the strings it can match, when small (a literal,
 *     a small class, a lexicon), else "top" (unknown);
 *   - req: strings one of which every match of it contains, each starting
 *     at most reqoff plus its own offset code points into it, or top (the
 *     branches of an alternative keep their own offsets: a digit at the
 *     start of one, a currency far into another).
 * A sequence takes as req the cheapest of its items' reqs (offset by the
 * longest the items before it can be) and of the products of runs of its
 * fin items (出 then 席 is 出席). Anything the analyser does not know makes
 * top, which is always safe: a rule with no anchor is scanned in full.
 *
 * The automaton is Aho-Corasick over bytes, with byte classes and a full
 * transition table: one table lookup a byte, and a list of rule hits a
 * state.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fg_internal.h"

#define INF SIZE_MAX
#define SET_CAP 2048        /* the most strings a set keeps before it is top */
#define CLASS_CAP 64        /* the most characters a class keeps */
#define MAX_ANCHOR_OFF 1024 /* the widest window of starts an anchor may ask for */
/* A pattern with a barrier may take an anchor at any distance from the
 * start: the window of starts runs back to the nearest barrier character,
 * taken to be this many characters away (a clause of news text, written
 * with its punctuation, is shorter). */
#define BARRIER_REACH 32
/* An anchor pays when it costs fewer attempts a character than scanning,
 * which tries the pattern at every character: cost() below 1. */
#define WORTH 10.0

/* ===================================================================
 * Sets of strings
 * ================================================================= */

typedef struct sset {
    const char **s;
    size_t *n;
    size_t *o;  /* each string's own offset (0 in fin sets) */
    double *wt; /* each string's weight() */
    size_t len;
    int top;
    /* For cost(): the sums of wt and of wt x o, and the largest o. */
    double w, wo;
    size_t omax;
} sset;

typedef struct info {
    size_t min, max;
    sset fin;
    sset req;
    size_t reqoff;
    /* The cheapest requirement anchored back to a barrier, at no known
     * distance: what it costs does not grow with what comes before, as the
     * cost of req does (top: none). */
    sset far;
} info;

typedef struct named {
    const char *name;
    size_t n;
    info in;
    int have;
    int in_look; /* defined (once at least) inside a lookaround */
} named;

typedef struct az {
    const char *p, *end;
    fg_arena *a;
    int bail;    /* an option or construct that changes what matches: no anchor */
    int barrier; /* the pattern has a barrier: an anchor may be far from the start */
    int nomem;
    int pass;  /* 1: collect named groups; 2: use them for subroutine calls */
    int calls; /* pass 1 met a subroutine call by name: pass 2 is needed */
    named *names;
    size_t nnames, capnames;
    int depth;
    /* What the pattern consumes outside lookarounds, for its barrier: the
     * code points of its literals, and its classes (read with PCRE2). */
    int look;         /* lookarounds around the parser */
    int consumes_any; /* '.', a subroutine call or recursion: no barrier */
    uint64_t lit[FG_BARRIER_WORDS];
    struct str *atoms; /* [...], \p{..}, \d, ... as written */
    size_t natoms, capatoms;
    struct define *defs; /* the (?(DEFINE)...) groups pass 1 read */
    size_t ndefs, capdefs;
} az;

/* A (?(DEFINE)...) group as pass 1 read it: pass 2 need not read it again
 * (a lexicon's trie, most often, a large part of the pattern) when it
 * holds no call, as nothing in it then reads differently; it takes the
 * atoms it consumes and goes on at its end. */
typedef struct define {
    const char *body, *end;
    struct str *atoms;
    size_t natoms;
    int calls;
} define;

typedef struct str {
    const char *s;
    size_t n;
    size_t off; /* of a literal of the anchor */
} str;

static size_t
sat_add(size_t a, size_t b)
{
    return a == INF || b == INF || a > INF - b ? INF : a + b;
}

static size_t
sat_mul(size_t a, size_t b)
{
    if (a == 0 || b == 0)
        return 0;
    return a == INF || b == INF || a > INF / b ? INF : a * b;
}

/* A rough frequency of a literal in news text by its length in code points
 * (one character is common, three are rare; an ASCII digit, in every date,
 * count and sum, more common still): the hits a literal makes per
 * character of text, each of which tries the pattern at 1 + off starts. */
#define W_DIGIT 0.03   /* one ASCII digit */
#define W_ONE 0.005    /* one code point */
#define W_TWO 0.0003   /* two */
#define W_MORE 0.00002 /* three or more */

static double
weight(const char *s, size_t n)
{
    size_t cps = fg_utf8_count(s, n);
    if (n == 1 && s[0] >= '0' && s[0] <= '9')
        return W_DIGIT;
    return cps == 0 ? HUGE_VAL : cps == 1 ? W_ONE : cps == 2 ? W_TWO : W_MORE;
}

static sset
set_top(void)
{
    sset t = {0};
    t.top = 1;
    return t;
}

static int
set_alloc(az *z, sset *t, size_t len)
{
    t->top = 0;
    t->len = 0;
    t->w = t->wo = 0;
    t->omax = 0;
    t->s = fg_arena_alloc(z->a, (len ? len : 1) * sizeof *t->s);
    t->n = fg_arena_alloc(z->a, (len ? len : 1) * sizeof *t->n);
    t->o = fg_arena_alloc(z->a, (len ? len : 1) * sizeof *t->o);
    t->wt = fg_arena_alloc(z->a, (len ? len : 1) * sizeof *t->wt);
    if (t->s == NULL || t->n == NULL || t->o == NULL || t->wt == NULL) {
        z->nomem = 1;
        *t = set_top();
        return -1;
    }
    return 0;
}

static sset
set_one(az *z, const char *s, size_t n)
{
    sset t;
    if (set_alloc(z, &t, 1) < 0)
        return t;
    t.s[0] = s;
    t.n[0] = n;
    t.o[0] = 0;
    t.wt[0] = t.w = weight(s, n);
    t.len = 1;
    return t;
}

static sset
set_empty_string(az *z)
{
    return set_one(z, "", 0);
}

static int
set_has_empty(const sset *t)
{
    for (size_t i = 0; i < t->len; i++)
        if (t->n[i] == 0)
            return 1;
    return 0;
}

/* The strings of x, offset by ox more, and of y, by oy more. */
static sset
set_union_at(az *z, const sset *x, size_t ox, const sset *y, size_t oy)
{
    if (x->top || y->top || x->len + y->len > 4 * SET_CAP)
        return set_top();
    sset t;
    if (set_alloc(z, &t, x->len + y->len) < 0)
        return t;
    for (int k = 0; k < 2; k++) {
        const sset *u = k ? y : x;
        size_t off = k ? oy : ox;
        if (off == 0 && !(k == 1 && y->len > 1 && x->len * y->len <= 4096)) {
            /* Copied as they are (an alternative adds its branches to all
             * the ones before, again and again): the sums as below. */
            memcpy(t.s + t.len, u->s, u->len * sizeof *t.s);
            memcpy(t.n + t.len, u->n, u->len * sizeof *t.n);
            memcpy(t.o + t.len, u->o, u->len * sizeof *t.o);
            memcpy(t.wt + t.len, u->wt, u->len * sizeof *t.wt);
            t.w += u->w; /* u's sums hold for its strings as they are */
            t.wo += u->wo;
            t.omax = u->omax > t.omax ? u->omax : t.omax;
            t.len += u->len;
            continue;
        }
        for (size_t i = 0; i < u->len; i++) {
            size_t o = sat_add(u->o[i], off), j = t.len;
            /* A string already there keeps the larger offset, so that
             * cost() counts it once; looked for unless both sets are large
             * (an alternative of literals adds one at a time), else they
             * go when the anchor is made. */
            if (k == 1 && y->len > 1 && x->len * y->len <= 4096)
                for (j = 0; j < t.len; j++)
                    if (t.n[j] == u->n[i] && (u->n[i] == 0 || t.s[j][0] == u->s[i][0]) &&
                        memcmp(t.s[j], u->s[i], u->n[i]) == 0)
                        break;
            if (j < t.len) {
                if (o > t.o[j]) {
                    t.wo += (o == INF ? 0 : t.wt[j] * (double)o) -
                            (t.o[j] == INF ? 0 : t.wt[j] * (double)t.o[j]);
                    t.o[j] = o;
                    t.omax = o > t.omax ? o : t.omax;
                }
                continue;
            }
            t.s[t.len] = u->s[i];
            t.n[t.len] = u->n[i];
            t.o[t.len] = o;
            t.wt[t.len] = u->wt[i];
            t.w += u->wt[i];
            t.wo += o == INF ? 0 : u->wt[i] * (double)o;
            t.omax = o > t.omax ? o : t.omax;
            t.len++;
        }
    }
    return t.len > SET_CAP ? set_top() : t;
}

static sset
set_union(az *z, const sset *x, const sset *y)
{
    return set_union_at(z, x, 0, y, 0);
}

/* One code point, by the weight weight() gave it. */
static int
one_cp(double wt)
{
    return wt == W_ONE || wt == W_DIGIT;
}

/* weight() of x_i followed by y_j, from theirs: an empty part leaves the
 * other's; else two single code points make a pair, anything longer is
 * rarer still (no digit case: the string has two bytes or more). */
static double
weight_of_pair(size_t nx, double wx, size_t ny, double wy)
{
    if (nx == 0)
        return wy;
    if (ny == 0)
        return wx;
    return one_cp(wx) && one_cp(wy) ? W_TWO : W_MORE;
}

static sset
set_product(az *z, const sset *x, const sset *y)
{
    if (x->top || y->top || x->len * y->len > SET_CAP)
        return set_top();
    sset t;
    if (set_alloc(z, &t, x->len * y->len) < 0)
        return t;
    for (size_t i = 0; i < x->len; i++)
        for (size_t j = 0; j < y->len; j++) {
            size_t n = x->n[i] + y->n[j];
            char *s = fg_arena_chars(z->a, n + 1);
            if (s == NULL) {
                z->nomem = 1;
                return set_top();
            }
            memcpy(s, x->s[i], x->n[i]);
            memcpy(s + x->n[i], y->s[j], y->n[j]);
            s[n] = '\0';
            t.s[t.len] = s;
            t.n[t.len] = n;
            t.o[t.len] = 0; /* of fin sets: every string starts the item */
            t.wt[t.len] = weight_of_pair(x->n[i], x->wt[i], y->n[j], y->wt[j]);
            t.w += t.wt[t.len++];
        }
    return t;
}

/* ===================================================================
 * Cost: the expected attempts an anchor makes, per character of text
 * ================================================================= */

static double
cost(const az *z, const sset *t, size_t off)
{
    if (t->top || t->len == 0)
        return HUGE_VAL;
    if (off == INF) /* every literal back to a barrier */
        return z->barrier ? t->w * (double)(1 + BARRIER_REACH) : HUGE_VAL;
    if (sat_add(off, t->omax) <= MAX_ANCHOR_OFF)
        return t->w * (double)(1 + off) + t->wo;
    double c = 0;
    for (size_t i = 0; i < t->len; i++) {
        size_t e = sat_add(off, t->o[i]);
        if (e == INF || e > MAX_ANCHOR_OFF) {
            if (!z->barrier)
                return HUGE_VAL;
            e = BARRIER_REACH;
        }
        c += t->wt[i] * (double)(1 + e);
    }
    return c;
}

/* The requirement of an item with the window of starts back to a barrier
 * (offset INF): its far, its req or its fin, the cheapest so taken. */
static sset
far_req(const az *z, const info *in)
{
    if (!z->barrier)
        return set_top();
    sset r = in->far;
    double c = cost(z, &r, INF);
    if (cost(z, &in->req, INF) < c) {
        r = in->req;
        c = cost(z, &r, INF);
    }
    if (!in->fin.top && !set_has_empty(&in->fin) && cost(z, &in->fin, INF) < c)
        r = in->fin;
    return r;
}

/* The better requirement of an item: its req, or its fin when every string
 * of fin is non-empty (a match is one of them), at their offsets, or its
 * far one back to a barrier. A group picks its requirement before it knows
 * what precedes it: the far one is kept beside it for when that is long. */
static void
best_req(const az *z, const info *in, sset *req, size_t *off)
{
    *req = in->req;
    *off = in->reqoff;
    double c = cost(z, &in->req, in->reqoff);
    if (!in->fin.top && !set_has_empty(&in->fin) && cost(z, &in->fin, 0) < c) {
        *req = in->fin;
        *off = 0;
        c = cost(z, &in->fin, 0);
    }
    if (cost(z, &in->far, INF) < c) {
        *req = in->far;
        *off = INF;
    }
}

static info
zero_width(az *z)
{
    info in = {0, 0, set_empty_string(z), set_top(), 0, set_top()};
    return in;
}

static info
unknown(size_t min, size_t max)
{
    info in = {min, max, set_top(), set_top(), 0, set_top()};
    return in;
}

static info
literal(az *z, const char *s, size_t n, size_t cps)
{
    info in = {cps, cps, set_one(z, s, n), set_top(), 0, set_top()};
    return in;
}

/* ===================================================================
 * Sequences, alternatives, quantifiers
 * ================================================================= */

typedef struct seq {
    info *v;
    size_t n, cap;
} seq;

static info
seq_info(az *z, const seq *q)
{
    info out = {0, 0, set_empty_string(z), set_top(), 0, set_top()};
    for (size_t i = 0; i < q->n; i++) {
        sset f = far_req(z, &q->v[i]);
        if (cost(z, &f, INF) < cost(z, &out.far, INF))
            out.far = f;
        out.min = sat_add(out.min, q->v[i].min);
        out.max = sat_add(out.max, q->v[i].max);
        out.fin = set_product(z, &out.fin, &q->v[i].fin);
    }
    double best = HUGE_VAL;
    size_t before = 0; /* the most code points the items before i match */
    for (size_t i = 0; i < q->n && (before != INF || z->barrier); i++) {
        sset r;
        size_t off;
        best_req(z, &q->v[i], &r, &off);
        double c = cost(z, &r, sat_add(before, off));
        if (c < best) {
            best = c;
            out.req = r;
            out.reqoff = sat_add(before, off);
        }
        /* Runs of items with known strings, multiplied out. */
        sset run = set_empty_string(z);
        for (size_t j = i; j < q->n && !q->v[j].fin.top; j++) {
            run = set_product(z, &run, &q->v[j].fin);
            if (run.top)
                break;
            if (!set_has_empty(&run) && (c = cost(z, &run, before)) < best) {
                best = c;
                out.req = run;
                out.reqoff = before;
            }
        }
        before = sat_add(before, q->v[i].max);
    }
    return out;
}

static info
alt_info(az *z, const info *x, const info *y)
{
    info out;
    out.min = x->min < y->min ? x->min : y->min;
    out.max = x->max > y->max ? x->max : y->max;
    out.fin = set_union(z, &x->fin, &y->fin);
    sset rx, ry;
    size_t ox, oy;
    best_req(z, x, &rx, &ox);
    best_req(z, y, &ry, &oy);
    out.req = set_union_at(z, &rx, ox, &ry, oy);
    out.reqoff = 0;
    /* Only a far requirement that could pay is kept. */
    rx = far_req(z, x);
    ry = far_req(z, y);
    out.far = cost(z, &rx, INF) + cost(z, &ry, INF) < WORTH ? set_union_at(z, &rx, INF, &ry, INF)
                                                            : set_top();
    return out;
}

static info
repeat(az *z, const info *x, size_t m, size_t n)
{
    info out;
    out.min = sat_mul(x->min, m);
    out.max = n == INF ? (x->max == 0 ? 0 : INF) : sat_mul(x->max, n);
    if (x->fin.top)
        out.fin = set_top();
    else if (n == INF)
        out.fin = x->max == 0 ? set_empty_string(z) : set_top();
    else if (n > 4)
        out.fin = set_top();
    else {
        sset acc = set_empty_string(z), all = set_top();
        int first = 1;
        for (size_t r = 0; r <= n; r++) {
            if (r >= m) {
                all = first ? acc : set_union(z, &all, &acc);
                first = 0;
            }
            if (r < n)
                acc = set_product(z, &acc, &x->fin);
        }
        out.fin = all;
    }
    if (m >= 1) {
        best_req(z, x, &out.req, &out.reqoff);
        out.far = far_req(z, x);
    } else {
        out.req = set_top();
        out.reqoff = 0;
        out.far = set_top();
    }
    return out;
}

/* ===================================================================
 * The parser
 * ================================================================= */

static info parse_alt(az *z);

/* A code point the pattern consumes (outside lookarounds). */
static void
consumes_cp(az *z, uint32_t c)
{
    int i = fg_barrier_index(c);
    if (i >= 0 && z->look == 0)
        z->lit[i >> 6] |= (uint64_t)1 << (i & 63);
}

/* A class or class escape the pattern consumes, as written from s to z->p. */
static void
consumes_atom(az *z, const char *s)
{
    if (z->look > 0)
        return;
    if (FG_GROW(z->atoms, z->capatoms, z->natoms + 1) < 0) {
        z->nomem = 1;
        return;
    }
    z->atoms[z->natoms++] = (str){s, (size_t)(z->p - s), 0};
}

static int
at(const az *z, const char *s)
{
    size_t n = strlen(s);
    return (size_t)(z->end - z->p) >= n && memcmp(z->p, s, n) == 0;
}

/* Appends code point c as UTF-8 to a new arena string. */
static info
code_point(az *z, uint32_t c)
{
    char buf[4];
    size_t n = fg_utf8_encode(c, buf);
    char *s = fg_arena_strndup(z->a, buf, n);
    if (s == NULL) {
        z->nomem = 1;
        return unknown(1, 1);
    }
    return literal(z, s, n, 1);
}

static int
hexval(char c)
{
    return c >= '0' && c <= '9'   ? c - '0'
           : c >= 'a' && c <= 'f' ? c - 'a' + 10
           : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                  : -1;
}

/*
 * After a backslash: the code point of an escape that stands for one
 * character (1), a class or assertion (0, *kind set), or -1 when unknown.
 * kind: 'z' zero width, 'c' one character of a large class, 'u' unknown.
 */
static int
escape(az *z, uint32_t *cp, char *kind)
{
    if (z->p >= z->end)
        return -1;
    char c = *z->p++;
    switch (c) {
    case 'n':
        *cp = '\n';
        return 1;
    case 'r':
        *cp = '\r';
        return 1;
    case 't':
        *cp = '\t';
        return 1;
    case 'f':
        *cp = '\f';
        return 1;
    case 'e':
        *cp = 0x1B;
        return 1;
    case 'a':
        *cp = 7;
        return 1;
    case 'x':
        *cp = 0;
        if (z->p < z->end && *z->p == '{') {
            z->p++;
            while (z->p < z->end && *z->p != '}') {
                int h = hexval(*z->p++);
                if (h < 0)
                    return -1;
                *cp = *cp * 16 + (uint32_t)h;
            }
            if (z->p >= z->end)
                return -1;
            z->p++;
        } else
            for (int i = 0; i < 2 && z->p < z->end && hexval(*z->p) >= 0; i++)
                *cp = *cp * 16 + (uint32_t)hexval(*z->p++);
        return 1;
    case 'b':
    case 'B':
    case 'A':
    case 'z':
    case 'Z':
    case 'G':
        *kind = 'z';
        return 0;
    case 'd':
    case 'D':
    case 'w':
    case 'W':
    case 's':
    case 'S':
    case 'h':
    case 'H':
    case 'v':
    case 'V':
    case 'N':
    case 'C':
        *kind = 'c';
        return 0;
    case 'p':
    case 'P':
        if (z->p < z->end && *z->p == '{') {
            while (z->p < z->end && *z->p != '}')
                z->p++;
            if (z->p >= z->end)
                return -1;
            z->p++;
        } else if (z->p < z->end)
            z->p++;
        *kind = 'c';
        return 0;
    case 'Q':
    case 'E':
    case 'K':
    case 'R':
    case 'X':
    case 'g':
    case 'k':
    case 'o':
    case 'c':
    case 'u':
    case 'U':
    case 'L':
    case 'l':
        return -1; /* \K moves the start; the others the analyser does not need */
    default:
        if (c >= '0' && c <= '9')
            return -1; /* a back reference or an octal escape */
        if ((unsigned char)c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
            return -1;
        *cp = (uint32_t)(unsigned char)c; /* an escaped punctuation character */
        return 1;
    }
}

/* [...]: a set of single characters when small, else one unknown character. */
static info
parse_class(az *z)
{
    int negated = 0, big = 0;
    if (z->p < z->end && *z->p == '^') {
        negated = 1;
        z->p++;
    }
    uint32_t cps[CLASS_CAP];
    size_t n = 0;
    int first = 1;
    uint32_t prev = 0;
    int have_prev = 0;
    while (z->p < z->end && (first || *z->p != ']')) {
        first = 0;
        uint32_t c;
        if (at(z, "[:")) { /* a POSIX class */
            const char *q = strstr(z->p, ":]");
            if (q == NULL || q >= z->end) {
                z->bail = 1;
                return unknown(1, 1);
            }
            z->p = q + 2;
            big = 1;
            have_prev = 0;
            continue;
        }
        if (*z->p == '\\') {
            z->p++;
            char kind = 0;
            int e = escape(z, &c, &kind);
            if (e < 0) {
                z->bail = 1;
                return unknown(1, 1);
            }
            if (e == 0) {
                big = 1;
                have_prev = 0;
                continue;
            }
        } else {
            size_t len;
            c = fg_utf8_decode(z->p, (size_t)(z->end - z->p), &len);
            z->p += len;
        }
        if (have_prev && c == '-' && z->p < z->end && *z->p != ']') { /* a range prev-next */
            uint32_t hi;
            if (*z->p == '\\') {
                z->p++;
                char kind = 0;
                if (escape(z, &hi, &kind) != 1) {
                    z->bail = 1;
                    return unknown(1, 1);
                }
            } else {
                size_t len;
                hi = fg_utf8_decode(z->p, (size_t)(z->end - z->p), &len);
                z->p += len;
            }
            if (hi < prev || hi - prev >= CLASS_CAP)
                big = 1;
            else
                for (uint32_t k = prev + 1; k <= hi && !big; k++) {
                    if (n == CLASS_CAP)
                        big = 1;
                    else
                        cps[n++] = k;
                }
            have_prev = 0;
            continue;
        }
        if (n == CLASS_CAP)
            big = 1;
        else
            cps[n++] = c;
        prev = c;
        have_prev = 1;
    }
    if (z->p >= z->end) {
        z->bail = 1;
        return unknown(1, 1);
    }
    z->p++; /* ] */
    if (negated || big || n == 0)
        return unknown(1, 1);
    info out = {1, 1, set_top(), set_top(), 0, set_top()};
    for (size_t i = 0; i < n; i++) {
        info one = code_point(z, cps[i]);
        out.fin = i == 0 ? one.fin : set_union(z, &out.fin, &one.fin);
    }
    return out;
}

static named *
find_name(az *z, const char *s, size_t n)
{
    for (size_t i = 0; i < z->nnames; i++)
        if (z->names[i].n == n && memcmp(z->names[i].name, s, n) == 0)
            return &z->names[i];
    return NULL;
}

static void
record_name(az *z, const char *s, size_t n, const info *in)
{
    named *g = find_name(z, s, n);
    if (g == NULL) {
        if (FG_GROW(z->names, z->capnames, z->nnames + 1) < 0) {
            z->nomem = 1;
            return;
        }
        g = &z->names[z->nnames++];
        memset(g, 0, sizeof *g);
        g->name = s;
        g->n = n;
    }
    if (z->pass == 1) {
        g->in = *in;
        g->have = 1;
        g->in_look |= z->look > 0;
    }
}

/* Reads up to the closing parenthesis of a group the parser just entered. */
static info
group_body(az *z)
{
    if (++z->depth > 200) {
        z->bail = 1;
        return unknown(0, INF);
    }
    info in = parse_alt(z);
    z->depth--;
    if (z->p >= z->end || *z->p != ')') {
        z->bail = 1;
        return unknown(0, INF);
    }
    z->p++;
    return in;
}

/* The body of a (?(DEFINE)...) group, read in pass 1 (and in pass 2 when
 * it holds a call); zero width. */
static info
define_group(az *z)
{
    const char *body = z->p;
    for (size_t i = 0; z->pass == 2 && i < z->ndefs; i++)
        if (z->defs[i].body == body && !z->defs[i].calls) {
            for (size_t k = 0; k < z->defs[i].natoms && !z->nomem; k++) {
                if (FG_GROW(z->atoms, z->capatoms, z->natoms + 1) < 0)
                    z->nomem = 1;
                else
                    z->atoms[z->natoms++] = z->defs[i].atoms[k];
            }
            z->p = z->defs[i].end;
            return zero_width(z);
        }
    size_t a0 = z->natoms;
    int calls = z->calls;
    z->calls = 0;
    (void)group_body(z);
    int inner = z->calls;
    z->calls |= calls;
    if (z->pass == 1 && !z->nomem) {
        struct str *copy = NULL;
        size_t n = z->natoms - a0;
        if (n > 0 && (copy = fg_arena_alloc(z->a, n * sizeof *copy)) == NULL)
            z->nomem = 1;
        else if (n > 0)
            memcpy(copy, z->atoms + a0, n * sizeof *copy);
        if (FG_GROW(z->defs, z->capdefs, z->ndefs + 1) < 0)
            z->nomem = 1;
        else
            z->defs[z->ndefs++] = (define){body, z->p, copy, n, inner};
    }
    return zero_width(z);
}

/* (...: every kind of group. */
static info
parse_group(az *z)
{
    if (at(z, "(*")) {
        /* A verb such as (*SKIP) or (*UCP) is zero width; an alpha assertion
         * (*pla: ...) the analyser does not read. */
        z->p += 2;
        if (z->p < z->end && *z->p >= 'a' && *z->p <= 'z') {
            z->bail = 1;
            return unknown(0, INF);
        }
        while (z->p < z->end && *z->p != ')')
            z->p++;
        if (z->p < z->end)
            z->p++;
        return zero_width(z);
    }
    z->p++; /* ( */
    if (z->p >= z->end || *z->p != '?')
        return group_body(z); /* a numbered capture */
    z->p++;
    if (z->p >= z->end) {
        z->bail = 1;
        return unknown(0, INF);
    }
    char c = *z->p;
    if (c == '#') {
        while (z->p < z->end && *z->p != ')')
            z->p++;
        if (z->p < z->end)
            z->p++;
        return zero_width(z);
    }
    if (c == ':' || c == '|' || c == '>') {
        z->p++;
        return group_body(z);
    }
    if (c == '=' || c == '!' || at(z, "<=") || at(z, "<!")) {
        z->p += c == '<' ? 2 : 1;
        z->look++;
        (void)group_body(z); /* read for its named groups */
        z->look--;
        return zero_width(z);
    }
    if (c == '<' || c == '\'' || at(z, "P<")) { /* a named capture */
        z->p += c == 'P' ? 2 : 1;
        const char *name = z->p;
        while (z->p < z->end && *z->p != '>' && *z->p != '\'')
            z->p++;
        size_t n = (size_t)(z->p - name);
        if (z->p >= z->end) {
            z->bail = 1;
            return unknown(0, INF);
        }
        z->p++;
        info in = group_body(z);
        record_name(z, name, n, &in);
        return in;
    }
    if (c == '&' || at(z, "P>")) { /* a subroutine call by name */
        z->p += c == 'P' ? 2 : 1;
        const char *name = z->p;
        while (z->p < z->end && *z->p != ')')
            z->p++;
        size_t n = (size_t)(z->p - name);
        if (z->p < z->end)
            z->p++;
        named *g = find_name(z, name, n);
        z->calls = 1;
        /* The group's own characters are the call's: the barrier knows
         * them unless the group sits in a lookaround. */
        if (z->pass == 2 && z->look == 0 && (g == NULL || !g->have || g->in_look))
            z->consumes_any = 1;
        return z->pass == 2 && g != NULL && g->have ? g->in : unknown(0, INF);
    }
    if (c == 'C') { /* a callout: zero width */
        z->p++;
        if (z->p < z->end && strchr("`'\"^%#${", *z->p) != NULL) {
            char close = *z->p == '{' ? '}' : *z->p;
            z->p++;
            while (z->p < z->end) {
                if (*z->p == close && (z->p + 1 >= z->end || z->p[1] != close))
                    break;
                z->p += *z->p == close ? 2 : 1;
            }
            if (z->p < z->end)
                z->p++;
        }
        while (z->p < z->end && *z->p != ')')
            z->p++;
        if (z->p < z->end)
            z->p++;
        return zero_width(z);
    }
    if (c == '(') { /* a condition: (?(DEFINE)...) holds definitions only */
        int is_define = at(z, "(DEFINE)");
        while (z->p < z->end && *z->p != ')')
            z->p++;
        if (z->p < z->end)
            z->p++;
        if (is_define)
            return define_group(z);
        info in = group_body(z);
        return unknown(0, in.max == INF ? INF : in.max);
    }
    if (c == 'R' || (c >= '0' && c <= '9') || c == '+' || c == '-') {
        if (c == '-' && z->p + 1 < z->end && !(z->p[1] >= '0' && z->p[1] <= '9'))
            goto flags;
        while (z->p < z->end && *z->p != ')')
            z->p++;
        if (z->p < z->end)
            z->p++;
        z->consumes_any = 1;
        return unknown(0, INF); /* a numbered subroutine call or recursion */
    }
flags:
    /* Options: (?s) or (?s:...). Caseless and extended change what matches. */
    {
        int on = 1;
        while (z->p < z->end && *z->p != ')' && *z->p != ':') {
            char f = *z->p++;
            if (f == '-')
                on = 0;
            else if (f == '^')
                on = 1;
            else if (on && (f == 'i' || f == 'x' || f == 'n'))
                z->bail = 1;
            else if (!strchr("smJUaB", f)) {
                z->bail = 1;
                return unknown(0, INF);
            }
        }
        if (z->p >= z->end) {
            z->bail = 1;
            return unknown(0, INF);
        }
        if (*z->p++ == ')')
            return zero_width(z);
        return group_body(z);
    }
}

/* A quantifier after an atom, when there is one: *m and *n set, 1 returned. */
static int
quantifier(az *z, size_t *m, size_t *n)
{
    if (z->p >= z->end)
        return 0;
    const char *start = z->p;
    switch (*z->p) {
    case '?':
        *m = 0;
        *n = 1;
        z->p++;
        break;
    case '*':
        *m = 0;
        *n = INF;
        z->p++;
        break;
    case '+':
        *m = 1;
        *n = INF;
        z->p++;
        break;
    case '{': {
        const char *q = z->p + 1;
        size_t a = 0, b;
        int digits = 0;
        while (q < z->end && *q >= '0' && *q <= '9' && a < 100000) {
            a = a * 10 + (size_t)(*q++ - '0');
            digits++;
        }
        if (!digits)
            return 0; /* {,n} and a lone { are literal in PCRE2 10.42 */
        b = a;
        if (q < z->end && *q == ',') {
            q++;
            b = INF;
            if (q < z->end && *q >= '0' && *q <= '9') {
                b = 0;
                while (q < z->end && *q >= '0' && *q <= '9' && b < 100000)
                    b = b * 10 + (size_t)(*q++ - '0');
            }
        }
        if (q >= z->end || *q != '}') {
            z->p = start;
            return 0;
        }
        z->p = q + 1;
        *m = a;
        *n = b;
        break;
    }
    default:
        return 0;
    }
    if (z->p < z->end && (*z->p == '?' || *z->p == '+'))
        z->p++; /* lazy or possessive: the same strings */
    return 1;
}

/* One atom (without its quantifier). */
static info
parse_atom(az *z)
{
    char c = *z->p;
    switch (c) {
    case '(':
        return parse_group(z);
    case '[': {
        const char *s = z->p++;
        info in = parse_class(z);
        consumes_atom(z, s);
        return in;
    }
    case '.':
        z->p++;
        if (z->look == 0)
            z->consumes_any = 1;
        return unknown(1, 1);
    case '^':
    case '$':
        z->p++;
        return zero_width(z);
    case '\\': {
        const char *s = z->p++;
        uint32_t cp;
        char kind = 0;
        int e = escape(z, &cp, &kind);
        if (e < 0) {
            z->bail = 1;
            return unknown(0, INF);
        }
        if (e == 0) {
            if (kind == 'z')
                return zero_width(z);
            consumes_atom(z, s);
            return unknown(1, 1);
        }
        consumes_cp(z, cp);
        return code_point(z, cp);
    }
    default: {
        size_t len;
        uint32_t cp = fg_utf8_decode(z->p, (size_t)(z->end - z->p), &len);
        const char *s = z->p;
        z->p += len;
        consumes_cp(z, cp);
        return literal(z, s, len, 1);
    }
    }
}

static info
parse_seq(az *z)
{
    seq q = {0};
    while (z->p < z->end && *z->p != '|' && *z->p != ')' && !z->bail && !z->nomem) {
        info in = parse_atom(z);
        size_t m, n;
        if (quantifier(z, &m, &n))
            in = repeat(z, &in, m, n);
        if (FG_GROW(q.v, q.cap, q.n + 1) < 0) {
            z->nomem = 1;
            break;
        }
        q.v[q.n++] = in;
    }
    info out = seq_info(z, &q);
    fg_free(q.v);
    return out;
}

static info
parse_alt(az *z)
{
    info out = parse_seq(z);
    while (z->p < z->end && *z->p == '|' && !z->bail && !z->nomem) {
        z->p++;
        info next = parse_seq(z);
        out = alt_info(z, &out, &next);
    }
    return out;
}

/* ===================================================================
 * The anchor of a pattern
 * ================================================================= */

static int
by_bytes(const void *a, const void *b)
{
    const str *x = a, *y = b;
    size_t n = x->n < y->n ? x->n : y->n;
    int c = memcmp(x->s, y->s, n);
    return c != 0 ? c : x->n < y->n ? -1 : x->n > y->n;
}

/* The code point of barrier candidate i. */
static uint32_t
barrier_cp(int i)
{
    return i < 128   ? (uint32_t)i
           : i < 240 ? 0x2000 + (uint32_t)(i - 128)
           : i < 336 ? 0x25A0 + (uint32_t)(i - 240)
           : i < 400 ? 0x3000 + (uint32_t)(i - 336)
                     : 0xFF00 + (uint32_t)(i - 400);
}

/*
 * The barrier of a pattern: the candidates that neither a literal of it
 * nor any of its classes can consume outside a lookaround. A match is a
 * run of consumed characters, so it never holds one. Each class is asked
 * of PCRE2 itself, compiled as the rule is; anything unsure (a class PCRE2
 * will not compile alone, no memory) leaves the pattern without a barrier,
 * which is always safe.
 */
static void
find_barrier(az *z, fg_anchor *out)
{
    if (z->consumes_any)
        return;
    uint64_t cons[FG_BARRIER_WORDS];
    memcpy(cons, z->lit, sizeof cons);
    if (z->natoms > 0)
        qsort(z->atoms, z->natoms, sizeof *z->atoms, by_bytes);
    pcre2_match_data *md = pcre2_match_data_create(1, NULL);
    if (md == NULL)
        return;
    for (size_t k = 0; k < z->natoms; k++) {
        if (k > 0 && by_bytes(&z->atoms[k - 1], &z->atoms[k]) == 0)
            continue;
        int err;
        PCRE2_SIZE eoff;
        pcre2_code *re = pcre2_compile((PCRE2_SPTR)z->atoms[k].s, z->atoms[k].n,
                                       PCRE2_UTF | PCRE2_UCP, &err, &eoff, NULL);
        if (re == NULL) {
            pcre2_match_data_free(md);
            return;
        }
        for (int i = 0; i < FG_BARRIER_CANDIDATES; i++) {
            if (cons[i >> 6] >> (i & 63) & 1)
                continue;
            char buf[4];
            size_t n = fg_utf8_encode(barrier_cp(i), buf);
            int rc = pcre2_match(re, (PCRE2_SPTR)buf, n, 0, PCRE2_ANCHORED | PCRE2_ENDANCHORED, md,
                                 NULL);
            if (rc != PCRE2_ERROR_NOMATCH) /* a match, or unsure */
                cons[i >> 6] |= (uint64_t)1 << (i & 63);
        }
        pcre2_code_free(re);
    }
    pcre2_match_data_free(md);
    for (int w = 0; w < FG_BARRIER_WORDS; w++)
        out->barrier[w] = ~cons[w];
    /* The bits past the last candidate stand for no character. */
    out->barrier[FG_BARRIER_WORDS - 1] &=
        ((uint64_t)1 << (FG_BARRIER_CANDIDATES - 64 * (FG_BARRIER_WORDS - 1))) - 1;
    for (int w = 0; w < FG_BARRIER_WORDS; w++)
        out->has_barrier |= out->barrier[w] != 0;
}

size_t
fg_anchor_start(const fg_anchor *a, const char *t, size_t at, size_t off, size_t floor)
{
    const unsigned char *u = (const unsigned char *)t;
    for (size_t k = off; k > 0 && at > floor; k--) {
        size_t p = at - 1;
        while (p > 0 && (u[p] & 0xC0) == 0x80)
            p--;
        /* Candidates are ASCII or start with E2, E3 or EF. */
        if (a->has_barrier && (u[p] < 0x80 || u[p] == 0xE2 || u[p] == 0xE3 || u[p] == 0xEF)) {
            size_t len;
            int i = fg_barrier_index(fg_utf8_decode(t + p, at - p, &len));
            if (i >= 0 && (a->barrier[i >> 6] >> (i & 63) & 1))
                return at;
        }
        at = p;
    }
    return at;
}

int
fg_anchor_find(const char *pat, size_t len, fg_anchor *out)
{
    memset(out, 0, sizeof *out);
    fg_arena arena = {0};
    az z = {0};
    z.a = &arena;
    info in = {0};
    /* Read as if the pattern had a barrier (most have one), when an anchor
     * may be at any distance from the start; if the anchor found needs one
     * and the pattern has none, read again without. */
    sset r;
    size_t off = 0;
    z.barrier = 1;
    for (int round = 0; round < 2 && !z.bail && !z.nomem; round++) {
        if (round == 1) {
            best_req(&z, &in, &r, &off);
            size_t most = r.top ? INF : sat_add(off, r.omax);
            if (most > 0)
                find_barrier(&z, out);
            if (out->has_barrier || (most <= MAX_ANCHOR_OFF && cost(&z, &r, off) < WORTH))
                break;
            z.barrier = 0;
            z.nnames = 0;
            z.ndefs = 0;
        }
        /* A pattern without a call by name reads the same twice: once. */
        z.calls = 0;
        for (z.pass = 1; z.pass <= 2 && !z.bail && !z.nomem && (z.pass == 1 || z.calls); z.pass++) {
            z.p = pat;
            z.end = pat + len;
            z.natoms = 0; /* the last pass's */
            in = parse_alt(&z);
            if (z.p != z.end)
                z.bail = 1; /* an unbalanced ), which PCRE2 would have refused */
        }
    }
    int rc = z.nomem ? FG_ENOMEM : 0;
    best_req(&z, &in, &r, &off);
    str *sorted = NULL;
    if (rc == 0 && !z.bail && cost(&z, &r, off) < WORTH) {
        /* Sorted, without duplicates (a string twice keeps its larger
         * offset): the same anchor whatever the order. Beyond
         * MAX_ANCHOR_OFF, only with a barrier: back to it. */
        sorted = fg_malloc((r.len ? r.len : 1) * sizeof *sorted);
        if (sorted == NULL)
            rc = FG_ENOMEM;
        size_t k = 0;
        for (size_t i = 0; i < r.len && rc == 0; i++) {
            size_t e = sat_add(off, r.o[i]);
            sorted[i] = (str){r.s[i], r.n[i], e > MAX_ANCHOR_OFF ? FG_REACH_BARRIER : e};
        }
        if (rc == 0) {
            qsort(sorted, r.len, sizeof *sorted, by_bytes);
            for (size_t i = 0; i < r.len; i++)
                if (k == 0 || by_bytes(&sorted[k - 1], &sorted[i]) != 0)
                    sorted[k++] = sorted[i];
                else if (sorted[i].off > sorted[k - 1].off)
                    sorted[k - 1].off = sorted[i].off;
        }
        size_t total = 0;
        for (size_t i = 0; i < k; i++)
            total += sorted[i].n + 1;
        out->lits = fg_malloc((k ? k : 1) * sizeof *out->lits);
        out->lens = fg_malloc((k ? k : 1) * sizeof *out->lens);
        out->offs = fg_malloc((k ? k : 1) * sizeof *out->offs);
        out->bytes = fg_malloc(total ? total : 1);
        if (out->lits == NULL || out->lens == NULL || out->offs == NULL || out->bytes == NULL)
            rc = FG_ENOMEM;
        char *s = out->bytes;
        for (size_t i = 0; i < k && rc == 0; i++) {
            memcpy(s, sorted[i].s, sorted[i].n);
            s[sorted[i].n] = '\0';
            out->lits[out->n] = s;
            out->offs[out->n] = sorted[i].off;
            out->lens[out->n++] = sorted[i].n;
            if (sorted[i].n > out->maxlen)
                out->maxlen = sorted[i].n;
            if (sorted[i].off > out->maxoff)
                out->maxoff = sorted[i].off;
            s += sorted[i].n + 1;
        }
        if (rc == 0)
            rc = 1;
    }
    if (rc != 1) /* no anchor: nor the barrier found on the way */
        fg_anchor_clear(out);
    fg_free(sorted);
    fg_free(z.names);
    fg_free(z.atoms);
    fg_free(z.defs);
    fg_arena_free(&arena);
    return rc;
}

void
fg_anchor_clear(fg_anchor *a)
{
    fg_free(a->bytes);
    fg_free(a->lits);
    fg_free(a->lens);
    fg_free(a->offs);
    memset(a, 0, sizeof *a);
}

/* ===================================================================
 * Aho-Corasick
 * ================================================================= */

struct fg_ac {
    uint16_t cls[256]; /* byte -> class; 0 for bytes in no literal */
    size_t ncls;
    uint32_t *delta; /* nstates * ncls transitions; AC_REPORTS marks a state that reports */
    size_t nstates;
    uint32_t *out; /* state s reports hits[out[s] .. out[s + 1]) */
    fg_ac_hit *hits;
    size_t maxlen; /* bytes of the longest literal */
};

/* The bit of a transition's target that says the state reports literals,
 * so that the scan needs no other load to know. */
#define AC_REPORTS 0x80000000u

typedef struct lit_end {
    uint32_t state;
    fg_ac_hit hit;
} lit_end;

static int
by_state(const void *a, const void *b)
{
    const lit_end *x = a, *y = b;
    return x->state < y->state ? -1 : x->state > y->state;
}

fg_ac *
fg_ac_build(const fg_anchor *const *anchors, size_t n)
{
    fg_ac *ac = fg_malloc(sizeof *ac);
    if (ac == NULL)
        return NULL;
    memset(ac, 0, sizeof *ac);
    /* Byte classes: each byte some literal uses, and the rest. */
    int used[256] = {0};
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; anchors[i] && k < anchors[i]->n; k++) {
            for (size_t j = 0; j < anchors[i]->lens[k]; j++)
                used[(unsigned char)anchors[i]->lits[k][j]] = 1;
        }
    ac->ncls = 1;
    for (int b = 0; b < 256; b++)
        ac->cls[b] = used[b] ? (uint16_t)ac->ncls++ : 0;
    /* The trie, grown a state at a time. */
    uint32_t *fail = NULL, *queue = NULL;
    lit_end *ends = NULL;
    size_t nends = 0, capends = 0, caprows = 0;
    if (FG_GROW(ac->delta, caprows, ac->ncls) < 0)
        goto fail;
    memset(ac->delta, 0, ac->ncls * sizeof *ac->delta);
    ac->nstates = 1;
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; anchors[i] && k < anchors[i]->n; k++) {
            uint32_t s = 0;
            const unsigned char *l = (const unsigned char *)anchors[i]->lits[k];
            size_t len = anchors[i]->lens[k];
            for (size_t j = 0; j < len; j++) {
                size_t at = (size_t)s * ac->ncls + ac->cls[l[j]];
                if (ac->delta[at] == 0) {
                    size_t row = ac->nstates * ac->ncls;
                    if (ac->nstates >= AC_REPORTS) /* not with any memory there is */
                        goto fail;
                    if (FG_GROW(ac->delta, caprows, row + ac->ncls) < 0)
                        goto fail;
                    memset(ac->delta + row, 0, ac->ncls * sizeof *ac->delta);
                    ac->delta[at] = (uint32_t)ac->nstates++;
                }
                s = ac->delta[at];
            }
            if (len > ac->maxlen)
                ac->maxlen = len;
            if (FG_GROW(ends, capends, nends + 1) < 0)
                goto fail;
            ends[nends++] = (lit_end){s, {(uint32_t)i, (uint32_t)len, anchors[i]->offs[k]}};
        }
    /* Failure links breadth first; missing transitions follow them. */
    fail = fg_malloc(ac->nstates * sizeof *fail);
    queue = fg_malloc(ac->nstates * sizeof *queue);
    if (fail == NULL || queue == NULL)
        goto fail;
    size_t head = 0, tail = 0;
    fail[0] = 0;
    for (size_t c = 0; c < ac->ncls; c++) {
        uint32_t t = ac->delta[c];
        if (t != 0) {
            fail[t] = 0;
            queue[tail++] = t;
        }
    }
    while (head < tail) {
        uint32_t s = queue[head++];
        for (size_t c = 0; c < ac->ncls; c++) {
            uint32_t *t = &ac->delta[(size_t)s * ac->ncls + c];
            uint32_t via = ac->delta[(size_t)fail[s] * ac->ncls + c];
            if (*t != 0) {
                fail[*t] = via;
                queue[tail++] = *t;
            } else
                *t = via;
        }
    }
    /* Each state reports its own literals and those of its failure chain. */
    qsort(ends, nends, sizeof *ends, by_state);
    ac->out = fg_malloc((ac->nstates + 1) * sizeof *ac->out);
    if (ac->out == NULL)
        goto fail;
    size_t nhits = 0, caphits = 0;
    for (size_t s = 0; s < ac->nstates; s++) {
        ac->out[s] = (uint32_t)nhits;
        for (uint32_t f = (uint32_t)s;; f = fail[f]) {
            /* the literals ending at f: a binary search in ends */
            size_t lo = 0, hi = nends;
            while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2;
                if (ends[mid].state < f)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            for (; lo < nends && ends[lo].state == f; lo++) {
                if (FG_GROW(ac->hits, caphits, nhits + 1) < 0)
                    goto fail;
                ac->hits[nhits++] = ends[lo].hit;
            }
            if (f == 0)
                break;
        }
    }
    ac->out[ac->nstates] = (uint32_t)nhits;
    for (size_t k = 0; k < ac->nstates * ac->ncls; k++)
        if (ac->out[ac->delta[k]] != ac->out[ac->delta[k] + 1])
            ac->delta[k] |= AC_REPORTS;
    fg_free(fail);
    fg_free(queue);
    fg_free(ends);
    return ac;
fail:
    fg_free(fail);
    fg_free(queue);
    fg_free(ends);
    fg_ac_free(ac);
    return NULL;
}

void
fg_ac_free(fg_ac *ac)
{
    if (ac == NULL)
        return;
    fg_free(ac->delta);
    fg_free(ac->out);
    fg_free(ac->hits);
    fg_free(ac);
}

/* Calls fn for each literal that state s reports, its last byte at end. */
static int
report(const fg_ac *ac, uint32_t s, size_t end, fg_ac_hit_fn fn, void *arg)
{
    for (uint32_t k = ac->out[s]; k < ac->out[s + 1]; k++) {
        const fg_ac_hit *h = &ac->hits[k];
        int rc = fn(arg, h->slot, end + 1 - h->len, h->off);
        if (rc != 0)
            return rc;
    }
    return 0;
}

/* Bytes a lane of the two-lane scan covers. */
#define AC_LANE 256

/* One step: the state after byte c from state s (its AC_REPORTS bit kept
 * out of the index). */
#define AC_STEP(s, c) (delta[(size_t)((s) & ~AC_REPORTS) * ncls + ac->cls[(c)]])

/*
 * Each step of the automaton waits for the load of the one before, most
 * often from beyond the first-level cache (the table of a few thousand
 * states does not fit). So the text is scanned in blocks of two lanes
 * stepped side by side, whose loads overlap: lane A goes on from the state
 * before the block; lane B starts afresh maxlen bytes before its half,
 * where its state (no longer than maxlen) cannot yet differ from the one a
 * single scan would have. A's hits are reported as found, B's (those that
 * end in its half) kept and reported after A's: the order of one scan.
 */
int
fg_ac_scan(const fg_ac *ac, const char *text, size_t len, fg_ac_hit_fn fn, void *arg)
{
    const unsigned char *t = (const unsigned char *)text;
    const uint32_t *delta = ac->delta;
    size_t ncls = ac->ncls, warm = ac->maxlen, i = 0;
    uint32_t s = 0;
    int rc;
    struct lane_hit {
        uint32_t end, state; /* bytes into lane B's half; the state there */
    } kept[AC_LANE];
    while (warm <= AC_LANE && len - i >= 2 * AC_LANE) {
        const unsigned char *ta = t + i, *tb = t + i + AC_LANE - warm;
        uint32_t sb = 0;
        size_t nkept = 0, k = 0;
        for (; k < warm; k++) {
            s = AC_STEP(s, ta[k]);
            sb = AC_STEP(sb, tb[k]);
            if ((s & AC_REPORTS) && (rc = report(ac, s & ~AC_REPORTS, i + k, fn, arg)) != 0)
                return rc;
        }
        for (; k < AC_LANE; k++) {
            s = AC_STEP(s, ta[k]);
            sb = AC_STEP(sb, tb[k]);
            if ((s & AC_REPORTS) && (rc = report(ac, s & ~AC_REPORTS, i + k, fn, arg)) != 0)
                return rc;
            if (sb & AC_REPORTS)
                kept[nkept++] = (struct lane_hit){(uint32_t)(k - warm), sb & ~AC_REPORTS};
        }
        for (; k < AC_LANE + warm; k++) {
            sb = AC_STEP(sb, tb[k]);
            if (sb & AC_REPORTS)
                kept[nkept++] = (struct lane_hit){(uint32_t)(k - warm), sb & ~AC_REPORTS};
        }
        for (size_t j = 0; j < nkept; j++)
            if ((rc = report(ac, kept[j].state, i + AC_LANE + kept[j].end, fn, arg)) != 0)
                return rc;
        s = sb;
        i += 2 * AC_LANE;
    }
    for (; i < len; i++) {
        s = AC_STEP(s, t[i]);
        if ((s & AC_REPORTS) && (rc = report(ac, s & ~AC_REPORTS, i, fn, arg)) != 0)
            return rc;
    }
    return 0;
}
