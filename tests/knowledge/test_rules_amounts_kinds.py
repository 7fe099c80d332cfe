"""Amounts, kinds and 责任单位 rules of the tunek2 round, each on a real excerpt of the sources
(quoted verbatim, PDF spaces kept)."""

from __future__ import annotations

import pytest

from handbook.ingest.structure import responsible_of
from handbook.knowledge.incentives import IncentiveExtractor
from handbook.knowledge.vocabulary import default_vocabulary


@pytest.fixture(scope="module")
def extractor():
    return IncentiveExtractor(default_vocabulary())


@pytest.mark.parametrize("text, amounts", [
    # the term a benefit runs after the grant, and a term "N年内" that opens it
    ("鼓励电商企业对当地优势产业、产品实行电商化改造，形成明显成效并经行业主管部门认定的，给予每年不超过 100万元奖励，最多连续支持 3年。",
     ["每年不超过 100万元", "3年"]),
    ("吸引高成长创业企业入驻鄂尔多斯人才科创中心，符合条件的 3年内给予租金、物业、水电暖费用减免及食宿成本价优惠。", ["3年内"]),
    ("企业利用存量房产、土地资源发展国家和自治区支持的产业和行业，可享受在 5年内不改变用地主体和规划条件的过渡期支持政策。", ["5年内"]),
    # …but "引进3年内达到…标准的" is a condition
    ("被举荐对象全职引进3年内达到D类及以上人才标准的，举荐机构可同等享受奖励政策。", []),
    # a clearance time granted at the border
    ("有条件的口岸对抵达海关监管作业场所且完整提交相关信息的 RCEP原产易腐货物和快件，在满足必要条件下争取实行 6小时内放行的便利措施。",
     ["6小时内"]),
    ("在符合相关规定情形下，实现企业在属地海关“申报、查验、放行”，落实空运快件 RCEP“6小时通关”要求。", ["6小时"]),
    ("对投资 5亿元及以上且当年投产的先进制造业集群、优势特色产业链“延链补链强链”建设重点项目，按照贷款实际利息的 30%、"
     "单个项目最高不超过 500万元给予一年贴息补助。", ["按照贷款实际利息的 30%", "最高不超过 500万元", "一年"]),
])
def test_how_long_a_benefit_runs(extractor, text, amounts):
    assert extractor.granted_amounts(text) == amounts


@pytest.mark.parametrize("text, amounts", [
    # a 按 phrase whose base names no 的 before its cap: the capped rate is the amount
    ("支持农牧业经营主体融资，按照融资成本最高不超过 8%的标准，重点对家庭农场、种养大户、农牧民合作社等适度规模新型经营主体提供 10万元至 "
     "1000万元的担保贷款", ["最高不超过 8%", "10万元至 1000万元"]),
    ("对未列入中央财政补贴范围、农牧民生产亟需的畜牧业机械，在自治区明确的机具范围内，按照不高于上年度平均销售价格 30%的比例测算，"
     "使用自治区财政资金定额补贴。", ["不高于上年度平均销售价格 30%"]),
    ("并网型项目按照不超过制氢所需电量的 1.2倍确定新能源规模。", ["不超过制氢所需电量的 1.2倍"]),
    # 按 itself before the cap stays, as printed
    ("大型企业按不超过企业及其职工上年度实际缴纳失业保险费的 30%返还", ["按不超过企业及其职工上年度实际缴纳失业保险费的 30%"]),
    # a base that lists costs with 、
    ("支持国内外具有影响力、代表性的知名品牌开设首店、举办首发活动，按照活动的宣传推广、场租和展场搭建总费用的 50%，最高补助 100万元。",
     ["按照活动的宣传推广、场租和展场搭建总费用的 50%", "100万元"]),
    # a share granted after 给予 keeps its base; the 按 phrase before it names the product, not the base
    ("对启动仿制药一致性评价的药品品种，以受理仿制药一致性评价申请或者备案临床试验为节点，先行补助 30万元，对按新化学药品注册分类注册"
     "申请获批或通过一致性评价的品种再给予不低于总投入 20%、最高不超过 300万元的补助。",
     ["30万元", "不低于总投入 20%", "最高不超过 300万元"]),
    ("企业自行接收大学生实习超过3个月的，按照实际支付实习大学生生活补贴的 50%给予用人单位补贴，每人每月补贴不超过 1500 元，最长补贴 6 个月。",
     ["按照实际支付实习大学生生活补贴的 50%", "不超过 1500 元", "6 个月"]),
    # money set aside "以上" is an amount; research spending "不低于 500万元" is a condition
    ("安排 40亿元以上资金，支持建设农牧业优势特色产业集群项目", ["40亿元以上"]),
    ("实施重点产业链尖端人才奖励制度，在首批打造重点产业链中，对年度研发费用不低于 500万元且增幅达到 10%以上的重点企业中，"
     "年薪高于 100万元的研发一线人员，给予奖励", []),
])
def test_shares_caps_and_floors_as_printed(extractor, text, amounts):
    assert extractor.granted_amounts(text) == amounts


