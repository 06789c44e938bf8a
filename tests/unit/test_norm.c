/*
 * test_norm.c - table-driven unit tests for extract/fg_norm.c.
 * SPDX-License-Identifier: MIT
 *
 * Every table row is {input, expected}; rows whose expected code is
 * FG_EINVAL or FG_ERANGE are the inputs that must be refused. Inputs are
 * passed with an explicit length, as the extractor does.
 */
#include <string.h>

#include "fg_norm.h"
#include "test_help.h"

#define EX FG_QUAL_EXACT
#define AB FG_QUAL_ABOUT
#define MT FG_QUAL_MORE_THAN
#define AM FG_QUAL_AT_MOST
#define RG FG_QUAL_RANGE

static const char *
str_or_empty(const char *s)
{
    return s ? s : "";
}

/* ---------------- numbers ---------------- */

static const struct num_case {
    const char *in;
    int rc;
    const char *value, *high; /* high only for ranges */
    fg_qual qual;
} NUM_CASES[] = {
    /* Arabic, full-width, separators, decimals */
    {"239", FG_OK, "239", NULL, EX},
    {"２３９", FG_OK, "239", NULL, EX},
    {"1,100", FG_OK, "1100", NULL, EX},
    {"１，０００", FG_OK, "1000", NULL, EX},
    {"21.3", FG_OK, "21.3", NULL, EX},
    {"２１．３", FG_OK, "21.3", NULL, EX},
    {"4.800", FG_OK, "4.8", NULL, EX},
    {"0", FG_OK, "0", NULL, EX},
    {"0.50", FG_OK, "0.5", NULL, EX},
    {".5", FG_OK, "0.5", NULL, EX},
    {"-0", FG_OK, "0", NULL, EX},
    {"-0.0", FG_OK, "0", NULL, EX},
    {"负零", FG_OK, "0", NULL, EX},
    {"-12.5", FG_OK, "-12.5", NULL, EX},
    {"负10000", FG_OK, "-10000", NULL, EX},
    {" 42 ", FG_OK, "42", NULL, EX},
    /* Chinese numerals */
    {"零", FG_OK, "0", NULL, EX},
    {"〇", FG_OK, "0", NULL, EX},
    {"十", FG_OK, "10", NULL, EX},
    {"十一", FG_OK, "11", NULL, EX},
    {"一十一", FG_OK, "11", NULL, EX},
    {"二十", FG_OK, "20", NULL, EX},
    {"三十一", FG_OK, "31", NULL, EX},
    {"两百零五", FG_OK, "205", NULL, EX},
    {"一百零一", FG_OK, "101", NULL, EX},
    {"一千零一十", FG_OK, "1010", NULL, EX},
    {"一万零一十二", FG_OK, "10012", NULL, EX},
    {"一万零十二", FG_OK, "10012", NULL, EX},
    {"一亿零一", FG_OK, "100000001", NULL, EX},
    {"十万零一千", FG_OK, "101000", NULL, EX},
    {"一百十一", FG_OK, "111", NULL, EX},
    {"二十万亿", FG_OK, "20000000000000", NULL, EX},
    {"一万五千亿", FG_OK, "1500000000000", NULL, EX},
    {"四万万", FG_OK, "400000000", NULL, EX},
    {"一千一百一十一万一千一百一十一亿一千一百一十一万一千一百一十一", FG_OK, "1111111111111111",
     NULL, EX},
    {"壹仟贰佰", FG_OK, "1200", NULL, EX},
    {"玖仟陆佰陆拾伍", FG_OK, "9665", NULL, EX},
    {"壹拾万零叁仟肆佰伍拾叁", FG_OK, "103453", NULL, EX},
    {"兩千", FG_OK, "2000", NULL, EX},
    {"五億零六", FG_OK, "500000006", NULL, EX},
    {"七十八萬五佰零六", FG_OK, "780506", NULL, EX},
    {"廿二", FG_OK, "22", NULL, EX},
    {"卅", FG_OK, "30", NULL, EX},
    {"百万", FG_OK, "1000000", NULL, EX},
    {"一百 五 十 二", FG_OK, "152", NULL, EX},
    /* colloquial short forms at the end of a number */
    {"三万五", FG_OK, "35000", NULL, EX},
    {"一百二", FG_OK, "120", NULL, EX},
    {"两千六", FG_OK, "2600", NULL, EX},
    {"一亿五", FG_OK, "150000000", NULL, EX},
    {"一百二十万三", FG_OK, "1203000", NULL, EX},
    /* mixed Arabic and Chinese */
    {"3万4000", FG_OK, "34000", NULL, EX},
    {"1,100万", FG_OK, "11000000", NULL, EX},
    {"1.2亿", FG_OK, "120000000", NULL, EX},
    {"21.3万", FG_OK, "213000", NULL, EX},
    {"1.23456万", FG_OK, "12345.6", NULL, EX},
    {"4.78万亿", FG_OK, "4780000000000", NULL, EX},
    {"２．２亿", FG_OK, "220000000", NULL, EX},
    {"5万4千6百", FG_OK, "54600", NULL, EX},
    {"5亿1万4千6百", FG_OK, "500014600", NULL, EX},
    {"1万600", FG_OK, "10600", NULL, EX},
    {"1千零20", FG_OK, "1020", NULL, EX},
    {"200亿零四千230", FG_OK, "20000004230", NULL, EX},
    {"10万万", FG_OK, "1000000000", NULL, EX},
    {"-10.1万", FG_OK, "-101000", NULL, EX},
    /* 点 as decimal point */
    {"三点五", FG_OK, "3.5", NULL, EX},
    {"零点一", FG_OK, "0.1", NULL, EX},
    {"零点零零一", FG_OK, "0.001", NULL, EX},
    {"负零点一零", FG_OK, "-0.1", NULL, EX},
    {"一点二万", FG_OK, "12000", NULL, EX},
    {"两千万点五五", FG_OK, "20000000.55", NULL, EX},
    {"一万零十二点一五", FG_OK, "10012.15", NULL, EX},
    {"一百点123", FG_OK, "100.123", NULL, EX},
    /* fractions and percentages: exact or refused */
    {"百分之五", FG_OK, "0.05", NULL, EX},
    {"百分之十二点五", FG_OK, "0.125", NULL, EX},
    {"5%", FG_OK, "0.05", NULL, EX},
    {"5％", FG_OK, "0.05", NULL, EX},
    {"12.5%", FG_OK, "0.125", NULL, EX},
    {"5‰", FG_OK, "0.005", NULL, EX},
    {"四分之一", FG_OK, "0.25", NULL, EX},
    {"千分之三", FG_OK, "0.003", NULL, EX},
    {"二十五分之一千零拾肆", FG_OK, "40.56", NULL, EX},
    {"3又一千分之23", FG_OK, "3.023", NULL, EX},
    {"负一又二分之一", FG_OK, "-1.5", NULL, EX},
    {"一百万又五十万分之二十五", FG_OK, "1000000.00005", NULL, EX},
    /* qualifiers */
    {"约100", FG_OK, "100", NULL, AB},
    {"大约3", FG_OK, "3", NULL, AB},
    {"近千", FG_OK, "1000", NULL, AB},
    {"接近5万", FG_OK, "50000", NULL, AB},
    {"将近10", FG_OK, "10", NULL, AB},
    {"100左右", FG_OK, "100", NULL, AB},
    {"50上下", FG_OK, "50", NULL, AB},
    {"二十来", FG_OK, "20", NULL, AB},
    {"十来万", FG_OK, "100000", NULL, AB},
    {"十余万", FG_OK, "100000", NULL, MT},
    {"十 余 万", FG_OK, "100000", NULL, MT},
    {"1000余", FG_OK, "1000", NULL, MT},
    {"1000余万", FG_OK, "10000000", NULL, MT},
    {"70多", FG_OK, "70", NULL, MT},
    {"10余", FG_OK, "10", NULL, MT},
    {"三十多", FG_OK, "30", NULL, MT},
    {"廿余", FG_OK, "20", NULL, MT},
    {"百分之五十多", FG_OK, "0.5", NULL, MT},
    {"一千多万", FG_OK, "10000000", NULL, MT},
    {"1万多", FG_OK, "10000", NULL, MT},
    {"二十几万", FG_OK, "200000", NULL, MT},
    {"一百零几万", FG_OK, "1000000", NULL, MT},
    {"十几", FG_OK, "10", NULL, MT},
    {"超过500", FG_OK, "500", NULL, MT},
    {"逾百", FG_OK, "100", NULL, MT},
    {"100以上", FG_OK, "100", NULL, MT},
    {"至少3", FG_OK, "3", NULL, MT},
    {"不足10", FG_OK, "10", NULL, AM},
    {"不到3", FG_OK, "3", NULL, AM},
    {"不超过5万", FG_OK, "50000", NULL, AM},
    {"多达300", FG_OK, "300", NULL, AM},
    {"至多8", FG_OK, "8", NULL, AM},
    {"最多8", FG_OK, "8", NULL, AM},
    {"100以下", FG_OK, "100", NULL, AM},
    {"约十余万", FG_OK, "100000", NULL, AB}, /* the outer word wins */
    {"约100左右", FG_OK, "100", NULL, AB},
    {"约5%", FG_OK, "0.05", NULL, AB},
    /* ranges */
    {"三至五", FG_OK, "3", "5", RG},
    {"3至5", FG_OK, "3", "5", RG},
    {"10-20", FG_OK, "10", "20", RG},
    {"10—20", FG_OK, "10", "20", RG},
    {"10——20", FG_OK, "10", "20", RG},
    {"10~20", FG_OK, "10", "20", RG},
    {"10～20", FG_OK, "10", "20", RG},
    {"10到20", FG_OK, "10", "20", RG},
    {"-10-20", FG_OK, "-10", "20", RG},
    {"五六", FG_OK, "5", "6", RG},
    {"负五六", FG_OK, "-6", "-5", RG},
    {"两三", FG_OK, "2", "3", RG},
    {"一二", FG_OK, "1", "2", RG}, /* two ascending digits alone stay a range */
    {"三四", FG_OK, "3", "4", RG},
    {"七八", FG_OK, "7", "8", RG},
    {"五六%", FG_OK, "0.05", "0.06", RG},
    {"三四十", FG_OK, "30", "40", RG},
    {"十七八", FG_OK, "17", "18", RG},
    {"两三百万", FG_OK, "2000000", "3000000", RG},
    {"3至5万", FG_OK, "30000", "50000", RG},
    {"3万至5万", FG_OK, "30000", "50000", RG},
    {"5000至2万", FG_OK, "5000", "20000", RG},
    {"三至五百", FG_OK, "300", "500", RG},
    {"两至三百五", FG_OK, "200", "350", RG},
    {"一到两千万", FG_OK, "10000000", "20000000", RG},
    {"一至二十", FG_OK, "1", "20", RG},
    {"九至二十", FG_OK, "9", "20", RG},
    {"3至500", FG_OK, "3", "500", RG},
    {"1.5-2亿", FG_OK, "150000000", "200000000", RG},
    {"5%-8%", FG_OK, "0.05", "0.08", RG},
    {"5-8%", FG_OK, "0.05", "0.08", RG},
    {"约3至5万", FG_OK, "30000", "50000", RG},
    {"百分之五到百分之八", FG_OK, "0.05", "0.08", RG},
    /* digit strings: read digit by digit (not two ascending digits alone) */
    {"一一", FG_OK, "11", NULL, EX},
    {"一一一", FG_OK, "111", NULL, EX},
    {"壹壹", FG_OK, "11", NULL, EX},
    {"壹壹壹", FG_OK, "111", NULL, EX},
    {"五五", FG_OK, "55", NULL, EX},
    {"一二三", FG_OK, "123", NULL, EX},
    {"三四五", FG_OK, "345", NULL, EX},
    {"一七二零", FG_OK, "1720", NULL, EX},
    {"二〇二三", FG_OK, "2023", NULL, EX},
    {"二○○八", FG_OK, "2008", NULL, EX},
    {"负一七二零", FG_OK, "-1720", NULL, EX},
    {"一七二零点一", FG_OK, "1720.1", NULL, EX},
    {"一七二零点一三四", FG_OK, "1720.134", NULL, EX},
    {"负一七二零点一", FG_OK, "-1720.1", NULL, EX},
    {"一二点五", FG_OK, "12.5", NULL, EX}, /* a point follows: no range */
    {"一二三%", FG_OK, "1.23", NULL, EX},
    {"约一二三", FG_OK, "123", NULL, AB},
    {"一二三至一二五", FG_OK, "123", "125", RG},
    {"零一", FG_EINVAL, NULL, NULL, EX}, /* an identifier, as 007 */
    {"〇一二", FG_EINVAL, NULL, NULL, EX},
    {"两两", FG_EINVAL, NULL, NULL, EX}, /* 两 is no digit of a string */
    {"一二三万", FG_EINVAL, NULL, NULL, EX},
    {"一二点五万", FG_EINVAL, NULL, NULL, EX},
    {"一二.5", FG_EINVAL, NULL, NULL, EX},
    {"一二三点", FG_EINVAL, NULL, NULL, EX},
    /* boundaries of FG_DEC_MAX: 47 characters fit, 48 do not */
    {"12345678901234567890123456789012345678901234567", FG_OK,
     "12345678901234567890123456789012345678901234567", NULL, EX},
    {"-1234567890123456789012345678901234567890123456", FG_OK,
     "-1234567890123456789012345678901234567890123456", NULL, EX},
    {"123456789012345678901234567890123456789012345678", FG_ERANGE, NULL, NULL, EX},
    {"一万亿亿亿亿亿亿亿", FG_ERANGE, NULL, NULL, EX},
    {"1亿亿亿亿亿", FG_OK, "10000000000000000000000000000000000000000", NULL, EX},
    {"1亿亿亿亿亿亿", FG_ERANGE, NULL, NULL, EX}, /* 49 characters */
    /* refused: malformed (as cn2an's strict mode), vague, or not exact */
    {"", FG_EINVAL, NULL, NULL, EX},
    {"   ", FG_EINVAL, NULL, NULL, EX},
    {"三分之一", FG_EINVAL, NULL, NULL, EX},
    {"四千二分之三", FG_EINVAL, NULL, NULL, EX},
    {"零分之一", FG_EINVAL, NULL, NULL, EX},
    {"上百", FG_EINVAL, NULL, NULL, EX},
    {"数十", FG_EINVAL, NULL, NULL, EX},
    {"几十", FG_EINVAL, NULL, NULL, EX},
    {"几万", FG_EINVAL, NULL, NULL, EX},
    {"一百几十", FG_EINVAL, NULL, NULL, EX},
    {"百十一", FG_EINVAL, NULL, NULL, EX},
    {"十十", FG_EINVAL, NULL, NULL, EX},
    {"十一十二", FG_EINVAL, NULL, NULL, EX},
    {"负十一十二", FG_EINVAL, NULL, NULL, EX},
    {"十七十八", FG_EINVAL, NULL, NULL, EX},
    {"零十", FG_EINVAL, NULL, NULL, EX},
    {"一百零", FG_EINVAL, NULL, NULL, EX},
    {"一千零零一", FG_EINVAL, NULL, NULL, EX},
    {"二十零一", FG_EINVAL, NULL, NULL, EX},
    {"一万一万", FG_EINVAL, NULL, NULL, EX},
    {"1万20000", FG_EINVAL, NULL, NULL, EX},
    {"一百二万", FG_EINVAL, NULL, NULL, EX},
    {"3万4", FG_EINVAL, NULL, NULL, EX},
    {"零点", FG_EINVAL, NULL, NULL, EX},
    {"点零", FG_EINVAL, NULL, NULL, EX},
    {"点一", FG_EINVAL, NULL, NULL, EX},
    {"零点点", FG_EINVAL, NULL, NULL, EX},
    {"零点零大", FG_EINVAL, NULL, NULL, EX},
    {"10..1万", FG_EINVAL, NULL, NULL, EX},
    {"10.1万零100", FG_EINVAL, NULL, NULL, EX},
    {"两千万点五万", FG_EINVAL, NULL, NULL, EX},
    {"10.", FG_EINVAL, NULL, NULL, EX},
    {"3点5", FG_EINVAL, NULL, NULL, EX},
    {"负", FG_EINVAL, NULL, NULL, EX},
    {"约", FG_EINVAL, NULL, NULL, EX},
    {"5元", FG_EINVAL, NULL, NULL, EX},
    {"三个", FG_EINVAL, NULL, NULL, EX},
    {"007", FG_EINVAL, NULL, NULL, EX},
    {"1,10", FG_EINVAL, NULL, NULL, EX},
    {"1,0000", FG_EINVAL, NULL, NULL, EX},
    {"12 34", FG_EINVAL, NULL, NULL, EX},
    {"20-10", FG_EINVAL, NULL, NULL, EX},
    {"5-5", FG_EINVAL, NULL, NULL, EX},
    {"1-2-3", FG_EINVAL, NULL, NULL, EX},
    {"3至", FG_EINVAL, NULL, NULL, EX},
    {"十余至二十余", FG_EINVAL, NULL, NULL, EX},
    {"约100以上", FG_EINVAL, NULL, NULL, EX},
    {"2e5", FG_EINVAL, NULL, NULL, EX},
    {"3/5", FG_EINVAL, NULL, NULL, EX},
    {"五兆", FG_EINVAL, NULL, NULL, EX},
    {"亿万", FG_EINVAL, NULL, NULL, EX},
    {"5亿万", FG_EINVAL, NULL, NULL, EX},
    {"两来", FG_EINVAL, NULL, NULL, EX},
    {"9余", FG_EINVAL, NULL, NULL, EX},
    {"十一余", FG_EINVAL, NULL, NULL, EX},
    {"1来亿", FG_EINVAL, NULL, NULL, EX},
    {"1234余万", FG_EINVAL, NULL, NULL, EX},
    {"\xff", FG_EINVAL, NULL, NULL, EX},
    {"\xe4\xb8", FG_EINVAL, NULL, NULL, EX},          /* truncated 一 */
    {"\xc0\xb1", FG_EINVAL, NULL, NULL, EX},          /* overlong "1" */
    {"\xed\xa0\x80", FG_EINVAL, NULL, NULL, EX},      /* a surrogate */
    {"1\xf4\x90\x80\x80", FG_EINVAL, NULL, NULL, EX}, /* past U+10FFFF */
};

