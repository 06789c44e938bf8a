/*
 * main.c - the factgrep command: parse options, call the library, report.
 * SPDX-License-Identifier: MIT
 *
 * Exit status: 0 success, 1 bad input, rules or ontology (or a failed
 * example or write), 2 bad usage.
 */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "factgrep.h"

#ifndef FG_INSTALL_DATADIR
#define FG_INSTALL_DATADIR "/usr/local/share/factgrep"
#endif

#define EXIT_BAD 1
#define EXIT_USAGE 2

static const char *progname = "factgrep";

/* ===================================================================
 * Options: one table drives parsing and --help
 * ================================================================= */

enum { CMD_EXTRACT = 1, CMD_CHECK = 2 };

enum {
    OPT_OMIT_TEXT = 256,
    OPT_MATCH_LIMIT,
};

static const struct opt {
    const char *name;
    int key;
    int has_arg;
    int commands; /* CMD_* bits */
    const char *arg;
    const char *help;
} opts[] = {
    {"output", 'o', 1, CMD_EXTRACT, "FILE", "write to FILE (atomically) instead of stdout"},
    {"rules", 'r', 1, CMD_EXTRACT | CMD_CHECK, "PATH",
     "rule file or directory; repeatable (default: the bundled rules/)"},
    {"ontology", 'O', 1, CMD_EXTRACT | CMD_CHECK, "FILE",
     "ontology in Turtle (default: the bundled ontology/factgrep.ttl)"},
    {"base", 'b', 1, CMD_EXTRACT, "IRI", "base of minted IRIs (default " FG_DEFAULT_BASE ")"},
    {"doc-date", 'd', 1, CMD_EXTRACT, "YYYY-MM-DD",
     "publication date: resolves 10月11日 and relative dates"},
    {"format", 'f', 1, CMD_EXTRACT, "FMT", "turtle (default) or ntriples"},
    {"omit-text", OPT_OMIT_TEXT, 0, CMD_EXTRACT, NULL,
     "leave the text out; write its source and SHA-256"},
    {"match-limit", OPT_MATCH_LIMIT, 1, CMD_EXTRACT, "N",
     "PCRE2 match limit per search (default 1000000)"},
    {"quiet", 'q', 0, CMD_EXTRACT | CMD_CHECK, NULL, "print errors only, not warnings"},
    {"help", 'h', 0, CMD_EXTRACT | CMD_CHECK, NULL, "print this help and exit"},
    {"version", 'V', 0, CMD_EXTRACT | CMD_CHECK, NULL, "print the version and exit"},
};
#define NOPTS (sizeof opts / sizeof opts[0])

typedef struct config {
    int cmd;
    const char *output;
    const char *rules[32];
    int nrules;
    const char *ontology;
    const char *base;
    const char *doc_date;
    int ntriples;
    int omit_text;
    unsigned long match_limit;
    int quiet;
} config;

static void
usage_line(FILE *fp)
{
    fprintf(fp,
            "usage: %s extract [options] FILE...\n"
            "       %s check-rules [options] [PATH...]\n"
            "       %s --help | --version\n",
            progname, progname, progname);
}

static void
help(void)
{
    usage_line(stdout);
    printf("\nExtract facts from Chinese news text with PCRE2 rules and write them as RDF.\n"
           "Each FILE is one document; '-' reads standard input.\n\n"
           "commands:\n"
           "  extract       apply the rules to each FILE and write Turtle or N-Triples\n"
           "  check-rules   load rule files, check them against the ontology and run\n"
           "                the examples written in them\n\n"
           "options:\n");
    for (size_t i = 0; i < NOPTS; i++) {
        char left[64];
        char shortopt[8] = "    ";
        if (opts[i].key < 256)
            snprintf(shortopt, sizeof shortopt, "-%c, ", opts[i].key);
        snprintf(left, sizeof left, "%s--%s%s%s", shortopt, opts[i].name, opts[i].arg ? " " : "",
                 opts[i].arg ? opts[i].arg : "");
        printf("  %-28s %s%s\n", left, opts[i].help,
               opts[i].commands == CMD_EXTRACT ? " [extract]" : "");
    }
    printf("\nexit status: 0 success; 1 bad input, rules or ontology, or a failed\n"
           "example; 2 bad usage.\n");
}