@pytest.mark.parametrize("text, kind", [
    # an interest subsidy is money granted (the judges' guide lists 贴息 with 奖励, 补贴)
    ("对新建改建新能源汽车及配套零部件重点项目，给予贷款贴息补助。", "资金奖补"),
    ("安排专项资金，支持重点旅游休闲城市、品牌旅游景区、度假区、乡村旅游重点项目建设，支持旅游景区固定资产贷款贴息，支持重大文旅活动。",
     "资金奖补"),
    # …but a guaranteed loan granted is finance, and so is a fund with its size
    ("支持大学生、退役军人等青年人才来伊金霍洛旗创新创业，并按创新创业项目需求，给予个人创业担保贷款和创业贴息补贴优惠政策。", "金融支持"),
    ("2024年安排自治区重点产业发展引导基金 2亿元，以市场化方式支持先进制造业集群和产业链重大项目。", "金融支持"),
])
def test_kind_of_interest_subsidies_funds_and_bonds(extractor, text, kind):
    assert [f.kind for f in extractor.facts(text)] == [kind]


def test_a_responsible_bracket_glued_to_the_next_sentence_is_not_swallowed():
    # 003: "…一体化发展。（责任单位：自治区财政厅、商务厅）加强项目储备…。（责任单位：…）"
    text = ("在符合世贸组织规则前提下，统筹用足用好各项财政支持政策，支持内外贸一体化发展。（责任单位：自治区财政厅、商务厅）加强项目储备，"
            "支持符合政策规定且条件成熟的项目，争取城乡冷链和国家物流枢纽专项中央预算类投资。（责任单位：自治区发展改革委）")
    assert responsible_of(text) == "自治区发展改革委"
    assert responsible_of("…（责任单位：自治区财政厅、农牧厅（乡村振兴局）、地方金融管理局）") == \
        "自治区财政厅、农牧厅（乡村振兴局）、地方金融管理局"


@pytest.mark.parametrize("text, kind", [
    ("积极推荐优秀民营经济代表人士担任各级党代表、人大代表、政协委员，推荐优秀民营企业家在群团组织兼任相关职务。", "资格荣誉"),
    ("探索建立海外人才直接认定机制，在本市工作的海外高层次人才，经综合评估可认定为市级高层次人才。", "资格荣誉"),
    ("形成无形资产的，自 2022 年 1月 1日起，按照无形资产成本的 200%在税前摊销。", "税费减免"),
    ("对符合战略性新兴产业发展定位、产业链配套的重大示范项目，光伏治沙、采煤沉陷区治理、矿区治理等生态保护修复项目，国家试点示范及"
     "乡村振兴等项目，支持建设一定规模的保障性新能源项目。", "指标配额"),
])
def test_kinds_of_honours_tax_amortisation_and_quotas(extractor, text, kind):
    assert [f.kind for f in extractor.facts(text)] == [kind]