static void
test_numbers(void)
{
    size_t i;
    for (i = 0; i < sizeof NUM_CASES / sizeof NUM_CASES[0]; i++) {
        const struct num_case *c = &NUM_CASES[i];
        fg_number n;
        int rc = fg_norm_number(&n, c->in, strlen(c->in));
        TEST_ASSERT(rc == c->rc, "number #%zu '%s': rc %d, want %d (value %s)", i, c->in, rc, c->rc,
                    n.value.s);
        if (rc != FG_OK || c->rc != FG_OK) {
            TEST_ASSERT(rc == FG_OK || (n.value.s[0] == '\0' && n.qual == EX),
                        "number '%s': output not cleared on error", c->in);
            continue;
        }
        TEST_ASSERT(strcmp(n.value.s, c->value) == 0, "number '%s': value %s, want %s", c->in,
                    n.value.s, c->value);
        TEST_ASSERT(strcmp(n.high.s, str_or_empty(c->high)) == 0,
                    "number '%s': high '%s', want '%s'", c->in, n.high.s, str_or_empty(c->high));
        TEST_ASSERT(n.qual == c->qual, "number '%s': qual %s, want %s", c->in,
                    fg_norm_qual_name(n.qual), fg_norm_qual_name(c->qual));
        TEST_ASSERT(n.is_integer == (strchr(n.value.s, '.') == NULL && !strchr(n.high.s, '.')),
                    "number '%s': is_integer %d", c->in, n.is_integer);
    }
}

