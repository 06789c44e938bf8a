/*
 * fg_corpus.c - the documents of a run: files, folders and JSON Lines.
 * SPDX-License-Identifier: MIT
 *
 * A corpus is a list of paths read in order, one document at a time, so
 * that memory holds one document however large the corpus:
 *   - a file is one document, named by its file name without extension;
 *   - a folder is every regular file below it, in byte order of their
 *     paths, hidden files and folders skipped, each named by its path
 *     below the folder without extension (2024/05/p1.txt is 2024/05/p1);
 *     symbolic links to files are read, links to folders are not followed;
 *   - with jsonl, each file (or "-") is JSON Lines instead: one object a
 *     line, {"id": ..., "text": ..., "date": "YYYY-MM-DD"}, where text is
 *     required, id defaults to NAME:LINE (NAME: the file's id), date is optional and other keys
 *     are ignored. Blank lines are skipped.
 * A path or line that cannot be read is reported and skipped: the next
 * call goes on with the next document.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fg_internal.h"

/* A path still to read: a file, or a folder not yet listed. */
typedef struct pending {
    char *path;
    char *prefix; /* the id prefix below the folder given, or NULL for a path given */
} pending;

struct fg_corpus {
    fg_world *w;
    int jsonl;
    pending *todo; /* a stack: the next path is the last */
    size_t ntodo, captodo;
    FILE *fp; /* the JSON Lines file being read, or NULL */
    char *fp_path;
    size_t line;
    char *buf;
    size_t bufcap;
};

void
fg_input_free(fg_input *in)
{
    if (in == NULL)
        return;
    fg_free(in->id);
    fg_free(in->text);
    fg_free(in->date);
    fg_free(in->source);
    fg_free(in);
}

static int
push(fg_corpus *c, const char *path, const char *prefix)
{
    if (FG_GROW(c->todo, c->captodo, c->ntodo + 1) < 0)
        return FG_ENOMEM;
    pending *p = &c->todo[c->ntodo];
    p->path = fg_strndup(path, strlen(path));
    p->prefix = prefix ? fg_strndup(prefix, strlen(prefix)) : NULL;
    if (p->path == NULL || (prefix && p->prefix == NULL)) {
        fg_free(p->path);
        fg_free(p->prefix);
        return FG_ENOMEM;
    }
    c->ntodo++;
    return FG_OK;
}

/* The id of a file: its name (or its path below the folder) without the
 * extension. */
static char *
file_id(const pending *p)
{
    if (strcmp(p->path, "-") == 0)
        return fg_strndup("stdin", 5);
    const char *name = p->prefix;
    if (name == NULL) {
        const char *slash = strrchr(p->path, '/');
        name = slash ? slash + 1 : p->path;
    }
    const char *base = strrchr(name, '/');
    base = base ? base + 1 : name;
    const char *dot = strrchr(base, '.');
    size_t n = dot && dot != base ? (size_t)(dot - name) : strlen(name);
    return fg_strndup(name, n);
}

/* Two files given (not folders) that would be the same document are
 * refused before any work: their triples would merge into one graph. */
static int
distinct_ids(fg_corpus *c)
{
    size_t n = c->ntodo; /* todo is a stack: todo[n - 1] is the first path given */
    char **ids = fg_malloc((n ? n : 1) * sizeof *ids);
    if (ids == NULL)
        return FG_ENOMEM;
    memset(ids, 0, (n ? n : 1) * sizeof *ids);
    int rc = FG_OK;
    for (size_t i = n; i-- > 0 && rc == FG_OK;) {
        struct stat sb;
        if (stat(c->todo[i].path, &sb) == 0 && S_ISDIR(sb.st_mode))
            continue;
        if ((ids[i] = file_id(&c->todo[i])) == NULL)
            rc = FG_ENOMEM;
        for (size_t j = i + 1; j < n && rc == FG_OK; j++)
            if (ids[j] != NULL && strcmp(ids[i], ids[j]) == 0) {
                fg_report(c->w, FG_ERROR, FG_EINVAL, NULL,
                          "%s and %s would both be document '%s'; give files distinct names",
                          c->todo[j].path, c->todo[i].path, ids[i]);
                rc = FG_EINVAL;
            }
    }
    for (size_t i = 0; i < n; i++)
        fg_free(ids[i]);
    fg_free(ids);
    return rc;
}