static int
usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "%s: ", progname);
    fprintf(stderr, fmt, arg);
    fputc('\n', stderr);
    usage_line(stderr);
    fprintf(stderr, "Try '%s --help' for more information.\n", progname);
    return EXIT_USAGE;
}

static int
parse_args(config *c, int argc, char **argv, int *first_file)
{
    struct option lopts[NOPTS + 1];
    char shorts[2 * NOPTS + 1];
    size_t ns = 0;
    for (size_t i = 0; i < NOPTS; i++) {
        lopts[i] = (struct option){opts[i].name, opts[i].has_arg ? required_argument : no_argument,
                                   NULL, opts[i].key};
        if (opts[i].key < 256) {
            shorts[ns++] = (char)opts[i].key;
            if (opts[i].has_arg)
                shorts[ns++] = ':';
        }
    }
    shorts[ns] = '\0';
    lopts[NOPTS] = (struct option){NULL, 0, NULL, 0};
    opterr = 0;
    optind = 1;
    int k;
    while ((k = getopt_long(argc, argv, shorts, lopts, NULL)) != -1) {
        const struct opt *o = NULL;
        for (size_t i = 0; i < NOPTS; i++)
            if (opts[i].key == k)
                o = &opts[i];
        if (k == '?') {
            const char *bad = argv[optind - 1];
            if (optopt && optopt < 256 && strchr(shorts, optopt) &&
                strchr(shorts, optopt)[1] == ':')
                return usage_error("option '%s' needs an argument", bad);
            return usage_error("unknown option '%s'", bad);
        }
        if (o != NULL && !(o->commands & c->cmd))
            return usage_error("option '--%s' does not apply to this command", o->name);
        switch (k) {
        case 'o':
            c->output = optarg;
            break;
        case 'r':
            if (c->nrules == (int)(sizeof c->rules / sizeof c->rules[0]))
                return usage_error("too many --rules (at most %s)", "32");
            c->rules[c->nrules++] = optarg;
            break;
        case 'O':
            c->ontology = optarg;
            break;
        case 'b':
            c->base = optarg;
            break;
        case 'd':
            c->doc_date = optarg;
            break;
        case 'f':
            if (strcmp(optarg, "turtle") == 0 || strcmp(optarg, "ttl") == 0)
                c->ntriples = 0;
            else if (strcmp(optarg, "ntriples") == 0 || strcmp(optarg, "nt") == 0)
                c->ntriples = 1;
            else
                return usage_error("unknown format '%s' (turtle or ntriples)", optarg);
            break;
        case OPT_OMIT_TEXT:
            c->omit_text = 1;
            break;
        case OPT_MATCH_LIMIT: {
            char *end;
            errno = 0;
            unsigned long v = strtoul(optarg, &end, 10);
            if (*end || errno || v == 0 || v > 4000000000UL)
                return usage_error("--match-limit needs a positive number, not '%s'", optarg);
            c->match_limit = v;
            break;
        }
        case 'q':
            c->quiet = 1;
            break;
        case 'h':
            help();
            exit(0);
        case 'V':
            printf("factgrep %s\n", FG_VERSION);
            exit(0);
        default:
            return usage_error("unknown option '%s'", argv[optind - 1]);
        }
    }
    *first_file = optind;
    return 0;
}

/* ===================================================================
 * Diagnostics
 * ================================================================= */

static void
print_diag(const fg_diag *d, void *payload)
{
    const config *c = payload;
    if (c->quiet && d->level != FG_ERROR)
        return;
    char small[2048];
    size_t n = fg_diag_format(d, small, sizeof small);
    char *buf = small;
    if (n >= sizeof small && (buf = malloc(n + 1)) != NULL)
        fg_diag_format(d, buf, n + 1);
    if (buf == NULL)
        buf = small;
    if (d->file == NULL)
        fprintf(stderr, "%s: ", progname);
    fputs(buf, stderr);
    if (buf != small)
        free(buf);
}

/* ===================================================================
 * Files: the bundled data, inputs and the atomic output
 * ================================================================= */

/* The bundled rules/ or ontology/ next to the executable (build tree or
 * installed tree), so that the defaults work from any directory. */