/* Captures are byte ranges inside a longer sentence, not C strings. */
static void
test_number_slices(void)
{
    static const char sent[] = "共有1234人，约3至5万元。";
    const char *p = strstr(sent, "1234");
    fg_number n;
    int rc;

    rc = fg_norm_number(&n, p, 2);
    TEST_ASSERT(rc == FG_OK && strcmp(n.value.s, "12") == 0, "slice '12': rc %d value %s", rc,
                n.value.s);
    p = strstr(sent, "约");
    rc = fg_norm_number(&n, p, strlen("约3至5万"));
    TEST_ASSERT(rc == FG_OK && strcmp(n.value.s, "30000") == 0 && strcmp(n.high.s, "50000") == 0,
                "slice '约3至5万': rc %d", rc);
    /* a slice that cuts a character in half is invalid UTF-8 */
    rc = fg_norm_number(&n, p, 1);
    TEST_ASSERT(rc == FG_EINVAL, "half a character: rc %d", rc);
    rc = fg_norm_number(NULL, "1", 1);
    TEST_ASSERT(rc == FG_EINVAL, "NULL out: rc %d", rc);
    rc = fg_norm_number(&n, NULL, 0);
    TEST_ASSERT(rc == FG_EINVAL, "NULL empty input: rc %d", rc);
    rc = fg_norm_number(&n, "1\0002", 3);
    TEST_ASSERT(rc == FG_EINVAL, "embedded NUL: rc %d", rc);
}

/* ---------------- strict mode ---------------- */

static const struct num_case STRICT_CASES[] = {
    /* well-formed numerals are read as in the normal mode */
    {"零", FG_OK, "0", NULL, EX},
    {"十", FG_OK, "10", NULL, EX},
    {"十一", FG_OK, "11", NULL, EX},
    {"一十一", FG_OK, "11", NULL, EX},
    {"拾壹", FG_OK, "11", NULL, EX},
    {"百万", FG_OK, "1000000", NULL, EX},
    {"一百零一", FG_OK, "101", NULL, EX},
    {"一百一十一", FG_OK, "111", NULL, EX},
    {"一千零十", FG_OK, "1010", NULL, EX},
    {"一千零一十", FG_OK, "1010", NULL, EX},
    {"一千一百零一", FG_OK, "1101", NULL, EX},
    {"十万零一", FG_OK, "100001", NULL, EX},
    {"十万一千", FG_OK, "101000", NULL, EX},
    {"一万零十二", FG_OK, "10012", NULL, EX},
    {"一万零百一十一", FG_OK, "10111", NULL, EX},
    {"一千零一万一千零一", FG_OK, "10011001", NULL, EX},
    {"一亿零一", FG_OK, "100000001", NULL, EX},
    {"一亿零一千", FG_OK, "100001000", NULL, EX},
    {"一亿一千万", FG_OK, "110000000", NULL, EX},
    {"一千亿一千万一千零一", FG_OK, "100010001001", NULL, EX},
    {"一千零一亿一千零一万一千零一", FG_OK, "100110011001", NULL, EX},
    {"壹拾万叁仟肆佰伍拾叁", FG_OK, "103453", NULL, EX},
    {"玖仟陆佰陆拾伍", FG_OK, "9665", NULL, EX},
    {"一万五千亿", FG_OK, "1500000000000", NULL, EX},
    {"二十万亿", FG_OK, "20000000000000", NULL, EX},
    {"两千", FG_OK, "2000", NULL, EX},
    {"廿二", FG_OK, "22", NULL, EX},
    {"负十一", FG_OK, "-11", NULL, EX},
    {"零点一", FG_OK, "0.1", NULL, EX},
    {"零点零零一", FG_OK, "0.001", NULL, EX},
    {"三点一四", FG_OK, "3.14", NULL, EX},
    {"两千万点五五", FG_OK, "20000000.55", NULL, EX},
    /* words around the numeral are read as in the normal mode */
    {"约三万", FG_OK, "30000", NULL, AB},
    {"十万以上", FG_OK, "100000", NULL, MT},
    {"三至五", FG_OK, "3", "5", RG},
    {"三至五万", FG_OK, "30000", "50000", RG},
    {"百分之五", FG_OK, "0.05", NULL, EX},
    {"四分之一", FG_OK, "0.25", NULL, EX},
    /* rule 1: Arabic digits or point anywhere */
    {"100万", FG_EINVAL, NULL, NULL, EX},
    {"100万三千", FG_EINVAL, NULL, NULL, EX},
    {"1万600", FG_EINVAL, NULL, NULL, EX},
    {"1百01", FG_EINVAL, NULL, NULL, EX},
    {"200亿零四千230", FG_EINVAL, NULL, NULL, EX},
    {"10.1万", FG_EINVAL, NULL, NULL, EX},
    {"-10.1万", FG_EINVAL, NULL, NULL, EX},
    {"16.4亿", FG_EINVAL, NULL, NULL, EX},
    {"一百点123", FG_EINVAL, NULL, NULL, EX},
    {"10.1", FG_EINVAL, NULL, NULL, EX},
    {"239", FG_EINVAL, NULL, NULL, EX},
    {"5%", FG_EINVAL, NULL, NULL, EX},
    /* rule 2: 〇 ○ */
    {"〇", FG_EINVAL, NULL, NULL, EX},
    {"一百〇一", FG_EINVAL, NULL, NULL, EX},
    {"零点〇一", FG_EINVAL, NULL, NULL, EX},
    /* rule 3: digits in a row, digit strings and adjacent-digit ranges */
    {"一一", FG_EINVAL, NULL, NULL, EX},
    {"壹壹", FG_EINVAL, NULL, NULL, EX},
    {"一一一", FG_EINVAL, NULL, NULL, EX},
    {"一二三", FG_EINVAL, NULL, NULL, EX},
    {"一七二零", FG_EINVAL, NULL, NULL, EX},
    {"一七二零点一", FG_EINVAL, NULL, NULL, EX},
    {"负一七二零", FG_EINVAL, NULL, NULL, EX},
    {"五六", FG_EINVAL, NULL, NULL, EX},
    {"三四十", FG_EINVAL, NULL, NULL, EX},
    /* rule 4: colloquial short forms */
    {"三万五", FG_EINVAL, NULL, NULL, EX},
    {"十三万五", FG_EINVAL, NULL, NULL, EX},
    {"两千六", FG_EINVAL, NULL, NULL, EX},
    {"兩千六", FG_EINVAL, NULL, NULL, EX},
    {"一百二", FG_EINVAL, NULL, NULL, EX},
    {"一百二十万三", FG_EINVAL, NULL, NULL, EX},
    {"一亿五", FG_EINVAL, NULL, NULL, EX},
    /* rule 5: a place without its digit after another place; a bare scale */
    {"一百十一", FG_EINVAL, NULL, NULL, EX},
    {"一百十六", FG_EINVAL, NULL, NULL, EX},
    {"万", FG_EINVAL, NULL, NULL, EX},
    /* rule 6: 零 missing where places are skipped, or written where not */
    {"一千一十", FG_EINVAL, NULL, NULL, EX},
    {"一亿一万", FG_EINVAL, NULL, NULL, EX},
    {"七十八万五百零六", FG_EINVAL, NULL, NULL, EX},
    {"十万零一千", FG_EINVAL, NULL, NULL, EX},
    {"一百九十万零三千九百七十一", FG_EINVAL, NULL, NULL, EX},
    {"一亿五千万零六千三百五十五", FG_EINVAL, NULL, NULL, EX},
    {"壹拾万零叁仟肆佰伍拾叁", FG_EINVAL, NULL, NULL, EX},
    /* rule 7: a fraction ending in 零, a scale after a fraction */
    {"零点零", FG_EINVAL, NULL, NULL, EX},
    {"零点零零", FG_EINVAL, NULL, NULL, EX},
    {"负零点一零", FG_EINVAL, NULL, NULL, EX},
    {"一点二万", FG_EINVAL, NULL, NULL, EX},
    /* rule 8: 余 多 来 几 inside */
    {"十余万", FG_EINVAL, NULL, NULL, EX},
    {"十来万", FG_EINVAL, NULL, NULL, EX},
    {"二十几万", FG_EINVAL, NULL, NULL, EX},
    /* malformed in any mode */
    {"", FG_EINVAL, NULL, NULL, EX},
    {"零点", FG_EINVAL, NULL, NULL, EX},
    {"百十一", FG_EINVAL, NULL, NULL, EX},
    {"十一十二", FG_EINVAL, NULL, NULL, EX},
    {"5元", FG_EINVAL, NULL, NULL, EX},
    {"壹拾壹元", FG_EINVAL, NULL, NULL, EX},
};

