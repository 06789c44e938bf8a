/*
 * fg_norm.h - Chinese numbers, money and dates to exact canonical values.
 * SPDX-License-Identifier: MIT
 *
 * The normaliser is pure: no allocation, no I/O, no global state. Every
 * function reads a UTF-8 byte range that a rule captured and fills a caller
 * struct. Numbers stay exact decimal strings from end to end: "1.23456万"
 * is "12345.6" and no binary floating point is ever used on the way.
 *
 * Return value of every parser: FG_OK (0) on success, FG_EINVAL when the
 * text is not a well-formed value of that kind (the caller drops the fact
 * rather than guess), FG_ERANGE when it is well formed but too large for
 * FG_DEC_MAX digits.
 */
#ifndef FG_NORM_H
#define FG_NORM_H

#include <stddef.h>

#include "factgrep.h"

/* Longest canonical decimal, sign and point included, plus the NUL. */
#define FG_DEC_MAX 48

/*
 * A canonical decimal string: an optional '-', no leading zeros (but "0"
 * before a point), a fraction only when it is non-zero and then without
 * trailing zeros, never "-0". Examples: "0", "213000", "12345.6", "0.5".
 */
typedef struct fg_dec {
    char s[FG_DEC_MAX];
} fg_dec;

/* ORDER FG_QUAL: fg_norm_qual_name() indexes a table in this order. */
typedef enum fg_qual {
    FG_QUAL_EXACT = 0, /* no qualifier */
    FG_QUAL_ABOUT,     /* 约 近 接近 左右 上下 大约 将近 …: value is approximate */
    FG_QUAL_MORE_THAN, /* 余 多 以上 超过 逾 …: value is a lower bound */
    FG_QUAL_AT_MOST,   /* 不足 以下 不超过 多达 不到 …: value is an upper bound */
    FG_QUAL_RANGE      /* 三至五, 10-20, 五六个: value..high */
} fg_qual;

typedef struct fg_number {
    fg_dec value; /* the number; for FG_QUAL_RANGE the low end */
    fg_dec high;  /* FG_QUAL_RANGE only: the high end; else empty */
    fg_qual qual;
    int is_integer; /* value (and high) have no fraction */
} fg_number;

/*
 * Parses a whole string as one number, with optional qualifiers around it.
 *   digits      "239", "２３９" (full width), "1,100", "21.3", "２１．３"
 *   Chinese     "两百零五", "一万零一十二", "二十万亿", "壹仟贰佰", "十", "〇"
 *   mixed       "3万4000", "1.2亿", "21.3万", "十余万" (余 inside: more than)
 *   fractions   "三分之一" (0.3333…? no: exact only, see below), "百分之五" = 0.05, "5%" = 0.05
 *   qualifiers  prefix 约/近/接近/大约/将近/超过/逾/不足/不到/不超过/多达,
 *               suffix 余/多/以上/以下/左右/上下
 *   ranges      "三至五", "10-20", "10~20", "五六" (adjacent digits = range)
 * A fraction whose value is not a finite decimal (三分之一) is FG_EINVAL:
 * never round. Leading or trailing text that is not part of a number
 * (a measure word, "元") is FG_EINVAL: the rule captures only the number.
 */
int fg_norm_number(fg_number *out, const char *s, size_t len);

/*
 * Parses a standalone qualifier word such as "约", "近", "以上", "多达".
 * Empty input (len 0) gives FG_QUAL_EXACT. Unknown words are FG_EINVAL.
 */
int fg_norm_qualifier(fg_qual *out, const char *s, size_t len);

/* Combines a separately captured qualifier with one found inside the number. */
fg_qual fg_norm_qual_merge(fg_qual outer, fg_qual inner);

/* Stable ASCII name: "exact", "about", "more_than", "at_most", "range". */
const char *fg_norm_qual_name(fg_qual q);

