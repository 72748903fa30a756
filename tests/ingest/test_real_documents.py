"""The parser on real government documents (tests/data/real) against answers written by hand before it ran.

The floors sit just under the figures `bench/extraction.py --set real` printed when they were set
(see README, "Extraction quality"): a change that costs one document to win another fails here.
"""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("extraction_bench", ROOT / "bench" / "extraction.py")
assert _spec and _spec.loader
bench = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = bench  # dataclasses look their module up there
_spec.loader.exec_module(bench)

# Session 71: task_units_exact 0.97 -> 0.94 and unit_recall 0.98 -> 0.97, disclosed. Items no clause gives units are
# read by their sentences (tests/data/real/README.md, settled 2026-12-07); the 48 such items' answers were re-read by a
# helper who had not read the parser, who gave 26 of them units: the parser reads 9 of those 26 as written and gives
# none of the 22 left empty a unit.
FLOORS = {
    "task_units_exact": 0.94, "unit_precision": 0.99, "unit_recall": 0.97, "target_recall": 0.89,
    "target_precision": 0.88, "years_right": 0.95, "incentive_recall": 0.73, "incentive_precision": 0.98,
    "questions_exact": 1.0,  # "哪些任务由X负责" all exact: the bar, not a floor under it
}
# The held-out documents were measured once before any fix for them (bench/results/extraction-heldout-first.*);
# these floors only keep later changes from losing what the fixes after that measurement won.
# The second held-out set likewise (extraction-heldout2-first.*: 0.60 of its tasks exact, then 0.79 after its fixes).
HELDOUT_FLOORS = {
    # (0.85 after its fixes; 0.91 since the benchmark finds table-row anchors in their rows, not the body.)
    # unit_precision 0.96 -> 0.95 in session 71 (disclosed): the settled sentence reading of items no clause gives units,
    # which these writers left without (lingchuan 2019's 保障措施, shanghai 2025's 组织领导).
    "heldout": {"task_units_exact": 0.89, "unit_precision": 0.95, "unit_recall": 0.93, "years_right": 0.92},
    "heldout2": {"task_units_exact": 0.78, "unit_precision": 0.96, "unit_recall": 0.85, "years_right": 0.95},
    # Third set: 0.35 measured once, 0.53 after its fixes (extraction-heldout3-first.*), 0.71 since a rectification
    # list's measures say who does them (session 48).
    "heldout3": {"task_units_exact": 0.69, "unit_precision": 0.79, "unit_recall": 0.85, "years_right": 0.80},
    # Fourth: 0.46 measured once, 0.96 after its table rules; fifth: 0.63 measured once, 0.81 after its fixes.
    "heldout4": {"task_units_exact": 0.94, "unit_precision": 0.97, "unit_recall": 0.96, "years_right": 0.97},
    "heldout5": {"task_units_exact": 0.78, "unit_precision": 0.95, "unit_recall": 0.84, "years_right": 0.68},
    # Sixth: 0.77 measured once, 0.79 after its fixes (extraction-heldout6-first.*).
    "heldout6": {"task_units_exact": 0.77, "unit_precision": 0.96, "unit_recall": 0.87, "years_right": 0.95},
    # Seventh: 0.82 measured once (extraction-heldout7-first.*), no rule from it kept.
    # task_units_exact 0.80 -> 0.72, unit_precision 0.95 -> 0.90 in session 71 (disclosed): the settled sentence reading;
    # these writers left the 保障措施 items of three documents without units.
    "heldout7": {"task_units_exact": 0.72, "unit_precision": 0.90, "unit_recall": 0.89, "years_right": 0.95},
    # Eighth: 0.57 measured once (extraction-heldout8-first.*), 0.94 after its fixes; 0.917 since session 57 reads
    # "区建管委根据…，明确…" as 区建管委 acting (two of 普陀's items whose writer gave none; +7 tasks over other sets);
    # unit precision 0.969 since session 65 reads the body after 由 as doing the work ("由区规划资源局…征询区建管委意见",
    # a unit 普陀's writer did not give; +14 tasks over all sets).
    "heldout8": {"task_units_exact": 0.91, "unit_precision": 0.96, "unit_recall": 0.93, "years_right": 0.93},
    # Ninth: 0.58 measured once (extraction-heldout9-first.*), 0.84 after its fixes.
    "heldout9": {"task_units_exact": 0.82, "unit_precision": 0.87, "unit_recall": 0.85, "years_right": 0.95},
    # Tenth: 0.72 measured once (extraction-heldout10-first.*), 0.82 after its fixes.
    "heldout10": {"task_units_exact": 0.80, "unit_precision": 0.94, "unit_recall": 0.89, "years_right": 0.95},
    # Eleventh: 0.56 measured once (extraction-heldout11-first.*), 0.81 after its fixes.
    "heldout11": {"task_units_exact": 0.78, "unit_precision": 0.97, "unit_recall": 0.79, "years_right": 0.95},
    # Twelfth: 0.27 measured once (extraction-heldout12-first.*), 0.69 after its fixes.
    "heldout12": {"task_units_exact": 0.66, "unit_precision": 0.97, "unit_recall": 0.58, "years_right": 0.80},
    # Thirteenth: 0.68 measured once (extraction-heldout13-first.*), 0.87 after its fixes.
    "heldout13": {"task_units_exact": 0.84, "unit_precision": 0.97, "unit_recall": 0.86, "years_right": 0.92},
    # Fourteenth: 0.47 measured once (extraction-heldout14-first.*), 0.84 after its fixes and four reviews.
    "heldout14": {"task_units_exact": 0.80, "unit_precision": 0.96, "unit_recall": 0.80, "years_right": 0.90},
    # Fifteenth: 0.55 measured once (extraction-heldout15-first.*), 0.90 after its fixes (stacked tables, project annexes).
    "heldout15": {"task_units_exact": 0.86, "unit_precision": 0.93, "unit_recall": 0.86, "years_right": 0.94},
    # Sixteenth: 0.76 measured once (extraction-heldout16-first.*), 0.91 after its fixes (a convention in a bracket of
    # its own, named partners in bare lists, a heading's deadline).
    "heldout16": {"task_units_exact": 0.88, "unit_precision": 0.97, "unit_recall": 0.88, "years_right": 0.95},
    # Seventeenth: 0.49 measured once (extraction-heldout17-first.*), 0.86 after its fixes (a policy list's cited 文号,
    # bare cities sharing 市政府, long office lists with partners, a 目标任务 chapter's work), 0.90 since its stacked
    # 分工表 in bracketed rows reads (session 47).
    "heldout17": {"task_units_exact": 0.87, "unit_precision": 0.97, "unit_recall": 0.92, "years_right": 0.95},
    # Eighteenth: 0.54 measured once (extraction-heldout18-first.*), 0.90 after its fixes (起草 as a duty, a section's
    # opening sentence naming who does its work).
    "heldout18": {"task_units_exact": 0.87, "unit_precision": 0.97, "unit_recall": 0.91, "years_right": 0.62},
    # Nineteenth: 0.93 measured once (extraction-heldout19-first.*); its misses are units only in sentences, left.
    "heldout19": {"task_units_exact": 0.90, "unit_precision": 0.97, "unit_recall": 0.92, "years_right": 0.87},
    # Twentieth: 0.36 measured once (extraction-heldout20-first.*), 0.54 after its fixes (a committee and its
    # government named once, villages after 及, a clause closing a chapter's opening); 金井's units from a flattened
    # annex table and 岚经发's leads from its flattened 工作清单 stay unread.
    "heldout20": {"task_units_exact": 0.51, "unit_precision": 0.94, "unit_recall": 0.80, "years_right": 0.84},
    # Twenty-first: 0.20 measured once (extraction-heldout21-first.*), 0.40 after two of its forms (a key's body word
    # with a second in brackets, 责任处室（单位）：; a working group's name before its roles); units only in sentences
    # and an emergency plan's decimal sections (2.1, 3.2.1) stay unread.
    # unit_precision 0.90 -> 0.50 in session 71 (disclosed): the settled sentence reading gives 山东 2020's emergency plan,
    # whose decimal sections are read as a few long items, every body their sentences name (12 -> 95 units, 32 right).
    "heldout21": {"task_units_exact": 0.37, "unit_precision": 0.50, "unit_recall": 0.24, "years_right": 0.95},
    # Twenty-second: 0.62 measured once (extraction-heldout22-first.*), 0.69 after one form (责任对象：); a flattened
    # supervision-group table and sentence subjects stay unread.
    "heldout22": {"task_units_exact": 0.66, "unit_precision": 0.97, "unit_recall": 0.72, "years_right": 0.95},
    # Twenty-third: 0.49 measured once (extraction-heldout23-first.*), 0.62 after two of its forms (a clause that ends
    # with when its work is due; roles said of bodies, 为牵头单位); units only in sentences and a research plan whose
    # leads are people stay unread. (Its one dated target gives no years floor.)
    "heldout23": {"task_units_exact": 0.59, "unit_precision": 0.95, "unit_recall": 0.58},
    # Twenty-fourth: 0.32 measured once (extraction-heldout24-first.*), 0.71 after its forms (a task table flattened
    # with spaces, a list inside a stacked table's cell, a section of duties under another chapter).
    "heldout24": {"task_units_exact": 0.68, "unit_precision": 0.94, "unit_recall": 0.70, "years_right": 0.95},
    # Twenty-fifth: 0.35 measured once (extraction-heldout25-first.*), 0.75 after its forms (a working group's heading,
    # "A为牵头单位，B、C配合", power lists by 实施主体, flattened PDF pages, a division line "责任分工：…").
    "heldout25": {"task_units_exact": 0.72, "unit_precision": 0.93, "unit_recall": 0.81, "years_right": 0.95},
    # Twenty-sixth: 0.44 measured once (extraction-heldout26-first.*), 0.88 after its forms (measure rows under a
    # numbered row's merged cells, names split by a cell's line break, "等处室" and bare fields before a 处).
    "heldout26": {"task_units_exact": 0.85, "unit_precision": 0.95, "unit_recall": 0.92, "years_right": 0.94},
    # Twenty-seventh: 0.60 measured once (extraction-heldout27-first.*; 0.69 with the bench reading half-width brackets
    # in answers), 1.00 after its forms (a zone's prefix, levels in brackets, a comma-listed convention, tax relief).
    # Its years are the writers' call on a plan's own year (贵州's Q4 plan), hence the low floor.
    "heldout27": {"task_units_exact": 0.97, "unit_precision": 0.97, "unit_recall": 0.97, "years_right": 0.60},
    # Twenty-eighth: 0.42 measured once (extraction-heldout28-first.*), 0.55 after its forms (groups before a lead share
    # it, a line closing each chapter, 分别负责). 广东's 76 tasks all differ only in the convention's collective: its
    # writer names it 各地级以上市人民政府 where the convention writes 各市.
    "heldout28": {"task_units_exact": 0.52, "unit_precision": 0.84, "unit_recall": 0.84, "years_right": 0.80},
    # Twenty-ninth: 0.88 measured once (extraction-heldout29-first.*; 0.90 with the bench finding row anchors whose cells
    # the row rewrites), 0.90 after "A会同B" in a unit list; its misses are rows under merged cells drawn empty.
    "heldout29": {"task_units_exact": 0.87, "unit_precision": 0.97, "unit_recall": 0.87, "years_right": 0.95},
    # Thirtieth: 0.65 measured once (extraction-heldout30-first.*), 0.89 after its forms (a convention opened by the
    # measures it covers, a 责任单位 line of sentences, a measure's clause closing its last point, 上半年/年内 as the year
    # of issue); its misses are 平潭 2014's guarantee measures, whose units only their sentences name.
    "heldout30": {"task_units_exact": 0.86, "unit_precision": 0.97, "unit_recall": 0.91, "years_right": 0.80},
    # Thirty-first: 0.90 measured once (extraction-heldout31-first.*), 0.98 after its forms (a lead's part in brackets,
    # a post's duties owned by no body, a preamble's goals after its purpose clause).
    "heldout31": {"task_units_exact": 0.95, "unit_precision": 0.97, "unit_recall": 0.97, "years_right": 0.95},
    # Thirty-second: 0.71 measured once (extraction-heldout32-first.*), 0.98 after its forms (a convention closed by
    # 配合, a bureau's divisions listed bare, a party committee's departments); its misses are guarantee measures whose
    # units only their sentences name.
    "heldout32": {"task_units_exact": 0.95, "unit_precision": 0.97, "unit_recall": 0.97, "years_right": 0.95},
    # Thirty-third: 0.79 measured once (extraction-heldout33-first.*), 1.00 after one form (bracketed clauses between the
    # sentences they assign). Its years are a writer's call (安徽's measures valid to 2023-12-31: every figure 2023).
    "heldout33": {"task_units_exact": 0.97, "unit_precision": 0.97, "unit_recall": 0.97, "years_right": 0.30},
    # Thirty-fourth: 0.92 measured once (extraction-heldout34-first.*), 1.00 after its forms (angle brackets after a
    # name, a list broken over lines, "逗号前为牵头单位"). No figure in it states a year, so it has no years floor.
    "heldout34": {"task_units_exact": 0.97, "unit_precision": 0.97, "unit_recall": 0.97},
    # Thirty-fifth: 0.88 measured once (extraction-heldout35-first.*), 0.89 after its forms (a sentence end inside a
    # unit clause, a schedule line's deadline); its misses are a writer's reading of "各区县政府(含…管委会,下同)" as
    # more units (three earlier writers kept the one collective) and units said in 保障措施 sentences.
    "heldout35": {"task_units_exact": 0.86, "unit_precision": 0.97, "unit_recall": 0.88, "years_right": 0.95},
    # Thirty-sixth: 0.36 measured once (extraction-heldout36-first.*), 0.86 after its forms (a database's angle
    # brackets in a collective's name, "以下政策均需…", "人行苏州中支", a government and zones joined by 和); its misses
    # are 淮安's units said only in sentences (no clause in the document) and "A等有关部门", whose writer kept A alone.
    "heldout36": {"task_units_exact": 0.83, "unit_precision": 0.97, "unit_recall": 0.93, "years_right": 0.95},
    # Thirty-seventh: 0.83 measured once (extraction-heldout37-first.*), 0.85 after its form (a broadcaster among the
    # offices); its misses are "各市、县人民政府", which its writer split and the development set's writers keep whole,
    # and items with several clauses, whose later clauses' first units the parser lets lead.
    "heldout37": {"task_units_exact": 0.82, "unit_precision": 0.95, "unit_recall": 0.93, "years_right": 0.95},
    # Thirty-eighth: 0.60 measured once (extraction-heldout38-first.*), 0.94 after its forms (a 责任部门 line after a
    # section's items covering them, 主办/承办 lines, 牵头负责单位); its misses are a chapter clause over two sections and
    # a 试点单位 line its writer read as units.
    "heldout38": {"task_units_exact": 0.90, "unit_precision": 0.97, "unit_recall": 0.86, "years_right": 0.95},
    # Thirty-ninth: 0.66 measured once (extraction-heldout39-first.*), 0.92 after its forms (属地责任 lines, a
    # collective's places lent to bare offices, a duties chapter's items headed "A牵头…工作"); its misses are 工作要求
    # items whose units only their sentences name. No figure in it has a year, so it has no years floor.
    "heldout39": {"task_units_exact": 0.88, "unit_precision": 0.97, "unit_recall": 0.90},
    # Fortieth: 0.34 measured once (extraction-heldout40-first.*), 0.70 after its forms (a rectification table's
    # 存在问题 and 整改责任单位 columns, a row opening with a number, a long body's duties section); its misses are units
    # said only in sentences (宝山, 奉贤, 虹口).
    "heldout40": {"task_units_exact": 0.66, "unit_precision": 0.90, "unit_recall": 0.54, "years_right": 0.95},
    # Forty-first: 0.60 measured once (extraction-heldout41-first.*), 0.68 after its forms (a list of offices' duties
    # ending "；", the places of its last line); its misses are units said only in sentences.
    "heldout41": {"task_units_exact": 0.64, "unit_precision": 0.92, "unit_recall": 0.22, "years_right": 0.95},
    # Forty-second: 0.54 measured once (extraction-heldout42-first.*), unchanged after its one form (a chapter named
    # "明确总体要求" holds no tasks); its misses are 上海 2019's and 平潭's units said only in sentences. Unit precision
    # floor 0.97 -> 0.95 in session 59 (disclosed): "3.落实镇政府管养职责。镇政府配合做好…改革工作，负责做好乡道、村道的
    # 管理养护工作" now gives 镇人民政府 a part, where its writer gave the item only the chapter's 相关区政府.
    # task_units_exact 0.50 -> 0.45, unit_precision 0.95 -> 0.85 in session 71 (disclosed): the settled sentence reading;
    # 上海 2020 农村公路's writer left its 保障措施 items without units.
    "heldout42": {"task_units_exact": 0.45, "unit_precision": 0.85, "unit_recall": 0.28, "years_right": 0.85},
    # Forty-third: 0.57 measured once (extraction-heldout43-first.*), 0.63 after its forms (a duties chapter's offices
    # acting in later sentences, a schedule's stages, an archive as an office); its misses are 吴泾's sub-items under a
    # "由居委、物业公司落实…，具体工作如下" line and units its writers read from objects ("与A、B协作").
    "heldout43": {"task_units_exact": 0.60, "unit_precision": 0.96, "unit_recall": 0.58, "years_right": 0.95},
    # Forty-fourth: 0.60 measured once (extraction-heldout44-first.*), 0.72 after its forms (a chapter opening "A实施以下
    # 四项工作制度：", an item numbered "l.", a list's level lent to its bare offices, units its sections' owners give as
    # sentence readings); its misses are 崇明's organisation chapter and units its writers read from objects. No figure
    # in it has a year, so it has no years floor.
    "heldout44": {"task_units_exact": 0.68, "unit_precision": 0.95, "unit_recall": 0.50},
    # Forty-fifth: 0.55 measured once (extraction-heldout45-first.*), 0.59 after its forms (a case passed to bodies
    # "由其负责", an owner's second name, departments by their field sharing a kind); its misses are 奉贤's articles,
    # whose units its writer read from approvals and filings, and 平潭's section opening naming a partner for its list.
    "heldout45": {"task_units_exact": 0.55, "unit_precision": 0.95, "unit_recall": 0.52, "years_right": 0.95},
    # Forty-sixth: 0.66 measured once (extraction-heldout46-first.*), 0.95 after its forms ("根据各自职责分别组织实施" closing
    # a list, measures of several clauses closed by "；", a measure's clause after its points where the plan's last
    # measure runs into its closing words). No figure in it has a year, so it has no years floor.
    "heldout46": {"task_units_exact": 0.90, "unit_precision": 0.96, "unit_recall": 0.92},
    # Forty-seventh: 0.73 measured once (extraction-heldout47-first.*), 0.91 after its forms (a measure's clause after its
    # points judged by the measures numbered as it is across the plan; a scan's "-、" chapter and "1降低…" item). Its
    # misses are 长沙's OCR slips ("责任任部门：") and a 工作专班 item whose writer took its members as units.
    "heldout47": {"task_units_exact": 0.86, "unit_precision": 0.95, "unit_recall": 0.88},
    # Forty-eighth: 0.69 measured once (extraction-heldout48-first.*), 0.99 after its forms (a plan given as one run-on
    # line cut before its numbers; a clause the line ends before its bracket closed).
    "heldout48": {"task_units_exact": 0.94, "unit_precision": 0.95, "unit_recall": 0.95},
    # Forty-ninth: 0.72 measured once (extraction-heldout49-first.*), 0.98 after the benchmark read a database's angle
    # brackets as round ones (常德's "市住建局〈市人防办〉", one office under two names). Its misses are writers' readings:
    # an item's three clauses, one a sentence, whose units the writer ranked by order; "A等有关部门" left out.
    "heldout49": {"task_units_exact": 0.93, "unit_precision": 0.95, "unit_recall": 0.95},
    # Fiftieth: 0.70 measured once (extraction-heldout50-first.*), 0.78 after its forms (roles a sentence states on its
    # way leave the sentence reading on; "A作为…主体，要…"; a duty list's own offices; a 政策名称 column; towns with their
    # zone). Left: 松江's "A与B做好…", 一老一小's annex row its body restates, units writers read from a group's roster.
    "heldout50": {"task_units_exact": 0.73, "unit_precision": 0.94, "unit_recall": 0.86},
    # Fifty-first: 0.58 measured once (extraction-heldout51-first.*), 0.67 after a heading that ends saying whose duties
    # follow ("二、三级网格（苏平片区管理局）工作职责："). Left: 苏平's annex of duties by office, whose writer made the
    # bureaus each office helps its partners; 奉贤's "区农业农村、生态环境…等部门按照各自职责…" in a plan of clauses.
    "heldout51": {"task_units_exact": 0.62, "unit_precision": 0.93, "unit_recall": 0.60},
    # Fifty-second: 0.45 measured once (extraction-heldout52-first.*); 0.72 after its forms: a post's duties section
    # ("1．轨道交通站长职责") names the post; "各学校要…", "各片区", "各处室（中心）", "综合执法队" in sentences; a list's
    # opening 各/属地 is each name's; a few roles stated on the way leave a long plan's sentences read. Left: 静安's
    # "各方职责" paragraph (a body per sentence, one item), 轨道交通车站/轨交公安 (no body of government by their names),
    # 大招商's sentences without a modal verb ("各片区、区直部门分别成立…", "区财金局按照…做好…").
    "heldout52": {"task_units_exact": 0.70, "unit_precision": 0.95, "unit_recall": 0.74},
    # Fifty-third: 0.36 measured once (extraction-heldout53-first.*), after the fifty-second set's rules (before their
    # review); 0.71 after its forms: a lead's role ending its group at a 、 ("市交通委牵头负责、各区政府组织落实", every
    # clause of 上海 燃气), "主要任务及分工" sections by body, a body's duties heading in a field ("各街镇（经开区）消防工作
    # 责任"). Left: 松江's duty lines whose later sentences name other bodies (its writer's partners), rosters, regulated
    # parties its writer took as units (机关、团体、企业…).
    "heldout53": {"task_units_exact": 0.68, "unit_precision": 0.95, "unit_recall": 0.65},
    # Fifty-fourth: 0.35 measured once (extraction-heldout54-first.*), after the fifty-third set's rules and their
    # review; 0.72 after its forms: fields sharing a list's kind (信息化, 经贸, Shanghai's 绿化市容…; a level the first
    # names; an office among them), the benchmark leaving "区县" out as a level, who is said to lead (牵头) over the
    # first to share a duty, "建设主管部门要…". Left: 平潭's item 39 whose clause sits on the next heading, 君山's
    # 护林员 (a post named in sentences), 上海's units in sentences without a modal verb.
    "heldout54": {"task_units_exact": 0.69, "unit_precision": 0.90, "unit_recall": 0.76},
    # Fifty-fifth: 0.80 measured once (extraction-heldout55-first.*), with session 55's final parser; not yet read for
    # its forms (头桥's units said in sentences, 0.35). Floors at the first measurement.
    # Fifty-fifth, read in session 56: no rule kept for it (头桥's units said in procedure sentences, 联席办 and 管理办
    # defined by 以下简称; a rule for such names tried: +2 and −1 tasks over every set).
    "heldout55": {"task_units_exact": 0.77, "unit_precision": 0.95, "unit_recall": 0.83},
    # Fifty-sixth: 0.76 measured once (extraction-heldout56-first.*), with 2139a1d; read in session 56 (0.81 after).
    # Floors at the first measurement.
    "heldout56": {"task_units_exact": 0.73, "unit_precision": 0.95, "unit_recall": 0.76},
    # Fifty-seventh: 0.27 measured once (extraction-heldout57-first.*), with 6dee466; read in session 56 (0.28 after: its
    # 公立医院 plan's annex table, whose cells its source runs together, left). Floors at the first measurement.
    "heldout57": {"task_units_exact": 0.25, "unit_precision": 0.67, "unit_recall": 0.57},
    # Fifty-eighth: 0.83 measured once (extraction-heldout58-first.*), with 5e99e60; read in session 56 (0.87 after).
    # Floors at the first measurement.
    "heldout58": {"task_units_exact": 0.80, "unit_precision": 0.80, "unit_recall": 0.85},
    # Fifty-ninth: 0.68 measured once (extraction-heldout59-first.*), with session 56's final parser (f589f63); read in
    # session 57 (0.75 after). Floors at the first measurement.
    "heldout59": {"task_units_exact": 0.65, "unit_precision": 0.48, "unit_recall": 0.74},
    # Sixtieth: 0.33 measured once (extraction-heldout60-first.*), with c62522e; floors at the first measurement.
    "heldout60": {"task_units_exact": 0.30, "unit_precision": 0.50, "unit_recall": 0.25},
    # Sixty-first: 0.60 measured once (extraction-heldout61-first.*), with f6468a5; floors at the first measurement.
    "heldout61": {"task_units_exact": 0.57, "unit_precision": 0.90, "unit_recall": 0.63},
    # Sixty-second: 0.42 measured once (extraction-heldout62-first.*), with 23fa575 (the session's final parser); not yet
    # read for its forms. Floors at the first measurement.
    "heldout62": {"task_units_exact": 0.40, "unit_precision": 0.58, "unit_recall": 0.33},
    # Sixty-third: 0.19 measured once (extraction-heldout63-first.*), with 9e393be; floors at the first measurement,
    # but unit precision 0.58 -> 0.44 after 8c93612: 君山's unnumbered duty paragraphs are one item by the README's
    # rule and eight tasks by its writer's, and the item now carries all seven bodies the paragraphs name (four before),
    # each counted against each of the eight.
    "heldout63": {"task_units_exact": 0.17, "unit_precision": 0.44, "unit_recall": 0.13},
    # Sixty-fourth: 0.28 measured once (extraction-heldout64-first.*), with 8fa9e32; floors at the first measurement.
    "heldout64": {"task_units_exact": 0.26, "unit_precision": 0.76, "unit_recall": 0.16},
    # Sixty-fifth: 0.66 measured once (extraction-heldout65-first.*), with d063d3f; floors at the first measurement.
    "heldout65": {"task_units_exact": 0.63, "unit_precision": 0.97, "unit_recall": 0.57},
    # Sixty-sixth: 0.53 measured once (extraction-heldout66-first.*), with 01c9856; floors at the first measurement.
    "heldout66": {"task_units_exact": 0.50, "unit_precision": 0.97, "unit_recall": 0.53},
    # Sixty-seventh: 0.45 measured once (extraction-heldout67-first.*), with 4afb422; floors at the first measurement.
    "heldout67": {"task_units_exact": 0.42, "unit_precision": 0.94, "unit_recall": 0.41},
    # Sixty-eighth: 0.53 measured once (extraction-heldout68-first.*), with 6fd430c; floors at the first measurement.
    "heldout68": {"task_units_exact": 0.50, "unit_precision": 0.97, "unit_recall": 0.51},
    # Sixty-ninth: 0.54 measured once (extraction-heldout69-first.*), with b7e529e; floors at the first measurement.
    "heldout69": {"task_units_exact": 0.51, "unit_precision": 0.54, "unit_recall": 0.29},
    # Seventieth: 0.46 measured once (extraction-heldout70-first.*), with 89b880c; floors at the first measurement.
    "heldout70": {"task_units_exact": 0.43, "unit_precision": 0.95, "unit_recall": 0.30},
    # Seventy-first: 0.10 measured once (extraction-heldout71-first.*), with a6a2db5; floors at the first measurement.
    "heldout71": {"task_units_exact": 0.07, "unit_precision": 0.88, "unit_recall": 0.05},
    # Seventy-second: 0.74 measured once (extraction-heldout72-first.*), with ba38233; floors at the first measurement.
    "heldout72": {"task_units_exact": 0.71, "unit_precision": 0.97, "unit_recall": 0.75},
    # Seventy-third: 0.33 measured once (extraction-heldout73-first.*), with 0ae535e; floors at the first measurement.
    "heldout73": {"task_units_exact": 0.30, "unit_precision": 0.97, "unit_recall": 0.17},
    # Seventy-fourth: 0.51 measured once (extraction-heldout74-first.*), with 5da5b50; floors at the first measurement.
    "heldout74": {"task_units_exact": 0.48, "unit_precision": 0.91, "unit_recall": 0.70},
    # Seventy-fifth: 0.43 measured once (extraction-heldout75-first.*), with 20b8a02; floors at the first measurement.
    "heldout75": {"task_units_exact": 0.40, "unit_precision": 0.94, "unit_recall": 0.51},
    # Seventy-sixth: 0.57 measured once (extraction-heldout76-first.*), with 0af83c2; floors at the first measurement.
    "heldout76": {"task_units_exact": 0.54, "unit_precision": 0.93, "unit_recall": 0.63},
    # Seventy-seventh: 0.20 measured once (extraction-heldout77-first.*), with 48139f2; floors at the first measurement.
    "heldout77": {"task_units_exact": 0.17, "unit_precision": 0.64, "unit_recall": 0.04},
    # Seventy-eighth: 0.70 measured once (extraction-heldout78-first.*), with 763ba89; floors at the first measurement.
    "heldout78": {"task_units_exact": 0.67, "unit_precision": 0.94, "unit_recall": 0.79},
    # Seventy-ninth: 0.30 measured once (extraction-heldout79-first.*), with 349c27c; floors at the first measurement.
    "heldout79": {"task_units_exact": 0.27, "unit_precision": 0.26, "unit_recall": 0.55},
    # Eightieth: 0.56 measured once (extraction-heldout80-first.*), with 6b36820; floors at the first measurement.
    "heldout80": {"task_units_exact": 0.52, "unit_precision": 0.57, "unit_recall": 0.70},
    # Eighty-first: 0.17 measured once (extraction-heldout81-first.*), with 05688df; floors at the first measurement.
    "heldout81": {"task_units_exact": 0.14, "unit_precision": 0.91, "unit_recall": 0.11},
    # Eighty-second: 0.43 measured once (extraction-heldout82-first.*), with 5a2ba8d; floors at the first measurement.
    "heldout82": {"task_units_exact": 0.40, "unit_precision": 0.92, "unit_recall": 0.22},
    # Eighty-third: 0.40 measured once (extraction-heldout83-first.*), with 2992ec1; floors at the first measurement.
    "heldout83": {"task_units_exact": 0.37, "unit_precision": 0.12, "unit_recall": 0.36},
    # Eighty-fourth: 0.65 measured once (extraction-heldout84-first.*), with ffc42f2; floors at the first measurement.
    "heldout84": {"task_units_exact": 0.62, "unit_precision": 0.83, "unit_recall": 0.79},
    # Eighty-fifth: 0.35 measured once (extraction-heldout85-first.*), with e897924; floors at the first measurement.
    "heldout85": {"task_units_exact": 0.32, "unit_precision": 0.84, "unit_recall": 0.23},
    # Eighty-sixth: 0.62 measured once (extraction-heldout86-first.*), with 86961a4; floors at the first measurement.
    "heldout86": {"task_units_exact": 0.59, "unit_precision": 0.93, "unit_recall": 0.68},
    # Eighty-seventh: 0.67 measured once (extraction-heldout87-first.*), with 62e4efe; floors at the first measurement.
    "heldout87": {"task_units_exact": 0.64, "unit_precision": 0.87, "unit_recall": 0.30},
    # Eighty-eighth: 0.56 measured once (extraction-heldout88-first.*), with 2299c1c; floors at the first measurement.
    "heldout88": {"task_units_exact": 0.53, "unit_precision": 0.92, "unit_recall": 0.39},
    # Eighty-ninth: 0.57 measured once (extraction-heldout89-first.*), with d317d1b; floors at the first measurement.
    "heldout89": {"task_units_exact": 0.53, "unit_precision": 0.94, "unit_recall": 0.49},
    # Ninetieth: 0.60 measured once (extraction-heldout90-first.*), with 1d73ba0; floors at the first measurement.
    "heldout90": {"task_units_exact": 0.56, "unit_precision": 0.76, "unit_recall": 0.23},
    # Ninety-first: 0.53 measured once (extraction-heldout91-first.*), with 078a0b5; floors at the first measurement.
    "heldout91": {"task_units_exact": 0.49, "unit_precision": 0.87, "unit_recall": 0.29},
    # Ninety-second: 0.48 measured once (extraction-heldout92-first.*), with 5fc81e8; floors at the first measurement.
    "heldout92": {"task_units_exact": 0.45, "unit_precision": 0.38, "unit_recall": 0.27},
    # Ninety-third: 0.29 measured once (extraction-heldout93-first.*), with aaede9e; floors at the first measurement.
    "heldout93": {"task_units_exact": 0.26, "unit_precision": 0.24, "unit_recall": 0.36},
    # Ninety-fourth: 0.67 measured once (extraction-heldout94-first.*), with aaede9e; floors at the first measurement.
    "heldout94": {"task_units_exact": 0.64, "unit_precision": 0.97, "unit_recall": 0.31},
    # Ninety-fifth: 0.14 measured once (extraction-heldout95-first.*), with 0161258; floors at the first measurement.
    "heldout95": {"task_units_exact": 0.11, "unit_precision": 0.96, "unit_recall": 0.35},
    # Ninety-sixth: 0.52 measured once (extraction-heldout96-first.*), with 423c4f2; floors at the first measurement.
    "heldout96": {"task_units_exact": 0.49, "unit_precision": 0.86, "unit_recall": 0.28},
    # Ninety-seventh: 0.62 measured once (extraction-heldout97-first.*), with f668414; floors at the first measurement.
    "heldout97": {"task_units_exact": 0.59, "unit_precision": 0.88, "unit_recall": 0.13},
    # Ninety-eighth: 0.69 measured once (extraction-heldout98-first.*), with 2d3083a; floors at the first measurement.
    "heldout98": {"task_units_exact": 0.66, "unit_precision": 0.93, "unit_recall": 0.41},
    # Ninety-ninth: 0.52 measured once (extraction-heldout99-first.*), with a0846df; floors at the first measurement.
    "heldout99": {"task_units_exact": 0.49, "unit_precision": 0.97, "unit_recall": 0.26},
    # Hundredth: 0.68 measured once (extraction-heldout100-first.*), with 6603295; floors at the first measurement.
    "heldout100": {"task_units_exact": 0.65, "unit_precision": 0.92, "unit_recall": 0.31},
    # Hundred-and-first: 0.18 measured once (extraction-heldout101-first.*), with b267363; floors at the first measurement.
    "heldout101": {"task_units_exact": 0.15, "unit_precision": 0.95, "unit_recall": 0.23},
    # Hundred-and-second: 0.57 measured once (extraction-heldout102-first.*), with f450fb3; floors at the first measurement.
    "heldout102": {"task_units_exact": 0.54, "unit_precision": 0.94, "unit_recall": 0.50},
    # Hundred-and-third: 0.95 measured once (extraction-heldout103-first.*), with 9213ae0; floors at the first measurement.
    "heldout103": {"task_units_exact": 0.92, "unit_precision": 0.97, "unit_recall": 0.83},
    # Hundred-and-fourth: 0.37 measured once (extraction-heldout104-first.*), with 24e229c; floors at the first measurement.
    "heldout104": {"task_units_exact": 0.34, "unit_precision": 0.58, "unit_recall": 0.52},
    # Hundred-and-fifth: 0.42 measured once (extraction-heldout105-first.*), with 3c619bc; floors at the first measurement.
    "heldout105": {"task_units_exact": 0.39, "unit_precision": 0.66, "unit_recall": 0.31},
    # Hundred-and-sixth: 0.53 measured once (extraction-heldout106-first.*), with fbf2fd8, the first set measured after
    # session 71's settled sentence reading; floors at the first measurement.
    "heldout106": {"task_units_exact": 0.50, "unit_precision": 0.85, "unit_recall": 0.33},
    # Hundred-and-seventh: 0.58 measured once (extraction-heldout107-first.*), with 632d61e; floors at the first measurement.
    "heldout107": {"task_units_exact": 0.55, "unit_precision": 0.97, "unit_recall": 0.71},
    # Hundred-and-eighth: 0.63 measured once (extraction-heldout108-first.*), with 75d9351; floors at the first measurement.
    "heldout108": {"task_units_exact": 0.60, "unit_precision": 0.97, "unit_recall": 0.34},
    # Hundred-and-ninth: 0.43 measured once (extraction-heldout109-first.*), with 0130c45; floors at the first measurement.
    "heldout109": {"task_units_exact": 0.40, "unit_precision": 0.95, "unit_recall": 0.36},
    # Hundred-and-tenth: 0.53 measured once (extraction-heldout110-first.*), with 4b3a770; floors at the first measurement.
    "heldout110": {"task_units_exact": 0.50, "unit_precision": 0.94, "unit_recall": 0.37},
    # Hundred-and-eleventh: 0.47 measured once (extraction-heldout111-first.*), with d3185ef; floors at the first measurement.
    "heldout111": {"task_units_exact": 0.44, "unit_precision": 0.91, "unit_recall": 0.32},
    # Hundred-and-twelfth: 0.42 measured once (extraction-heldout112-first.*), with f112a1e; floors at the first measurement.
    "heldout112": {"task_units_exact": 0.39, "unit_precision": 0.48, "unit_recall": 0.44},
    # Hundred-and-thirteenth: 0.79 measured once (extraction-heldout113-first.*), with 280b06f; floors at the first measurement.
    "heldout113": {"task_units_exact": 0.76, "unit_precision": 0.77, "unit_recall": 0.60},
    # Hundred-and-fourteenth: 0.57 measured once (extraction-heldout114-first.*), with 77d1897; floors at the first measurement.
    "heldout114": {"task_units_exact": 0.54, "unit_precision": 0.95, "unit_recall": 0.44},
    # Hundred-and-fifteenth: 0.45 measured once (extraction-heldout115-first.*), with 65ed01f; floors at the first measurement.
    "heldout115": {"task_units_exact": 0.42, "unit_precision": 0.86, "unit_recall": 0.33},
    # Hundred-and-sixteenth: 0.66 measured once (extraction-heldout116-first.*), with 718da10; floors at the first measurement.
    "heldout116": {"task_units_exact": 0.63, "unit_precision": 0.92, "unit_recall": 0.66},
    # Hundred-and-seventeenth: 0.48 measured once (extraction-heldout117-first.*), with 4253b08; floors at the first measurement.
    "heldout117": {"task_units_exact": 0.45, "unit_precision": 0.88, "unit_recall": 0.40},
    # Hundred-and-eighteenth: 0.41 measured once (extraction-heldout118-first.*), with 3fbb807; floors at the first measurement.
    "heldout118": {"task_units_exact": 0.38, "unit_precision": 0.74, "unit_recall": 0.26},
    # Hundred-and-nineteenth: 0.49 measured once (extraction-heldout119-first.*), with 367fb1a; floors at the first measurement.
    "heldout119": {"task_units_exact": 0.46, "unit_precision": 0.61, "unit_recall": 0.45},
}