static void
test_strict(void)
{
    size_t i;
    for (i = 0; i < sizeof STRICT_CASES / sizeof STRICT_CASES[0]; i++) {
        const struct num_case *c = &STRICT_CASES[i];
        fg_number n;
        int rc = fg_norm_number_ex(&n, c->in, strlen(c->in), FG_NORM_STRICT);
        TEST_ASSERT(rc == c->rc, "strict #%zu '%s': rc %d, want %d (value %s)", i, c->in, rc, c->rc,
                    n.value.s);
        if (rc != FG_OK || c->rc != FG_OK) {
            TEST_ASSERT(rc == FG_OK || (n.value.s[0] == '\0' && n.qual == EX),
                        "strict '%s': output not cleared on error", c->in);
            continue;
        }
        TEST_ASSERT(strcmp(n.value.s, c->value) == 0, "strict '%s': value %s, want %s", c->in,
                    n.value.s, c->value);
        TEST_ASSERT(strcmp(n.high.s, str_or_empty(c->high)) == 0,
                    "strict '%s': high '%s', want '%s'", c->in, n.high.s, str_or_empty(c->high));
        TEST_ASSERT(n.qual == c->qual, "strict '%s': qual %s, want %s", c->in,
                    fg_norm_qual_name(n.qual), fg_norm_qual_name(c->qual));
    }
}

/* fg_norm_number is fg_norm_number_ex with flags 0, on every table row. */
static void
test_number_ex(void)
{
    static const char *const more[] = {"三万五", "一一", "五六", "10.1万", "〇", "一百十一"};
    size_t i, n = sizeof NUM_CASES / sizeof NUM_CASES[0];
    fg_number a, b;
    int ra, rb;

    for (i = 0; i < n + sizeof more / sizeof more[0]; i++) {
        const char *in = i < n ? NUM_CASES[i].in : more[i - n];
        memset(&a, 0x55, sizeof a);
        memset(&b, 0xAA, sizeof b);
        ra = fg_norm_number(&a, in, strlen(in));
        rb = fg_norm_number_ex(&b, in, strlen(in), 0);
        TEST_ASSERT(ra == rb && memcmp(&a, &b, sizeof a) == 0,
                    "number_ex '%s': rc %d / %d, value %s / %s", in, ra, rb, a.value.s, b.value.s);
    }
    /* the colloquial form is 35000 in normal mode, refused in strict mode */
    rb = fg_norm_number_ex(&b, "三万五", strlen("三万五"), 0);
    TEST_ASSERT(rb == FG_OK && strcmp(b.value.s, "35000") == 0, "三万五 normal: rc %d", rb);
    rb = fg_norm_number_ex(&b, "三万五", strlen("三万五"), FG_NORM_STRICT);
    TEST_ASSERT(rb == FG_EINVAL, "三万五 strict: rc %d", rb);
    /* unknown flag bits, NULL arguments */
    rb = fg_norm_number_ex(&b, "十", strlen("十"), 2u);
    TEST_ASSERT(rb == FG_EINVAL && b.value.s[0] == '\0', "flags 2: rc %d", rb);
    rb = fg_norm_number_ex(&b, "十", strlen("十"), FG_NORM_STRICT | 4u);
    TEST_ASSERT(rb == FG_EINVAL, "flags 5: rc %d", rb);
    rb = fg_norm_number_ex(NULL, "十", strlen("十"), FG_NORM_STRICT);
    TEST_ASSERT(rb == FG_EINVAL, "strict NULL out: rc %d", rb);
    rb = fg_norm_number_ex(&b, NULL, 1, FG_NORM_STRICT);
    TEST_ASSERT(rb == FG_EINVAL, "strict NULL input: rc %d", rb);
    rb = fg_norm_number_ex(&b, "\xff", 1, FG_NORM_STRICT);
    TEST_ASSERT(rb == FG_EINVAL, "strict bad UTF-8: rc %d", rb);
}

/* ---------------- qualifiers ---------------- */

static const struct qual_case {
    const char *in;
    int rc;
    fg_qual q;
} QUAL_CASES[] = {
    {"", FG_OK, EX},         {"约", FG_OK, AB},       {"近", FG_OK, AB},
    {"接近", FG_OK, AB},     {"大约", FG_OK, AB},     {"将近", FG_OK, AB},
    {"左右", FG_OK, AB},     {"上下", FG_OK, AB},     {" 约 ", FG_OK, AB},
    {"余", FG_OK, MT},       {"多", FG_OK, MT},       {"以上", FG_OK, MT},
    {"超过", FG_OK, MT},     {"逾", FG_OK, MT},       {"不足", FG_OK, AM},
    {"以下", FG_OK, AM},     {"不超过", FG_OK, AM},   {"多达", FG_OK, AM},
    {"不到", FG_OK, AM},     {"至多", FG_OK, AM},     {"最多", FG_OK, AM},
    {"逾越", FG_EINVAL, EX}, {"约约", FG_EINVAL, EX}, {"foo", FG_EINVAL, EX},
    {"\xff", FG_EINVAL, EX},
};

static void
test_qualifiers(void)
{
    static const struct {
        fg_qual outer, inner, want;
    } merge[] = {
        {EX, EX, EX}, {EX, MT, MT}, {AB, EX, AB}, {AB, MT, AB},
        {MT, AB, MT}, {AM, RG, RG}, {EX, RG, RG}, {RG, EX, RG},
    };
    static const char *const names[] = {"exact", "about", "more_than", "at_most", "range"};
    size_t i;

    for (i = 0; i < sizeof QUAL_CASES / sizeof QUAL_CASES[0]; i++) {
        fg_qual q = RG;
        int rc = fg_norm_qualifier(&q, QUAL_CASES[i].in, strlen(QUAL_CASES[i].in));
        TEST_ASSERT(rc == QUAL_CASES[i].rc, "qualifier '%s': rc %d", QUAL_CASES[i].in, rc);
        if (rc == FG_OK)
            TEST_ASSERT(q == QUAL_CASES[i].q, "qualifier '%s': %s", QUAL_CASES[i].in,
                        fg_norm_qual_name(q));
    }
    for (i = 0; i < sizeof merge / sizeof merge[0]; i++)
        TEST_ASSERT(fg_norm_qual_merge(merge[i].outer, merge[i].inner) == merge[i].want,
                    "merge(%s, %s)", fg_norm_qual_name(merge[i].outer),
                    fg_norm_qual_name(merge[i].inner));
    for (i = 0; i < sizeof names / sizeof names[0]; i++)
        TEST_ASSERT(strcmp(fg_norm_qual_name((fg_qual)i), names[i]) == 0, "qual name %zu", i);
}

/* ---------------- money ---------------- */