typedef struct fg_money {
    fg_number amount; /* in the currency's main unit: 5角 is 0.5 CNY */
    char currency[4]; /* ISO 4217: "CNY", "USD", "EUR", "HKD", "JPY", "GBP" */
} fg_money;

/*
 * Parses a money expression: a number followed by a currency unit, or a
 * currency word before it.
 *   "21.3万元" = 213000 CNY, "5万元" = 50000 CNY, "36.57亿元" = 3657000000 CNY,
 *   "人民币500万元", "500块", "3元5角" = 3.5, "5角" = 0.5, "8分" = 0.08,
 *   "100美元" USD, "1.5亿港元" HKD, "３０欧元" EUR, "1000日元" JPY, "20英镑" GBP.
 * Qualifiers are accepted as in fg_norm_number ("约5万元", "5万余元").
 */
int fg_norm_money(fg_money *out, const char *s, size_t len);

/* A calendar point; a field is 0 when the text does not give it. */
typedef struct fg_ymd {
    int year;  /* e.g. 2023; 0 = unknown */
    int month; /* 1..12; 0 = unknown */
    int day;   /* 1..31; 0 = unknown */
} fg_ymd;

/* ORDER FG_DATE_REL */
typedef enum fg_date_rel {
    FG_REL_NONE = 0,  /* absolute as written */
    FG_REL_RESOLVED,  /* relative (今年, 去年8月, 上月) and resolved against the doc date */
    FG_REL_UNRESOLVED /* relative, and no doc date was given (or 次日: needs context) */
} fg_date_rel;

typedef struct fg_date {
    fg_ymd begin;
    fg_ymd end;   /* equals begin unless is_range */
    int is_range; /* 10月9—11日, 10月15日至11月4日 */
    fg_date_rel rel;
    /* For FG_REL_UNRESOLVED: the offset as written, e.g. years = -1 and
     * month = 8 for 去年8月; used to write "-P1Y/--08"-like notes. */
    int rel_years, rel_months, rel_days;
} fg_date;

/*
 * Parses a date or a date range.
 *   "2021年6月", "10月11日", "2023年", "二〇二三年十月十一日", "２０２３年１０月"
 *   "10月9—11日", "10月9日-11日", "10月15日至11月4日", "2023年10月15日至11月4日"
 *   relative: "今年", "去年8月", "明年", "上月", "本月", "今天", "昨天", "次日"
 * doc_date may be NULL. A month-day without a year stays yearless unless
 * doc_date is given, then the doc date's year is used. Relative expressions
 * without doc_date are FG_REL_UNRESOLVED and keep the begin fields they know
 * (去年8月 gives month 8, year 0). Invalid dates (2月30日, 13月) are FG_EINVAL.
 */
int fg_norm_date(fg_date *out, const char *s, size_t len, const fg_ymd *doc_date);

/* ORDER FG_XSD */
typedef enum fg_xsd {
    FG_XSD_NONE = 0,
    FG_XSD_DATE,       /* 2023-10-11 */
    FG_XSD_GYEARMONTH, /* 2023-10 */
    FG_XSD_GYEAR,      /* 2023 */
    FG_XSD_GMONTHDAY,  /* --10-11 */
    FG_XSD_GMONTH      /* --10 */
} fg_xsd;

/*
 * Writes the XSD lexical form of a point into buf (at least 16 bytes) and
 * returns its datatype, or FG_XSD_NONE when the point has no month and no
 * year. "2023-02", "--10-11", "2023", "2021-06-05".
 */
fg_xsd fg_norm_ymd_xsd(const fg_ymd *p, char *buf, size_t size);

/* XSD local name for a datatype: "date", "gYearMonth", "gYear", "gMonthDay", "gMonth". */
const char *fg_norm_xsd_name(fg_xsd t);

/* Parses "YYYY-MM-DD" strictly (a real calendar date). FG_OK or FG_EINVAL. */
int fg_norm_parse_iso_date(fg_ymd *out, const char *s);

#endif
