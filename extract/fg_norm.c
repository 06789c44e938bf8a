/*
 * fg_norm.c - Chinese numbers, money and dates to exact canonical values.
 * SPDX-License-Identifier: MIT
 *
 * How it works, in one place:
 *   1. The captured bytes are decoded into code points by a small strict
 *      UTF-8 decoder (struct text). Invalid UTF-8 is FG_EINVAL.
 *   2. Qualifier and currency words are taken off the ends by longest
 *      match against static tables (they are plain UTF-8 strings, matched
 *      as bytes: UTF-8 is self-synchronising, so a byte match of a whole
 *      word always lands on character boundaries).
 *   3. What is left of a number is cut into tokens (struct tok) by a table
 *      of code points: digits, places 十百千, scales 万亿, points, and so on.
 *   4. Tokens are evaluated into a fixed-point decimal (struct big), one
 *      decimal digit a byte. Every operation on it is exact: 1.23456万 is
 *      a shift of the digits, never a multiplication in binary floating
 *      point. Only the last step writes the canonical fg_dec string.
 *
 * Nothing here allocates, prints or keeps state between calls; all tables
 * are static const.
 */
#include "fg_norm.h"

#include <stdint.h>
#include <string.h>

/* Longest capture, in code points, that any parser looks at. A longer
 * capture is no number or date a sentence writes: FG_ERANGE (numbers,
 * money) or FG_EINVAL (dates). */
#define MAXCP 96
/* Most tokens and Arabic digits in one number: enough for a 47-character
 * canonical value written out in the longest Chinese form. */
#define MAXTOK 80
#define MAXDIG 96

/* Fixed-point decimal: d[i] is the digit of 10^(i - FRAC). 128 places
 * hold 67 integer and 60 fraction digits, more than a fg_dec can show, so
 * a value that overflows here could never have been written anyway. */
#define NDIG 128
#define FRAC 60

/* "no place yet" for the within-section place and the scale level */
#define NO_UNIT 99

/* ------------------------------------------------------------------ */
/* Decoded text                                                        */
/* ------------------------------------------------------------------ */

typedef struct text {
    const char *s;
    size_t n;              /* code points */
    uint32_t cp[MAXCP];    /* the code points */
    size_t off[MAXCP + 1]; /* byte offset of cp[i]; off[n] is the byte length */
} text;

/* Decodes one code point at *pos. Rejects overlong forms, surrogates and
 * values past U+10FFFF, so every accepted byte string is real UTF-8. */