static char *
find_data(const char *name)
{
    static char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    const char *dirs[3] = {NULL, NULL, FG_INSTALL_DATADIR};
    char a[PATH_MAX + 64], b[PATH_MAX + 64];
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash)
            *slash = '\0';
        snprintf(a, sizeof a, "%s/..", exe);
        snprintf(b, sizeof b, "%s/../share/factgrep", exe);
        dirs[0] = a;
        dirs[1] = b;
    }
    for (int i = 0; i < 3; i++) {
        if (dirs[i] == NULL)
            continue;
        char path[PATH_MAX + 128];
        snprintf(path, sizeof path, "%s/%s", dirs[i], name);
        struct stat st;
        if (stat(path, &st) == 0)
            return realpath(path, NULL);
    }
    return NULL;
}

static int
read_input(const char *path, char **text, size_t *len)
{
    FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (fp == NULL)
        return -1;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while (buf != NULL && (got = fread(buf + n, 1, cap - n, fp)) > 0) {
        n += got;
        if (n == cap) {
            char *p = cap > SIZE_MAX / 2 ? NULL : realloc(buf, cap * 2);
            if (p == NULL) {
                free(buf);
                buf = NULL;
                errno = ENOMEM;
                break;
            }
            buf = p;
            cap *= 2;
        }
    }
    int err = buf == NULL || ferror(fp);
    if (fp != stdin)
        fclose(fp);
    if (err) {
        free(buf);
        return -1;
    }
    *text = buf;
    *len = n;
    return 0;
}

/* The document id: the file name without directory and extension. */
static char *
doc_id(const char *path)
{
    if (strcmp(path, "-") == 0)
        return strdup("stdin");
    const char *slash = strrchr(path, '/');
    const char *name = slash ? slash + 1 : path;
    const char *dot = strrchr(name, '.');
    size_t n = dot && dot != name ? (size_t)(dot - name) : strlen(name);
    return strndup(name, n);
}

static char tmp_path[PATH_MAX + 32]; /* the output being written, for the signal handler */

static void
on_signal(int sig)
{
    if (tmp_path[0])
        unlink(tmp_path);
    signal(sig, SIG_DFL);
    raise(sig);
}

static FILE *
open_output(const char *path)
{
    if (path == NULL)
        return stdout;
    const char *slash = strrchr(path, '/');
    int dirlen = slash ? (int)(slash - path) : 0;
    snprintf(tmp_path, sizeof tmp_path, "%.*s%s.%s.XXXXXX", dirlen, path, slash ? "/" : "",
             slash ? slash + 1 : path);
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    int fd = mkstemp(tmp_path);
    if (fd < 0) {
        tmp_path[0] = '\0';
        return NULL;
    }
    fchmod(fd, 0644);
    FILE *fp = fdopen(fd, "wb");
    if (fp == NULL) {
        close(fd);
        unlink(tmp_path);
        tmp_path[0] = '\0';
    }
    return fp;
}

/* Renames the finished output into place, or removes it after a failure. */
static int
close_output(FILE *fp, const char *path, int ok)
{
    if (fp == stdout)
        return fflush(stdout) == 0 && !ferror(stdout) ? 0 : -1;
    int rc = 0;
    if (fflush(fp) != 0 || fsync(fileno(fp)) != 0 || ferror(fp))
        rc = -1;
    if (fclose(fp) != 0)
        rc = -1;
    if (ok && rc == 0 && rename(tmp_path, path) != 0)
        rc = -1;
    if (!ok || rc != 0)
        unlink(tmp_path);
    tmp_path[0] = '\0';
    return rc;
}

/* ===================================================================
 * Commands
 * ================================================================= */

static int
load_world(fg_world *w, config *c)
{
    char *onto = NULL, *rules = NULL;
    const char *op = c->ontology;
    if (op == NULL && (op = onto = find_data("ontology/factgrep.ttl")) == NULL) {
        fprintf(stderr, "%s: cannot find the bundled ontology; give --ontology\n", progname);
        return EXIT_BAD;
    }
    int rc = fg_world_load_ontology(w, op);
    free(onto);
    if (rc < 0)
        return EXIT_BAD;
    if (c->nrules == 0) {
        if ((rules = find_data("rules")) == NULL) {
            fprintf(stderr, "%s: cannot find the bundled rules; give --rules\n", progname);
            return EXIT_BAD;
        }
        c->rules[c->nrules++] = rules;
    }
    int bad = 0;
    for (int i = 0; i < c->nrules; i++)
        if (fg_world_load_rules(w, c->rules[i]) < 0)
            bad = 1;
    if (rules != NULL) {
        c->rules[--c->nrules] = NULL;
        free(rules);
    }
    return bad ? EXIT_BAD : 0;
}

