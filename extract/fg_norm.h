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
 *   digit strings  "一一" = 11, "一七二零" = 1720, "壹壹" = 11, "负一七二零点一"
 *               = -1720.1: two or more digits 零〇○一…九 (or 壹…玖) and no
 *               place or scale, read digit by digit. Not when the first is
 *               零/〇 (an identifier, as "007"), not with 两, and not two
 *               ascending digits alone ("五六", "一二"): those are the range
 *               above. "五五" = 55, "一二三" = 123, "一二点五" = 12.5.
 * A fraction whose value is not a finite decimal (三分之一) is FG_EINVAL:
 * never round. Leading or trailing text that is not part of a number
 * (a measure word, "元") is FG_EINVAL: the rule captures only the number.
 * This is the normal mode: fg_norm_number_ex(out, s, len, 0).
 */
int fg_norm_number(fg_number *out, const char *s, size_t len);

/*
 * Mode flags for fg_norm_number_ex; 0 is the normal mode of fg_norm_number.
 *
 * FG_NORM_STRICT: only numerals written out in full, as cn2an's strict
 * mode wants them. Every numeral in the capture (each end of a range, each
 * part of X分之Y) must
 *   1. be Chinese characters only: no Arabic digit or point anywhere, so
 *      100万, 1万600, 1百01, 10.1万, 一百点123 and plain 10.1 are refused;
 *   2. write zero as 零, never 〇 or ○: those belong to digit-by-digit
 *      writing (二〇二三), so a lone 〇 is refused;
 *   3. write no two digits in a row: the digit strings 一一, 一二三, 一七二零
 *      and the adjacent-digit range 五六, 三四十 are refused;
 *   4. give a digit after 百, 千, 万 or 亿 its place: a last digit is the
 *      ones digit, so the colloquial 三万五, 两千六, 一百二, 一百二十万三
 *      (short for 35000 ...) break rule 6 and are refused;
 *   5. write a place without its digit (十 for 一十) only first or right
 *      after 零: 十一, 一千零十, 一万零百一十一 yes; 一百十一 no (一百一十一);
 *      and a scale never without one (万 alone is refused, 百万 is not);
 *   6. write one 零 exactly where places are skipped, places counted in
 *      sections of four (个十百千, then the 万 and 亿 sections): within a
 *      section a gap needs 零 (一千零一十, not 一千一十); after a higher
 *      section, a section that starts below its 千 place needs 零 (十万零一,
 *      一万零一十二), as does a whole empty section (一亿零一), and a section
 *      that starts at its 千 place takes none (十万一千, not 十万零一千);
 *   7. end a fraction after 点 in a non-zero digit (零点零, 负零点一零 are
 *      refused) and put no 万 or 亿 after a fraction (一点二万);
 *   8. carry no 余 多 来 几 inside (十余万, 二十几万): those are not exact.
 * Qualifier words around the numeral (约, 以上, a final 余), range
 * separators (三至五), X分之Y, 负 and % are read as in the normal mode.
 * Any other flag bit is FG_EINVAL.
 */
#define FG_NORM_STRICT 1u

/* fg_norm_number with mode flags (0 or FG_NORM_STRICT). */
int fg_norm_number_ex(fg_number *out, const char *s, size_t len, unsigned flags);

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
    /* What the relative part counts in: 'Y' (今年, and a year taken from
     * the doc date), 'M' (本月), 'D' (今天, 次日); 0 when absolute. */
    char rel_unit;
    /* 1 when only a date given earlier in the text can anchor it (次日,
     * 当天): a doc date does not resolve it. */
    int rel_context;
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