int
fg_corpus_open(fg_corpus **out, fg_world *w, const char *const *paths, size_t n, int jsonl)
{
    *out = NULL;
    fg_corpus *c = fg_malloc(sizeof *c);
    if (c == NULL)
        return FG_ENOMEM;
    memset(c, 0, sizeof *c);
    c->w = w;
    c->jsonl = jsonl;
    for (size_t i = n; i-- > 0;) /* a stack: the first path on top */
        if (push(c, paths[i], NULL) < 0) {
            fg_corpus_free(c);
            return FG_ENOMEM;
        }
    int rc = jsonl ? FG_OK : distinct_ids(c);
    if (rc < 0) {
        fg_corpus_free(c);
        return rc;
    }
    *out = c;
    return FG_OK;
}

void
fg_corpus_free(fg_corpus *c)
{
    if (c == NULL)
        return;
    for (size_t i = 0; i < c->ntodo; i++) {
        fg_free(c->todo[i].path);
        fg_free(c->todo[i].prefix);
    }
    fg_free(c->todo);
    if (c->fp && c->fp != stdin)
        fclose(c->fp);
    fg_free(c->fp_path);
    fg_free(c->buf);
    fg_free(c);
}

/* ===================================================================
 * Folders
 * ================================================================= */

static int
by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Pushes a folder's entries so that they pop in byte order. */
static int
list_folder(fg_corpus *c, const pending *dir)
{
    DIR *d = opendir(dir->path);
    if (d == NULL) {
        fg_report(c->w, FG_ERROR, FG_EIO, NULL, "cannot read %s: %s", dir->path, strerror(errno));
        return FG_EIO;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    int rc = FG_OK;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && rc == FG_OK) {
        if (e->d_name[0] == '.')
            continue; /* ., .. and hidden files */
        if (FG_GROW(names, cap, n + 1) < 0 ||
            (names[n] = fg_strndup(e->d_name, strlen(e->d_name))) == NULL)
            rc = FG_ENOMEM;
        else
            n++;
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, by_name);
    fg_buf path = {0}, prefix = {0};
    for (size_t i = n; i-- > 0 && rc == FG_OK;) {
        path.len = prefix.len = 0;
        if (fg_buf_printf(&path, "%s/%s", dir->path, names[i]) < 0 ||
            fg_buf_printf(&prefix, "%s%s%s", dir->prefix ? dir->prefix : "", dir->prefix ? "/" : "",
                          names[i]) < 0)
            rc = FG_ENOMEM;
        else
            rc = push(c, path.p, prefix.p);
    }
    fg_buf_free(&path);
    fg_buf_free(&prefix);
    for (size_t i = 0; i < n; i++)
        fg_free(names[i]);
    fg_free(names);
    return rc;
}

/* ===================================================================
 * Whole files
 * ================================================================= */

static int
read_all(FILE *fp, char **text, size_t *len)
{
    size_t cap = 1 << 16, n = 0, got;
    char *buf = fg_malloc(cap);
    while (buf != NULL && (got = fread(buf + n, 1, cap - n, fp)) > 0) {
        n += got;
        if (n == cap) {
            char *p = cap > SIZE_MAX / 2 ? NULL : fg_realloc(buf, cap * 2);
            if (p == NULL) {
                fg_free(buf);
                return FG_ENOMEM;
            }
            buf = p;
            cap *= 2;
        }
    }
    if (buf == NULL)
        return FG_ENOMEM;
    if (ferror(fp)) {
        fg_free(buf);
        return FG_EIO;
    }
    *text = buf;
    *len = n;
    return FG_OK;
}

/* ===================================================================
 * JSON Lines
 * ================================================================= */

typedef struct jp {
    const char *p, *end;
    const char *err;
} jp;

static void
ws(jp *j)
{
    while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\r' || *j->p == '\n'))
        j->p++;
}

static int
hex4(jp *j, uint32_t *v)
{
    *v = 0;
    for (int i = 0; i < 4; i++, j->p++) {
        if (j->p >= j->end)
            return -1;
        char ch = *j->p;
        int d = ch >= '0' && ch <= '9'   ? ch - '0'
                : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10
                : ch >= 'A' && ch <= 'F' ? ch - 'A' + 10
                                         : -1;
        if (d < 0)
            return -1;
        *v = *v * 16 + (uint32_t)d;
    }
    return 0;
}

/* A JSON string at j->p (after its opening quote), decoded into out when
 * out is not NULL. */