@pytest.fixture(scope="module", params=sorted(HELDOUT_FLOORS))
def heldout(request, lexicon, seg):
    """A held-out set parsed once for the module (each floor reads the same run). Its floors are on units and
    years only, so its questions, which build each document's graph (most of the time), are not asked."""
    return bench.run_set(request.param, bench.load_real(bench.REAL / request.param), lexicon, seg, questions=False)


@pytest.fixture(scope="module")
def real(lexicon, seg):
    answers = bench.load_real(bench.REAL)
    assert len(answers) >= 20 and len({a.source.get("issuer") for a in answers}) >= 12
    return bench.run_set("real", answers, lexicon, seg)


def test_every_real_document_parses(real) -> None:
    assert real.errors == []


@pytest.mark.parametrize("measure", sorted(FLOORS))
def test_floors_on_the_development_set(real, measure: str) -> None:
    value = real.total.ratios()[measure]
    assert value is not None and value >= FLOORS[measure], f"{measure} fell to {value}"


def test_every_heldout_set_has_floors() -> None:
    # A set measured and fixed for, then left without floors, could fall back unseen.
    assert set(bench.HELD_OUT) == set(HELDOUT_FLOORS)


def test_floors_on_the_heldout_sets(heldout) -> None:
    assert not heldout.errors
    ratios = heldout.total.ratios()
    fallen = {m: ratios[m] for m, floor in HELDOUT_FLOORS[heldout.name].items() if ratios[m] is None or ratios[m] < floor}
    assert not fallen, f"{heldout.name}: {fallen}"


