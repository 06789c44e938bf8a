/*
 * test_help.h - a minimal assertion harness for the unit tests.
 * SPDX-License-Identifier: MIT
 *
 * TEST_ASSERT(cond, fmt, ...) counts a check; when cond is false it prints
 * "FAIL func:file:line: " and the printf-style note to stderr and counts a
 * failure, then carries on so one run shows every broken case. main()
 * ends with "return TEST_DONE();", which prints the tally and is nonzero
 * when anything failed.
 */
#ifndef TEST_HELP_H
#define TEST_HELP_H

#include <stdio.h>

static int test_checks, test_failures;

#define TEST_ASSERT(cond, ...)                                                                     \
    do {                                                                                           \
        test_checks++;                                                                             \
        if (!(cond)) {                                                                             \
            test_failures++;                                                                       \
            fprintf(stderr, "FAIL %s:%s:%d: ", __func__, __FILE__, __LINE__);                      \
            fprintf(stderr, __VA_ARGS__);                                                          \
            fputc('\n', stderr);                                                                   \
        }                                                                                          \
    } while (0)

#define TEST_DONE()                                                                                \
    (printf("%d checks, %d failed\n", test_checks, test_failures), test_failures != 0)

#endif
