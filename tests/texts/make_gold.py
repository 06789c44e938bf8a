#!/usr/bin/env python3
"""Writes the gold facts for the five texts in this directory (court, business,
school, government, sports) as <name>.gold.jsonl, in the format of
shared/gold/*.gold.jsonl.

Each fact is written down below with the snippet of text that is its evidence;
the script finds the snippet in the text and computes the offsets (Unicode code
points, end exclusive, of the file as read with encoding="utf-8"), so nobody
counts by hand. A snippet must occur exactly once in its text, unless the fact
gives `occ=N` (the N-th occurrence, from 0) or `ctx="..."` (a longer, unique
piece of text that contains the snippet exactly once).

usage: python3 make_gold.py           # (re)write the five .gold.jsonl files
       python3 make_gold.py --check   # only verify; exit 1 if a file is stale
Standard library only.
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


# ---------------------------------------------------------------- fact makers
def _fact(kind, fields, text, occ=None, ctx=None, optional=False):
    return dict(kind=kind, fields=fields, snippet=text, occ=occ, ctx=ctx, optional=optional)


def R(person, title, text, org=None, alts=None, **kw):
    """role: a person holds a title (one fact per person-title pair)."""
    f = dict(person=person, title=title)
    if org:
        f["org"] = org
    if alts:
        f["alts"] = alts
    return _fact("role", f, text, **kw)


def M(value, text, qualifier=None, currency="CNY", **kw):
    """money, value in whole units of the currency (yuan)."""
    f = dict(value=value, currency=currency)
    if qualifier:
        f["qualifier"] = qualifier
    return _fact("money", f, text, **kw)


def Q(value, unit, text, of=None, qualifier=None, **kw):
    """quantity: a count or measure; unit is the measure word as written."""
    f = dict(value=value, unit=unit)
    if of:
        f["of"] = of
    if qualifier:
        f["qualifier"] = qualifier
    return _fact("quantity", f, text, **kw)


def D(value, text, end_value=None, **kw):
    """date: 2024-03-26 | 2024-03 | 2024 | --03-26 (no year written); ranges get end_value."""
    f = dict(value=value)
    if end_value:
        f["end_value"] = end_value
    return _fact("date", f, text, **kw)


def E(name, text, date=None, participants=(), aliases=None, **kw):
    """event: named meeting, ceremony, fair, competition; name as the text writes it."""
    f = dict(name=name)
    if date:
        f["date"] = date
    f["participants"] = [list(p) for p in participants]
    if aliases:
        f["aliases"] = aliases
    return _fact("event", f, text, **kw)


OPT = dict(optional=True)

# ---------------------------------------------------------------------- court
COURT = [
    Q(1600, "起", "纠纷1600余起", of="纠纷", qualifier="more_than", occ=0),
    M(8600000, "近860万元", qualifier="about", occ=0),
    R("赵文静", "记者", "记者/赵文静"),
    R("孙立新", "通讯员", "通讯员/孙立新"),
    D("--07-18", "7月18日"),
    D("2024", "2024年", **OPT),  # inside the event name
    E("2024年上半年审判执行工作新闻发布会", "2024年上半年审判执行工作新闻发布会", date="--07-18",
      participants=[("郑国华", "通报"), ("林晓梅", "主持")],
      aliases=["发布会", "青山区人民法院新闻发布会"]),
    R("郑国华", "党组书记", "区法院党组书记、院长郑国华", org="区法院",
      alts=["区法院党组书记", "青山区人民法院党组书记"]),
    R("郑国华", "院长", "区法院党组书记、院长郑国华", org="区法院",
      alts=["区法院院长", "青山区人民法院院长"]),
    R("林晓梅", "党组成员", "党组成员、副院长林晓梅", alts=["区法院党组成员"], **OPT),
    R("林晓梅", "副院长", "党组成员、副院长林晓梅", alts=["区法院副院长", "青山区人民法院副院长"]),
    Q(10, "家", "十余家新闻媒体", of="新闻媒体", qualifier="more_than"),
    D("-P0Y/--01", "今年1月至6月", end_value="-P0Y/--06", **OPT),
    Q(8536, "件", "各类案件８５３６件", of="案件"),
    Q(7921, "件", "审结7921件", of="案件"),
    Q(92.8, "%", "结案率92.8%", of="结案率", **OPT),
    M(1360000000, "约13.6亿元", qualifier="about"),
    Q(5120, "件", "民商事案件5120件", of="民商事案件"),
    Q(386, "件", "刑事案件386件", of="刑事案件"),
    Q(2874, "件", "执行案件2874件", of="执行案件"),
    M(230000000, "超过2.3亿元", qualifier="more_than"),
    Q(8, "个", "8个诉讼服务站", of="诉讼服务站"),
    Q(42, "名", "特邀调解员42名", of="特邀调解员"),
    Q(1600, "起", "纠纷1600余起", of="纠纷", qualifier="more_than", occ=1),
    D("-P0Y/--03", "今年3月", **OPT),
    Q(317, "名", "317名农民工", of="农民工"),
    M(8600000, "近860万元", qualifier="about", occ=1),
    Q(5, "起", "5起典型案例", of="典型案例"),
    D("2022-09", "2022年9月"),
    M(300000, "借款30万元"),
    M(50000, "归还5万元"),
    R("何志强", "审判员", "审判员何志强"),
    Q(3, "次", "先后三次", of="调解"),
    M(250000, "剩余25万元"),
    Q(3, "套", "三套房产", of="房产"),
    R("黄建军", "局长", "区法院执行局局长黄建军", org="区法院执行局",
      alts=["执行局局长", "区法院执行局局长"]),
    D("--05-21", "5月21日"),
    Q(15, "日", "司法拘留15日", **OPT),  # a duration, not a date
    M(485000, "欠款48.5万元"),
    R("徐丽娜", "庭长", "民二庭庭长、一级法官徐丽娜", org="民二庭", alts=["民二庭庭长"]),
    R("徐丽娜", "一级法官", "民二庭庭长、一级法官徐丽娜", alts=["法官"]),
    Q(612, "件", "买卖合同纠纷612件", of="买卖合同纠纷"),
    Q(41, "天", "41天", **OPT),
    R("苏雅婷", "副庭长", "少年审判庭副庭长苏雅婷", org="少年审判庭", alts=["少年审判庭副庭长"]),
    Q(26, "场", "法治宣讲26场", of="法治宣讲"),
    Q(15000, "人", "约1.5万人", of="师生", qualifier="about"),
    Q(12, "名", "12名青年干警", of="青年干警"),
]

# ------------------------------------------------------------------- business
BUSINESS = [
    Q(12, "个", "12个项目", of="项目", occ=0),
    M(8600000000, "超过86亿元", qualifier="more_than", occ=0),
    R("邓佳怡", "记者", "记者 邓佳怡"),
    R("谢文博", "通讯员", "通讯员 谢文博"),
    D("--03-26", "3月26日"),
    D("2024", "2024年", **OPT),  # inside the event name
    E("2024年南湖区重点项目集中签约仪式", "2024年南湖区重点项目集中签约仪式", date="--03-26",
      participants=[("范志远", "出席"), ("曹雅琴", "出席"), ("彭立军", "主持")]),
    R("范志远", "区委书记", "区委书记范志远", org="区委"),
    R("曹雅琴", "区委副书记", "区委副书记、区长曹雅琴", org="区委"),
    R("曹雅琴", "区长", "区委副书记、区长曹雅琴"),
    R("彭立军", "副区长", "副区长彭立军"),
    Q(12, "个", "12个项目", of="项目", occ=1),
    M(8600000000, "超过86亿元", qualifier="more_than", occ=1),
    M(1000000000, "10亿元以上", qualifier="more_than", **OPT),  # a size class of projects
    Q(3, "个", "项目3个", of="项目"),
    M(12000000000, "年产值可达120亿元"),
    Q(4500, "个", "就业岗位约4500个", of="就业岗位", qualifier="about"),
    M(2850000000, "28.5亿元"),
    Q(2, "期", "分两期", **OPT),
    D("-P0Y/Q3", "今年第三季度", **OPT),
    R("袁海涛", "董事长", "锐能公司董事长兼总经理袁海涛", org="锐能公司",
      alts=["锐能公司董事长", "临江锐能新材料有限公司董事长"]),
    R("袁海涛", "总经理", "锐能公司董事长兼总经理袁海涛", org="锐能公司",
      alts=["锐能公司总经理", "临江锐能新材料有限公司总经理"]),
    D("-P1Y", "去年", **OPT),
    M(4120000000, "营收41.2亿元"),
    Q(2, "个月", "两个月", **OPT),
    R("蒋慧敏", "总经理", "恒川生物医药科技有限公司总经理蒋慧敏", org="恒川生物医药科技有限公司",
      alts=["恒川生物医药科技有限公司总经理"]),
    M(68000000, "6800万元"),
    Q(50, "名", "研究人员50余名", of="研究人员", qualifier="more_than"),
    Q(3, "年", "三年内", **OPT),
    Q(12, "项", "十二项发明专利", of="发明专利"),
    R("汤文斌", "局长", "南湖区投资促进局局长汤文斌", org="南湖区投资促进局",
      alts=["南湖区投资促进局局长", "投资促进局局长"]),
    D("2023", "2023年第四季度", **OPT),  # a quarter: no xsd form; the year is acceptable
    Q(6, "个", "6个产业招商专班", of="产业招商专班"),
    D("-P0Y/--01", "今年1至2月", end_value="-P0Y/--02", **OPT),
    Q(300, "家", "企业近300家", of="企业", qualifier="about"),
    Q(41, "个", "项目41个", of="项目"),
    M(135000000, "1.35亿美元", currency="USD"),
    Q(50, "家", "不少于50家企业", of="企业", qualifier="more_than"),
    E("第五届临江国际食品博览会", "第五届临江国际食品博览会", date="--04-18", participants=[]),
    R("汤文斌", "局长", "汤文斌局长", alts=["南湖区投资促进局局长", "投资促进局局长"]),
    D("--04-18", "4月18日至21日", end_value="--04-21"),
    Q(1200, "个", "标准展位1200个", of="标准展位"),
    Q(30000, "人次", "采购商3万人次", of="采购商"),
    M(960000000, "9.6亿元"),
    D("2025-06", "2025年6月"),
    M(1500000000, "不低于15亿元", qualifier="more_than"),
    R("梁佳琪", "副总经理", "该公司副总经理梁佳琪", org="临江智远机器人有限公司",
      alts=["临江智远机器人有限公司副总经理", "该公司副总经理"]),
    Q(20, "家", "二十多家制造企业", of="制造企业", qualifier="more_than"),
    M(28000000, "约2800万元", qualifier="about"),
    Q(20, "场", "活动20场以上", of="招商推介活动", qualifier="more_than"),
    M(100000000, "亿元以上项目", qualifier="more_than", **OPT),  # a size class, no numeral
    Q(30, "个", "不少于30个", of="项目", qualifier="more_than"),
]

# --------------------------------------------------------------------- school
SCHOOL = [
    Q(1860, "名", "1860名高一新生", of="高一新生"),
    R("高慧", "记者", "记者/高慧"),
    R("马晓东", "通讯员", "通讯员/马晓东"),
    D("--09-01", "9月1日"),
    D("2024", "2024年", **OPT),  # inside the event name
    E("云溪县实验中学2024年秋季开学典礼", "云溪县实验中学2024年秋季开学典礼", date="--09-01",
      participants=[("钟建平", "出席"), ("江雪梅", "出席"), ("丁振华", "致辞"), ("潘立群", "主持")],
      aliases=["云溪县实验中学秋季开学典礼"]),
    R("钟建平", "党组书记", "县教育局党组书记、局长钟建平", org="县教育局", alts=["县教育局党组书记"]),
    R("钟建平", "局长", "县教育局党组书记、局长钟建平", org="县教育局", alts=["县教育局局长"]),
    R("江雪梅", "副县长", "副县长江雪梅"),
    R("丁振华", "校长", "校长丁振华"),
    R("潘立群", "副校长", "副校长潘立群", occ=0),
    Q(5200, "人", "师生约5200人", of="师生", qualifier="about"),
    Q(1860, "名", "高一新生1860名", of="高一新生"),
    Q(36, "个", "36个教学班", of="教学班"),
    Q(48, "人", "新入职教师48人", of="新入职教师"),
    Q(19, "人", "研究生学历的19人", of="研究生学历教师"),
    D("-P1Y", "去年", **OPT),
    Q(672, "名", "672名学生", of="学生"),
    Q(91.3, "%", "上线率达91.3%", of="本科上线率", **OPT),
    E("第四十届全国中学生物理竞赛", "第四十届全国中学生物理竞赛", participants=[], **OPT),
    Q(23, "人次", "奖项23人次", of="省级以上奖项"),
    Q(8, "名", "8名教师", of="教师"),
    R("罗春燕", "班主任", "高三(2)班班主任、数学教师罗春燕", org="高三(2)班", alts=["高三(2)班班主任"]),
    R("罗春燕", "数学教师", "高三(2)班班主任、数学教师罗春燕", alts=["教师"]),
    R("罗春燕", "教师代表", "罗春燕作为教师代表", **OPT),
    Q(26, "年", "从教二十六年", **OPT),
    Q(9, "届", "九届毕业班", of="毕业班", **OPT),
    D("-P0Y/--06", "今年6月", **OPT),
    Q(51, "名", "51名学生", of="学生"),
    R("𠮷思远", "学生代表", "学生代表、高二学生𠮷思远", **OPT),
    R("𠮷思远", "高二学生", "学生代表、高二学生𠮷思远", alts=["学生"]),
    E("第十五届县青少年科技创新大赛", "第十五届县青少年科技创新大赛", participants=[], **OPT),
    Q(2, "名", "两名同学", of="同学", **OPT),
    R("潘立群", "副校长", "副校长潘立群", occ=1),
    M(3800000, "约380万元", qualifier="about"),
    Q(12, "间", "12间智慧教室", of="智慧教室"),
    Q(16000, "册", "图书1.6万册", of="图书"),
    Q(5, "天", "为期5天", **OPT),
    Q(14, "名", "教官14名", of="教官"),
    Q(120, "场次", "社团活动120余场次", of="社团活动", qualifier="more_than"),
    Q(42, "门", "选修课程42门", of="选修课程"),
    Q(3, "所", "3所学校", of="学校"),
    R("孔令辉", "校长助理", "校长助理、教务处主任孔令辉"),
    R("孔令辉", "主任", "校长助理、教务处主任孔令辉", org="教务处", alts=["教务处主任"]),
    E("第二十届校园文化艺术节", "第二十届校园文化艺术节", date="--10", participants=[]),
    D("--10", "10月下旬", **OPT),
    Q(30, "项", "活动近30项", of="活动", qualifier="about"),
    E("第三十一届田径运动会", "第三十一届田径运动会", date="--11", participants=[]),
    D("--11", "11月中旬", **OPT),
    Q(28, "个", "比赛项目28个", of="比赛项目"),
    Q(1500, "人次", "超过1500人次", of="参赛学生", qualifier="more_than"),
    R("龚凡林", "家长代表", "新生家长代表、白沙镇村民龚凡林", alts=["新生家长代表"], **OPT),
]

# ----------------------------------------------------------------- government
GOVERNMENT = [
    R("魏婷婷", "记者", "记者/魏婷婷"),
    R("常宏斌", "通讯员", "通讯员/常宏斌"),
    D("--01-08", "1月8日"),
    E("白沙区第六届人民代表大会第三次会议", "白沙区第六届人民代表大会第三次会议", date="--01-08",
      participants=[("钱振宇", "出席"), ("严秀芳", "出席"), ("于建明", "主持"), ("秦立华", "作报告")],
      aliases=["白沙区六届人大三次会议", "六届人大三次会议", "开幕会"]),
    Q(198, "名", "代表198名", of="代表"),
    Q(186, "名", "实到186名", of="代表"),
    R("钱振宇", "区委书记", "区委书记钱振宇", org="区委"),
    R("严秀芳", "主席", "区政协主席严秀芳", org="区政协", alts=["区政协主席"]),
    R("于建明", "主任", "区人大常委会主任于建明", org="区人大常委会", alts=["区人大常委会主任"]),
    R("秦立华", "区委副书记", "区委副书记、区长秦立华", org="区委"),
    R("秦立华", "区长", "区委副书记、区长秦立华"),
    D("2023", "2023年", ctx="回顾了2023年工作"),
    M(51260000000, "512.6亿元"),
    M(3870000000, "38.7亿元"),
    Q(21000, "人", "就业2.1万人", of="城镇新增就业"),
    Q(3, "%", "3%以内", of="城镇登记失业率", qualifier="up_to", **OPT),
    Q(136, "个", "重点项目136个", of="重点项目"),
    M(21000000000, "约210亿元", qualifier="about"),
    Q(12000, "户", "超过1.2万户", of="市场主体", qualifier="more_than"),
    Q(27, "家", "工业企业27家", of="规模以上工业企业"),
    Q(11, "所", "幼儿园十一所", of="中小学和幼儿园"),
    Q(8000, "个", "学位近八千个", of="学位", qualifier="about"),
    Q(46, "个", "老旧小区46个", of="老旧小区"),
    Q(18000, "户", "居民1.8万户", of="居民"),
    M(98000000, "9800余万元", qualifier="more_than"),
    Q(35000, "人次", "困难群众3.5万人次", of="困难群众"),
    Q(41.5, "%", "41.5%", of="森林覆盖率", **OPT),
    D("2024", "2024年", ctx="报告提出，2024年"),
    Q(10, "件", "十件民生实事", of="民生实事"),
    M(4500000000, "不低于45亿元", qualifier="more_than"),
    D("2024", "2024年至2026年", end_value="2026"),
    Q(30, "个", "项目30个以上", of="城市更新项目", qualifier="more_than"),
    M(15000000000, "超过150亿元", qualifier="more_than"),
    R("侯文杰", "区委常委", "区委常委、常务副区长侯文杰", org="区委"),
    R("侯文杰", "常务副区长", "区委常委、常务副区长侯文杰"),
    D("2023", "2023年", ctx="关于2023年国民经济", **OPT),  # inside a report's title
    D("2024", "2024年", ctx="及2024年计划草案", **OPT),  # inside a report's title
    D("-P1Y", "去年", **OPT),
    R("方静", "局长", "区财政局局长方静", org="区财政局", alts=["区财政局局长", "财政局局长"]),
    D("2023", "2023年", ctx="2023年全区一般公共预算支出"),
    M(6430000000, "64.3亿元"),
    Q(78, "%", "占比达78%", of="民生支出占比", **OPT),
    D("--01-09", "1月9日"),
    Q(5, "件", "议案5件", of="议案"),
    Q(156, "件", "建议和意见156件", of="建议和意见"),
    D("--01-10", "1月10日"),
    E("第二次全体会议", "第二次全体会议", date="--01-10", participants=[],
      aliases=["大会第二次全体会议"]),
    Q(1, "名", "副区长1名", of="副区长"),
]

# --------------------------------------------------------------------- sports
SPORTS = [
    Q(42, "枚", "42枚金牌", of="金牌"),
    R("唐志鹏", "记者", "记者/唐志鹏"),
    R("宋雨萱", "实习生", "实习生/宋雨萱"),
    Q(10, "天", "历时十天", **OPT),
    E("临江市第九届运动会", "临江市第九届运动会", ctx="历时十天的临江市第九届运动会", date="--05-03",
      participants=[("冯建国", "宣布闭幕"), ("邹海燕", "致辞")],
      aliases=["市运会"]),
    D("--05-03", "5月3日至12日", end_value="--05-12"),
    D("--05-12", "12日", ctx="，12日晚", **OPT),  # the month is only implied
    R("冯建国", "副市长", "副市长冯建国"),
    R("邹海燕", "局长", "市体育局局长邹海燕", org="市体育局", alts=["市体育局局长", "体育局局长"]),
    E("闭幕式", "闭幕式", participants=[("冯建国", "颁奖")], occ=0, **OPT),
    Q(6, "个", "6个代表团", of="代表团"),
    Q(48, "名", "48名运动员", of="运动员"),
    Q(18, "个", "18个大项", of="大项"),
    Q(316, "个", "316个小项", of="小项"),
    Q(9, "个", "9个区县代表团", of="区县代表团"),
    Q(3200, "名", "3200余名运动员", of="运动员", qualifier="more_than"),
    Q(600, "名", "近600名", of="裁判员、工作人员", qualifier="about"),
    Q(42, "枚", "金牌42枚", of="金牌"),
    Q(35, "枚", "银牌35枚", of="银牌"),
    Q(28, "枚", "铜牌28枚", of="铜牌"),
    Q(5, "名", "５名运动员", of="运动员"),
    Q(2, "支", "2支接力队", of="接力队"),
    Q(11, "项", "11项市纪录", of="市纪录"),
    D("--05-11", "5月11日"),
    E("女子篮球决赛", "女子篮球决赛", date="--05-11", participants=[], **OPT),
    R("邵琳琳", "队长", "南湖区队队长邵琳琳", org="南湖区队", alts=["南湖区队队长"]),
    Q(26, "分", "拿下26分", **OPT),  # a player's points: a statistic, not a count of things
    Q(12, "个", "12个篮板", of="篮板", **OPT),
    E("男子足球决赛", "男子足球决赛", participants=[], **OPT),
    R("许浩然", "队长", "青山区队队长、前锋许浩然", org="青山区队", alts=["青山区队队长"]),
    R("许浩然", "前锋", "青山区队队长、前锋许浩然", **OPT),  # a playing position
    R("曾德明", "国家一级裁判员", "国家一级裁判员曾德明", alts=["裁判员", "一级裁判员"]),
    R("潘志勇", "主教练", "南湖区队主教练潘志勇", org="南湖区队", alts=["南湖区队主教练"]),
    Q(17, "岁", "17岁", **OPT),
    E("赛后新闻发布会", "赛后新闻发布会", participants=[("程立伟", "回答提问")], **OPT),
    R("程立伟", "主教练", "青山区队主教练程立伟", org="青山区队", alts=["青山区队主教练"]),
    Q(3, "名", "3名队员", of="队员"),
    Q(14, "岁", "14岁", **OPT),
    R("卢心怡", "运动员", "云溪县运动员卢心怡", org="云溪县", alts=["云溪县运动员"]),
    Q(5, "枚", "5枚金牌", of="金牌"),
    Q(136.08, "秒", "2分16秒08", **OPT),  # a race time
    R("方永刚", "教练", "教练、云溪县业余体校教师方永刚"),
    R("方永刚", "教师", "教练、云溪县业余体校教师方永刚", org="云溪县业余体校",
      alts=["云溪县业余体校教师"]),
    Q(4, "小时", "超过4小时", qualifier="more_than", **OPT),
    D("-P0Y/--03", "今年3月", **OPT),
    Q(12000, "人次", "约1.2万人次", of="观众", qualifier="about"),
    Q(5, "个", "5个群众比赛项目", of="群众比赛项目"),
    Q(1000, "名", "近千名市民", of="市民", qualifier="about"),
    D("+P1Y", "明年", **OPT),
    E("第十六届省运会", "第十六届省运会", participants=[], **OPT),
]

TEXTS = dict(court=COURT, business=BUSINESS, school=SCHOOL, government=GOVERNMENT, sports=SPORTS)

# ------------------------------------------------------------------ machinery
FIELD_ORDER = ["type", "person", "title", "org", "alts", "name", "value", "end_value", "currency",
               "unit", "of", "qualifier", "date", "participants", "aliases",
               "start", "end", "text", "optional"]
DATE_RE = re.compile(r"^(\d{4}(-\d{2}(-\d{2})?)?|--\d{2}(-\d{2})?)$")
RELATIVE_RE = re.compile(r"^[-+]P\d+Y(/(--\d{2}|Q[1-4]))?$")
QUALIFIERS = {"about", "more_than", "up_to"}
HAN = re.compile(r"[\u3400-\u9fff\U00020000-\U0003ffff]")


def find_all(hay, needle):
    out, i = [], hay.find(needle)
    while i >= 0:
        out.append(i)
        i = hay.find(needle, i + 1)
    return out


def locate(doc, f, where):
    snip = f["snippet"]
    if f["ctx"] is not None:
        cs = find_all(doc, f["ctx"])
        assert len(cs) == 1, "%s: context %r found %d times" % (where, f["ctx"], len(cs))
        inner = find_all(f["ctx"], snip)
        assert len(inner) == 1, "%s: %r found %d times in its context" % (where, snip, len(inner))
        start = cs[0] + inner[0]
    else:
        hits = find_all(doc, snip)
        assert hits, "%s: %r not found" % (where, snip)
        if f["occ"] is None:
            assert len(hits) == 1, "%s: %r found %d times; give occ= or ctx=" % (where, snip, len(hits))
            start = hits[0]
        else:
            assert f["occ"] < len(hits), "%s: %r has no occurrence %d" % (where, snip, f["occ"])
            start = hits[f["occ"]]
    end = start + len(snip)
    assert doc[start:end] == snip, where
    return start, end


def check_fact(doc, rec, where):
    t = rec["type"]
    if t == "role":
        assert rec["person"] in rec["text"], "%s: person not in span" % where
        assert rec["title"] in doc, "%s: title not in text" % where
    elif t == "money":
        assert isinstance(rec["value"], (int, float)) and rec["value"] > 0, where
        assert re.fullmatch(r"[A-Z]{3}", rec["currency"]), where
    elif t == "quantity":
        assert isinstance(rec["value"], (int, float)) and rec["value"] > 0, where
        assert rec["unit"] in rec["text"], "%s: unit %r not in span" % (where, rec["unit"])
    elif t == "date":
        for k in ("value", "end_value"):
            if k in rec:
                ok = DATE_RE.match(rec[k]) or (rec["optional"] and RELATIVE_RE.match(rec[k]))
                assert ok, "%s: bad %s %r" % (where, k, rec[k])
    elif t == "event":
        assert rec["name"] in doc, "%s: event name not in text" % where
        for person, _ in rec["participants"]:
            assert person in doc, "%s: participant %s not in text" % (where, person)
        if "date" in rec:
            assert DATE_RE.match(rec["date"]), where
    else:
        raise AssertionError("%s: unknown type %s" % (where, t))
    if "qualifier" in rec:
        assert rec["qualifier"] in QUALIFIERS, where


def build(name, facts):
    doc = open(os.path.join(HERE, name + ".txt"), encoding="utf-8").read()
    han = len(HAN.findall(doc))
    assert 600 <= han <= 1200 and len(doc) <= 1200, "%s: %d Han characters, %d in all" % (name, han, len(doc))
    recs, seen = [], set()
    for i, f in enumerate(facts):
        where = "%s fact %d (%s %r)" % (name, i, f["kind"], f["snippet"])
        start, end = locate(doc, f, where)
        rec = dict(type=f["kind"], **f["fields"])
        rec.update(start=start, end=end, text=f["snippet"], optional=f["optional"])
        check_fact(doc, rec, where)
        key = json.dumps({k: v for k, v in rec.items() if k != "optional"}, ensure_ascii=False, sort_keys=True)
        assert key not in seen, "%s: duplicate fact" % where
        seen.add(key)
        recs.append({k: rec[k] for k in FIELD_ORDER if k in rec})
    recs.sort(key=lambda r: (r["start"], r["end"]))
    body = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs)
    return doc, han, recs, body


def main():
    check = "--check" in sys.argv[1:]
    stale = False
    for name, facts in TEXTS.items():
        doc, han, recs, body = build(name, facts)
        path = os.path.join(HERE, name + ".gold.jsonl")
        old = open(path, encoding="utf-8").read() if os.path.exists(path) else None
        if check:
            if old != body:
                stale = True
                print("%s: stale, rerun make_gold.py" % path)
        elif old != body:
            with open(path, "w", encoding="utf-8") as out:
                out.write(body)
        counts = {}
        for r in recs:
            k = r["type"] + ("(opt)" if r["optional"] else "")
            counts[k] = counts.get(k, 0) + 1
        print("%-11s %4d chars %4d Han  %s" % (name, len(doc), han,
              " ".join("%s=%d" % kv for kv in sorted(counts.items()))))
    sys.exit(1 if stale else 0)


if __name__ == "__main__":
    main()
