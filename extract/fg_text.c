/*
 * fg_text.c - UTF-8 validation, code-point offsets and text scopes.
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include "fg_internal.h"

size_t
fg_utf8_len(unsigned char c)
{
    if (c < 0x80)
        return 1;
    if ((c & 0xE0) == 0xC0)
        return 2;
    if ((c & 0xF0) == 0xE0)
        return 3;
    if ((c & 0xF8) == 0xF0)
        return 4;
    return 1;
}

int
fg_utf8_check(const char *s, size_t n, size_t *bad, const char **why)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        unsigned char c = p[i];
        if (c == 0) {
            *bad = i;
            *why = "NUL byte";
            return FG_EINPUT;
        }
        if (c < 0x80) {
            i++;
            continue;
        }
        /* Chinese, most often: E1-EC and EE lead 3 bytes that can be
         * neither overlong (E0), a surrogate (ED) nor U+FFFE/U+FFFF (EF). */
        if (((c >= 0xE1 && c <= 0xEC) || c == 0xEE) && n - i >= 3 && (p[i + 1] & 0xC0) == 0x80 &&
            (p[i + 2] & 0xC0) == 0x80) {
            i += 3;
            continue;
        }
        size_t len = fg_utf8_len(c);
        uint32_t min = len == 2 ? 0x80 : len == 3 ? 0x800 : 0x10000;
        if (len == 1 || c > 0xF4 || i + len > n) {
            *bad = i;
            *why = i + len > n && len > 1 ? "truncated UTF-8 sequence" : "invalid UTF-8 byte";
            return FG_EINPUT;
        }
        uint32_t cp = c & (0x7F >> len);
        for (size_t k = 1; k < len; k++) {
            if ((p[i + k] & 0xC0) != 0x80) {
                *bad = i;
                *why = "invalid UTF-8 sequence";
                return FG_EINPUT;
            }
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            *bad = i;
            *why = cp < min        ? "overlong UTF-8 sequence"
                   : cp > 0x10FFFF ? "UTF-8 sequence beyond U+10FFFF"
                                   : "UTF-8 sequence for a surrogate (U+D800-U+DFFF)";
            return FG_EINPUT;
        }
        if (cp == 0xFFFE || cp == 0xFFFF) {
            /* raptor 2.0.15's Turtle writer silently ends a literal there. */
            *bad = i;
            *why = cp == 0xFFFE ? "the noncharacter U+FFFE, which raptor's writer cannot carry"
                                : "the noncharacter U+FFFF, which raptor's writer cannot carry";
            return FG_EINPUT;
        }
        i += len;
    }
    return FG_OK;
}

uint32_t
fg_utf8_decode(const char *s, size_t n, size_t *len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t l = fg_utf8_len(p[0]);
    if (l > n)
        l = 1;
    *len = l;
    if (l == 1)
        return p[0];
    uint32_t cp = p[0] & (0x7F >> l);
    for (size_t k = 1; k < l; k++)
        cp = (cp << 6) | (p[k] & 0x3F);
    return cp;
}

size_t
fg_utf8_count(const char *s, size_t n)
{
    /* Every byte but the continuation bytes (10xxxxxx) starts a code
     * point; those are counted 8 bytes at a time. */
    size_t cont = 0, i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t x;
        memcpy(&x, s + i, 8);
        x = (x & ~(x << 1) & 0x8080808080808080u) >> 7;    /* 1 in each such byte */
        cont += (size_t)((x * 0x0101010101010101u) >> 56); /* their sum */
    }
    for (; i < n; i++)
        cont += ((unsigned char)s[i] & 0xC0) == 0x80;
    return n - cont;
}