static int
utf8_next(const unsigned char *s, size_t len, size_t *pos, uint32_t *out)
{
    size_t i = *pos, need, k;
    uint32_t c = s[i], min;

    if (c < 0x80) {
        *out = c;
        *pos = i + 1;
        return 0;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        need = 1;
        c &= 0x1F;
        min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2;
        c &= 0x0F;
        min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3;
        c &= 0x07;
        min = 0x10000;
    } else {
        return -1;
    }
    if (len - i - 1 < need)
        return -1;
    for (k = 1; k <= need; k++) {
        uint32_t b = s[i + k];
        if ((b & 0xC0) != 0x80)
            return -1;
        c = (c << 6) | (b & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return -1;
    *out = c;
    *pos = i + need + 1;
    return 0;
}

/* Decodes s[0, len) into t. The whole input is validated even when it is
 * too long to keep, so bad UTF-8 is always FG_EINVAL, never FG_ERANGE. */
static int
text_decode(text *t, const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t pos = 0;
    int toolong = 0;

    t->s = s;
    t->n = 0;
    while (pos < len) {
        uint32_t c;
        size_t at = pos;
        if (utf8_next(u, len, &pos, &c) != 0)
            return FG_EINVAL;
        if (t->n == MAXCP) {
            toolong = 1;
            continue;
        }
        t->off[t->n] = at;
        t->cp[t->n++] = c;
    }
    t->off[t->n] = len;
    return toolong ? FG_ERANGE : FG_OK;
}

static int
is_space(uint32_t c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 || c == 0x3000;
}

/* Narrows [*b, *e) past white space at both ends. */
static void
trim(const text *t, size_t *b, size_t *e)
{
    while (*b < *e && is_space(t->cp[*b]))
        (*b)++;
    while (*e > *b && is_space(t->cp[*e - 1]))
        (*e)--;
}

/* Code points of word w if t starts with it at index i (not past e), else 0. */
static size_t
match_at(const text *t, size_t i, size_t e, const char *w)
{
    if (i >= e || t->s[t->off[i]] != w[0]) /* most words are turned away here */
        return 0;
    size_t wl = strlen(w), j;
    if (t->off[e] - t->off[i] < wl || memcmp(t->s + t->off[i], w, wl) != 0)
        return 0;
    for (j = i + 1; j <= e; j++)
        if (t->off[j] == t->off[i] + wl)
            return j - i;
    return 0;
}

/* Code points of word w if [b, e) ends with it, else 0. */
static size_t
match_end(const text *t, size_t b, size_t e, const char *w)
{
    size_t wl = strlen(w), j;

    if (e <= b || t->off[e] - t->off[b] < wl || memcmp(t->s + t->off[e] - wl, w, wl) != 0)
        return 0;
    for (j = e; j > b; j--)
        if (t->off[j - 1] == t->off[e] - wl)
            return e - (j - 1);
    return 0;
}

/* ------------------------------------------------------------------ */
/* Exact fixed-point decimals                                          */
/* ------------------------------------------------------------------ */

typedef struct big {
    unsigned char d[NDIG];
} big;

/* A signed value: magnitude and sign kept apart so "-0" cannot exist. */
typedef struct sval {
    big mag;
    int neg;
} sval;

static int
big_is_zero(const big *b)
{
    size_t i;
    for (i = 0; i < NDIG; i++)
        if (b->d[i])
            return 0;
    return 1;
}

/* Adds v * 10^exp. v may have several digits; the carry runs upward. */
static int
big_add_small(big *b, unsigned v, int exp)
{
    int i = exp + FRAC;

    if (v == 0)
        return FG_OK;
    if (i < 0)
        return FG_ERANGE;
    while (v) {
        if (i >= NDIG)
            return FG_ERANGE;
        v += b->d[i];
        b->d[i] = (unsigned char)(v % 10);
        v /= 10;
        i++;
    }
    return FG_OK;
}

static int
big_add(big *a, const big *b)
{
    unsigned carry = 0;
    size_t i;

    for (i = 0; i < NDIG; i++) {
        unsigned v = (unsigned)a->d[i] + b->d[i] + carry;
        a->d[i] = (unsigned char)(v % 10);
        carry = v / 10;
    }
    return carry ? FG_ERANGE : FG_OK;
}

/* Multiplies by 10^k (k < 0 divides). Digits pushed off either end mean
 * the value cannot be held exactly: FG_ERANGE, never a silent rounding. */
static int
big_shift(big *b, int k)
{
    size_t i, s;

    if (k > 0) {
        s = (size_t)k;
        if (s >= NDIG)
            return big_is_zero(b) ? FG_OK : FG_ERANGE;
        for (i = NDIG - s; i < NDIG; i++)
            if (b->d[i])
                return FG_ERANGE;
        memmove(b->d + s, b->d, NDIG - s);
        memset(b->d, 0, s);
    } else if (k < 0) {
        s = (size_t)-k;
        if (s >= NDIG)
            return big_is_zero(b) ? FG_OK : FG_ERANGE;
        for (i = 0; i < s; i++)
            if (b->d[i])
                return FG_ERANGE;
        memmove(b->d, b->d + s, NDIG - s);
        memset(b->d + NDIG - s, 0, s);
    }
    return FG_OK;
}

static int
big_cmp(const big *a, const big *b)
{
    size_t i = NDIG;
    while (i-- > 0)
        if (a->d[i] != b->d[i])
            return a->d[i] < b->d[i] ? -1 : 1;
    return 0;
}

/* 1 when b < 10^e: the value fits in the e places below a scale. */
static int
big_below_pow10(const big *b, int e)
{
    int i;
    for (i = e + FRAC; i < NDIG; i++)
        if (i >= 0 && b->d[i])
            return 0;
    return 1;
}

static int
big_is_int(const big *b)
{
    size_t i;
    for (i = 0; i < FRAC; i++)
        if (b->d[i])
            return 0;
    return 1;
}

/* Number of fraction digits up to the last non-zero one. */
static int
big_frac_len(const big *b)
{
    size_t i;
    for (i = 0; i < FRAC; i++)
        if (b->d[i])
            return (int)(FRAC - i);
    return 0;
}

/* The integer b as uint64 when it has at most 18 digits (so that ten times
 * any remainder below it still fits during long division). */
static int
big_to_u64(const big *b, uint64_t *u)
{
    size_t i;

    if (!big_is_int(b) || !big_below_pow10(b, 18))
        return FG_ERANGE;
    *u = 0;
    for (i = FRAC + 18; i-- > FRAC;)
        *u = *u * 10 + b->d[i];
    return FG_OK;
}

static int
sval_cmp(const sval *a, const sval *b)
{
    if (a->neg != b->neg)
        return a->neg ? -1 : 1;
    return a->neg ? big_cmp(&b->mag, &a->mag) : big_cmp(&a->mag, &b->mag);
}

/* Writes the canonical form: no leading zeros except "0." , no trailing
 * fraction zeros, no point for integers, never "-0". FG_ERANGE if it does
 * not fit FG_DEC_MAX. */
static int
sval_to_dec(const sval *v, fg_dec *out)
{
    int top = -1, bot = FRAC, i;
    size_t n = 0;

    out->s[0] = '\0';
    for (i = NDIG - 1; i >= 0; i--)
        if (v->mag.d[i]) {
            top = i;
            break;
        }
    if (top < 0) {
        out->s[0] = '0';
        out->s[1] = '\0';
        return FG_OK;
    }
    for (i = 0; i < FRAC; i++)
        if (v->mag.d[i]) {
            bot = i;
            break;
        }
    if (top < FRAC)
        top = FRAC;
    /* sign + integer digits + point + fraction digits + NUL */
    if ((v->neg ? 1 : 0) + (top - FRAC + 1) + (bot < FRAC ? 1 + FRAC - bot : 0) + 1 > FG_DEC_MAX)
        return FG_ERANGE;
    if (v->neg)
        out->s[n++] = '-';
    for (i = top; i >= FRAC; i--)
        out->s[n++] = (char)('0' + v->mag.d[i]);
    if (bot < FRAC) {
        out->s[n++] = '.';
        for (i = FRAC - 1; i >= bot; i--)
            out->s[n++] = (char)('0' + v->mag.d[i]);
    }
    out->s[n] = '\0';
    return FG_OK;
}

static uint64_t
gcd_u64(uint64_t a, uint64_t b)
{
    while (b) {
        uint64_t r = a % b;
        a = b;
        b = r;
    }
    return a;
}

/* q = num / den exactly. A quotient is a finite decimal only when the
 * reduced denominator has no prime factor but 2 and 5; otherwise (三分之一)
 * it is FG_EINVAL: the normaliser never rounds. */
static int
big_div_exact(const big *num, const big *den, big *q)
{
    int f = big_frac_len(num) > big_frac_len(den) ? big_frac_len(num) : big_frac_len(den);
    big a = *num, b = *den;
    uint64_t n, d, r, g;
    int rc, exp;

    memset(q, 0, sizeof *q);
    if (big_is_zero(den))
        return FG_EINVAL;
    if ((rc = big_shift(&a, f)) != FG_OK || (rc = big_shift(&b, f)) != FG_OK)
        return rc;
    if ((rc = big_to_u64(&a, &n)) != FG_OK || (rc = big_to_u64(&b, &d)) != FG_OK)
        return rc;
    g = gcd_u64(n ? n : d, d);
    r = d / g;
    while (r % 2 == 0)
        r /= 2;
    while (r % 5 == 0)
        r /= 5;
    if (r != 1)
        return FG_EINVAL;
    /* integer part, digit by digit */
    for (r = n / d, exp = 0; r; r /= 10, exp++)
        if ((rc = big_add_small(q, (unsigned)(r % 10), exp)) != FG_OK)
            return rc;
    /* fraction by long division; it terminates, as checked above */
    for (r = n % d, exp = -1; r && exp >= -FRAC; exp--) {
        r *= 10;
        if ((rc = big_add_small(q, (unsigned)(r / d), exp)) != FG_OK)
            return rc;
        r %= d;
    }
    return r ? FG_ERANGE : FG_OK;
}

/* ------------------------------------------------------------------ */
/* Number tokens                                                       */
/* ------------------------------------------------------------------ */

/* ORDER T_: token kinds of a number. */
enum tkind {
    T_DIG = 1, /* Chinese digit, val 0..9 (零 〇 are 0) */
    T_ARAB,    /* run of Arabic digits (pos, len in toks.dig) */
    T_UNIT,    /* place inside a section: val 1 十, 2 百, 3 千 */
    T_TENS,    /* 廿 卅 卌: val 2..4 tens, a digit and 十 in one character */
    T_SCALE,   /* val 4 万, 8 亿 */
    T_PTCN,    /* 点 點: decimal point after a Chinese integer */
    T_PTAR,    /* . ．: decimal point between Arabic digits */
    T_NEG,     /* 负 負, or a leading minus sign */
    T_SEP,     /* range separator: 至 到 - — ~ */
    T_PCT,     /* % ％ (val 2) and ‰ (val 3): divide by 10^val */
    T_FEN,     /* 分 of X分之Y */
    T_ZHI,     /* 之 of X分之Y */
    T_YOU,     /* 又: whole part of a mixed fraction */
    T_YU,      /* 余 多 (val FG_QUAL_MORE_THAN), 来 (val FG_QUAL_ABOUT) inside */
    T_JI       /* 几 幾: "and some" in the last place, as in 二十几万 */
};

/* Flags of a character (struct cpclass) and of its token. */
enum {
    CF_CIRCLE = 1, /* 〇 ○: a zero of digit-by-digit writing (二〇二三) */
    CF_LIANG = 2   /* 两 兩 俩 倆: 2 as a quantity, never a digit of a string */
};

typedef struct tok {
    unsigned char kind, val;
    unsigned char fl;       /* CF_ flags of a T_DIG */
    unsigned char sep;      /* T_ARAB: written with thousands separators */
    unsigned char pos, len; /* T_ARAB: its digits in toks.dig */
} tok;

typedef struct toks {
    tok t[MAXTOK];
    size_t n;
    char dig[MAXDIG];
    size_t ndig;
} toks;

/* Every non-Arabic character a number may contain, with its token. Many
 * characters map to one meaning: financial (大写) forms 壹贰叁 and
 * traditional forms 萬億兩 read exactly as 一二三, 万亿两. */
static const struct cpclass {
    uint32_t cp;
    unsigned char kind, val, fl;
} CPCLASS[] = {
    {0x96F6, T_DIG, 0, 0},                /* 零 */
    {0x3007, T_DIG, 0, CF_CIRCLE},        /* 〇 */
    {0x25CB, T_DIG, 0, CF_CIRCLE},        /* ○ (white circle, common for 〇 in print) */
    {0x4E00, T_DIG, 1, 0},                /* 一 */
    {0x58F9, T_DIG, 1, 0},                /* 壹 */
    {0x4E8C, T_DIG, 2, 0},                /* 二 */
    {0x8D30, T_DIG, 2, 0},                /* 贰 */
    {0x8CB3, T_DIG, 2, 0},                /* 貳 */
    {0x4E24, T_DIG, 2, CF_LIANG},         /* 两 */
    {0x5169, T_DIG, 2, CF_LIANG},         /* 兩 */
    {0x4FE9, T_DIG, 2, CF_LIANG},         /* 俩 */
    {0x5006, T_DIG, 2, CF_LIANG},         /* 倆 */
    {0x4E09, T_DIG, 3, 0},                /* 三 */
    {0x53C1, T_DIG, 3, 0},                /* 叁 */
    {0x53C3, T_DIG, 3, 0},                /* 參 */
    {0x53C4, T_DIG, 3, 0},                /* 叄 */
    {0x56DB, T_DIG, 4, 0},                /* 四 */
    {0x8086, T_DIG, 4, 0},                /* 肆 */
    {0x4E94, T_DIG, 5, 0},                /* 五 */
    {0x4F0D, T_DIG, 5, 0},                /* 伍 */
    {0x516D, T_DIG, 6, 0},                /* 六 */
    {0x9646, T_DIG, 6, 0},                /* 陆 */
    {0x9678, T_DIG, 6, 0},                /* 陸 */
    {0x4E03, T_DIG, 7, 0},                /* 七 */
    {0x67D2, T_DIG, 7, 0},                /* 柒 */
    {0x516B, T_DIG, 8, 0},                /* 八 */
    {0x634C, T_DIG, 8, 0},                /* 捌 */
    {0x4E5D, T_DIG, 9, 0},                /* 九 */
    {0x7396, T_DIG, 9, 0},                /* 玖 */
    {0x5341, T_UNIT, 1, 0},               /* 十 */
    {0x62FE, T_UNIT, 1, 0},               /* 拾 */
    {0x767E, T_UNIT, 2, 0},               /* 百 */
    {0x4F70, T_UNIT, 2, 0},               /* 佰 */
    {0x5343, T_UNIT, 3, 0},               /* 千 */
    {0x4EDF, T_UNIT, 3, 0},               /* 仟 */
    {0x5EFF, T_TENS, 2, 0},               /* 廿 */
    {0x5345, T_TENS, 3, 0},               /* 卅 */
    {0x534C, T_TENS, 4, 0},               /* 卌 */
    {0x4E07, T_SCALE, 4, 0},              /* 万 */
    {0x842C, T_SCALE, 4, 0},              /* 萬 */
    {0x4EBF, T_SCALE, 8, 0},              /* 亿 */
    {0x5104, T_SCALE, 8, 0},              /* 億 */
    {0x70B9, T_PTCN, 0, 0},               /* 点 */
    {0x9EDE, T_PTCN, 0, 0},               /* 點 */
    {0x002E, T_PTAR, 0, 0},               /* . */
    {0xFF0E, T_PTAR, 0, 0},               /* ． */
    {0x8D1F, T_NEG, 0, 0},                /* 负 */
    {0x8CA0, T_NEG, 0, 0},                /* 負 */
    {0x81F3, T_SEP, 0, 0},                /* 至 */
    {0x5230, T_SEP, 0, 0},                /* 到 */
    {0x2014, T_SEP, 0, 0},                /* — em dash */
    {0x2013, T_SEP, 0, 0},                /* – en dash */
    {0x007E, T_SEP, 0, 0},                /* ~ */
    {0xFF5E, T_SEP, 0, 0},                /* ～ */
    {0x301C, T_SEP, 0, 0},                /* 〜 */
    {0x0025, T_PCT, 2, 0},                /* % */
    {0xFF05, T_PCT, 2, 0},                /* ％ */
    {0x2030, T_PCT, 3, 0},                /* ‰ */
    {0x5206, T_FEN, 0, 0},                /* 分 */
    {0x4E4B, T_ZHI, 0, 0},                /* 之 */
    {0x53C8, T_YOU, 0, 0},                /* 又 */
    {0x4F59, T_YU, FG_QUAL_MORE_THAN, 0}, /* 余 */
    {0x9918, T_YU, FG_QUAL_MORE_THAN, 0}, /* 餘 */
    {0x591A, T_YU, FG_QUAL_MORE_THAN, 0}, /* 多 */
    {0x6765, T_YU, FG_QUAL_ABOUT, 0},     /* 来 (十来万: about) */
    {0x51E0, T_JI, 0, 0},                 /* 几 */
    {0x5E7E, T_JI, 0, 0},                 /* 幾 */
};

static const struct cpclass *
cp_class(uint32_t c)
{
    size_t i;
    for (i = 0; i < sizeof CPCLASS / sizeof CPCLASS[0]; i++)
        if (CPCLASS[i].cp == c)
            return &CPCLASS[i];
    return NULL;
}

/* 0..9 for an ASCII or full-width (U+FF10..FF19) digit, else -1. */
static int
arabic_digit(uint32_t c)
{
    if (c >= '0' && c <= '9')
        return (int)(c - '0');
    if (c >= 0xFF10 && c <= 0xFF19)
        return (int)(c - 0xFF10);
    return -1;
}

static int
is_minus(uint32_t c)
{
    return c == '-' || c == 0xFF0D || c == 0x2212;
}

static int
push_tok(toks *k, int kind, int val)
{
    if (k->n == MAXTOK)
        return FG_ERANGE;
    memset(&k->t[k->n], 0, sizeof k->t[0]);
    k->t[k->n].kind = (unsigned char)kind;
    k->t[k->n].val = (unsigned char)val;
    k->n++;
    return FG_OK;
}

/* Reads an Arabic digit run at *i, with thousands separators (, ，) only
 * where they group by three: "1,100" yes, "1,10" no. */
static int
tok_arabic(const text *t, size_t *i, size_t e, toks *k)
{
    size_t group = 0, nsep = 0, start = k->ndig;
    int rc;

    while (*i < e) {
        uint32_t c = t->cp[*i];
        int d = arabic_digit(c);
        if (d >= 0) {
            if (k->ndig == MAXDIG || k->ndig - start == 255)
                return FG_ERANGE;
            k->dig[k->ndig++] = (char)('0' + d);
            group++;
            (*i)++;
            continue;
        }
        if ((c == ',' || c == 0xFF0C) && *i + 1 < e && arabic_digit(t->cp[*i + 1]) >= 0) {
            if (nsep == 0 ? (group < 1 || group > 3) : group != 3)
                return FG_EINVAL;
            nsep++;
            group = 0;
            (*i)++;
            continue;
        }
        break;
    }
    if (nsep && group != 3)
        return FG_EINVAL;
    if ((rc = push_tok(k, T_ARAB, 0)) != FG_OK)
        return rc;
    k->t[k->n - 1].pos = (unsigned char)start;
    k->t[k->n - 1].len = (unsigned char)(k->ndig - start);
    k->t[k->n - 1].sep = nsep ? 1 : 0;
    return FG_OK;
}

/* Cuts [b, e) into tokens. White space between tokens is skipped (the
 * peer suites write "一百 五 十 二"), but it cannot join two Arabic runs:
 * they stay two tokens and the evaluator rejects them. */
static int
tokenize(const text *t, size_t b, size_t e, toks *k)
{
    size_t i = b;
    int rc;

    k->n = 0;
    k->ndig = 0;
    while (i < e) {
        uint32_t c = t->cp[i];
        const struct cpclass *cl;
        if (is_space(c)) {
            i++;
            continue;
        }
        if (arabic_digit(c) >= 0) {
            if ((rc = tok_arabic(t, &i, e, k)) != FG_OK)
                return rc;
            continue;
        }
        if (is_minus(c)) {
            /* a minus that starts the number or a range end is a sign */
            int sign = k->n == 0 || k->t[k->n - 1].kind == T_SEP;
            if ((rc = push_tok(k, sign ? T_NEG : T_SEP, 0)) != FG_OK)
                return rc;
            i++;
            continue;
        }
        if ((cl = cp_class(c)) == NULL)
            return FG_EINVAL;
        if (c == 0x2014 && i + 1 < e && t->cp[i + 1] == 0x2014)
            i++; /* —— is one dash */
        if ((rc = push_tok(k, cl->kind, cl->val)) != FG_OK)
            return rc;
        k->t[k->n - 1].fl = cl->fl;
        i++;
    }
    return FG_OK;
}

/* Adds the digits of an Arabic run, its last digit at 10^exp. */
static int
add_run(big *b, const toks *k, const tok *t, int exp)
{
    size_t i;
    int rc;

    for (i = 0; i < t->len; i++)
        if ((rc = big_add_small(b, (unsigned)(k->dig[(size_t)t->pos + t->len - 1 - i] - '0'),
                                exp + (int)i)) != FG_OK)
            return rc;
    return FG_OK;
}

static int
add_coef(big *b, const toks *k, const tok *t, int exp)
{
    return t->kind == T_ARAB ? add_run(b, k, t, exp) : big_add_small(b, t->val, exp);
}

/* 余 多 来 follow a round number: 1000余, 70多, 十来; not 9余 or 两来. */
static int
is_round_run(const toks *k, const tok *t)
{
    return t->kind == T_ARAB && t->len > 1 && k->dig[(size_t)t->pos + t->len - 1] == '0';
}

static int
ends_round(const toks *k)
{
    const tok *t = &k->t[k->n - 1];
    return t->kind == T_UNIT || t->kind == T_TENS || t->kind == T_SCALE || is_round_run(k, t);
}

/* Significant digits of an Arabic run: "01" has 1, "0" has 0. */
static int
run_sig(const toks *k, const tok *t)
{
    size_t i = 0;
    while (i < t->len && k->dig[t->pos + i] == '0')
        i++;
    return (int)(t->len - i);
}

/* ------------------------------------------------------------------ */
/* Integer part: sections and scales                                   */
/* ------------------------------------------------------------------ */

/* State of eval_int. A Chinese integer is a sum of sections (below 万,
 * between 万 and 亿, ...); inside a section the places 千 百 十 must fall. */
typedef struct istate {
    big total;         /* sections already closed by a scale */
    big sec;           /* the open section */
    const tok *coef;   /* digit or Arabic run still waiting for a place */
    int coef_prev;     /* kind of the token before coef */
    int coef_prev_val; /* and its value */
    int coef_zero;     /* a 零 came between that token and coef */
    int last_unit;     /* last place used in the section, NO_UNIT if none */
    int level;         /* scale of the section being filled, NO_UNIT if none */
    int top;           /* highest scale applied so far */
    int sec_empty;     /* nothing in the section yet */
    int bare_scale;    /* the number began with a bare 万 or 亿 */
    /* FG_NORM_STRICT only: the exponent of every digit written, in order,
     * and whether a 零 came right before it; sec_first is the first digit
     * of the open section (the one a lower scale multiplies). */
    int strict;
    int dexp[MAXTOK];
    unsigned char dzero[MAXTOK];
    size_t nd, sec_first;
} istate;

/* Strict mode: notes a digit written at 10^exp (in its section so far). */
static void
note_digit(istate *st, int exp, int zero)
{
    if (!st->strict || st->nd == MAXTOK)
        return;
    st->dexp[st->nd] = exp;
    st->dzero[st->nd++] = (unsigned char)(zero != 0);
}

/* Strict mode: a scale multiplied the digits from index `from` on. */
static void
shift_digits(istate *st, size_t from, int s)
{
    size_t i;
    for (i = from; i < st->nd; i++)
        st->dexp[i] += s;
}

/*
 * Strict rule 6 of fg_norm.h: one 零 exactly where places are skipped.
 * Places go in sections of four (10^0..10^3, 10^4..10^7, ...). Between two
 * digits written one after the other at 10^hi and 10^lo, a 零 is needed
 * when places are skipped inside one section (一千零一十), when the lower
 * digit opens its section below the 千 place (十万零一), or when a whole
 * section lies between them (一亿零一千); the trailing zeros of a section
 * (一千亿一千万) are never written.
 */
static int
strict_zeros(const istate *st)
{
    size_t j;

    for (j = 1; j < st->nd; j++) {
        int hi = st->dexp[j - 1], lo = st->dexp[j], need;
        if (hi <= lo)
            return FG_EINVAL;
        if (hi / 4 == lo / 4)
            need = hi - lo > 1;
        else
            need = hi / 4 - lo / 4 > 1 || lo % 4 != 3;
        if (need != st->dzero[j])
            return FG_EINVAL;
    }
    return FG_OK;
}

/* Places a coefficient that no place character followed. At the end of
 * the number, right after 百, 千 or a scale (no 零 between), a single
 * Chinese digit is the colloquial short form: 三万五 = 35000, 一百二 = 120;
 * a single Arabic digit there (3万4) could mean 34000 or 30004: FG_EINVAL.
 * Before a scale it is the scale's coefficient (5亿1万), except straight
 * after 百 or 千, where 一百二万 could be 102万 or 120万: FG_EINVAL. */
static int
flush_tail(const toks *k, istate *st, int at_end)
{
    const tok *c = st->coef;
    int exp = 0, room;

    if (!c)
        return FG_OK;
    st->coef = NULL;
    st->sec_empty = 0;
    if (!st->coef_zero && st->coef_prev == T_UNIT && st->coef_prev_val >= 2)
        exp = st->coef_prev_val;
    else if (!st->coef_zero && st->coef_prev == T_SCALE)
        exp = st->level; /* the level reached: 一万亿五 is 1.5 万亿 */
    if (exp > 0 && at_end) {
        if (st->strict)
            return FG_EINVAL; /* rule 4: 三万五, 一百二 */
        if (c->kind == T_DIG)
            return big_add_small(&st->sec, c->val, exp - 1);
        if (c->len == 1 || run_sig(k, c) > exp)
            return FG_EINVAL;
        return add_run(&st->sec, k, c, 0);
    }
    if (exp > 0 && st->coef_prev == T_UNIT)
        return FG_EINVAL;
    if (st->last_unit != NO_UNIT || st->level != NO_UNIT) {
        /* a literal after 十, or after 零: it must fit the places left */
        room = st->last_unit != NO_UNIT ? st->last_unit : st->level;
        if (st->coef_zero)
            room--;
        if (c->kind == T_ARAB ? run_sig(k, c) > room : room < 1)
            return FG_EINVAL;
    }
    note_digit(st, 0, st->coef_zero);
    return add_coef(&st->sec, k, c, 0);
}

/* Closes the open section with scale s (4 万, 8 亿). Scales after the
 * first must fall (亿 ... 万 ...), except that a higher one multiplies all
 * that came before (一万五千亿 = 15000 亿), and rising scales written
 * together multiply (万亿 = 10^12, 四万万 = 4 亿). */
static int
apply_scale(istate *st, int s, int prev, int prev_val, int first)
{
    int rc;

    if (st->sec_empty) {
        /* 万亿 and 万万 multiply; 亿万 ("hundreds of millions") is vague */
        if (prev == T_SCALE && prev_val <= s && st->level == st->top && !st->bare_scale) {
            if ((rc = big_shift(&st->total, s)) != FG_OK)
                return rc;
            shift_digits(st, 0, s);
            st->level += s;
            st->top = st->level;
            return FG_OK;
        }
        if (!first || st->strict)
            return FG_EINVAL; /* strict rule 5: no bare scale */
        /* 万余人, 百万: a bare scale is one of it */
        st->bare_scale = 1;
        st->sec_empty = 0;
        if ((rc = big_add_small(&st->sec, 1, 0)) != FG_OK)
            return rc;
    }
    if (st->level == NO_UNIT) {
        st->total = st->sec;
        rc = big_shift(&st->total, s);
        shift_digits(st, 0, s);
        st->level = st->top = s;
    } else if (s < st->level) {
        if (!big_below_pow10(&st->sec, st->level - s))
            return FG_EINVAL;
        if ((rc = big_shift(&st->sec, s)) == FG_OK)
            rc = big_add(&st->total, &st->sec);
        shift_digits(st, st->sec_first, s);
        st->level = s;
    } else if (s > st->top) {
        if ((rc = big_add(&st->total, &st->sec)) == FG_OK)
            rc = big_shift(&st->total, s);
        shift_digits(st, 0, s);
        st->level = st->top = s;
    } else {
        return FG_EINVAL; /* 一万一万, 一亿一万一千亿 */
    }
    st->sec_first = st->nd;
    memset(&st->sec, 0, sizeof st->sec);
    st->sec_empty = 1;
    st->last_unit = NO_UNIT;
    return rc;
}

/*
 * Evaluates an integer in Chinese, Arabic or mixed writing: 一万零一十二,
 * 壹仟贰佰, 3万4000, 1,100万, 十余万. The rules are cn2an's strict ones
 * where they remove real ambiguity (十一十二 and 百十一 are malformed or
 * vague) and accept the unambiguous colloquial forms news also writes
 * (三万五, 一百十一, 十万零一千). Two digits in a row are refused here: digit
 * strings (一七二零) are read by eval_decimal, ranges (五六) by number_core.
 * With strict set, the strict rules of fg_norm.h apply on top (the tokens
 * were checked for rules 1, 2 and 8 by number_core). *inner gets the
 * qualifier of an inner 余/多/几/来.
 */
static int
eval_int(const toks *k, size_t b, size_t e, big *out, fg_qual *inner, int strict)
{
    istate st;
    int prev = 0, prev_val = 0, prev_bare = 0, after_zero = 0, closed = 0, rc;
    size_t i;

    memset(&st, 0, sizeof st);
    memset(out, 0, sizeof *out);
    st.last_unit = st.level = NO_UNIT;
    st.sec_empty = 1;
    st.strict = strict;
    *inner = FG_QUAL_EXACT;
    if (b >= e)
        return FG_EINVAL;
    if (e - b == 1 && k->t[b].kind == T_DIG && k->t[b].val == 0)
        return FG_OK; /* 零 〇 */
    for (i = b; i < e; i++) {
        const tok *t = &k->t[i];
        int kind = t->kind, val = t->val;
        if (closed && kind != T_SCALE)
            return FG_EINVAL; /* only 万/亿 may follow 余 多 几 */
        switch (kind) {
        case T_DIG:
        case T_ARAB:
            if (st.coef)
                return FG_EINVAL; /* 一一, 3五: two digits in a row */
            if (kind == T_DIG && val == 0) {
                /* 零 stands for skipped places: after 百, 千 or a scale, once */
                if (after_zero || !((prev == T_UNIT && prev_val >= 2) || prev == T_SCALE))
                    return FG_EINVAL;
                after_zero = 1;
                break;
            }
            /* 007 is an identifier, not a quantity */
            if (kind == T_ARAB && i == b && t->len > 1 && k->dig[t->pos] == '0')
                return FG_EINVAL;
            st.coef = t;
            st.coef_prev = prev;
            st.coef_prev_val = prev_val;
            st.coef_zero = after_zero;
            after_zero = 0;
            break;
        case T_UNIT:
        case T_TENS: {
            int u = kind == T_TENS ? 1 : val;
            if (u >= st.last_unit)
                return FG_EINVAL; /* 十一十二, 十十: places must fall */
            if (kind == T_TENS) {
                if (st.coef)
                    return FG_EINVAL;
                note_digit(&st, 1, after_zero);
                rc = big_add_small(&st.sec, (unsigned)val, 1);
            } else if (st.coef) {
                /* 5千 yes; 25千 and 0百 are not how places are written */
                if (st.coef->kind == T_ARAB && (st.coef->len != 1 || k->dig[st.coef->pos] == '0'))
                    return FG_EINVAL;
                note_digit(&st, u, st.coef_zero);
                rc = add_coef(&st.sec, k, st.coef, u);
            } else {
                /* bare place: 十 = 一十. But 百十 ("a hundred or so") is
                 * vague, and 三万千 lacks its digit; strict rule 5 allows
                 * it only first or after 零 (一百十一 is 一百一十一) */
                if ((prev == T_UNIT && prev_bare) || prev == T_SCALE)
                    return FG_EINVAL;
                if (strict && i != b && !after_zero)
                    return FG_EINVAL;
                note_digit(&st, u, after_zero);
                rc = big_add_small(&st.sec, 1, u);
            }
            if (rc != FG_OK)
                return rc;
            prev_bare = kind == T_UNIT && !st.coef;
            st.coef = NULL;
            st.last_unit = u;
            st.sec_empty = 0;
            after_zero = 0;
            break;
        }
        case T_SCALE:
            if ((rc = flush_tail(k, &st, 0)) != FG_OK)
                return rc;
            if (after_zero)
                return FG_EINVAL; /* 一亿零万 */
            if ((rc = apply_scale(&st, val, prev, prev_val, i == b)) != FG_OK)
                return rc;
            break;
        case T_YU:
            /* 十余万, 1000余万, 一千多万: after a place or an Arabic run,
             * and a scale must follow (a final 余 is a suffix, cut earlier) */
            if (*inner != FG_QUAL_EXACT)
                return FG_EINVAL;
            if (st.coef) {
                if (!is_round_run(k, st.coef))
                    return FG_EINVAL;
                if ((rc = flush_tail(k, &st, 0)) != FG_OK)
                    return rc;
            } else if (prev != T_UNIT && prev != T_TENS) {
                return FG_EINVAL;
            }
            if (i + 1 >= e || k->t[i + 1].kind != T_SCALE)
                return FG_EINVAL;
            *inner = (fg_qual)val;
            closed = 1;
            break;
        case T_JI:
            /* 二十几万, 一百零几万, 十几: the last place is "some"; a
             * leading 几 (几十, 几万) is vague and rejected */
            if (*inner != FG_QUAL_EXACT || st.coef)
                return FG_EINVAL;
            if (prev != T_UNIT && prev != T_TENS && !after_zero)
                return FG_EINVAL;
            if (i + 1 < e && k->t[i + 1].kind != T_SCALE)
                return FG_EINVAL;
            after_zero = 0;
            *inner = FG_QUAL_MORE_THAN;
            closed = 1;
            break;
        default:
            return FG_EINVAL;
        }
        prev = kind;
        prev_val = val;
    }
    if ((rc = flush_tail(k, &st, 1)) != FG_OK)
        return rc;
    if (after_zero)
        return FG_EINVAL; /* 一百零 */
    if (strict && (rc = strict_zeros(&st)) != FG_OK)
        return rc;
    if (!st.sec_empty) {
        if (st.level != NO_UNIT && !big_below_pow10(&st.sec, st.level))
            return FG_EINVAL; /* 1万20000 */
        if ((rc = big_add(&st.total, &st.sec)) != FG_OK)
            return rc;
    }
    *out = st.total;
    return FG_OK;
}

/* ------------------------------------------------------------------ */
/* Decimals, percentages, fractions                                    */
/* ------------------------------------------------------------------ */

/* Adds Chinese fraction digits (三点一四) or one Arabic run (一百点123)
 * at 10^-1, 10^-2, ... and returns the index after them in *q. Strict
 * rule 7: the last digit is not 零 (零点零, 一点五零). */
static int
add_fraction(const toks *k, size_t *q, size_t e, big *v, int strict)
{
    int exp = -1, rc;

    if (*q < e && k->t[*q].kind == T_ARAB) {
        const tok *t = &k->t[*q];
        if (t->sep)
            return FG_EINVAL;
        (*q)++;
        return add_run(v, k, t, -(int)t->len);
    }
    if (*q >= e || k->t[*q].kind != T_DIG)
        return FG_EINVAL; /* 零点, 零点点 */
    while (*q < e && k->t[*q].kind == T_DIG) {
        if ((rc = big_add_small(v, k->t[*q].val, exp--)) != FG_OK)
            return rc;
        (*q)++;
    }
    if (strict && k->t[*q - 1].val == 0)
        return FG_EINVAL;
    return FG_OK;
}

/* Length of the digit string at b: the run of digits that may be read
 * digit by digit (not 两), when it has at least two, does not start with
 * 零 or 〇, and runs up to e, a point or a percent sign; else 0. */
static size_t
digit_string(const toks *k, size_t b, size_t e)
{
    size_t i = b;

    while (i < e && k->t[i].kind == T_DIG && !(k->t[i].fl & CF_LIANG))
        i++;
    if (i - b < 2 || k->t[b].val == 0)
        return 0;
    if (i < e && k->t[i].kind != T_PTCN && k->t[i].kind != T_PCT)
        return 0;
    return i - b;
}

/*
 * An unsigned value with an optional decimal part and trailing scales:
 * 21.3万, 1.2亿, 4.78万亿, 三点五, 一点二万, 两千万点五五. Scales may
 * follow the fraction only if the integer part has none (一点二万 yes,
 * 两千万点五万 no), and after 10.1万 nothing else may come (10.1万零100).
 * In the normal mode a digit string (一七二零, 一七二零点一三四) is read
 * digit by digit; it takes no scale. Strict mode reads no digit string and
 * no scale after a fraction (rules 3 and 7 of fg_norm.h).
 */
static int
eval_decimal(const toks *k, size_t b, size_t e, big *out, fg_qual *inner, int strict)
{
    size_t p, q, i, nd;
    int shift = 0, int_scale = 0, rc;
    fg_qual in2 = FG_QUAL_EXACT;

    *inner = FG_QUAL_EXACT;
    memset(out, 0, sizeof *out);
    for (p = b; p < e; p++)
        if (k->t[p].kind == T_PTCN || k->t[p].kind == T_PTAR)
            break;
    if (!strict && (nd = digit_string(k, b, p)) == p - b && nd > 0) {
        for (i = b; i < p; i++)
            if ((rc = big_add_small(out, k->t[i].val, (int)(p - 1 - i))) != FG_OK)
                return rc;
        if (p == e)
            return FG_OK;
        if (k->t[p].kind != T_PTCN)
            return FG_EINVAL; /* 一二.5 */
        q = p + 1;
        if ((rc = add_fraction(k, &q, e, out, 0)) != FG_OK)
            return rc;
        return q == e ? FG_OK : FG_EINVAL; /* a digit string takes no scale */
    }
    if (p == e)
        return eval_int(k, b, e, out, inner, strict);
    if (k->t[p].kind == T_PTAR) {
        /* 21.3, .5: Arabic on both sides, no separators after the point */
        if (p > b) {
            const tok *t = &k->t[b];
            if (p - b != 1 || t->kind != T_ARAB || (t->len > 1 && k->dig[t->pos] == '0'))
                return FG_EINVAL;
            if ((rc = add_run(out, k, t, 0)) != FG_OK)
                return rc;
        }
        q = p + 1;
        if (q >= e || k->t[q].kind != T_ARAB)
            return FG_EINVAL;
    } else {
        /* 点 after Arabic digits (3点5) reads as a clock time: refused */
        if (p == b)
            return FG_EINVAL;
        for (i = b; i < p; i++) {
            if (k->t[i].kind == T_ARAB)
                return FG_EINVAL;
            if (k->t[i].kind == T_SCALE)
                int_scale = 1;
        }
        if ((rc = eval_int(k, b, p, out, &in2, strict)) != FG_OK)
            return rc;
        if (in2 != FG_QUAL_EXACT)
            return FG_EINVAL;
        q = p + 1;
    }
    if ((rc = add_fraction(k, &q, e, out, strict)) != FG_OK)
        return rc;
    for (; q < e; q++) {
        if (k->t[q].kind != T_SCALE || int_scale || strict)
            return FG_EINVAL;
        shift += k->t[q].val;
    }
    return big_shift(out, shift);
}

static size_t
find_kind(const toks *k, size_t b, size_t e, int kind)
{
    size_t i;
    for (i = b; i < e; i++)
        if (k->t[i].kind == kind)
            return i;
    return e;
}

/*
 * One signed value: a decimal as above, a percentage (5%, 5‰), or a
 * fraction X分之Y with an optional whole part W又 (百分之五 = 0.05,
 * 3又一千分之23 = 3.023). *inner is the qualifier of an inner 余/多/几.
 */
static int
eval_value(const toks *k, size_t b, size_t e, sval *out, fg_qual *inner, int strict)
{
    size_t f, y;
    int rc;

    memset(out, 0, sizeof *out);
    *inner = FG_QUAL_EXACT;
    if (b < e && k->t[b].kind == T_NEG) {
        out->neg = 1;
        b++;
    }
    if (b >= e)
        return FG_EINVAL;
    f = find_kind(k, b, e, T_FEN);
    if (f < e) {
        big whole, den, num, q;
        fg_qual q1, q2, q3;
        memset(&whole, 0, sizeof whole);
        if (f + 1 >= e || k->t[f + 1].kind != T_ZHI)
            return FG_EINVAL;
        y = find_kind(k, b, f, T_YOU);
        if (y < f) {
            if ((rc = eval_decimal(k, b, y, &whole, &q1, strict)) != FG_OK)
                return rc;
            if (q1 != FG_QUAL_EXACT)
                return FG_EINVAL;
            b = y + 1;
        }
        if ((rc = eval_decimal(k, b, f, &den, &q2, strict)) != FG_OK ||
            (rc = eval_decimal(k, f + 2, e, &num, &q3, strict)) != FG_OK)
            return rc;
        if (q2 != FG_QUAL_EXACT || q3 != FG_QUAL_EXACT)
            return FG_EINVAL;
        if ((rc = big_div_exact(&num, &den, &q)) != FG_OK)
            return rc;
        if ((rc = big_add(&whole, &q)) != FG_OK)
            return rc;
        out->mag = whole;
    } else if (k->t[e - 1].kind == T_PCT) {
        if ((rc = eval_decimal(k, b, e - 1, &out->mag, inner, strict)) != FG_OK)
            return rc;
        if ((rc = big_shift(&out->mag, -(int)k->t[e - 1].val)) != FG_OK)
            return rc;
    } else if ((rc = eval_decimal(k, b, e, &out->mag, inner, strict)) != FG_OK) {
        return rc;
    }
    if (big_is_zero(&out->mag))
        out->neg = 0;
    return FG_OK;
}

/* ------------------------------------------------------------------ */
/* Qualifiers                                                          */
/* ------------------------------------------------------------------ */

/* Where a qualifier word is written relative to the number. */
enum { Q_PRE = 1, Q_SUF = 2 };

/*
 * Qualifier words, the same ones as rules/lexicon/qualifiers-*.txt so that
 * whatever a rule captures as a qualifier is understood here. 多达/高达/
 * 之多 ("as many as") count as an upper bound, as the issue asks. Infix
 * 余 多 来 are listed as suffixes: a number that ends in them ("1000余",
 * "70多") has them last; inside (十余万) they are tokens.
 */
static const struct qword {
    const char *w;
    fg_qual q;
    int where;
} QWORDS[] = {
    {"约", FG_QUAL_ABOUT, Q_PRE},         {"大约", FG_QUAL_ABOUT, Q_PRE},
    {"大概", FG_QUAL_ABOUT, Q_PRE},       {"近", FG_QUAL_ABOUT, Q_PRE},
    {"接近", FG_QUAL_ABOUT, Q_PRE},       {"将近", FG_QUAL_ABOUT, Q_PRE},
    {"几近", FG_QUAL_ABOUT, Q_PRE},       {"近乎", FG_QUAL_ABOUT, Q_PRE},
    {"约为", FG_QUAL_ABOUT, Q_PRE},       {"约合", FG_QUAL_ABOUT, Q_PRE},
    {"差不多", FG_QUAL_ABOUT, Q_PRE},     {"估计", FG_QUAL_ABOUT, Q_PRE},
    {"左右", FG_QUAL_ABOUT, Q_SUF},       {"上下", FG_QUAL_ABOUT, Q_SUF},
    {"前后", FG_QUAL_ABOUT, Q_SUF},       {"来", FG_QUAL_ABOUT, Q_SUF},
    {"超过", FG_QUAL_MORE_THAN, Q_PRE},   {"超", FG_QUAL_MORE_THAN, Q_PRE},
    {"逾", FG_QUAL_MORE_THAN, Q_PRE},     {"超出", FG_QUAL_MORE_THAN, Q_PRE},
    {"多于", FG_QUAL_MORE_THAN, Q_PRE},   {"高于", FG_QUAL_MORE_THAN, Q_PRE},
    {"大于", FG_QUAL_MORE_THAN, Q_PRE},   {"不少于", FG_QUAL_MORE_THAN, Q_PRE},
    {"不低于", FG_QUAL_MORE_THAN, Q_PRE}, {"不下", FG_QUAL_MORE_THAN, Q_PRE},
    {"至少", FG_QUAL_MORE_THAN, Q_PRE},   {"最少", FG_QUAL_MORE_THAN, Q_PRE},
    {"起码", FG_QUAL_MORE_THAN, Q_PRE},   {"过", FG_QUAL_MORE_THAN, Q_PRE},
    {"突破", FG_QUAL_MORE_THAN, Q_PRE},   {"余", FG_QUAL_MORE_THAN, Q_SUF},
    {"多", FG_QUAL_MORE_THAN, Q_SUF},     {"以上", FG_QUAL_MORE_THAN, Q_SUF},
    {"有余", FG_QUAL_MORE_THAN, Q_SUF},   {"开外", FG_QUAL_MORE_THAN, Q_SUF},
    {"出头", FG_QUAL_MORE_THAN, Q_SUF},   {"不足", FG_QUAL_AT_MOST, Q_PRE},
    {"不到", FG_QUAL_AT_MOST, Q_PRE},     {"不满", FG_QUAL_AT_MOST, Q_PRE},
    {"未满", FG_QUAL_AT_MOST, Q_PRE},     {"不超过", FG_QUAL_AT_MOST, Q_PRE},
    {"不大于", FG_QUAL_AT_MOST, Q_PRE},   {"不高于", FG_QUAL_AT_MOST, Q_PRE},
    {"少于", FG_QUAL_AT_MOST, Q_PRE},     {"低于", FG_QUAL_AT_MOST, Q_PRE},
    {"小于", FG_QUAL_AT_MOST, Q_PRE},     {"至多", FG_QUAL_AT_MOST, Q_PRE},
    {"最多", FG_QUAL_AT_MOST, Q_PRE},     {"最高", FG_QUAL_AT_MOST, Q_PRE},
    {"多达", FG_QUAL_AT_MOST, Q_PRE},     {"高达", FG_QUAL_AT_MOST, Q_PRE},
    {"以下", FG_QUAL_AT_MOST, Q_SUF},     {"以内", FG_QUAL_AT_MOST, Q_SUF},
    {"之内", FG_QUAL_AT_MOST, Q_SUF},     {"内", FG_QUAL_AT_MOST, Q_SUF},
    {"之多", FG_QUAL_AT_MOST, Q_SUF},
};

#define NQWORDS (sizeof QWORDS / sizeof QWORDS[0])

/* Longest qualifier written at the start (Q_PRE) or end (Q_SUF) of
 * [b, e); its length in code points, 0 if none. */
static size_t
take_qualifier(const text *t, size_t b, size_t e, int where, fg_qual *q)
{
    size_t best = 0, i, n;

    char c0 = b < e ? t->s[t->off[b]] : '\0';
    for (i = 0; i < NQWORDS; i++) {
        if (QWORDS[i].where != where || (where == Q_PRE && QWORDS[i].w[0] != c0))
            continue;
        n = where == Q_PRE ? match_at(t, b, e, QWORDS[i].w) : match_end(t, b, e, QWORDS[i].w);
        if (n > best) {
            best = n;
            *q = QWORDS[i].q;
        }
    }
    return best;
}

/* Strips one prefix and one suffix qualifier; they must agree (约100以上
 * says two things). Never strips the whole text. *infix is set when the
 * suffix was 余, 多 or 来, which need a round number before them. */
static int
strip_qualifiers(const text *t, size_t *b, size_t *e, fg_qual *outer, int *infix)
{
    fg_qual pq = FG_QUAL_EXACT, sq = FG_QUAL_EXACT;
    const struct cpclass *cl;
    size_t n;

    trim(t, b, e);
    n = take_qualifier(t, *b, *e, Q_PRE, &pq);
    if (n && n < *e - *b)
        *b += n;
    else
        pq = FG_QUAL_EXACT;
    trim(t, b, e);
    n = take_qualifier(t, *b, *e, Q_SUF, &sq);
    *infix = 0;
    if (n && n < *e - *b) {
        *e -= n;
        cl = cp_class(t->cp[*e]);
        *infix = n == 1 && cl && cl->kind == T_YU; /* 余 多 来 */
    } else {
        sq = FG_QUAL_EXACT;
    }
    trim(t, b, e);
    if (pq != FG_QUAL_EXACT && sq != FG_QUAL_EXACT && pq != sq)
        return FG_EINVAL;
    *outer = pq != FG_QUAL_EXACT ? pq : sq;
    return FG_OK;
}

fg_qual
fg_norm_qual_merge(fg_qual outer, fg_qual inner)
{
    /* The outer qualifier was captured on purpose by the rule; an inner
     * one (十余万) is part of the numeral. A range is a shape, not a hedge,
     * so it survives any outer word: 约3至5万 is still a range. */
    if (outer == FG_QUAL_EXACT)
        return inner;
    if (inner == FG_QUAL_EXACT)
        return outer;
    if (inner == FG_QUAL_RANGE)
        return FG_QUAL_RANGE;
    return outer;
}

static const char *const QUAL_NAMES[] = {"exact", "about", "more_than", "at_most", "range"};

const char *
fg_norm_qual_name(fg_qual q)
{
    if ((int)q < 0 || (size_t)q >= sizeof QUAL_NAMES / sizeof QUAL_NAMES[0])
        return "";
    return QUAL_NAMES[q];
}

int
fg_norm_qualifier(fg_qual *out, const char *s, size_t len)
{
    text t;
    size_t b = 0, e, i;
    int rc;

    if (!out || (!s && len))
        return FG_EINVAL;
    *out = FG_QUAL_EXACT;
    if (len == 0)
        return FG_OK;
    if ((rc = text_decode(&t, s, len)) != FG_OK)
        return rc == FG_ERANGE ? FG_EINVAL : rc;
    e = t.n;
    trim(&t, &b, &e);
    if (b == e)
        return FG_OK;
    for (i = 0; i < NQWORDS; i++)
        if (match_at(&t, b, e, QWORDS[i].w) == e - b) {
            *out = QWORDS[i].q;
            return FG_OK;
        }
    return FG_EINVAL;
}

/* ------------------------------------------------------------------ */
/* Whole numbers with qualifiers and ranges                            */
/* ------------------------------------------------------------------ */

typedef struct nres {
    sval lo, hi;  /* hi only for a range */
    fg_qual qual; /* FG_QUAL_RANGE for a range */
} nres;

/* Removes token i of k (for the two readings of 五六 = 5..6). */
static void
drop_tok(toks *k, size_t i)
{
    memmove(&k->t[i], &k->t[i + 1], (k->n - i - 1) * sizeof k->t[0]);
    k->n--;
}

/*
 * The low end of a range shares what the high end writes once for both:
 * its trailing scale or percent sign (3至5万 = 30000..50000, 5-8% =
 * 0.05..0.08), and, for a bare Chinese digit, its 百 or 千 (三至五百 =
 * 300..500, 两至三百五 = 200..350; not 十: 一至二十 is 1..20). A reading is
 * taken only if it keeps the low end below the high one: 5000至2万 stays
 * 5000..20000.
 */
static void
range_share(const toks *k, size_t sep, nres *r, int strict)
{
    const tok *h = &k->t[sep + 1];
    size_t m = 0, j, hn = k->n - sep - 1;
    int unit, pass;
    fg_qual q;

    while (m + 1 < hn && (k->t[k->n - 1 - m].kind == T_SCALE || k->t[k->n - 1 - m].kind == T_PCT))
        m++;
    unit = sep == 1 && k->t[0].kind == T_DIG && hn >= 2 && h[0].kind == T_DIG &&
           h[1].kind == T_UNIT && h[1].val >= 2 && k->t[0].val < h[0].val;
    if (k->t[sep - 1].kind != T_ARAB && k->t[sep - 1].kind != T_DIG)
        return;
    for (pass = unit ? 0 : 1; pass < 2; pass++) {
        toks k2 = *k;
        sval lo2;
        k2.n = sep;
        if (pass == 0)
            k2.t[k2.n++] = h[1];
        for (j = 0; j < m; j++)
            k2.t[k2.n++] = k->t[k->n - m + j];
        if (k2.n == sep)
            return;
        if (eval_value(&k2, 0, k2.n, &lo2, &q, strict) == FG_OK && q == FG_QUAL_EXACT &&
            sval_cmp(&lo2, &r->hi) < 0) {
            r->lo = lo2;
            return;
        }
    }
}

/* 3至5万, 10-20, 5%-8%: two values around one separator, low < high. */
static int
eval_range(const toks *k, size_t sep, nres *r, int strict)
{
    fg_qual q1, q2;
    int rc;

    if (sep == 0 || sep + 1 >= k->n)
        return FG_EINVAL;
    if ((rc = eval_value(k, sep + 1, k->n, &r->hi, &q2, strict)) != FG_OK ||
        (rc = eval_value(k, 0, sep, &r->lo, &q1, strict)) != FG_OK)
        return rc;
    if (q1 != FG_QUAL_EXACT || q2 != FG_QUAL_EXACT)
        return FG_EINVAL;
    range_share(k, sep, r, strict);
    if (sval_cmp(&r->lo, &r->hi) >= 0)
        return FG_EINVAL;
    r->qual = FG_QUAL_RANGE;
    return FG_OK;
}

/* Two adjacent ascending digits in the integer part read as a range:
 * 五六 = 5..6, 三四十 = 30..40, 十七八 = 17..18, 两三百万. Returns the index
 * of the first digit, or k->n if there is none. */
static size_t
find_digit_pair(const toks *k)
{
    size_t i;
    for (i = 0; i + 1 < k->n; i++) {
        if (k->t[i].kind == T_PTCN || k->t[i].kind == T_PTAR)
            break;
        if (k->t[i].kind == T_DIG && k->t[i + 1].kind == T_DIG && k->t[i].val >= 1 &&
            k->t[i + 1].val == k->t[i].val + 1)
            return i;
    }
    return k->n;
}

/* A value that is a digit string (一二三, 一二点五), which no digit pair
 * splits into a range; two digits alone (五六, 负五六, 五六%) are not. */
static int
is_digit_string(const toks *k)
{
    size_t b = k->n > 0 && k->t[0].kind == T_NEG ? 1 : 0;
    size_t n = digit_string(k, b, k->n);
    return n >= 3 || (n == 2 && b + 2 < k->n && k->t[b + 2].kind == T_PTCN);
}

/* Strict rules 1, 2 and 8 of fg_norm.h, on the tokens: no Arabic digit or
 * point, no 〇 ○, no 余 多 来 几 inside the numeral. */
static int
strict_tokens(const toks *k)
{
    size_t i;
    for (i = 0; i < k->n; i++) {
        const tok *t = &k->t[i];
        if (t->kind == T_ARAB || t->kind == T_PTAR || t->kind == T_YU || t->kind == T_JI ||
            (t->kind == T_DIG && (t->fl & CF_CIRCLE)))
            return FG_EINVAL;
    }
    return FG_OK;
}

/*
 * A whole number capture: qualifiers come off the ends first, then the
 * rest is one value, a separator range (3至5万) or an adjacent-digit range
 * (五六). An explicit separator wins over digit pairs, so 三四至五六 is not
 * read twice over: each side must then be a plain value. A digit string of
 * three or more (一二三) is one value, not a range; strict mode reads no
 * adjacent-digit range at all (rule 3).
 */
static int
number_core(const text *t, size_t b, size_t e, nres *r, unsigned flags)
{
    toks k;
    fg_qual outer, inner;
    size_t i, nsep = 0, sep = 0;
    int rc, infix, strict = (flags & FG_NORM_STRICT) != 0;

    memset(r, 0, sizeof *r);
    if ((rc = strip_qualifiers(t, &b, &e, &outer, &infix)) != FG_OK)
        return rc;
    if ((rc = tokenize(t, b, e, &k)) != FG_OK)
        return rc;
    if (k.n == 0 || (infix && !ends_round(&k)))
        return FG_EINVAL;
    if (strict && (rc = strict_tokens(&k)) != FG_OK)
        return rc;
    for (i = 0; i < k.n; i++)
        if (k.t[i].kind == T_SEP) {
            nsep++;
            sep = i;
        }
    if (nsep > 1)
        return FG_EINVAL;
    if (nsep == 1) {
        rc = eval_range(&k, sep, r, strict);
    } else if (!strict && !is_digit_string(&k) && (i = find_digit_pair(&k)) < k.n) {
        toks lo = k, hi = k;
        fg_qual q1, q2;
        drop_tok(&lo, i + 1);
        drop_tok(&hi, i);
        if ((rc = eval_value(&lo, 0, lo.n, &r->lo, &q1, 0)) != FG_OK ||
            (rc = eval_value(&hi, 0, hi.n, &r->hi, &q2, 0)) != FG_OK)
            return rc;
        if (q1 != FG_QUAL_EXACT || q2 != FG_QUAL_EXACT)
            return FG_EINVAL;
        if (sval_cmp(&r->lo, &r->hi) > 0) {
            /* 负五六 is -6..-5: the larger digit is the lower end */
            sval tmp = r->lo;
            r->lo = r->hi;
            r->hi = tmp;
        }
        r->qual = FG_QUAL_RANGE;
    } else {
        rc = eval_value(&k, 0, k.n, &r->lo, &inner, strict);
        r->qual = inner;
    }
    if (rc != FG_OK)
        return rc;
    r->qual = fg_norm_qual_merge(outer, r->qual);
    return FG_OK;
}

/* Fills the public struct from an nres. */
static int
nres_out(const nres *r, fg_number *out)
{
    int rc;

    if ((rc = sval_to_dec(&r->lo, &out->value)) != FG_OK)
        return rc;
    out->is_integer = big_is_int(&r->lo.mag);
    if (r->qual == FG_QUAL_RANGE) {
        if ((rc = sval_to_dec(&r->hi, &out->high)) != FG_OK)
            return rc;
        out->is_integer = out->is_integer && big_is_int(&r->hi.mag);
    }
    out->qual = r->qual;
    return FG_OK;
}

int
fg_norm_number_ex(fg_number *out, const char *s, size_t len, unsigned flags)
{
    text t;
    nres r;
    int rc;

    if (!out)
        return FG_EINVAL;
    memset(out, 0, sizeof *out);
    if ((!s && len) || (flags & ~FG_NORM_STRICT) != 0)
        return FG_EINVAL;
    /* Most numbers in news are a few ASCII digits: their value is
     * themselves (a leading 0 is refused, as below; strict mode refuses
     * them all). The same result as the general path, without its
     * arithmetic on 128 digits. */
    size_t nd = 0;
    while (nd < len && nd < 19 && s[nd] >= '0' && s[nd] <= '9')
        nd++;
    if (flags == 0 && nd == len && len > 0 && len < 19 && (len == 1 || s[0] != '0')) {
        memcpy(out->value.s, s, len);
        out->value.s[len] = '\0';
        out->is_integer = 1;
        out->qual = FG_QUAL_EXACT;
        return FG_OK;
    }
    if ((rc = text_decode(&t, s, len)) != FG_OK)
        return rc;
    if ((rc = number_core(&t, 0, t.n, &r, flags)) != FG_OK || (rc = nres_out(&r, out)) != FG_OK) {
        memset(out, 0, sizeof *out);
        return rc;
    }
    return FG_OK;
}

int
fg_norm_number(fg_number *out, const char *s, size_t len)
{
    return fg_norm_number_ex(out, s, len, 0);
}

/* ------------------------------------------------------------------ */
/* Money                                                               */
/* ------------------------------------------------------------------ */

/*
 * Currency words after the number. shift scales the amount into the main
 * unit (美分 is a hundredth of a dollar). 元人民币 is one word so that
 * "8亿元人民币" needs no second pass. 角 毛 分 are handled apart: they are
 * sub-units that combine (3元5角2分).
 */
static const struct currency {
    const char *w;
    char iso[4];
    int shift;
} CUR_SUFFIX[] = {
    {"元", "CNY", 0},       {"圆", "CNY", 0},     {"圓", "CNY", 0},       {"块", "CNY", 0},
    {"块钱", "CNY", 0},     {"人民币", "CNY", 0}, {"元人民币", "CNY", 0}, {"美元", "USD", 0},
    {"美金", "USD", 0},     {"美圆", "USD", 0},   {"美分", "USD", -2},    {"欧元", "EUR", 0},
    {"港元", "HKD", 0},     {"港币", "HKD", 0},   {"日元", "JPY", 0},     {"英镑", "GBP", 0},
    {"台币", "TWD", 0},     {"新台币", "TWD", 0}, {"澳元", "AUD", 0},     {"加元", "CAD", 0},
    {"瑞士法郎", "CHF", 0}, {"韩元", "KRW", 0},   {"卢布", "RUB", 0},
};

/* Currency words before the number: 人民币500万元, 美元100, US$5. */
static const struct currency CUR_PREFIX[] = {
    {"人民币", "CNY", 0}, {"RMB", "CNY", 0},  {"美元", "USD", 0}, {"美金", "USD", 0},
    {"US$", "USD", 0},    {"港元", "HKD", 0}, {"港币", "HKD", 0}, {"HK$", "HKD", 0},
    {"欧元", "EUR", 0},   {"日元", "JPY", 0}, {"英镑", "GBP", 0}, {"￥", "CNY", 0},
    {"¥", "CNY", 0},
};

static const struct currency *
take_currency(const text *t, size_t b, size_t e, const struct currency *tab, size_t n, int prefix,
              size_t *len)
{
    const struct currency *best = NULL;
    size_t i, m;

    *len = 0;
    char c0 = b < e ? t->s[t->off[b]] : '\0';
    for (i = 0; i < n; i++) {
        if (prefix && tab[i].w[0] != c0)
            continue;
        m = prefix ? match_at(t, b, e, tab[i].w) : match_end(t, b, e, tab[i].w);
        if (m > *len) {
            *len = m;
            best = &tab[i];
        }
    }
    return best;
}

static int
is_yuan(uint32_t c)
{
    return c == 0x5143 || c == 0x5706 || c == 0x5713 || c == 0x5757; /* 元 圆 圓 块 */
}

/* 0 角/毛 (tenths), 1 分 (hundredths), -1 otherwise */
static int
subunit(uint32_t c)
{
    if (c == 0x89D2 || c == 0x6BDB)
        return 0;
    return c == 0x5206 ? 1 : -1;
}

/*
 * 3元5角2分, 壹拾壹元壹角壹分, 五元三毛, 5角, 8分, 3元零5分. The yuan part is
 * any plain number; each sub-unit takes one digit, 角 before 分, and a 零
 * may stand for a skipped 角.
 */
static int
money_subunits(const text *t, size_t b, size_t e, nres *r)
{
    size_t i, y = e;
    int next = 0, any = 0, rc;

    memset(r, 0, sizeof *r);
    for (i = b; i < e; i++)
        if (is_yuan(t->cp[i])) {
            y = i;
            break;
        }
    if (y < e) {
        if ((rc = number_core(t, b, y, r, 0)) != FG_OK)
            return rc;
        if (r->qual != FG_QUAL_EXACT || r->lo.neg)
            return FG_EINVAL;
        i = y + 1;
    } else {
        i = b;
    }
    while (i < e) {
        const struct cpclass *cl = cp_class(t->cp[i]);
        int d = arabic_digit(t->cp[i]), u;
        if (is_space(t->cp[i])) {
            i++;
            continue;
        }
        if (cl && cl->kind == T_DIG && cl->val == 0 && y < e && !any) {
            i++; /* 3元零5分 */
            continue;
        }
        if (d < 0 && cl && cl->kind == T_DIG)
            d = cl->val;
        if (d <= 0 || i + 1 >= e || (u = subunit(t->cp[i + 1])) < next)
            return FG_EINVAL;
        if ((rc = big_add_small(&r->lo.mag, (unsigned)d, -1 - u)) != FG_OK)
            return rc;
        next = u + 1;
        any = 1;
        i += 2;
    }
    return any ? FG_OK : FG_EINVAL;
}

int
fg_norm_money(fg_money *out, const char *s, size_t len)
{
    text t;
    nres r;
    const struct currency *pc = NULL, *sc = NULL, *c;
    fg_qual outer = FG_QUAL_EXACT, q = FG_QUAL_EXACT;
    size_t b = 0, e, n;
    int rc, round, shift = 0;

    if (!out)
        return FG_EINVAL;
    memset(out, 0, sizeof *out);
    if (!s && len)
        return FG_EINVAL;
    if ((rc = text_decode(&t, s, len)) != FG_OK)
        return rc;
    e = t.n;
    trim(&t, &b, &e);
    /* before the number: qualifiers and a currency, in either order */
    for (round = 0; round < 3; round++) {
        if ((n = take_qualifier(&t, b, e, Q_PRE, &q)) > 0 && outer == FG_QUAL_EXACT) {
            outer = q;
        } else if ((c = take_currency(&t, b, e, CUR_PREFIX,
                                      sizeof CUR_PREFIX / sizeof CUR_PREFIX[0], 1, &n)) != NULL &&
                   !pc) {
            pc = c;
        } else {
            break;
        }
        b += n;
        trim(&t, &b, &e);
    }
    /* after it: a qualifier (100元左右), then 整/正 (壹拾壹元整). The infix
     * words 余 多 来 stand before the currency (5万余元), not after it. */
    if ((n = take_qualifier(&t, b, e, Q_SUF, &q)) > 0 && n < e - b &&
        !(n == 1 && (t.cp[e - 1] == 0x4F59 || t.cp[e - 1] == 0x591A || t.cp[e - 1] == 0x6765))) {
        if (outer != FG_QUAL_EXACT && outer != q)
            return FG_EINVAL;
        outer = q;
        e -= n;
        trim(&t, &b, &e);
    }
    if (e - b >= 2 && (t.cp[e - 1] == 0x6574 || t.cp[e - 1] == 0x6B63) && is_yuan(t.cp[e - 2]))
        e--;
    if (b == e)
        return FG_EINVAL;
    sc = take_currency(&t, b, e, CUR_SUFFIX, sizeof CUR_SUFFIX / sizeof CUR_SUFFIX[0], 0, &n);
    if (!sc && subunit(t.cp[e - 1]) >= 0) {
        if (pc && strcmp(pc->iso, "CNY") != 0)
            return FG_EINVAL; /* 角 and 分 are fractions of the yuan only */
        rc = money_subunits(&t, b, e, &r);
        memcpy(out->currency, "CNY", 4);
    } else {
        if (!sc && !pc)
            return FG_EINVAL;
        if (sc && pc && strcmp(sc->iso, pc->iso) != 0)
            return FG_EINVAL;
        if (sc)
            e -= n;
        c = sc ? sc : pc;
        shift = c->shift;
        memcpy(out->currency, c->iso, 4);
        rc = number_core(&t, b, e, &r, 0);
    }
    if (rc == FG_OK && shift)
        if ((rc = big_shift(&r.lo.mag, shift)) == FG_OK)
            rc = big_shift(&r.hi.mag, shift);
    if (rc == FG_OK) {
        r.qual = fg_norm_qual_merge(outer, r.qual);
        rc = nres_out(&r, &out->amount);
    }
    if (rc != FG_OK)
        memset(out, 0, sizeof *out);
    return rc;
}

/* ------------------------------------------------------------------ */
/* Dates                                                               */
/* ------------------------------------------------------------------ */

enum { F_NONE = 0, F_Y = 1, F_M = 2, F_D = 3 };

/* One side of a date: what the text wrote, before any resolution. */
typedef struct dpoint {
    int v[4];        /* v[F_Y], v[F_M], v[F_D]; 0 = not written */
    int first, last; /* first and last field written, F_NONE if none */
    int rel_field;   /* field of a relative word (去年: F_Y), F_NONE if absolute */
    int rel_off;     /* its offset: -1 for 去年 */
    int rel_ctx;     /* 1 for 次日 当天: relative to the story, not the doc date */
    int bare;        /* a trailing number without 年/月/日 (10月9—11日) */
    size_t bare_b, bare_e;
} dpoint;

/*
 * Relative date words. ctx = 1 marks words relative to the events being
 * told (次日 = the day after *that*), which the doc date cannot resolve.
 */
static const struct relword {
    const char *w;
    int field, off, ctx;
} RELWORDS[] = {
    {"今年", F_Y, 0, 0},    {"本年", F_Y, 0, 0},    {"去年", F_Y, -1, 0},  {"上年", F_Y, -1, 0},
    {"前年", F_Y, -2, 0},   {"大前年", F_Y, -3, 0}, {"明年", F_Y, 1, 0},   {"来年", F_Y, 1, 0},
    {"后年", F_Y, 2, 0},    {"後年", F_Y, 2, 0},    {"大后年", F_Y, 3, 0}, {"大後年", F_Y, 3, 0},
    {"当年", F_Y, 0, 1},    {"同年", F_Y, 0, 1},    {"次年", F_Y, 1, 1},   {"翌年", F_Y, 1, 1},
    {"本月", F_M, 0, 0},    {"这个月", F_M, 0, 0},  {"上月", F_M, -1, 0},  {"上个月", F_M, -1, 0},
    {"上個月", F_M, -1, 0}, {"下月", F_M, 1, 0},    {"下个月", F_M, 1, 0}, {"下個月", F_M, 1, 0},
    {"当月", F_M, 0, 1},    {"同月", F_M, 0, 1},    {"次月", F_M, 1, 1},   {"翌月", F_M, 1, 1},
    {"今天", F_D, 0, 0},    {"今日", F_D, 0, 0},    {"昨天", F_D, -1, 0},  {"昨日", F_D, -1, 0},
    {"前天", F_D, -2, 0},   {"大前天", F_D, -3, 0}, {"明天", F_D, 1, 0},   {"明日", F_D, 1, 0},
    {"后天", F_D, 2, 0},    {"後天", F_D, 2, 0},    {"大后天", F_D, 3, 0}, {"大後天", F_D, 3, 0},
    {"当天", F_D, 0, 1},    {"当日", F_D, 0, 1},    {"同日", F_D, 0, 1},   {"次日", F_D, 1, 1},
    {"翌日", F_D, 1, 1},    {"第二天", F_D, 1, 1},
};

static int
is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Days in a month; a yearless February has 29 (2月29日 may be valid). */
static int
days_in(int y, int m)
{
    static const unsigned char dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2)
        return y == 0 || is_leap(y) ? 29 : 28;
    return dim[m - 1];
}

/* A point is valid when its written fields are in range and a day with a
 * month exists in that month (of that year, if known). */
static int
ymd_valid(const fg_ymd *p)
{
    if (p->year < 0 || p->year > 9999 || p->month < 0 || p->month > 12 || p->day < 0)
        return 0;
    if (p->day && p->month)
        return p->day <= days_in(p->year, p->month);
    return p->day <= 31;
}

static int
is_date_num(uint32_t c)
{
    const struct cpclass *cl;
    if (arabic_digit(c) >= 0)
        return 1;
    cl = cp_class(c);
    return cl && (cl->kind == T_DIG || cl->kind == T_TENS || (cl->kind == T_UNIT && cl->val == 1));
}

/* 0..9 for the digits a year is spelled with (二〇二三), else -1. */
static int
year_digit(uint32_t c)
{
    static const uint32_t y[10] = {0x3007, 0x4E00, 0x4E8C, 0x4E09, 0x56DB,
                                   0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D};
    int i;
    if (c == 0x96F6 || c == 0x25CB)
        return 0; /* 零 ○ */
    for (i = 0; i < 10; i++)
        if (y[i] == c)
            return i;
    return arabic_digit(c);
}

/*
 * The value of a year, month or day number in [b, e). A year is four
 * digits, Arabic or spelled digit by digit (二〇二三): two-digit years (08年)
 * would need a guessed century. Months and days are 1-2 Arabic digits or a
 * Chinese numeral (十一, 三十一, 廿三).
 */
static int
date_num(const text *t, size_t b, size_t e, int field, int *out)
{
    size_t i;
    int v = 0, arabic = 1, rc;

    for (i = b; i < e; i++)
        if (arabic_digit(t->cp[i]) < 0)
            arabic = 0;
    if (field == F_Y) {
        if (e - b != 4)
            return FG_EINVAL;
        for (i = b; i < e; i++) {
            int d = year_digit(t->cp[i]);
            if (d < 0 || (arabic_digit(t->cp[i]) >= 0) != arabic)
                return FG_EINVAL;
            v = v * 10 + d;
        }
    } else if (arabic) {
        if (e - b > 2)
            return FG_EINVAL;
        for (i = b; i < e; i++)
            v = v * 10 + arabic_digit(t->cp[i]);
    } else {
        toks k;
        big m;
        fg_qual q;
        uint64_t u;
        if ((rc = tokenize(t, b, e, &k)) != FG_OK)
            return FG_EINVAL;
        for (i = 0; i < k.n; i++)
            if (k.t[i].kind == T_ARAB)
                return FG_EINVAL;
        if ((rc = eval_int(&k, 0, k.n, &m, &q, 0)) != FG_OK || q != FG_QUAL_EXACT)
            return FG_EINVAL;
        if (big_to_u64(&m, &u) != FG_OK || u > 99)
            return FG_EINVAL;
        v = (int)u;
    }
    if (v < 1 || (field == F_M && v > 12) || (field == F_D && v > 31))
        return FG_EINVAL;
    *out = v;
    return FG_OK;
}

static int
date_unit(uint32_t c)
{
    if (c == 0x5E74)
        return F_Y; /* 年 */
    if (c == 0x6708)
        return F_M; /* 月 */
    if (c == 0x65E5 || c == 0x53F7 || c == 0x865F)
        return F_D; /* 日 号 號 */
    return F_NONE;
}

/* Reads one side of a date: an optional relative word, then fields in
 * year-month-day order without gaps (2023年11日 is no date). */
static int
date_point(const text *t, size_t b, size_t e, int allow_bare, dpoint *p)
{
    size_t i, n, best = 0, bi = 0;
    int rc;

    memset(p, 0, sizeof *p);
    trim(t, &b, &e);
    char c0 = b < e ? t->s[t->off[b]] : '\0'; /* most words are turned away by it */
    for (i = 0; i < sizeof RELWORDS / sizeof RELWORDS[0]; i++)
        if (RELWORDS[i].w[0] == c0 && (n = match_at(t, b, e, RELWORDS[i].w)) > best) {
            best = n;
            bi = i;
        }
    if (best) {
        p->rel_field = p->first = p->last = RELWORDS[bi].field;
        p->rel_off = RELWORDS[bi].off;
        p->rel_ctx = RELWORDS[bi].ctx;
        b += best;
    }
    i = b;
    while (i < e) {
        size_t nb, ne;
        int f, v;
        if (is_space(t->cp[i])) {
            i++;
            continue;
        }
        for (nb = i; i < e && is_date_num(t->cp[i]); i++)
            ;
        if ((ne = i) == nb)
            return FG_EINVAL;
        while (i < e && is_space(t->cp[i]))
            i++;
        if (i == e) {
            if (!allow_bare)
                return FG_EINVAL;
            p->bare = 1;
            p->bare_b = nb;
            p->bare_e = ne;
            break;
        }
        f = date_unit(t->cp[i++]);
        if (f == F_NONE || p->rel_field == F_D || (p->last != F_NONE && f != p->last + 1))
            return FG_EINVAL;
        if ((rc = date_num(t, nb, ne, f, &v)) != FG_OK)
            return rc;
        p->v[f] = v;
        if (p->first == F_NONE)
            p->first = f;
        p->last = f;
        if (f == F_M && i + 1 < e && t->cp[i + 1] == 0x65EC &&
            (t->cp[i] == 0x4E0A || t->cp[i] == 0x4E2D || t->cp[i] == 0x4E0B)) {
            /* 6月下旬: a part of the month, which ends the point; the
             * month is as precise as it gets */
            i += 2;
            while (i < e && is_space(t->cp[i]))
                i++;
            if (i < e)
                return FG_EINVAL;
        }
    }
    return p->first == F_NONE && !p->bare ? FG_EINVAL : FG_OK;
}

/* Moves y-m-d by off days (off is small: 大前天 .. 大后天). */
static void
add_days(fg_ymd *p, int off)
{
    for (; off > 0; off--)
        if (++p->day > days_in(p->year, p->month)) {
            p->day = 1;
            if (++p->month > 12) {
                p->month = 1;
                p->year++;
            }
        }
    for (; off < 0; off++)
        if (--p->day < 1) {
            if (--p->month < 1) {
                p->month = 12;
                p->year--;
            }
            p->day = days_in(p->year, p->month);
        }
}

/*
 * Turns the begin point into fields. A relative word is resolved when the
 * doc date has every field it needs (去年 needs the year, 上月 the year and
 * month, 昨天 all three) and is not a context word (次日); otherwise the
 * fields it would give stay 0 and the result is FG_REL_UNRESOLVED.
 */
static void
resolve_begin(const dpoint *a, const fg_ymd *doc, fg_date *out)
{
    fg_ymd *p = &out->begin;
    int f = a->rel_field, ok;

    p->year = a->v[F_Y];
    p->month = a->v[F_M];
    p->day = a->v[F_D];
    if (f == F_NONE)
        return;
    if (f == F_Y)
        out->rel_years = a->rel_off;
    else if (f == F_M)
        out->rel_months = a->rel_off;
    else
        out->rel_days = a->rel_off;
    out->rel_unit = f == F_Y ? 'Y' : f == F_M ? 'M' : 'D';
    out->rel_context = a->rel_ctx;
    ok = !a->rel_ctx && doc && doc->year && (f < F_M || doc->month) && (f < F_D || doc->day);
    if (!ok) {
        out->rel = FG_REL_UNRESOLVED;
        return;
    }
    out->rel = FG_REL_RESOLVED;
    if (f == F_Y) {
        p->year = doc->year + a->rel_off;
    } else if (f == F_M) {
        int mm = doc->year * 12 + (doc->month - 1) + a->rel_off;
        p->year = mm / 12;
        p->month = mm % 12 + 1;
    } else {
        *p = *doc;
        add_days(p, a->rel_off);
    }
}

static int
ymd_cmp(const fg_ymd *a, const fg_ymd *b)
{
    if (a->year != b->year)
        return a->year < b->year ? -1 : 1;
    if (a->month != b->month)
        return a->month < b->month ? -1 : 1;
    return a->day < b->day ? -1 : a->day > b->day;
}

/* 持续至, 延续至, 一直到, 起至: a verb of lasting (or 起, "from") before 至
 * or 到 is part of the separator (9月26日持续至10月31日, 12月1日起至31日);
 * returns the number of code points that prefix adds, 0 if none. */
static size_t
sep_prefix(const text *t, size_t b, size_t i)
{
    static const uint32_t verbs[][2] = {
        {0x6301, 0x7EED}, /* 持续 */
        {0x5EF6, 0x7EED}, /* 延续 */
        {0x4E00, 0x76F4}, /* 一直 */
    };
    if (i < b + 1 || (t->cp[i] != 0x81F3 && t->cp[i] != 0x5230))
        return 0;
    if (t->cp[i - 1] == 0x8D77) /* 起 */
        return 1;
    for (size_t v = 0; i >= b + 2 && v < sizeof verbs / sizeof verbs[0]; v++)
        if (t->cp[i - 2] == verbs[v][0] && t->cp[i - 1] == verbs[v][1])
            return 2;
    return 0;
}

/* Index of the one range separator in [b, e) (—— counts once, and so does
 * 持续至 or 起至), e if none, and its length in *n; FG_EINVAL in *rc if there are
 * several. */
static size_t
date_sep(const text *t, size_t b, size_t e, size_t *n, int *rc)
{
    size_t i, at = e, count = 0;
    *rc = FG_OK;
    *n = 1;
    for (i = b; i < e; i++) {
        const struct cpclass *cl = cp_class(t->cp[i]);
        if (!is_minus(t->cp[i]) && !(cl && cl->kind == T_SEP))
            continue;
        if (i > b && t->cp[i] == 0x2014 && t->cp[i - 1] == 0x2014)
            continue;
        count++;
        at = i;
        *n = i + 1 < e && t->cp[i] == 0x2014 && t->cp[i + 1] == 0x2014 ? 2 : 1;
        size_t pre = sep_prefix(t, b, i);
        if (pre > 0) {
            at = i - pre;
            *n = pre + 1;
        }
    }
    if (count > 1)
        *rc = FG_EINVAL;
    return at;
}

static int
date_core(const text *t, size_t b, size_t e, const fg_ymd *doc, fg_date *out)
{
    dpoint a, z;
    size_t sep, sn;
    int rc, f, year_inferred = 0, end_year_written = 0;

    trim(t, &b, &e);
    sep = date_sep(t, b, e, &sn, &rc);
    if (rc != FG_OK)
        return rc;
    if (sep == e) {
        if ((rc = date_point(t, b, e, 0, &a)) != FG_OK)
            return rc;
        memset(&z, 0, sizeof z);
    } else {
        if ((rc = date_point(t, b, sep, 1, &a)) != FG_OK ||
            (rc = date_point(t, sep + sn, e, 0, &z)) != FG_OK)
            return rc;
        if (z.rel_field != F_NONE)
            return FG_EINVAL; /* only the begin may be relative */
        if (a.bare) {
            /* 10月9—11日: the bare 9 takes the end's first unit */
            f = z.first;
            if ((a.last != F_NONE && f != a.last + 1) ||
                (rc = date_num(t, a.bare_b, a.bare_e, f, &a.v[f])) != FG_OK)
                return FG_EINVAL;
            if (a.first == F_NONE)
                a.first = f;
            a.last = f;
        }
        if (z.first < a.first || z.last != a.last)
            return FG_EINVAL; /* 5日至6月1日, 10月15日至11月 */
        out->is_range = 1;
        end_year_written = z.v[F_Y] != 0;
    }
    resolve_begin(&a, doc, out);
    if (out->rel == FG_REL_NONE && !a.v[F_Y] && out->begin.month && doc && doc->year) {
        /* a month-day takes the doc date's year: the text did not write
         * it, so the date counts as resolved against the doc date */
        out->begin.year = doc->year;
        year_inferred = 1;
    }
    if (out->is_range) {
        out->end.year = z.v[F_Y];
        out->end.month = z.v[F_M];
        out->end.day = z.v[F_D];
        if (z.first > F_Y)
            out->end.year = out->begin.year;
        if (z.first > F_M)
            out->end.month = out->begin.month;
    } else {
        out->end = out->begin;
    }
    if (year_inferred && (!ymd_valid(&out->begin) || !ymd_valid(&out->end))) {
        /* 2月29日 in a non-leap doc year: keep it yearless, not invalid */
        out->begin.year = 0;
        if (!end_year_written)
            out->end.year = 0;
        year_inferred = 0;
    }
    if (year_inferred) {
        out->rel = FG_REL_RESOLVED;
        out->rel_unit = 'Y'; /* the doc date's own year: an offset of 0 years */
    }
    if (!ymd_valid(&out->begin) || !ymd_valid(&out->end))
        return FG_EINVAL;
    if (out->is_range && ymd_cmp(&out->begin, &out->end) >= 0) {
        /* 12月28日至1月3日: an end that only inherited its year runs into
         * the next year; with a written year it is simply backwards */
        if (end_year_written || z.first == F_Y || out->end.month >= out->begin.month ||
            out->end.month == 0)
            return FG_EINVAL;
        if (out->end.year) {
            out->end.year++;
            if (!ymd_valid(&out->end))
                return FG_EINVAL;
        }
    }
    return FG_OK;
}

int
fg_norm_date(fg_date *out, const char *s, size_t len, const fg_ymd *doc_date)
{
    text t;
    int rc;

    if (!out)
        return FG_EINVAL;
    memset(out, 0, sizeof *out);
    if (!s && len)
        return FG_EINVAL;
    if (doc_date && (!ymd_valid(doc_date) || (doc_date->day && !doc_date->month)))
        return FG_EINVAL;
    if ((rc = text_decode(&t, s, len)) != FG_OK)
        return FG_EINVAL;
    if ((rc = date_core(&t, 0, t.n, doc_date, out)) != FG_OK)
        memset(out, 0, sizeof *out);
    return rc;
}

/* ------------------------------------------------------------------ */
/* XSD forms and ISO dates                                             */
/* ------------------------------------------------------------------ */

static const char *const XSD_NAMES[] = {"", "date", "gYearMonth", "gYear", "gMonthDay", "gMonth"};

const char *
fg_norm_xsd_name(fg_xsd t)
{
    if ((int)t < 0 || (size_t)t >= sizeof XSD_NAMES / sizeof XSD_NAMES[0])
        return "";
    return XSD_NAMES[t];
}

static size_t
put_num(char *b, int v, int width)
{
    int i;
    for (i = width - 1; i >= 0; i--, v /= 10)
        b[i] = (char)('0' + v % 10);
    return (size_t)width;
}

fg_xsd
fg_norm_ymd_xsd(const fg_ymd *p, char *buf, size_t size)
{
    char tmp[16];
    size_t n = 0;
    fg_xsd type;

    if (buf && size)
        buf[0] = '\0';
    if (!p || !buf || !ymd_valid(p))
        return FG_XSD_NONE;
    if (p->year && p->month)
        type = p->day ? FG_XSD_DATE : FG_XSD_GYEARMONTH;
    else if (p->year)
        type = p->day ? FG_XSD_NONE : FG_XSD_GYEAR; /* a day without a month says nothing */
    else if (p->month)
        type = p->day ? FG_XSD_GMONTHDAY : FG_XSD_GMONTH;
    else
        type = FG_XSD_NONE;
    if (type == FG_XSD_NONE)
        return type;
    if (p->year) {
        n += put_num(tmp + n, p->year, 4);
    } else {
        tmp[n++] = '-';
        tmp[n++] = '-';
    }
    if (p->month) {
        if (p->year)
            tmp[n++] = '-';
        n += put_num(tmp + n, p->month, 2);
    }
    if (p->day) {
        tmp[n++] = '-';
        n += put_num(tmp + n, p->day, 2);
    }
    if (n + 1 > size)
        return FG_XSD_NONE;
    memcpy(buf, tmp, n);
    buf[n] = '\0';
    return type;
}

int
fg_norm_parse_iso_date(fg_ymd *out, const char *s)
{
    fg_ymd p = {0, 0, 0};
    int i;

    if (!out || !s)
        return FG_EINVAL;
    for (i = 0; i < 10; i++) {
        char c = s[i];
        if (i == 4 || i == 7) {
            if (c != '-')
                return FG_EINVAL;
            continue;
        }
        if (c < '0' || c > '9')
            return FG_EINVAL;
        if (i < 4)
            p.year = p.year * 10 + (c - '0');
        else if (i < 7)
            p.month = p.month * 10 + (c - '0');
        else
            p.day = p.day * 10 + (c - '0');
    }
    if (s[10] != '\0' || p.year < 1 || p.month < 1 || p.day < 1 || !ymd_valid(&p))
        return FG_EINVAL;
    *out = p;
    return FG_OK;
}