static const struct money_case {
    const char *in;
    int rc;
    const char *value, *high, *cur;
    fg_qual qual;
} MONEY_CASES[] = {
    {"21.3万元", FG_OK, "213000", NULL, "CNY", EX},
    {"5万元", FG_OK, "50000", NULL, "CNY", EX},
    {"36.57亿元", FG_OK, "3657000000", NULL, "CNY", EX},
    {"1万亿元", FG_OK, "1000000000000", NULL, "CNY", EX},
    {"人民币500万元", FG_OK, "5000000", NULL, "CNY", EX},
    {"人民币 8千元", FG_OK, "8000", NULL, "CNY", EX},
    {"8亿元人民币", FG_OK, "800000000", NULL, "CNY", EX},
    {"4人民币", FG_OK, "4", NULL, "CNY", EX},
    {"500块", FG_OK, "500", NULL, "CNY", EX},
    {"500块钱", FG_OK, "500", NULL, "CNY", EX},
    {"一千元", FG_OK, "1000", NULL, "CNY", EX},
    {"3元5角", FG_OK, "3.5", NULL, "CNY", EX},
    {"3元5角2分", FG_OK, "3.52", NULL, "CNY", EX},
    {"3元零5分", FG_OK, "3.05", NULL, "CNY", EX},
    {"5角", FG_OK, "0.5", NULL, "CNY", EX},
    {"8分", FG_OK, "0.08", NULL, "CNY", EX},
    {"五元三毛", FG_OK, "5.3", NULL, "CNY", EX},
    {"50元6角三分", FG_OK, "50.63", NULL, "CNY", EX},
    {"壹拾壹元整", FG_OK, "11", NULL, "CNY", EX},
    {"壹拾壹元壹角壹分", FG_OK, "11.11", NULL, "CNY", EX},
    {"玖仟陆佰陆拾伍圆壹角捌分", FG_OK, "9665.18", NULL, "CNY", EX},
    {"100美元", FG_OK, "100", NULL, "USD", EX},
    {"美元100", FG_OK, "100", NULL, "USD", EX},
    {"100美金", FG_OK, "100", NULL, "USD", EX},
    {"1200亿美元", FG_OK, "120000000000", NULL, "USD", EX},
    {"１．０７５３美元", FG_OK, "1.0753", NULL, "USD", EX},
    {"50美分", FG_OK, "0.5", NULL, "USD", EX},
    {"1.5亿港元", FG_OK, "150000000", NULL, "HKD", EX},
    {"10港币", FG_OK, "10", NULL, "HKD", EX},
    {"３０欧元", FG_OK, "30", NULL, "EUR", EX},
    {"1000日元", FG_OK, "1000", NULL, "JPY", EX},
    {"20英镑", FG_OK, "20", NULL, "GBP", EX},
    {"约5万元", FG_OK, "50000", NULL, "CNY", AB},
    {"人民币约500万元", FG_OK, "5000000", NULL, "CNY", AB},
    {"5万余元", FG_OK, "50000", NULL, "CNY", MT},
    {"100万余元", FG_OK, "1000000", NULL, "CNY", MT},
    {"两亿三千万元", FG_OK, "230000000", NULL, "CNY", EX},
    {"20美元", FG_OK, "20", NULL, "USD", EX},
    {"￥300", FG_OK, "300", NULL, "CNY", EX},
    {"¥1.5万", FG_OK, "15000", NULL, "CNY", EX},
    {"￥", FG_EINVAL, NULL, NULL, NULL, EX},
    {"约3.2亿元", FG_OK, "320000000", NULL, "CNY", AB},
    {"十余万元", FG_OK, "100000", NULL, "CNY", MT},
    {"100万元左右", FG_OK, "1000000", NULL, "CNY", AB},
    {"超过1亿美元", FG_OK, "100000000", NULL, "USD", MT},
    {"3至5万元", FG_OK, "30000", "50000", "CNY", RG},
    {"人民币100美元", FG_EINVAL, NULL, NULL, NULL, EX},
    {"100", FG_EINVAL, NULL, NULL, NULL, EX},
    {"元", FG_EINVAL, NULL, NULL, NULL, EX},
    {"元整", FG_EINVAL, NULL, NULL, NULL, EX},
    {"美元", FG_EINVAL, NULL, NULL, NULL, EX},
    {"人民币 美元", FG_EINVAL, NULL, NULL, NULL, EX},
    {"5角3元", FG_EINVAL, NULL, NULL, NULL, EX},
    {"3元5分2角", FG_EINVAL, NULL, NULL, NULL, EX},
    {"3元15角", FG_EINVAL, NULL, NULL, NULL, EX},
    {"美元5角", FG_EINVAL, NULL, NULL, NULL, EX},
    {"三分之一元", FG_EINVAL, NULL, NULL, NULL, EX},
    {"五角大楼", FG_EINVAL, NULL, NULL, NULL, EX},
    {"20个比特币", FG_EINVAL, NULL, NULL, NULL, EX},
};

static void
test_money(void)
{
    size_t i;
    for (i = 0; i < sizeof MONEY_CASES / sizeof MONEY_CASES[0]; i++) {
        const struct money_case *c = &MONEY_CASES[i];
        fg_money m;
        int rc = fg_norm_money(&m, c->in, strlen(c->in));
        TEST_ASSERT(rc == c->rc, "money '%s': rc %d, want %d (value %s)", c->in, rc, c->rc,
                    m.amount.value.s);
        if (rc != FG_OK || c->rc != FG_OK)
            continue;
        TEST_ASSERT(strcmp(m.amount.value.s, c->value) == 0, "money '%s': value %s, want %s", c->in,
                    m.amount.value.s, c->value);
        TEST_ASSERT(strcmp(m.amount.high.s, str_or_empty(c->high)) == 0, "money '%s': high %s",
                    c->in, m.amount.high.s);
        TEST_ASSERT(strcmp(m.currency, c->cur) == 0, "money '%s': currency %s, want %s", c->in,
                    m.currency, c->cur);
        TEST_ASSERT(m.amount.qual == c->qual, "money '%s': qual %s", c->in,
                    fg_norm_qual_name(m.amount.qual));
    }
}

/* ---------------- dates ---------------- */

#define NODOC 0, 0, 0
#define YMD(y, m, d) y, m, d