int
fg_cp_width(uint32_t c)
{
    /* The East Asian Wide and Fullwidth blocks that news text uses. */
    static const uint32_t wide[][2] = {
        {0x1100, 0x115F},   {0x2E80, 0x303E},   {0x3041, 0x33FF}, {0x3400, 0x4DBF},
        {0x4E00, 0x9FFF},   {0xA000, 0xA4CF},   {0xAC00, 0xD7A3}, {0xF900, 0xFAFF},
        {0xFE30, 0xFE4F},   {0xFF00, 0xFF60},   {0xFFE0, 0xFFE6}, {0x1F300, 0x1F64F},
        {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
    };
    for (size_t i = 0; i < sizeof wide / sizeof wide[0]; i++)
        if (c >= wide[i][0] && c <= wide[i][1])
            return 2;
    return 1;
}

size_t *
fg_cp_marks(const char *s, size_t n, size_t *total)
{
    size_t nb = n / FG_CP_MARK + 1, cp = 0;
    size_t *marks = fg_malloc(nb * sizeof *marks);
    if (marks == NULL)
        return NULL;
    for (size_t k = 0; k < nb; k++) {
        marks[k] = cp;
        size_t b = k * FG_CP_MARK, e = b + FG_CP_MARK < n ? b + FG_CP_MARK : n;
        cp += fg_utf8_count(s + b, e - b);
    }
    *total = cp;
    return marks;
}

void
fg_cursor_init(fg_cursor *c, const char *s, const size_t *marks)
{
    c->s = s;
    c->byte = 0;
    c->cp = 0;
    c->marks = marks;
}

size_t
fg_cursor_cp(fg_cursor *c, size_t byte)
{
    if (c->marks != NULL && (byte > c->byte + FG_CP_MARK || byte + FG_CP_MARK < c->byte)) {
        c->byte = byte / FG_CP_MARK * FG_CP_MARK; /* nearer than where it was */
        c->cp = c->marks[byte / FG_CP_MARK];
    }
    if (byte >= c->byte)
        c->cp += fg_utf8_count(c->s + c->byte, byte - c->byte);
    else
        c->cp -= fg_utf8_count(c->s + byte, c->byte - byte);
    c->byte = byte;
    return c->cp;
}

/* Sentence ends: 。！？；!?; and line ends. Paragraph ends: line ends. */
static int
ends_scope(const char *s, size_t n, size_t i, fg_scope scope, size_t *len)
{
    unsigned char c = (unsigned char)s[i];
    *len = 1;
    if (c == '\n' || c == '\r')
        return 1;
    if (scope != FG_SCOPE_SENTENCE)
        return 0;
    if (c == '!' || c == '?' || c == ';')
        return 1;
    static const char *const stops[] = {"。", "！", "？", "；"};
    for (size_t k = 0; k < sizeof stops / sizeof stops[0]; k++) {
        size_t l = strlen(stops[k]);
        if (i + l <= n && memcmp(s + i, stops[k], l) == 0) {
            *len = l;
            return 1;
        }
    }
    return 0;
}

int
fg_text_ends(const char *s, size_t n, fg_scope scope, size_t **out, size_t *count)
{
    size_t *v = NULL, k = 0, cap = 0;
    for (size_t i = 0; i < n;) {
        size_t len;
        if (ends_scope(s, n, i, scope, &len)) {
            if (FG_GROW(v, cap, k + 1) < 0) {
                fg_free(v);
                return FG_ENOMEM;
            }
            v[k++] = i + len;
            i += len;
        } else {
            i += fg_utf8_len((unsigned char)s[i]);
        }
    }
    *out = v;
    *count = k;
    return FG_OK;
}

size_t
fg_text_lone_cr_to_lf(char *s, size_t n)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] == '\r' && (i + 1 == n || s[i + 1] != '\n')) {
            s[i] = '\n';
            count++;
        }
    return count;
}

size_t
fg_utf8_encode(uint32_t c, char *buf)
{
    if (c < 0x80) {
        buf[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        buf[0] = (char)(0xC0 | (c >> 6));
        buf[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        buf[0] = (char)(0xE0 | (c >> 12));
        buf[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        buf[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    buf[0] = (char)(0xF0 | (c >> 18));
    buf[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    buf[2] = (char)(0x80 | ((c >> 6) & 0x3F));
    buf[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}