static int
cmd_check(fg_world *w, config *c, int argc, char **argv, int first)
{
    for (int i = first; i < argc; i++) {
        if (c->nrules == (int)(sizeof c->rules / sizeof c->rules[0]))
            return usage_error("too many rule paths (at most %s)", "32");
        c->rules[c->nrules++] = argv[i];
    }
    if (load_world(w, c) != 0)
        return EXIT_BAD;
    size_t n = 0, failed = 0;
    int rc = fg_world_check_examples(w, &n, &failed);
    printf("%zu rules, %zu examples: %s\n", fg_world_rule_count(w), n,
           failed ? "some failed" : "all hold");
    if (failed)
        printf("%zu example(s) failed\n", failed);
    return rc == FG_OK ? 0 : EXIT_BAD;
}

static int
cmd_extract(fg_world *w, config *c, int argc, char **argv, int first)
{
    if (first >= argc)
        return usage_error("%s", "extract needs at least one FILE ('-' for standard input)");
    for (int i = first; i < argc; i++) {
        char *a = doc_id(argv[i]);
        for (int j = first; j < i && a; j++) {
            char *b = doc_id(argv[j]);
            int same = b && strcmp(a, b) == 0;
            free(b);
            if (same) {
                fprintf(stderr,
                        "%s: %s and %s would both be document '%s'; give files distinct names\n",
                        progname, argv[j], argv[i], a);
                free(a);
                return EXIT_BAD;
            }
        }
        free(a);
    }
    fg_options opt = {c->base, c->doc_date, NULL, c->omit_text, c->match_limit};
    if (fg_options_check(w, &opt) < 0)
        return EXIT_USAGE;
    if (load_world(w, c) != 0)
        return EXIT_BAD;
    FILE *out = open_output(c->output);
    if (out == NULL) {
        fprintf(stderr, "%s: cannot write %s: %s\n", progname, c->output, strerror(errno));
        return EXIT_BAD;
    }
    int ok = 1;
    for (int i = first; i < argc; i++) {
        char *text;
        size_t len;
        if (read_input(argv[i], &text, &len) != 0) {
            fprintf(stderr, "%s: cannot read %s: %s\n", progname, argv[i], strerror(errno));
            ok = 0;
            continue;
        }
        char *id = doc_id(argv[i]);
        opt.source = argv[i];
        fg_doc *d = NULL;
        int rc = id ? fg_extract(&d, w, id, text, len, &opt) : FG_ENOMEM;
        if (rc == FG_OK)
            rc = fg_doc_write(d, out, c->ntriples ? FG_FORMAT_NTRIPLES : FG_FORMAT_TURTLE);
        if (rc < 0)
            ok = 0;
        fg_doc_free(d);
        free(id);
        free(text);
    }
    if (close_output(out, c->output, ok) != 0) {
        fprintf(stderr, "%s: cannot write %s: %s\n", progname, c->output ? c->output : "stdout",
                strerror(errno));
        return EXIT_BAD;
    }
    return ok ? 0 : EXIT_BAD;
}

int
main(int argc, char **argv)
{
    config c = {0};
    if (argc < 2)
        return usage_error("%s", "a command is needed");
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
        help();
        return 0;
    }
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0) {
        printf("factgrep %s\n", FG_VERSION);
        return 0;
    }
    if (strcmp(cmd, "extract") == 0)
        c.cmd = CMD_EXTRACT;
    else if (strcmp(cmd, "check-rules") == 0)
        c.cmd = CMD_CHECK;
    else
        return usage_error("unknown command '%s'", cmd);
    int first = 0;
    int rc = parse_args(&c, argc - 1, argv + 1, &first);
    if (rc != 0)
        return rc;
    first += 1;
    fg_world *w = fg_world_new(print_diag, &c);
    if (w == NULL) {
        fprintf(stderr, "%s: out of memory\n", progname);
        return EXIT_BAD;
    }
    if (c.cmd == CMD_EXTRACT)
        rc = cmd_extract(w, &c, argc, argv, first);
    else
        rc = cmd_check(w, &c, argc, argv, first);
    fg_world_free(w);
    return rc;
}