static const struct date_case {
    const char *in;
    int doc_y, doc_m, doc_d; /* all 0: no doc date */
    int rc;
    int by, bm, bd, ey, em, ed;
    int range;
    fg_date_rel rel;
    int ry, rm, rd;
} DATE_CASES[] = {
    /* absolute points */
    {"2021年6月", NODOC, FG_OK, YMD(2021, 6, 0), YMD(2021, 6, 0), 0, FG_REL_NONE, 0, 0, 0},
    {"10月11日", NODOC, FG_OK, YMD(0, 10, 11), YMD(0, 10, 11), 0, FG_REL_NONE, 0, 0, 0},
    {"10月12号", NODOC, FG_OK, YMD(0, 10, 12), YMD(0, 10, 12), 0, FG_REL_NONE, 0, 0, 0},
    {"2023年", NODOC, FG_OK, YMD(2023, 0, 0), YMD(2023, 0, 0), 0, FG_REL_NONE, 0, 0, 0},
    {"2023年10月9日", NODOC, FG_OK, YMD(2023, 10, 9), YMD(2023, 10, 9), 0, FG_REL_NONE, 0, 0, 0},
    {"二〇二三年十月十一日", NODOC, FG_OK, YMD(2023, 10, 11), YMD(2023, 10, 11), 0, FG_REL_NONE, 0,
     0, 0},
    {"二零二三年", NODOC, FG_OK, YMD(2023, 0, 0), YMD(2023, 0, 0), 0, FG_REL_NONE, 0, 0, 0},
    {"二○○八年八月八日", NODOC, FG_OK, YMD(2008, 8, 8), YMD(2008, 8, 8), 0, FG_REL_NONE, 0, 0, 0},
    {"２０２３年１０月", NODOC, FG_OK, YMD(2023, 10, 0), YMD(2023, 10, 0), 0, FG_REL_NONE, 0, 0, 0},
    {"十月十一日", NODOC, FG_OK, YMD(0, 10, 11), YMD(0, 10, 11), 0, FG_REL_NONE, 0, 0, 0},
    {"十二月三十一日", NODOC, FG_OK, YMD(0, 12, 31), YMD(0, 12, 31), 0, FG_REL_NONE, 0, 0, 0},
    {"三十一日", NODOC, FG_OK, YMD(0, 0, 31), YMD(0, 0, 31), 0, FG_REL_NONE, 0, 0, 0},
    {"廿三日", NODOC, FG_OK, YMD(0, 0, 23), YMD(0, 0, 23), 0, FG_REL_NONE, 0, 0, 0},
    {"09月05日", NODOC, FG_OK, YMD(0, 9, 5), YMD(0, 9, 5), 0, FG_REL_NONE, 0, 0, 0},
    {"2018年 12月", NODOC, FG_OK, YMD(2018, 12, 0), YMD(2018, 12, 0), 0, FG_REL_NONE, 0, 0, 0},
    {"2月29日", NODOC, FG_OK, YMD(0, 2, 29), YMD(0, 2, 29), 0, FG_REL_NONE, 0, 0, 0},
    {"2024年2月29日", NODOC, FG_OK, YMD(2024, 2, 29), YMD(2024, 2, 29), 0, FG_REL_NONE, 0, 0, 0},
    /* a month-day takes the doc date's year */
    {"10月11日", 2023, 10, 12, FG_OK, YMD(2023, 10, 11), YMD(2023, 10, 11), 0, FG_REL_RESOLVED, 0,
     0, 0},
    {"3月", 2023, 10, 12, FG_OK, YMD(2023, 3, 0), YMD(2023, 3, 0), 0, FG_REL_RESOLVED, 0, 0, 0},
    {"2月29日", 2023, 5, 1, FG_OK, YMD(0, 2, 29), YMD(0, 2, 29), 0, FG_REL_NONE, 0, 0, 0},
    {"29日", 2023, 5, 1, FG_OK, YMD(0, 0, 29), YMD(0, 0, 29), 0, FG_REL_NONE, 0, 0, 0},
    {"2021年6月", 2023, 5, 1, FG_OK, YMD(2021, 6, 0), YMD(2021, 6, 0), 0, FG_REL_NONE, 0, 0, 0},
    /* ranges: the end inherits year and month from the begin */
    {"10月9—11日", NODOC, FG_OK, YMD(0, 10, 9), YMD(0, 10, 11), 1, FG_REL_NONE, 0, 0, 0},
    {"10月9日—11日", NODOC, FG_OK, YMD(0, 10, 9), YMD(0, 10, 11), 1, FG_REL_NONE, 0, 0, 0},
    {"10月9-11日", NODOC, FG_OK, YMD(0, 10, 9), YMD(0, 10, 11), 1, FG_REL_NONE, 0, 0, 0},
    {"10月9日至11日", NODOC, FG_OK, YMD(0, 10, 9), YMD(0, 10, 11), 1, FG_REL_NONE, 0, 0, 0},
    {"10月15日至11月4日", NODOC, FG_OK, YMD(0, 10, 15), YMD(0, 11, 4), 1, FG_REL_NONE, 0, 0, 0},
    {"2023年10月15日至11月4日", NODOC, FG_OK, YMD(2023, 10, 15), YMD(2023, 11, 4), 1, FG_REL_NONE,
     0, 0, 0},
    {"2019年6月1日-6月30日", NODOC, FG_OK, YMD(2019, 6, 1), YMD(2019, 6, 30), 1, FG_REL_NONE, 0, 0,
     0},
    {"2022年至2023年", NODOC, FG_OK, YMD(2022, 0, 0), YMD(2023, 0, 0), 1, FG_REL_NONE, 0, 0, 0},
    {"1995-1997年", NODOC, FG_OK, YMD(1995, 0, 0), YMD(1997, 0, 0), 1, FG_REL_NONE, 0, 0, 0},
    {"5月-10月", NODOC, FG_OK, YMD(0, 5, 0), YMD(0, 10, 0), 1, FG_REL_NONE, 0, 0, 0},
    /* a part of a month keeps the month */
    {"6月下旬至7月上旬", NODOC, FG_OK, YMD(0, 6, 0), YMD(0, 7, 0), 1, FG_REL_NONE, 0, 0, 0},
    {"2024年3月中旬", NODOC, FG_OK, YMD(2024, 3, 0), YMD(2024, 3, 0), 0, FG_REL_NONE, 0, 0, 0},
    {"6月下旬5日", NODOC, FG_EINVAL, YMD(0, 0, 0), YMD(0, 0, 0), 0, FG_REL_NONE, 0, 0, 0},
    {"5日下旬", NODOC, FG_EINVAL, YMD(0, 0, 0), YMD(0, 0, 0), 0, FG_REL_NONE, 0, 0, 0},
    /* a verb of lasting is part of the separator */
    {"9月26日持续至10月31日", NODOC, FG_OK, YMD(0, 9, 26), YMD(0, 10, 31), 1, FG_REL_NONE, 0, 0, 0},
    {"3月1日延续至31日", NODOC, FG_OK, YMD(0, 3, 1), YMD(0, 3, 31), 1, FG_REL_NONE, 0, 0, 0},
    {"2024年5月一直到8月", NODOC, FG_OK, YMD(2024, 5, 0), YMD(2024, 8, 0), 1, FG_REL_NONE, 0, 0, 0},
    {"9月26日持续10月31日", NODOC, FG_EINVAL, YMD(0, 0, 0), YMD(0, 0, 0), 0, FG_REL_NONE, 0, 0, 0},
    {"持续至10月31日", NODOC, FG_EINVAL, YMD(0, 0, 0), YMD(0, 0, 0), 0, FG_REL_NONE, 0, 0, 0},
    /* and so is 起, "from", before 至 or 到 */
    {"12月1日起至12月31日", NODOC, FG_OK, YMD(0, 12, 1), YMD(0, 12, 31), 1, FG_REL_NONE, 0, 0, 0},
    {"2025年3月起到6月", NODOC, FG_OK, YMD(2025, 3, 0), YMD(2025, 6, 0), 1, FG_REL_NONE, 0, 0, 0},
    {"起至10月31日", NODOC, FG_EINVAL, YMD(0, 0, 0), YMD(0, 0, 0), 0, FG_REL_NONE, 0, 0, 0},
    {"2023年12月28日至1月3日", NODOC, FG_OK, YMD(2023, 12, 28), YMD(2024, 1, 3), 1, FG_REL_NONE, 0,
     0, 0},
    {"12月28日至1月3日", NODOC, FG_OK, YMD(0, 12, 28), YMD(0, 1, 3), 1, FG_REL_NONE, 0, 0, 0},
    {"12月28日至1月3日", 2023, 12, 30, FG_OK, YMD(2023, 12, 28), YMD(2024, 1, 3), 1,
     FG_REL_RESOLVED, 0, 0, 0},
    {"10月9—11日", 2023, 10, 12, FG_OK, YMD(2023, 10, 9), YMD(2023, 10, 11), 1, FG_REL_RESOLVED, 0,
     0, 0},
    /* relative, no doc date: unresolved, offsets as written, known fields kept */
    {"今年", NODOC, FG_OK, YMD(0, 0, 0), YMD(0, 0, 0), 0, FG_REL_UNRESOLVED, 0, 0, 0},
    {"去年", NODOC, FG_OK, YMD(0, 0, 0), YMD(0, 0, 0), 0, FG_REL_UNRESOLVED, -1, 0, 0},
    {"前年", NODOC, FG_OK, YMD(0, 0, 0), YMD(0, 0, 0), 0, FG_REL_UNRESOLVED, -2, 0, 0},
    {"明年", NODOC, FG_OK, YMD(0, 0, 0), YMD(0, 0, 0), 0, FG_REL_UNRESOLVED, 1, 0, 0},
    {"后年", NODOC, FG_OK, YMD(0, 0, 0), YMD(0, 0, 0), 0, FG_REL_UNRESOLVED, 2, 0, 0},
    {"去年8月", NODOC, FG_OK, YMD(0, 8, 0), YMD(0, 8, 0), 0, FG_REL_UNRESOLVED, -1, 0, 0},
    {"今年3月5日", NODOC, FG_OK, YMD(0, 3, 5), YMD(0, 3, 5), 0, FG_REL_UNRESOLVED, 0, 0, 0},
    {"本月", NODOC, FG_OK, YMD(0, 0, 0), YMD(0, 0, 0), 0, FG_REL_UNRESOLVED, 0, 0, 0},
    {"上月", NODOC, FG_OK, YMD(0, 0, 0), YMD(0, 0, 0), 0, FG_REL_UNRESOLVED, 0, -1, 0},
    {"上个月", NODOC, FG_OK, YMD(0, 0, 0), YMD(0, 0, 0), 0, FG_REL_UNRESOLVED, 0, -1, 0},
    {"下月", NODOC, FG_OK, YMD(0, 0, 0), YMD(0, 0, 0), 0, FG_REL_UNRESOLVED, 0, 1, 0},
    {"本月10日", NODOC, FG_OK, YMD(0, 0, 10), YMD(0, 0, 10), 0, FG_REL_UNRESOLVED, 0, 0, 0},
    {"今天", NODOC, FG_OK, YMD(0, 0, 0), YMD(0, 0, 0), 0, FG_REL_UNRESOLVED, 0, 0, 0},
    {"今日", NODOC, FG_OK, YMD(0, 0, 0), YMD(0, 0, 0), 0, FG_REL_UNRESOLVED, 0, 0, 0},
    {"昨天", NODOC, FG_OK, YMD(0, 0, 0), YMD(0, 0, 0), 0, FG_REL_UNRESOLVED, 0, 0, -1},
    {"昨日", NODOC, FG_OK, YMD(0, 0, 0), YMD(0, 0, 0), 0, FG_REL_UNRESOLVED, 0, 0, -1},
    {"前天", NODOC, FG_OK, YMD(0, 0, 0), YMD(0, 0, 0), 0, FG_REL_UNRESOLVED, 0, 0, -2},
    {"明天", NODOC, FG_OK, YMD(0, 0, 0), YMD(0, 0, 0), 0, FG_REL_UNRESOLVED, 0, 0, 1},
    {"明日", NODOC, FG_OK, YMD(0, 0, 0), YMD(0, 0, 0), 0, FG_REL_UNRESOLVED, 0, 0, 1},
    {"今年3月至5月", NODOC, FG_OK, YMD(0, 3, 0), YMD(0, 5, 0), 1, FG_REL_UNRESOLVED, 0, 0, 0},
    /* relative, resolved against the doc date */
    {"今年", 2023, 10, 11, FG_OK, YMD(2023, 0, 0), YMD(2023, 0, 0), 0, FG_REL_RESOLVED, 0, 0, 0},
    {"去年", 2023, 10, 11, FG_OK, YMD(2022, 0, 0), YMD(2022, 0, 0), 0, FG_REL_RESOLVED, -1, 0, 0},
    {"去年8月", 2023, 10, 11, FG_OK, YMD(2022, 8, 0), YMD(2022, 8, 0), 0, FG_REL_RESOLVED, -1, 0,
     0},
    {"今年3月5日", 2023, 10, 11, FG_OK, YMD(2023, 3, 5), YMD(2023, 3, 5), 0, FG_REL_RESOLVED, 0, 0,
     0},
    {"明年", 2023, 0, 0, FG_OK, YMD(2024, 0, 0), YMD(2024, 0, 0), 0, FG_REL_RESOLVED, 1, 0, 0},
    {"上月", 2023, 10, 11, FG_OK, YMD(2023, 9, 0), YMD(2023, 9, 0), 0, FG_REL_RESOLVED, 0, -1, 0},
    {"上月", 2023, 1, 15, FG_OK, YMD(2022, 12, 0), YMD(2022, 12, 0), 0, FG_REL_RESOLVED, 0, -1, 0},
    {"下个月", 2023, 12, 1, FG_OK, YMD(2024, 1, 0), YMD(2024, 1, 0), 0, FG_REL_RESOLVED, 0, 1, 0},
    {"本月10日", 2023, 10, 11, FG_OK, YMD(2023, 10, 10), YMD(2023, 10, 10), 0, FG_REL_RESOLVED, 0,
     0, 0},
    {"今天", 2023, 10, 11, FG_OK, YMD(2023, 10, 11), YMD(2023, 10, 11), 0, FG_REL_RESOLVED, 0, 0,
     0},
    {"昨天", 2023, 3, 1, FG_OK, YMD(2023, 2, 28), YMD(2023, 2, 28), 0, FG_REL_RESOLVED, 0, 0, -1},
    {"前天", 2024, 3, 1, FG_OK, YMD(2024, 2, 28), YMD(2024, 2, 28), 0, FG_REL_RESOLVED, 0, 0, -2},
    {"明天", 2023, 12, 31, FG_OK, YMD(2024, 1, 1), YMD(2024, 1, 1), 0, FG_REL_RESOLVED, 0, 0, 1},
    {"今年3月至5月", 2023, 10, 11, FG_OK, YMD(2023, 3, 0), YMD(2023, 5, 0), 1, FG_REL_RESOLVED, 0,
     0, 0},
    /* the doc date lacks what the word needs: unresolved, not guessed */
    {"上月", 2023, 0, 0, FG_OK, YMD(0, 0, 0), YMD(0, 0, 0), 0, FG_REL_UNRESOLVED, 0, -1, 0},
    {"昨天", 2023, 10, 0, FG_OK, YMD(0, 0, 0), YMD(0, 0, 0), 0, FG_REL_UNRESOLVED, 0, 0, -1},
    /* context words: never resolved against the doc date */
    {"次日", 2023, 10, 11, FG_OK, YMD(0, 0, 0), YMD(0, 0, 0), 0, FG_REL_UNRESOLVED, 0, 0, 1},
    {"当天", 2023, 10, 11, FG_OK, YMD(0, 0, 0), YMD(0, 0, 0), 0, FG_REL_UNRESOLVED, 0, 0, 0},
    {"当日", NODOC, FG_OK, YMD(0, 0, 0), YMD(0, 0, 0), 0, FG_REL_UNRESOLVED, 0, 0, 0},
    {"次年3月", 2023, 10, 11, FG_OK, YMD(0, 3, 0), YMD(0, 3, 0), 0, FG_REL_UNRESOLVED, 1, 0, 0},
    /* refused */
    {"", NODOC, FG_EINVAL, YMD(0, 0, 0), YMD(0, 0, 0), 0, FG_REL_NONE, 0, 0, 0},
    {"2月30日", NODOC, FG_EINVAL, YMD(0, 0, 0), YMD(0, 0, 0), 0, FG_REL_NONE, 0, 0, 0},
    {"13月", NODOC, FG_EINVAL, YMD(0, 0, 0), YMD(0, 0, 0), 0, FG_REL_NONE, 0, 0, 0},
    {"0月", NODOC, FG_EINVAL, YMD(0, 0, 0), YMD(0, 0, 0), 0, FG_REL_NONE, 0, 0, 0},
    {"32日", NODOC, FG_EINVAL, YMD(0, 0, 0), YMD(0, 0, 0), 0, FG_REL_NONE, 0, 0, 0},
    {"4月31日", NODOC, FG_EINVAL, YMD(0, 0, 0), YMD(0, 0, 0), 0, FG_REL_NONE, 0, 0, 0},
    {"2023年2月29日", NODOC, FG_EINVAL, YMD(0, 0, 0), YMD(0, 0, 0), 0, FG_REL_NONE, 0, 0, 0},
    {"1900年2月29日", NODOC, FG_EINVAL, YMD(0, 0, 0), YMD(0, 0, 0), 0, FG_REL_NONE, 0, 0, 0},
    {"去年2月29日", 2024, 5, 1, FG_EINVAL, YMD(0, 0, 0), YMD(0, 0, 0), 0, FG_REL_NONE, 0, 0, 0},
    {"2023年11日", NODOC, FG_EINVAL, YMD(0, 0, 0), YMD(0, 0, 0), 0, FG_REL_NONE, 0, 0, 0},
    {"11日10月", NODOC, FG_EINVAL, YMD(0, 0, 0), YMD(0, 0, 0), 0, FG_REL_NONE, 0, 0, 0},
    {"08年", NODOC, FG_EINVAL, YMD(0, 0, 0), YMD(0, 0, 0), 0, FG_REL_NONE, 0, 0, 0},
    {"两千年", NODOC, FG_EINVAL, YMD(0, 0, 0), YMD(0, 0, 0), 0, FG_REL_NONE, 0, 0, 0},
    {"10月9", NODOC, FG_EINVAL, YMD(0, 0, 0), YMD(0, 0, 0), 0, FG_REL_NONE, 0, 0, 0},
    {"10月份", NODOC, FG_EINVAL, YMD(0, 0, 0), YMD(0, 0, 0), 0, FG_REL_NONE, 0, 0, 0},
    {"今天5日", NODOC, FG_EINVAL, YMD(0, 0, 0), YMD(0, 0, 0), 0, FG_REL_NONE, 0, 0, 0},
    {"10月11日至10月9日", NODOC, FG_EINVAL, YMD(0, 0, 0), YMD(0, 0, 0), 0, FG_REL_NONE, 0, 0, 0},
    {"2023年至2022年", NODOC, FG_EINVAL, YMD(0, 0, 0), YMD(0, 0, 0), 0, FG_REL_NONE, 0, 0, 0},
    {"2023年10月15日至11月", NODOC, FG_EINVAL, YMD(0, 0, 0), YMD(0, 0, 0), 0, FG_REL_NONE, 0, 0, 0},
    {"5日至6月1日", NODOC, FG_EINVAL, YMD(0, 0, 0), YMD(0, 0, 0), 0, FG_REL_NONE, 0, 0, 0},
    {"去年至今年", NODOC, FG_EINVAL, YMD(0, 0, 0), YMD(0, 0, 0), 0, FG_REL_NONE, 0, 0, 0},
    {"1日至2日至3日", NODOC, FG_EINVAL, YMD(0, 0, 0), YMD(0, 0, 0), 0, FG_REL_NONE, 0, 0, 0},
    {"星期一", NODOC, FG_EINVAL, YMD(0, 0, 0), YMD(0, 0, 0), 0, FG_REL_NONE, 0, 0, 0},
    {"上半年", NODOC, FG_EINVAL, YMD(0, 0, 0), YMD(0, 0, 0), 0, FG_REL_NONE, 0, 0, 0},
    {"10月\xff日", NODOC, FG_EINVAL, YMD(0, 0, 0), YMD(0, 0, 0), 0, FG_REL_NONE, 0, 0, 0},
    {"今年", 2023, 13, 1, FG_EINVAL, YMD(0, 0, 0), YMD(0, 0, 0), 0, FG_REL_NONE, 0, 0, 0},
};

