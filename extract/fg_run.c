/*
 * fg_run.c - a run over a corpus: documents extracted on several threads,
 * handed back in input order.
 * SPDX-License-Identifier: MIT
 *
 * The calling thread reads documents into a ring of slots and hands
 * finished slots to the callback in input order; the workers take slots
 * in input order, extract and write each into memory. A slot is refilled
 * only once its document is handed back, so memory holds at most 2 x jobs
 * documents and their outputs, or more of them (up to FG_RUN_SLOTS a job)
 * while they are small; a document handed back is freed by the worker that
 * made it, before it takes the next (a worker's own malloc arena, no lock
 * taken from under it). With one job nothing runs on another thread, and
 * the work done is the same, so the bytes are too.
 */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fg_internal.h"

enum { EMPTY, READY, TAKEN, DONE };

/* With several jobs, the ring has FG_RUN_SLOTS slots a job, so that a long
 * document at the head does not leave the workers idle; past the first
 * 2 a job, slots are filled only while the documents read and not yet
 * handed back hold fewer than FG_RUN_HELD bytes of text a job (their
 * outputs are some 50 times larger). */
#define FG_RUN_SLOTS 16
#define FG_RUN_BATCH 8
#define FG_RUN_HELD (256 * 1024)

typedef struct slot {
    int state;
    fg_input *in; /* its text is freed once extracted; its len stays */
    fg_doc *doc;
    char *bytes;
    size_t len;
    int streamed;
    int rc;
    size_t worker; /* which worker made doc and bytes: it frees them */
    double read_seconds, extract_seconds, write_seconds;
} slot;

/* A document and its output handed back, for the worker that made them to
 * free: glibc gives each thread its own arena, and a block freed on
 * another thread takes that arena's lock from under its owner. */
typedef struct garbage {
    fg_doc *doc;
    char *bytes;
} garbage;

typedef struct run {
    fg_world *const *worlds;
    const fg_options *opt;
    fg_format format;
    FILE *stream; /* with one job: where documents are written as made */
    slot *ring;
    size_t cap;
    size_t taken; /* the next document a worker takes */
    size_t read;  /* documents read so far */
    int quit;
    const slot *awaited; /* the slot the calling thread waits for, or NULL */
    size_t done_unseen;  /* documents done since it began to wait */
    size_t jobs;
    int threaded;
    garbage *bin; /* jobs x cap: what each worker has to free */
    size_t *nbin;
    pthread_mutex_t mu;
    pthread_cond_t work, done;
} run;

typedef struct worker {
    run *r;
    fg_world *w;
    size_t index;
} worker;

/* Extracts one document and writes it into memory. */
static void
process(run *r, fg_world *w, slot *s)
{
    fg_options o = r->opt ? *r->opt : (fg_options){0};
    o.source = s->in->source;
    if (s->in->date != NULL)
        o.doc_date = s->in->date;
    double t0 = fg_now();
    s->rc = fg_extract(&s->doc, w, s->in->id, s->in->text, s->in->len, &o);
    if (s->rc == FG_EINVAL && s->in->date != NULL) /* its date, reported without the line */
        fg_report_at(w, FG_NOTE, 0, s->in->source, (int)s->in->line, 0, "in document '%s'",
                     s->in->id);
    double t1 = fg_now();
    if (!r->threaded) { /* the document holds its own copy (on threads, the reader frees it) */
        fg_free(s->in->text);
        s->in->text = NULL;
    }
    if (s->rc == FG_OK && r->stream != NULL) {
        s->streamed = 1;
        s->rc = fg_doc_write(s->doc, r->stream, r->format);
    } else if (s->rc == FG_OK)
        s->rc = fg_doc_write_mem(s->doc, r->format, &s->bytes, &s->len);
    s->extract_seconds = t1 - t0;
    s->write_seconds = fg_now() - t1;
}

