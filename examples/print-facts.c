/*
 * print-facts.c - the smallest program on libfactgrep: one fact a line.
 * SPDX-License-Identifier: MIT
 *
 * It uses only the installed header and pkg-config:
 *
 *     cc -std=c11 -o print-facts print-facts.c $(pkg-config --cflags --libs factgrep)
 *     ./print-facts "$(pkg-config --variable=pkgdatadir factgrep)" page.txt
 *
 * DATADIR holds the rules/ and ontology/ that `make install` put under
 * share/factgrep. FILE is UTF-8 text, '-' for standard input. Each fact is
 * printed as its code-point span, its rule, its class and its text:
 *
 *     2554-2560  money.amount  http://schema.org/MonetaryAmount  21.3万元
 *
 * Exit status: 0 success, 1 failure (diagnostics on standard error).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <factgrep.h>

/* The library never prints: diagnostics come here, and this program
 * prints them the way compilers do. */
static void
print_diag(const fg_diag *d, void *payload)
{
    char buf[4096];
    (void)payload;
    fg_diag_format(d, buf, sizeof buf);
    fputs(buf, stderr);
}

static int
print_fact(const fg_fact_info *f, void *payload)
{
    size_t *n = payload;
    printf("%zu-%zu\t%s\t%s\t%s\n", f->begin, f->end, f->rule_id, f->cls, f->text);
    (*n)++;
    return 0;
}

/* Reads the whole of fp into a new buffer; caller frees. */
static char *
slurp(FILE *fp, size_t *len)
{
    size_t cap = 1 << 16, n = 0, got;
    char *buf = malloc(cap);
    while (buf != NULL && (got = fread(buf + n, 1, cap - n, fp)) > 0) {
        n += got;
        if (n == cap) {
            char *p = realloc(buf, cap *= 2);
            if (p == NULL)
                free(buf);
            buf = p;
        }
    }
    if (buf != NULL && ferror(fp)) {
        free(buf);
        buf = NULL;
    }
    *len = n;
    return buf;
}

int
main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: print-facts DATADIR FILE\n");
        return 2;
    }
    char ontology[4096], rules[4096];
    snprintf(ontology, sizeof ontology, "%s/ontology/factgrep.ttl", argv[1]);
    snprintf(rules, sizeof rules, "%s/rules", argv[1]);

    FILE *fp = strcmp(argv[2], "-") == 0 ? stdin : fopen(argv[2], "rb");
    if (fp == NULL) {
        perror(argv[2]);
        return 1;
    }
    size_t len;
    char *text = slurp(fp, &len);
    if (fp != stdin)
        fclose(fp);
    if (text == NULL) {
        fprintf(stderr, "print-facts: cannot read %s\n", argv[2]);
        return 1;
    }

    int status = 1;
    fg_doc *doc = NULL;
    fg_world *w = fg_world_new(print_diag, NULL);
    if (w == NULL || fg_world_load_ontology(w, ontology) != FG_OK ||
        fg_world_load_rules(w, rules) != FG_OK)
        goto cleanup;
    const char *version = fg_world_rules_version(w);
    fprintf(stderr, "print-facts: libfactgrep %s, %zu rules (version %s)\n", FG_VERSION,
            fg_world_rule_count(w), version ? version : "none");
    int rc = fg_extract(&doc, w, "doc", text, len, NULL);
    if (rc != FG_OK) {
        fprintf(stderr, "print-facts: %s: %s\n", argv[2], fg_strerror(rc));
        goto cleanup;
    }
    size_t n = 0;
    if (fg_doc_foreach_fact(doc, print_fact, &n) != FG_OK)
        goto cleanup;
    fprintf(stderr, "print-facts: %zu facts\n", n);
    status = 0;
cleanup:
    fg_doc_free(doc);
    fg_world_free(w);
    free(text);
    return status;
}