static void
test_dates(void)
{
    size_t i;
    for (i = 0; i < sizeof DATE_CASES / sizeof DATE_CASES[0]; i++) {
        const struct date_case *c = &DATE_CASES[i];
        fg_ymd doc = {c->doc_y, c->doc_m, c->doc_d};
        const fg_ymd *dp = c->doc_y || c->doc_m || c->doc_d ? &doc : NULL;
        fg_date d;
        int rc = fg_norm_date(&d, c->in, strlen(c->in), dp);
        TEST_ASSERT(rc == c->rc, "date #%zu '%s': rc %d, want %d", i, c->in, rc, c->rc);
        if (rc != FG_OK || c->rc != FG_OK)
            continue;
        TEST_ASSERT(d.begin.year == c->by && d.begin.month == c->bm && d.begin.day == c->bd,
                    "date #%zu '%s': begin %d-%d-%d, want %d-%d-%d", i, c->in, d.begin.year,
                    d.begin.month, d.begin.day, c->by, c->bm, c->bd);
        TEST_ASSERT(d.end.year == c->ey && d.end.month == c->em && d.end.day == c->ed,
                    "date #%zu '%s': end %d-%d-%d, want %d-%d-%d", i, c->in, d.end.year,
                    d.end.month, d.end.day, c->ey, c->em, c->ed);
        TEST_ASSERT(d.is_range == c->range, "date #%zu '%s': is_range %d", i, c->in, d.is_range);
        TEST_ASSERT(d.rel == c->rel, "date #%zu '%s': rel %d, want %d", i, c->in, (int)d.rel,
                    (int)c->rel);
        TEST_ASSERT(d.rel_years == c->ry && d.rel_months == c->rm && d.rel_days == c->rd,
                    "date #%zu '%s': offsets %d/%d/%d, want %d/%d/%d", i, c->in, d.rel_years,
                    d.rel_months, d.rel_days, c->ry, c->rm, c->rd);
    }
}