static int
string(jp *j, fg_buf *out)
{
    for (;;) {
        const char *run = j->p;
        while (j->p < j->end && *j->p != '"' && *j->p != '\\' && (unsigned char)*j->p >= 0x20)
            j->p++;
        if (out && fg_buf_add(out, run, (size_t)(j->p - run)) < 0)
            return FG_ENOMEM;
        if (j->p >= j->end) {
            j->err = "a string is not closed";
            return FG_EINPUT;
        }
        char ch = *j->p++;
        if (ch == '"')
            return FG_OK;
        if (ch == '\n' && j->p == j->end) {
            j->err = "a string is not closed on its line";
            return FG_EINPUT;
        }
        if (ch != '\\') {
            j->err = "a control character in a string (write it as \\n, \\t or \\u00XX)";
            return FG_EINPUT;
        }
        if (j->p >= j->end) {
            j->err = "a string is not closed";
            return FG_EINPUT;
        }
        char e = *j->p++, one = 0;
        uint32_t cp;
        switch (e) {
        case '"':
            one = '"';
            break;
        case '\\':
            one = '\\';
            break;
        case '/':
            one = '/';
            break;
        case 'b':
            one = '\b';
            break;
        case 'f':
            one = '\f';
            break;
        case 'n':
            one = '\n';
            break;
        case 'r':
            one = '\r';
            break;
        case 't':
            one = '\t';
            break;
        case 'u':
            if (hex4(j, &cp) < 0) {
                j->err = "\\u needs four hex digits";
                return FG_EINPUT;
            }
            if (cp >= 0xDC00 && cp <= 0xDFFF) {
                j->err = "a \\u escape for a lone low surrogate";
                return FG_EINPUT;
            }
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                uint32_t lo;
                if (j->end - j->p < 6 || j->p[0] != '\\' || j->p[1] != 'u' ||
                    (j->p += 2, hex4(j, &lo) < 0) || lo < 0xDC00 || lo > 0xDFFF) {
                    j->err = "a \\u escape for a high surrogate without its low one";
                    return FG_EINPUT;
                }
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            }
            if (out) {
                char u[4];
                size_t n = fg_utf8_encode(cp, u);
                if (fg_buf_add(out, u, n) < 0)
                    return FG_ENOMEM;
            }
            continue;
        default:
            j->err = "an unknown escape in a string";
            return FG_EINPUT;
        }
        if (out && fg_buf_add(out, &one, 1) < 0)
            return FG_ENOMEM;
    }
}

/* Skips any JSON value; depth bounds nesting. */
static int
skip_value(jp *j, int depth)
{
    ws(j);
    if (j->p >= j->end) {
        j->err = "a value is missing";
        return FG_EINPUT;
    }
    if (depth > 64) {
        j->err = "values nested too deep";
        return FG_EINPUT;
    }
    char ch = *j->p;
    if (ch == '"') {
        j->p++;
        return string(j, NULL);
    }
    if (ch == '{' || ch == '[') {
        char close = ch == '{' ? '}' : ']';
        j->p++;
        ws(j);
        if (j->p < j->end && *j->p == close) {
            j->p++;
            return FG_OK;
        }
        for (;;) {
            int rc;
            if (ch == '{') {
                ws(j);
                if (j->p >= j->end || *j->p != '"') {
                    j->err = "a key must be a string";
                    return FG_EINPUT;
                }
                j->p++;
                if ((rc = string(j, NULL)) < 0)
                    return rc;
                ws(j);
                if (j->p >= j->end || *j->p++ != ':') {
                    j->err = "':' must follow a key";
                    return FG_EINPUT;
                }
            }
            if ((rc = skip_value(j, depth + 1)) < 0)
                return rc;
            ws(j);
            if (j->p < j->end && *j->p == ',') {
                j->p++;
                continue;
            }
            if (j->p < j->end && *j->p == close) {
                j->p++;
                return FG_OK;
            }
            j->err = "',' or a closing bracket is missing";
            return FG_EINPUT;
        }
    }
    /* A number, true, false or null: its characters. */
    const char *start = j->p;
    while (j->p < j->end && strchr("+-.0123456789eEtrufalsn", *j->p))
        j->p++;
    if (j->p == start) {
        j->err = "not a JSON value";
        return FG_EINPUT;
    }
    return FG_OK;
}