static void
free_garbage(garbage *g, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        fg_doc_free(g[i].doc);
        free(g[i].bytes); /* fg_doc_write_mem's, from malloc */
    }
}

/* Frees what worker k has been handed back; r->mu held, and dropped while
 * freeing. */
static void
empty_bin(run *r, size_t k, garbage *tmp)
{
    size_t n = r->nbin[k];
    if (n == 0)
        return;
    memcpy(tmp, r->bin + k * r->cap, n * sizeof *tmp);
    r->nbin[k] = 0;
    pthread_mutex_unlock(&r->mu);
    free_garbage(tmp, n);
    pthread_mutex_lock(&r->mu);
}

static void *
work(void *arg)
{
    worker *k = arg;
    run *r = k->r;
    garbage *tmp = fg_malloc(r->cap * sizeof *tmp);
    pthread_mutex_lock(&r->mu);
    for (;;) {
        if (tmp != NULL)
            empty_bin(r, k->index, tmp);
        while (!r->quit && r->taken == r->read)
            pthread_cond_wait(&r->work, &r->mu);
        if (r->taken == r->read) /* quit, and nothing left */
            break;
        slot *s = &r->ring[r->taken++ % r->cap];
        s->state = TAKEN;
        s->worker = k->index;
        pthread_mutex_unlock(&r->mu);
        process(r, k->w, s);
        pthread_mutex_lock(&r->mu);
        s->state = DONE;
        /* The calling thread, waiting for the oldest document, is woken
         * once that is done and either FG_RUN_BATCH documents are or the
         * workers are about to run out of documents to take: each wake-up
         * is a futex call and a context switch on a core that works. */
        r->done_unseen++;
        if (r->awaited != NULL && r->awaited->state == DONE &&
            (r->done_unseen >= FG_RUN_BATCH || r->read - r->taken < r->jobs))
            pthread_cond_signal(&r->done);
    }
    pthread_mutex_unlock(&r->mu);
    fg_free(tmp);
    return NULL;
}

static void
clear(slot *s)
{
    fg_input_free(s->in);
    fg_doc_free(s->doc);
    free(s->bytes); /* fg_doc_write_mem's, from malloc */
    memset(s, 0, sizeof *s);
}