/* ---------------- XSD and ISO ---------------- */

static const struct xsd_case {
    int y, m, d;
    size_t size;
    fg_xsd type;
    const char *text;
} XSD_CASES[] = {
    {2023, 10, 11, 16, FG_XSD_DATE, "2023-10-11"},
    {2021, 6, 5, 16, FG_XSD_DATE, "2021-06-05"},
    {999, 1, 1, 16, FG_XSD_DATE, "0999-01-01"},
    {2023, 2, 0, 16, FG_XSD_GYEARMONTH, "2023-02"},
    {2023, 0, 0, 16, FG_XSD_GYEAR, "2023"},
    {0, 10, 11, 16, FG_XSD_GMONTHDAY, "--10-11"},
    {0, 10, 0, 16, FG_XSD_GMONTH, "--10"},
    {2023, 10, 11, 11, FG_XSD_DATE, "2023-10-11"},
    {2023, 10, 11, 10, FG_XSD_NONE, ""}, /* no room for the NUL */
    {0, 0, 11, 16, FG_XSD_NONE, ""},
    {0, 0, 0, 16, FG_XSD_NONE, ""},
    {2023, 0, 5, 16, FG_XSD_NONE, ""},
    {2023, 2, 30, 16, FG_XSD_NONE, ""},
    {2023, 13, 1, 16, FG_XSD_NONE, ""},
};

static void
test_xsd(void)
{
    static const char *const names[] = {"", "date", "gYearMonth", "gYear", "gMonthDay", "gMonth"};
    size_t i;
    char buf[16];

    for (i = 0; i < sizeof XSD_CASES / sizeof XSD_CASES[0]; i++) {
        const struct xsd_case *c = &XSD_CASES[i];
        fg_ymd p = {c->y, c->m, c->d};
        fg_xsd t;
        memset(buf, 'x', sizeof buf);
        t = fg_norm_ymd_xsd(&p, buf, c->size);
        TEST_ASSERT(t == c->type, "xsd %d-%d-%d: type %d, want %d", c->y, c->m, c->d, (int)t,
                    (int)c->type);
        TEST_ASSERT(strcmp(buf, c->text) == 0, "xsd %d-%d-%d: '%s', want '%s'", c->y, c->m, c->d,
                    buf, c->text);
    }
    TEST_ASSERT(fg_norm_ymd_xsd(NULL, buf, sizeof buf) == FG_XSD_NONE, "xsd NULL point");
    for (i = 0; i < sizeof names / sizeof names[0]; i++)
        TEST_ASSERT(strcmp(fg_norm_xsd_name((fg_xsd)i), names[i]) == 0, "xsd name %zu", i);
}

static const struct iso_case {
    const char *in;
    int rc;
    int y, m, d;
} ISO_CASES[] = {
    {"2023-10-11", FG_OK, 2023, 10, 11},
    {"2024-02-29", FG_OK, 2024, 2, 29},
    {"2000-02-29", FG_OK, 2000, 2, 29},
    {"2023-02-29", FG_EINVAL, 0, 0, 0},
    {"1900-02-29", FG_EINVAL, 0, 0, 0},
    {"2023-1-11", FG_EINVAL, 0, 0, 0},
    {"2023-10-11x", FG_EINVAL, 0, 0, 0},
    {"2023-10-1", FG_EINVAL, 0, 0, 0},
    {"2023/10/11", FG_EINVAL, 0, 0, 0},
    {"2023-13-01", FG_EINVAL, 0, 0, 0},
    {"2023-00-10", FG_EINVAL, 0, 0, 0},
    {"2023-10-00", FG_EINVAL, 0, 0, 0},
    {"0000-01-01", FG_EINVAL, 0, 0, 0},
    {"+023-10-11", FG_EINVAL, 0, 0, 0},
    {"", FG_EINVAL, 0, 0, 0},
};

/* What a relative date counts in, and whether a doc date can anchor it. */
static void
test_rel_unit(void)
{
    static const struct {
        const char *s;
        int with_doc;
        char unit;
        int context;
        fg_date_rel rel;
    } rows[] = {
        {"今年", 0, 'Y', 0, FG_REL_UNRESOLVED},     {"去年8月", 0, 'Y', 0, FG_REL_UNRESOLVED},
        {"本月十日", 0, 'M', 0, FG_REL_UNRESOLVED}, {"今天", 0, 'D', 0, FG_REL_UNRESOLVED},
        {"次日", 0, 'D', 1, FG_REL_UNRESOLVED},     {"次日", 1, 'D', 1, FG_REL_UNRESOLVED},
        {"当天", 1, 'D', 1, FG_REL_UNRESOLVED},     {"上月", 1, 'M', 0, FG_REL_RESOLVED},
        {"10月11日", 1, 'Y', 0, FG_REL_RESOLVED},   {"10月11日", 0, 0, 0, FG_REL_NONE},
        {"2023年10月", 1, 0, 0, FG_REL_NONE},
    };
    static const fg_ymd doc = {2024, 6, 15};
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        fg_date d;
        int rc = fg_norm_date(&d, rows[i].s, strlen(rows[i].s), rows[i].with_doc ? &doc : NULL);
        TEST_ASSERT(rc == FG_OK && d.rel_unit == rows[i].unit && d.rel_context == rows[i].context &&
                        d.rel == rows[i].rel,
                    "%s (doc %d): rc %d unit '%c' context %d rel %d", rows[i].s, rows[i].with_doc,
                    rc, d.rel_unit ? d.rel_unit : '0', d.rel_context, (int)d.rel);
    }
}

static void
test_iso(void)
{
    size_t i;
    fg_ymd p;
    for (i = 0; i < sizeof ISO_CASES / sizeof ISO_CASES[0]; i++) {
        const struct iso_case *c = &ISO_CASES[i];
        int rc;
        memset(&p, 0, sizeof p);
        rc = fg_norm_parse_iso_date(&p, c->in);
        TEST_ASSERT(rc == c->rc, "iso '%s': rc %d, want %d", c->in, rc, c->rc);
        if (rc == FG_OK)
            TEST_ASSERT(p.year == c->y && p.month == c->m && p.day == c->d, "iso '%s': %d-%d-%d",
                        c->in, p.year, p.month, p.day);
    }
    TEST_ASSERT(fg_norm_parse_iso_date(&p, NULL) == FG_EINVAL, "iso NULL");
}

/* ASCII digits take a short path; full-width digits take the general one,
 * which reads them as the same digits: every string of 1 to 4 digits and
 * longer ones up to 21 digits give the same result both ways, in both
 * modes (a leading 0 refused, 19 digits and more through the general
 * path). */
static void
test_digit_path(void)
{
    char ascii[32], wide[96];
    size_t bad = 0, tried = 0;
    unsigned long x = 12345;
    for (unsigned long i = 0; i < 11110 + 3000; i++) {
        size_t len;
        if (i < 11110) { /* 0-9, 00-99, 000-999, 0000-9999 */
            unsigned long v = i, base = 10;
            len = 1;
            while (v >= base) {
                v -= base;
                base *= 10;
                len++;
            }
            for (size_t k = len; k-- > 0; v /= 10)
                ascii[k] = (char)('0' + v % 10);
        } else {
            x = x * 6364136223846793005u + 1442695040888963407u;
            len = 5 + (size_t)(x >> 59) % 17;
            for (size_t k = 0; k < len; k++) {
                x = x * 6364136223846793005u + 1442695040888963407u;
                ascii[k] = (char)('0' + (x >> 60) % 10);
            }
        }
        ascii[len] = '\0';
        for (size_t k = 0; k < len; k++) { /* U+FF10.. : EF BC 90.. */
            wide[3 * k] = (char)0xEF;
            wide[3 * k + 1] = (char)0xBC;
            wide[3 * k + 2] = (char)(0x90 + ascii[k] - '0');
        }
        for (unsigned flags = 0; flags <= FG_NORM_STRICT; flags += FG_NORM_STRICT) {
            fg_number a, b;
            int ra = fg_norm_number_ex(&a, ascii, len, flags);
            int rb = fg_norm_number_ex(&b, wide, 3 * len, flags);
            tried++;
            if (ra != rb || memcmp(&a, &b, sizeof a) != 0) {
                if (bad++ < 3)
                    TEST_ASSERT(0, "'%s' (flags %u): rc %d '%s' / full width rc %d '%s'", ascii,
                                flags, ra, a.value.s, rb, b.value.s);
            }
        }
    }
    TEST_ASSERT(bad == 0, "%zu of %zu digit strings differ from their full-width form", bad, tried);
}

int
main(void)
{
    test_numbers();
    test_digit_path();
    test_number_slices();
    test_strict();
    test_number_ex();
    test_qualifiers();
    test_money();
    test_dates();
    test_xsd();
    test_rel_unit();
    test_iso();
    return TEST_DONE();
}