def test_synthetic_plans_stay_exact(lexicon, seg) -> None:
    # Exact but for the items whose answers read bodies the parser does not (more-styles.json's "read_otherwise").
    res = bench.run_set("synthetic", bench.load_synthetic(), lexicon, seg)
    r = res.total.ratios()
    expected = json.loads((ROOT / "tests" / "data" / "plans" / "expected" / "more-styles.json").read_text(encoding="utf-8"))
    otherwise = sum(len(plan.get("read_otherwise", {}).get("items", [])) for plan in expected.values())
    assert res.total.tasks - res.total.tasks_exact == otherwise
    assert (r["target_recall"], r["target_precision"], r["years_right"]) == (1.0, 1.0, 1.0)


def test_no_incentive_is_read_as_a_target(lexicon, seg) -> None:
    from ingest.parse import parse_plan
    from ingest.reader import read_plan_file

    for ans in bench.load_real(bench.REAL):
        plan = parse_plan(read_plan_file(ans.path), ans.path.name, lexicon, seg)
        for item in plan.items:
            figures = [x.figure for x in item.incentives if x.kind != "threshold"]
            assert not any(t.span.start <= f.start < t.span.end for t in item.targets for f in figures), item.number


def test_the_benchmark_compares_units_without_their_level() -> None:
    # A name's level is left out on both sides (writers expanded a list's shared prefix differently), a compound one
    # too: 平潭 2013 (heldout54) writes "区县公安局" for both levels' bureaus, which its writer split in two.
    strip = bench._PREFIX.sub
    assert [strip("", n) for n in ("区公安局", "县公安局", "区县公安局", "县区政府", "市县财政部门")] \
        == ["公安局", "公安局", "公安局", "政府", "财政部门"]
    # "本市…" is the plan's own city (上海 沪市监认检〔2024〕476号, heldout70); a field that opens with 市 keeps it: "市场监管部门"
    # and "区市场监管局" are one office, not "场监管部门" and "市场监管局" (the development set's 平潭 2019 counted so).
    assert [strip("", n) for n in ("本市住房城乡建设主管部门", "本市市场监管部门", "市场监管部门", "区市场监管局", "市市场监管局",
                                   "市政公用局", "市容环卫部门")] \
        == ["住房城乡建设主管部门", "市场监管部门", "市场监管部门", "市场监管局", "市场监管局", "市政公用局", "市容环卫部门"]