int
fg_run(fg_corpus *c, fg_world *const *worlds, size_t jobs, const fg_options *opt, fg_format format,
       FILE *stream, fg_outcome_fn fn, void *payload)
{
    if (jobs == 0)
        jobs = 1;
    run r = {0};
    r.worlds = worlds;
    r.opt = opt;
    r.format = format;
    r.cap = (jobs > 1 ? FG_RUN_SLOTS : 2) * jobs;
    r.jobs = jobs;
    r.ring = fg_malloc(r.cap * sizeof *r.ring);
    if (r.ring == NULL)
        return FG_ENOMEM;
    memset(r.ring, 0, r.cap * sizeof *r.ring);
    pthread_t *threads = NULL;
    worker *workers = NULL;
    size_t started = 0;
    int threaded = jobs > 1;
    if (threaded) {
        threads = fg_malloc(jobs * sizeof *threads);
        workers = fg_malloc(jobs * sizeof *workers);
        r.bin = fg_malloc(jobs * r.cap * sizeof *r.bin);
        r.nbin = fg_malloc(jobs * sizeof *r.nbin);
        if (threads == NULL || workers == NULL || r.bin == NULL || r.nbin == NULL ||
            pthread_mutex_init(&r.mu, NULL) != 0) {
            fg_free(threads);
            fg_free(workers);
            fg_free(r.bin);
            fg_free(r.nbin);
            fg_free(r.ring);
            return FG_ENOMEM;
        }
        memset(r.nbin, 0, jobs * sizeof *r.nbin);
        pthread_cond_init(&r.work, NULL);
        pthread_cond_init(&r.done, NULL);
        for (; started < jobs; started++) {
            workers[started] = (worker){&r, worlds[started], started};
            if (pthread_create(&threads[started], NULL, work, &workers[started]) != 0)
                break;
        }
        if (started == 0)
            threaded = 0; /* no thread would start: do the work here */
    }
    r.stream = threaded ? NULL : stream;
    r.threaded = threaded;

    int failed = 0, rc = FG_OK, eof = 0;
    size_t given = 0; /* documents handed to fn */
    size_t held = 0;  /* bytes of text read and not yet handed back */
    while (rc == FG_OK && (!eof || given < r.read)) {
        /* Fill the ring. */
        while (!eof && r.read - given < r.cap &&
               (r.read - given < 2 * jobs || held < FG_RUN_HELD * jobs)) {
            fg_input *in = NULL;
            double t0 = fg_now();
            int got = fg_corpus_next(c, &in);
            double read_seconds = fg_now() - t0;
            if (got == 0)
                eof = 1;
            else if (got == FG_ENOMEM) {
                rc = FG_ENOMEM;
                break;
            } else if (got < 0)
                failed = failed ? failed : got;
            else {
                if (threaded)
                    pthread_mutex_lock(&r.mu);
                slot *s = &r.ring[r.read % r.cap];
                s->in = in;
                held += in->len;
                s->read_seconds = read_seconds;
                s->state = READY;
                r.read++;
                if (threaded) {
                    pthread_cond_signal(&r.work);
                    pthread_mutex_unlock(&r.mu);
                }
            }
        }
        if (rc != FG_OK || given == r.read)
            continue;
        /* Hand back the oldest, once done. */
        slot *s = &r.ring[given % r.cap];
        if (threaded) {
            pthread_mutex_lock(&r.mu);
            r.awaited = s;
            r.done_unseen = 0;
            while (s->state != DONE)
                pthread_cond_wait(&r.done, &r.mu);
            r.awaited = NULL;
            pthread_mutex_unlock(&r.mu);
        } else {
            r.taken++;
            process(&r, worlds[0], s);
        }
        fg_free(s->in->text); /* on threads, here by its reader; with one job, done already */
        s->in->text = NULL;
        fg_outcome o = {s->in,           s->rc,
                        s->bytes,        s->len,
                        s->streamed,     s->rc == FG_OK ? s->doc : NULL,
                        s->read_seconds, s->extract_seconds,
                        s->write_seconds};
        if (s->rc < 0)
            failed = failed ? failed : s->rc;
        int stop = fn(&o, payload);
        /* Without the lock: a DONE slot is no worker's, and it is made
         * READY again only under the lock. */
        held -= s->in->len;
        if (threaded) {
            pthread_mutex_lock(&r.mu);
            if (r.nbin[s->worker] < r.cap) { /* always, as each worker empties its own */
                r.bin[s->worker * r.cap + r.nbin[s->worker]++] = (garbage){s->doc, s->bytes};
                s->doc = NULL;
                s->bytes = NULL;
            }
            pthread_mutex_unlock(&r.mu);
        }
        clear(s);
        given++;
        if (stop)
            rc = FG_ECANCELED;
    }

    if (threaded) {
        pthread_mutex_lock(&r.mu);
        r.quit = 1;
        r.read = r.taken; /* documents not yet taken are dropped */
        pthread_cond_broadcast(&r.work);
        pthread_mutex_unlock(&r.mu);
        for (size_t i = 0; i < started; i++)
            pthread_join(threads[i], NULL);
        pthread_cond_destroy(&r.work);
        pthread_cond_destroy(&r.done);
        pthread_mutex_destroy(&r.mu);
        for (size_t k = 0; k < jobs; k++) /* what no worker came back for */
            free_garbage(r.bin + k * r.cap, r.nbin[k]);
    }
    for (size_t i = 0; i < r.cap; i++)
        clear(&r.ring[i]);
    fg_free(r.ring);
    fg_free(r.bin);
    fg_free(r.nbin);
    fg_free(threads);
    fg_free(workers);
    if (rc < 0)
        return rc;
    return failed;
}