/* One line: {"id": ..., "text": ..., "date": ...}. */
static int
parse_line(jp *j, fg_buf *id, fg_buf *text, fg_buf *date, int *has_id, int *has_text, int *has_date)
{
    ws(j);
    if (j->p >= j->end || *j->p != '{') {
        j->err = "a line must be a JSON object";
        return FG_EINPUT;
    }
    j->p++;
    ws(j);
    if (j->p < j->end && *j->p == '}') {
        j->p++;
        goto end;
    }
    for (;;) {
        ws(j);
        if (j->p >= j->end || *j->p++ != '"') {
            j->err = "a key must be a string";
            return FG_EINPUT;
        }
        fg_buf key = {0};
        int rc = string(j, &key);
        if (rc < 0) {
            fg_buf_free(&key);
            return rc;
        }
        ws(j);
        if (j->p >= j->end || *j->p++ != ':') {
            fg_buf_free(&key);
            j->err = "':' must follow a key";
            return FG_EINPUT;
        }
        ws(j);
        fg_buf *into = NULL;
        int *seen = NULL;
        if (key.len == 2 && memcmp(key.p, "id", 2) == 0)
            into = id, seen = has_id;
        else if (key.len == 4 && memcmp(key.p, "text", 4) == 0)
            into = text, seen = has_text;
        else if (key.len == 4 && memcmp(key.p, "date", 4) == 0)
            into = date, seen = has_date;
        fg_buf_free(&key);
        if (into != NULL && j->p < j->end && *j->p == '"') {
            j->p++;
            into->len = 0;
            if ((rc = string(j, into)) < 0)
                return rc;
            *seen = 1;
        } else if (into == id && j->p < j->end && strchr("-0123456789", *j->p)) {
            const char *start = j->p; /* a numeric id: its digits */
            if ((rc = skip_value(j, 0)) < 0)
                return rc;
            id->len = 0;
            if (fg_buf_add(id, start, (size_t)(j->p - start)) < 0)
                return FG_ENOMEM;
            *seen = 1;
        } else if (into == date && j->p < j->end && *j->p == 'n') {
            if ((rc = skip_value(j, 0)) < 0) /* "date": null */
                return rc;
        } else if (into != NULL) {
            j->err = into == text ? "\"text\" must be a string"
                     : into == id ? "\"id\" must be a string or a number"
                                  : "\"date\" must be a string or null";
            return FG_EINPUT;
        } else if ((rc = skip_value(j, 0)) < 0)
            return rc;
        ws(j);
        if (j->p < j->end && *j->p == ',') {
            j->p++;
            continue;
        }
        if (j->p < j->end && *j->p == '}') {
            j->p++;
            break;
        }
        j->err = "',' or '}' is missing";
        return FG_EINPUT;
    }
end:
    ws(j);
    if (j->p != j->end) {
        j->err = "text after the object";
        return FG_EINPUT;
    }
    if (!*has_text) {
        j->err = "the object has no \"text\"";
        return FG_EINPUT;
    }
    return FG_OK;
}

/* The buffer's string, which the caller now owns (no copy of the text). */
static char *
take(fg_buf *b)
{
    if (b->p == NULL)
        return fg_strndup("", 0);
    char *s = b->p;
    *b = (fg_buf){0};
    return s;
}

/* The next line of the open JSON Lines file as a document: 1, 0 at the end
 * of the file, or an error (reported) for this line. */
static int
next_line(fg_corpus *c, fg_input **out)
{
    for (;;) {
        errno = 0;
        ssize_t n = getline(&c->buf, &c->bufcap, c->fp);
        if (n < 0) {
            int err = ferror(c->fp);
            if (c->fp != stdin)
                fclose(c->fp);
            c->fp = NULL;
            if (err) {
                fg_report(c->w, FG_ERROR, FG_EIO, NULL, "cannot read %s: %s", c->fp_path,
                          strerror(errno ? errno : EIO));
                return FG_EIO;
            }
            return 0;
        }
        c->line++;
        jp j = {c->buf, c->buf + n, NULL};
        ws(&j);
        if (j.p == j.end)
            continue; /* a blank line */
        fg_buf id = {0}, text = {0}, date = {0};
        int has_id = 0, has_text = 0, has_date = 0;
        int rc = parse_line(&j, &id, &text, &date, &has_id, &has_text, &has_date);
        if (rc == FG_OK && !has_id) { /* FILE:LINE, the file's name without extension */
            pending p = {c->fp_path, NULL};
            char *name = file_id(&p);
            if (name == NULL || fg_buf_printf(&id, "%s:%zu", name, c->line) < 0)
                rc = FG_ENOMEM;
            fg_free(name);
        }
        fg_input *in = NULL;
        if (rc == FG_OK && (in = fg_malloc(sizeof *in)) == NULL)
            rc = FG_ENOMEM;
        if (in) {
            memset(in, 0, sizeof *in);
            in->id = take(&id);
            in->len = text.len;
            in->text = take(&text);
            in->date = has_date ? take(&date) : NULL;
            in->source = fg_strndup(c->fp_path, strlen(c->fp_path));
            in->line = c->line;
            if (!in->id || !in->text || (has_date && !in->date) || !in->source) {
                fg_input_free(in);
                rc = FG_ENOMEM;
            }
        }
        fg_buf_free(&id);
        fg_buf_free(&text);
        fg_buf_free(&date);
        if (rc == FG_EINPUT) /* the column in code points, as for rule files */
            fg_report_at(c->w, FG_ERROR, rc, strcmp(c->fp_path, "-") ? c->fp_path : "stdin",
                         (int)c->line, (int)fg_utf8_count(c->buf, (size_t)(j.p - c->buf)) + 1, "%s",
                         j.err);
        if (rc < 0)
            return rc;
        *out = in;
        return 1;
    }
}