@pytest.mark.parametrize("text", [
    # 内需 is demand, not a duty; the prohibition in the clause of 享受 binds it
    "各地出台的支持产业发展、扩大内需等政策，除法律法规有明确规定或涉及国家安全领域外，不得通过限定品牌或以外资品牌为由排斥或歧视外商投资企业"
    "及其产品和服务，不得对外商投资企业及其产品和服务享受政策设置额外条件。",
    # tasks of government departments, publicity and future policy work grant nothing yet
    "林草、农牧、自然资源等各级主管部门要落实光伏治沙项目建设的用地性质，并指导实施生态治理模式。",
    "开展科技创新政策的宣传和解读，帮助企业精准对接扶持政策、充分享受政策红利， 引导企业加大研发投入，提升企业技术创新能力。",
    "研究中欧班列补贴资金退坡后支持政策，鼓励“中欧班列+跨境电商”“中欧班列+国际快件”等融合发展新模式。",
    "进一步优化完善高新技术企业认定管理流程，为企业申报高新技术企业提供便利化服务。",
    "用能保障与产业升级深度适配，为绿电绿氢等项目规模化发展提供稳定支撑。",
    "在保障被征地农牧民合法权益且土地权属无争议的前提下，可适当提前做好“标准地”出让所需土地储备工作。",
    "随着市场建设逐步成熟，鼓励探索同一储能主体可以按照部分容量独立、部分容量联合两种方式同时参与的市场模式。",
])
def test_prohibitions_department_tasks_and_policy_work_are_no_grants(extractor, text):
    assert extractor.facts(text) == []


def test_a_deadline_in_the_responsible_bracket_names_no_body():
    from handbook.knowledge.duty import split_units
    assert split_units("牵头部门：市行政审批政务服务与数据管理局；责任部门：各区政府，市直各相关部门；完成时限：2024年 9月底前取得预期成效，"
                       "持续推进") == ["市行政审批政务服务与数据管理局", "各区政府", "市直各相关部门"]


def test_a_task_table_row_names_its_bodies_in_columns(extractor):
    # 004, 《呼伦贝尔市“十五五”工业经济高质量发展实施方案》任务清单: task, 牵头单位, 责任单位/地区, then the targets
    row = ("36.用地要素保障。\n优化国土空间规划布局，严守政策底线，重点保障新能源基地等项目用地需求，推行“区域评估+标准地”模式，促进土地节约集约。\n"
           "市自然资源局\n市工信局、能源局，各旗市区\n科学开展国土空间总体规划动态调整完善，尽力保障新能源基地用地需求。\n"
           "及时开展国土空间规划城市体检，及时更新规划建设用地需求。")
    from handbook.knowledge.duty import responsible_in
    units = responsible_in(row)
    facts = extractor.facts(row, "36.", units)
    assert facts and all(f.responsible == ["市自然资源局", "市工信局", "能源局", "各旗市区"] for f in facts)
    assert not any("市自然资源局" in f.text for f in facts)
    # a lead cell wrapped after "、", and a named thing in a cell is no body
    wrapped = ("11.完善丰富新能源开发场景。\n落实要素保障，加大用地、用水等保障力度，及时将分布式能源项目纳入国土空间规划，"
               "简化占用林地审批流程，助推项目落地。\n市能源局、\n发展改革委\n市工信局、自然资源局、林草局、农牧局，各旗市区、经开区")
    assert responsible_in(wrapped) == "市能源局、发展改革委；市工信局、自然资源局、林草局、农牧局，各旗市区、经开区"
    assert responsible_in("服务型制造转型\n工信部认定“国家级”工业设计中心\n比照自治区支持企业设立工业设计中心奖励政策，设定支持政策。\n"
                          "自治区工信厅认定“自治区级”工业设计中心") is None
