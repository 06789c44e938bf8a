/*
 * fg_diag.c - diagnostics: locating them, sending them, formatting them.
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <string.h>

#include "fg_internal.h"

static void
send(fg_world *w, fg_diag *d, const char *fmt, va_list ap)
{
    if (w == NULL || w->diag == NULL)
        return;
    char small[512];
    fg_buf msg = {0};
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    if (n >= (int)sizeof small && fg_buf_vprintf(&msg, fmt, ap2) == FG_OK)
        d->message = msg.p;
    else
        d->message = small;
    va_end(ap2);
    w->diag(d, w->diag_payload);
    fg_buf_free(&msg);
}

void
fg_report(fg_world *w, fg_level level, int code, const fg_loc *loc, const char *fmt, ...)
{
    fg_diag d = {level, code, NULL, 0, 0, -1, NULL, 1, NULL, NULL, -1, ""};
    fg_buf line = {0};
    if (loc != NULL && loc->src != NULL) {
        const char *text = loc->src->text + loc->line_off;
        d.file = loc->src->path;
        d.line = loc->line;
        d.column = (int)fg_utf8_count(text, loc->col_byte) + 1;
        d.byte = (long)(loc->line_off + loc->col_byte);
        if (fg_buf_add(&line, text, loc->line_len) == FG_OK)
            d.source_line = line.p;
        size_t span = loc->span_byte;
        if (loc->col_byte + span > loc->line_len)
            span = loc->line_len > loc->col_byte ? loc->line_len - loc->col_byte : 0;
        d.span = span ? (int)fg_utf8_count(text + loc->col_byte, span) : 1;
    }
    va_list ap;
    va_start(ap, fmt);
    send(w, &d, fmt, ap);
    va_end(ap);
    fg_buf_free(&line);
}

void
fg_report_at(fg_world *w, fg_level level, int code, const char *file, int line, int column,
             const char *fmt, ...)
{
    fg_diag d = {level, code, file, line, column, -1, NULL, 1, NULL, NULL, -1, ""};
    va_list ap;
    va_start(ap, fmt);
    send(w, &d, fmt, ap);
    va_end(ap);
}

void
fg_report_doc(fg_world *w, fg_level level, int code, const char *rule_id, const char *doc,
              long offset, const char *fmt, ...)
{
    fg_diag d = {level, code, NULL, 0, 0, -1, NULL, 1, rule_id, doc, offset, ""};
    va_list ap;
    va_start(ap, fmt);
    send(w, &d, fmt, ap);
    va_end(ap);
}

/* snprintf into buf at *len, keeping count of what the whole text needs. */
static void put(char *buf, size_t size, size_t *len, const char *fmt, ...) FG_PRINTF(4, 5);

static void
put(char *buf, size_t size, size_t *len, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(*len < size ? buf + *len : NULL, *len < size ? size - *len : 0, fmt, ap);
    va_end(ap);
    if (n > 0)
        *len += (size_t)n;
}

size_t
fg_diag_format(const fg_diag *d, char *buf, size_t size)
{
    static const char *const level[] = {"note", "warning", "error"};
    size_t len = 0;
    if (size > 0)
        buf[0] = '\0';
    if (d->file != NULL && d->line > 0 && d->column > 0)
        put(buf, size, &len, "%s:%d:%d: ", d->file, d->line, d->column);
    else if (d->file != NULL && d->line > 0)
        put(buf, size, &len, "%s:%d: ", d->file, d->line);
    else if (d->file != NULL)
        put(buf, size, &len, "%s: ", d->file);
    put(buf, size, &len, "%s: ", level[d->level]);
    if (d->document != NULL)
        put(buf, size, &len, "%s", d->document);
    if (d->document != NULL && d->offset >= 0)
        put(buf, size, &len, " at offset %ld", d->offset);
    if (d->rule_id != NULL)
        put(buf, size, &len, "%srule %s", d->document ? ", " : "", d->rule_id);
    if (d->document != NULL || d->rule_id != NULL)
        put(buf, size, &len, ": ");
    put(buf, size, &len, "%s\n", d->message);
    if (d->source_line == NULL)
        return len;
    /* The line, then a caret line that lines up under wide characters too. */
    put(buf, size, &len, "%5d | %s\n      | ", d->line, d->source_line);
    const char *p = d->source_line;
    size_t n = strlen(p);
    for (int col = 1; col < d->column && *p; col++) {
        size_t l;
        uint32_t c = fg_utf8_decode(p, n, &l);
        put(buf, size, &len, "%s", c == '\t' ? "\t" : fg_cp_width(c) == 2 ? "  " : " ");
        p += l;
        n -= l;
    }
    for (int k = 0; k < (d->span > 0 ? d->span : 1); k++) {
        int wd = 1;
        if (*p) {
            size_t l;
            wd = fg_cp_width(fg_utf8_decode(p, n, &l));
            p += l;
            n -= l;
        }
        put(buf, size, &len, "%s", k == 0 ? (wd == 2 ? "^~" : "^") : (wd == 2 ? "~~" : "~"));
    }
    put(buf, size, &len, "\n");
    return len;
}
