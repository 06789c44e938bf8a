/*
 * fg_util.c - allocation, growable buffers, arenas and IRI-safe encoding.
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fg_internal.h"

/* ===================================================================
 * Allocation with an optional injected fault
 * ================================================================= */

static _Thread_local unsigned long fault_countdown; /* 0: off; a thread's own */
static _Thread_local unsigned long alloc_calls; /* every fg_malloc and fg_realloc, for the tests */

unsigned long
fg_alloc_calls(void)
{
    return alloc_calls;
}

void
fg_fault_inject(unsigned long n)
{
    fault_countdown = n;
}

static int
fault_now(void)
{
    alloc_calls++;
    if (fault_countdown == 0)
        return 0;
    if (fault_countdown == 1)
        return 1; /* stays failing until reset, as a full heap would */
    fault_countdown--;
    return 0;
}

void *
fg_malloc(size_t n)
{
    if (fault_now())
        return NULL;
    return malloc(n ? n : 1);
}

void *
fg_realloc(void *p, size_t n)
{
    if (fault_now())
        return NULL;
    return realloc(p, n ? n : 1);
}

void
fg_free(void *p)
{
    free(p);
}

char *
fg_strndup(const char *s, size_t n)
{
    char *p = fg_malloc(n + 1);
    if (p == NULL)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *
fg_strdup(const char *s)
{
    return fg_strndup(s, strlen(s));
}

int
fg_grow(void **v, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return FG_OK;
    size_t ncap = *cap ? *cap : 8;
    while (ncap < need)
        ncap *= 2;
    if (ncap > SIZE_MAX / elem)
        return FG_ENOMEM;
    void *p = fg_realloc(*v, ncap * elem);
    if (p == NULL)
        return FG_ENOMEM;
    *v = p;
    *cap = ncap;
    return FG_OK;
}

/* ===================================================================
 * fg_buf
 * ================================================================= */

int
fg_buf_add(fg_buf *b, const void *data, size_t n)
{
    if (FG_GROW(b->p, b->cap, b->len + n + 1) < 0)
        return FG_ENOMEM;
    if (n)
        memcpy(b->p + b->len, data, n);
    b->len += n;
    b->p[b->len] = '\0';
    return FG_OK;
}

int
fg_buf_adds(fg_buf *b, const char *s)
{
    return fg_buf_add(b, s, strlen(s));
}

int
fg_buf_addc(fg_buf *b, char c)
{
    return fg_buf_add(b, &c, 1);
}

int
fg_buf_vprintf(fg_buf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        return FG_EINVAL;
    if (FG_GROW(b->p, b->cap, b->len + (size_t)n + 1) < 0)
        return FG_ENOMEM;
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
    return FG_OK;
}

int
fg_buf_printf(fg_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = fg_buf_vprintf(b, fmt, ap);
    va_end(ap);
    return rc;
}

void
fg_buf_reset(fg_buf *b)
{
    b->len = 0;
    if (b->p)
        b->p[0] = '\0';
}

void
fg_buf_free(fg_buf *b)
{
    fg_free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}

int
fg_buf_add_iri_segment(fg_buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789ABCDEF";
    if (n > (SIZE_MAX - b->len - 1) / 3 || FG_GROW(b->p, b->cap, b->len + 3 * n + 1) < 0)
        return FG_ENOMEM; /* room for the longest: every byte escaped */
    char *o = b->p + b->len;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        int safe = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                   c == '-' || c == '.' || c == '_' || c == '~';
        if (safe)
            *o++ = (char)c;
        else {
            o[0] = '%';
            o[1] = hex[c >> 4];
            o[2] = hex[c & 15];
            o += 3;
        }
    }
    b->len = (size_t)(o - b->p);
    b->p[b->len] = '\0';
    return FG_OK;
}

/* ===================================================================
 * fg_arena: blocks of at least 64 KiB, freed all at once
 * ================================================================= */

struct fg_arena_block {
    struct fg_arena_block *next;
    size_t used, size;
    max_align_t data[];
};

#define ARENA_BLOCK 65536

/* n bytes at a multiple of align (a power of two) from a block's start. */
static void *
arena_take(fg_arena *a, size_t n, size_t align)
{
    struct fg_arena_block *b = a->head;
    size_t at = b == NULL ? 0 : (b->used + align - 1) & ~(align - 1);
    if (b == NULL || at > b->size || b->size - at < n) {
        size_t size = n > ARENA_BLOCK ? n : ARENA_BLOCK;
        b = fg_malloc(sizeof *b + size);
        if (b == NULL)
            return NULL;
        b->next = a->head;
        b->size = size;
        a->head = b;
        at = 0;
    }
    b->used = at + n;
    return (char *)b->data + at;
}

void *
fg_arena_alloc(fg_arena *a, size_t n)
{
    return arena_take(a, n, sizeof(max_align_t));
}

char *
fg_arena_chars(fg_arena *a, size_t n)
{
    return arena_take(a, n, 1);
}

char *
fg_arena_strndup(fg_arena *a, const char *s, size_t n)
{
    char *p = fg_arena_chars(a, n + 1);
    if (p == NULL)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *
fg_arena_printf(fg_arena *a, const char *fmt, ...)
{
    /* Formatted once into a buffer on the stack (IRIs fit), and only when
     * it is too small a second time, into the arena. */
    char buf[256];
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    char *p = n < 0 ? NULL : fg_arena_chars(a, (size_t)n + 1);
    if (p != NULL && (size_t)n < sizeof buf)
        memcpy(p, buf, (size_t)n + 1);
    else if (p != NULL)
        vsnprintf(p, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    return p;
}

void
fg_arena_free(fg_arena *a)
{
    struct fg_arena_block *b = a->head;
    while (b != NULL) {
        struct fg_arena_block *next = b->next;
        fg_free(b);
        b = next;
    }
    a->head = NULL;
}

/* ===================================================================
 * Files
 * ================================================================= */

int
fg_read_file(const char *path, char **text, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (fp == NULL)
        return FG_EIO;
    fg_buf b = {0};
    char chunk[65536];
    size_t n;
    int rc = FG_OK;
    while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
        if (fg_buf_add(&b, chunk, n) < 0) {
            rc = FG_ENOMEM;
            break;
        }
    if (ferror(fp))
        rc = FG_EIO;
    fclose(fp);
    if (rc == FG_OK && b.p == NULL)
        rc = fg_buf_add(&b, "", 0);
    if (rc < 0) {
        fg_buf_free(&b);
        return rc;
    }
    *text = b.p;
    *len = b.len;
    return FG_OK;
}

/* ===================================================================
 * Error strings
 * ================================================================= */

const char *
fg_strerror(int code)
{
    /* ORDER FG_ERR */
    static const char *const msg[] = {
        "success",
        "out of memory",
        "input/output error",
        "rule syntax error",
        "pattern does not compile",
        "ontology error",
        "input text refused",
        "invalid value or argument",
        "value out of range",
        "match limit reached",
        "rule example failed",
        "audit found problems",
        "stopped by the caller",
    };
    int i = -code;
    if (i < 0 || (size_t)i >= sizeof msg / sizeof msg[0])
        return "unknown error";
    return msg[i];
}

double
fg_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}