/* ===================================================================
 * The next document
 * ================================================================= */

int
fg_corpus_next(fg_corpus *c, fg_input **out)
{
    *out = NULL;
    for (;;) {
        if (c->fp != NULL) {
            int rc = next_line(c, out);
            if (rc != 0)
                return rc;
        }
        if (c->ntodo == 0)
            return 0;
        pending p = c->todo[--c->ntodo];
        int rc = FG_OK;
        struct stat sb;
        int is_stdin = strcmp(p.path, "-") == 0 && p.prefix == NULL;
        /* Below a folder a symbolic link to a folder is not followed (as
         * find does not): a link to an ancestor would never end. */
        struct stat lsb;
        if (p.prefix != NULL && lstat(p.path, &lsb) == 0 && S_ISLNK(lsb.st_mode) &&
            stat(p.path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
            fg_free(p.path);
            fg_free(p.prefix);
            continue;
        }
        if (!is_stdin && stat(p.path, &sb) != 0) {
            fg_report(c->w, FG_ERROR, FG_EIO, NULL, "cannot read %s: %s", p.path, strerror(errno));
            rc = FG_EIO;
        } else if (!is_stdin && S_ISDIR(sb.st_mode)) {
            rc = list_folder(c, &p);
            fg_free(p.path);
            fg_free(p.prefix);
            if (rc < 0)
                return rc;
            continue;
        } else if (!is_stdin && p.prefix != NULL && !S_ISREG(sb.st_mode)) {
            fg_free(p.path); /* a FIFO or device inside a folder: not a document */
            fg_free(p.prefix);
            continue;
        } else if (c->jsonl) {
            c->fp = is_stdin ? stdin : fopen(p.path, "rb");
            if (c->fp == NULL) {
                fg_report(c->w, FG_ERROR, FG_EIO, NULL, "cannot read %s: %s", p.path,
                          strerror(errno));
                rc = FG_EIO;
            } else {
                fg_free(c->fp_path);
                c->fp_path = p.path;
                p.path = NULL;
                c->line = 0;
            }
        } else {
            FILE *fp = is_stdin ? stdin : fopen(p.path, "rb");
            fg_input *in = NULL;
            if (fp == NULL) {
                fg_report(c->w, FG_ERROR, FG_EIO, NULL, "cannot read %s: %s", p.path,
                          strerror(errno));
                rc = FG_EIO;
            } else if ((in = fg_malloc(sizeof *in)) == NULL)
                rc = FG_ENOMEM;
            else {
                memset(in, 0, sizeof *in);
                rc = read_all(fp, &in->text, &in->len);
                if (rc == FG_EIO)
                    fg_report(c->w, FG_ERROR, FG_EIO, NULL, "cannot read %s: %s", p.path,
                              strerror(errno ? errno : EIO));
                in->id = file_id(&p);
                in->source = fg_strndup(p.path, strlen(p.path));
                if (rc == FG_OK && (in->id == NULL || in->source == NULL))
                    rc = FG_ENOMEM;
            }
            if (fp && fp != stdin)
                fclose(fp);
            if (rc == FG_OK)
                *out = in;
            else
                fg_input_free(in);
        }
        fg_free(p.path);
        fg_free(p.prefix);
        if (rc < 0)
            return rc;
        if (*out != NULL)
            return 1;
    }
}
