"""Clause-knowledge rules for talent and science-and-technology policies (the dev9/dev10 round), on real
excerpts of source 003 and its neighbours, quoted verbatim with the spaces the PDF left.

The rules live in resources/knowledge/vocabulary.json (entries named "<list>:talent_science",
"restated_grant_patterns") and kinds.json (kind rules marked "topic": "talent_science", amount
"word_patterns"). Each test also shows a look-alike the rule must leave alone.
"""

from __future__ import annotations

import pytest

from handbook.knowledge.incentives import IncentiveExtractor
from handbook.knowledge.vocabulary import default_vocabulary


@pytest.fixture(scope="module")
def extractor():
    return IncentiveExtractor(default_vocabulary())


def one(extractor, text: str):
    facts = extractor.facts(text)
    assert len(facts) == 1, (text, facts)
    return facts[0]


def test_research_management_reforms_are_granted_as_other_benefits(extractor):
    for text in (
        "国家和自治区科研项目经费中列支的用于科研人员的国际合作与交流费用，不纳入高校、科研院所等事业单位"
        "“三公”经费中因公出国（境）费用统计范围。",
        "开展横向委托项目所发生的差旅费、因公出国（境）费用、会议费不纳入一般性支出统计范围。",
        "对于科研急需的设备和耗材，可不履行招投标程序，采用特事特办、随到随办的采购机制。",
        "开展职务科技成果单列管理改革，职务科技成果转化所获得的收益，全部留归本单位，不上缴。",
        "横向委托项目结余经费可用于绩效发放，比例自行约定。",
    ):
        assert one(extractor, text).kind == "其他", text
    # raising the share of indirect costs is a reform, not money paid out
    assert extractor.kind_of("高校、科研院所等事业单位承担的自治区科技项目，直接费用扣除设备费后，500 万元以下（包括 500 万元）"
                             "部分的间接费用最高可提高到 30%") == "其他"
    # a tolerance-of-failure clause is no grant of money even when it names 经费资助
    assert extractor.kind_of("对科技创新创业项目进行经费资助或风险投资，符合规定但未达到预期效果，相关单位和人员在勤勉尽责、"
                             "未谋私利的前提下，不作负面评价，免除相关责任。") == "其他"


def test_a_rule_for_audits_grants_nothing_but_a_plan_that_serves_as_land_approval_basis_does(extractor):
    assert extractor.facts("高校、科研院所、企业根据国家、自治区有关政策制定的合法合规的项目管理和经费使用细则，"
                           "可以作为项目验收、经费审计的依据。") == []
    fact = one(extractor, "严格落实经国家批准启用的自治区“三区三线”划定成果，在各级国土空间规划正式批准前的过渡期，"
                          "对已经自治区自然资源厅组织审查通过的盟市、旗县（市、区）国土空间总体规划，可作为项目用地组卷报批依据。")
    assert fact.kind == "用地"


def test_research_funds_set_up_are_money_but_a_fund_for_platforms_is_finance(extractor):
    assert one(extractor, "设立自治区高校、公益性科研院所基本科研业务费。").kind == "资金奖补"
    assert one(extractor, "设立“科技兴蒙”合作专项，支持我市科技创新主体与“4+8+N”主体联合开展技术攻关、成果转化、平台建设、"
                          "人才培养等。").kind == "资金奖补"
    assert extractor.kind_of("对于各盟行政公署、市人民政府确定的具有重大带动效应的电子商务平台企业，可以通过设立专项产业发展基金") \
        == "金融支持"


def test_facilitation_of_foreign_research_centres(extractor):
    assert one(extractor, "支持对入驻平台的企业适用“一址多照”、集群注册等登记方式。").kind == "其他"
    assert one(extractor, "支持对外资研发中心出于研发目的暂时进境的研发专用关键设备、测试用车辆等按规定延长复运出境期限。").kind \
        == "通关便利"
    assert one(extractor, "积极吸纳符合条件的外资研发中心科技专家进入国家科技专家库和有关地方科技专家库，"
                          "参与科技计划项目的咨询、评审和管理。").kind == "资格荣誉"
    assert one(extractor, "鼓励和支持外资研发中心承担国家科技任务，参与国家重大科技计划项目，试点多语种发布项目计划，"
                          "适当延长项目申报期限，提高项目申报便利度。")
    assert one(extractor, "支持外资研发中心按规定设立博士后科研工作站，符合条件的博士后科研工作站经批准可以独立招收博士后科研人员。"
               ).kind == "资格荣誉"
    assert extractor.kind_of("符合要求的给予检疫审批便利化安排。") == "通关便利"
    assert one(extractor, "湖南省湘西土家族苗族自治州、湖北省恩施土家族苗族自治州、吉林省延边朝鲜族自治州和江西省赣州市，"
                          "可以比照西部地区的企业所得税政策执行。").kind == "税费减免"


def test_welfare_of_talent_and_their_families(extractor):
    cases = {
        "优化人才安居保障方式，采取政府购买服务方式筹集建设一批人才驿站，为全日制本科及以上求职大学生和来本市探亲的"
        "高层次人才亲属（父母、配偶、未成年子女）提供短期免费入住服务。": "人才待遇",
        "各地、各高校统一组织社会实践团队来我旗企业参加社会实践活动的，参加社会实践期间，为实践人员提供免费食宿及市内交通，"
        "统一购买人身意外伤害保险。": "人才待遇",
        "在企业实现稳定就业人员纳入职工医疗保险保障范围，随迁家属可在居住地所在社区按相关规定参加基本医疗保险。": "人才待遇",
        "把企业就业人员纳入我旗城乡居民基本公共卫生服务范围。": "人才待遇",
        "对企业就业人员的随迁子女，按照国家关于随迁子女入学相关政策妥善予以安排，遵循按属地学位类型设置和就近入学原则，"
        "全面解决外来就业人员子女就学问题。": "人才待遇",
        "引进人才配偶属行政事业单位在编在岗人员，符合转任或调动有关规定的，统筹安排到相关单位工作。": "人才待遇",
        "支持事业单位按照“急需紧缺、专业对口”原则，在单位编制空缺和核定的岗位数量内，每年通过“绿色通道”引进高层次人才和"
        "急需紧缺专业人才。": "人才待遇",
        "为高层次人才创业提供人才贷、人才保、人才险等金融服务。": "金融支持",
        "使用住房公积金贷款购买首套自住住房的，放宽缴存余额、贷款限额等条件限制，其中 D类及以上人才贷款限额放宽到当期限额的 2倍，"
        "E、F类人才贷款限额放宽到当期限额的 1.5 倍。": "金融支持",
    }
    for text, kind in cases.items():
        assert one(extractor, text).kind == kind, text
    # a relaxation still being studied grants nothing yet
    assert extractor.facts("对皮卡车进城实施精细化管理，研究进一步放宽皮卡车进城限制。") == []
    # a finance-services preamble names no talent or person to serve
    assert extractor.facts("为深入贯彻党的二十大和二十届三中全会精神,认真落实全国科技大会、中央金融工作会议部署，做好科技金融大文章，"
                           "为科技创新提供全生命周期、全链条的金融服务。") == []


def test_money_paid_to_talent_is_talent_treatment_money_to_a_project_is_a_grant(extractor):
    talent = (
        "设立“暖才”补贴金，管理期内全职工作的市级高层次人才，对其年龄达到 70 周岁及以上的父母每人每年给予 2000 元养老补贴，"
        "对其年龄不满 3 周岁的子女给予每人每年 2000 元托幼补贴，积极解决人才后顾之忧。",
        "对人才投保“人才创业险”“人才科研险”“科技成果转化险”“人才执业保险”给予保费补贴。",
        "对引进的高层次科技创新领军人才团队，给予最高 500 万元资助。",
        "对“大国工匠”“北疆工匠”分别按照每人每年 20万元、10万元标准给予一次性奖励。",
        "对企业全职引进的各类产业人才，分级分类给予最低 1万元，最高不超过 5万元的招才引智补贴。",
        "企业就业人员及随迁家属社会福利、急难临时救助享受与本旗居民同等待遇。",
        "对于科研成果具有创新价值、能力和贡献较为突出的高层次人才，与自治区新型研发机构签订 3年以上劳动（聘用）合同的，"
        "自治区补助 15 万元。",
        "高校、科研院所职务科技成果由成果完成人实施转化的，可将不低于 70%的转化收益奖励给成果完成人和为成果转化作出贡献人员；",
        "对在技术革新或技术攻关中作出突出贡献的领军人才，企业可从成果转化所得收益中以奖金、股权等多种形式给予奖励。",
    )
    for text in talent:
        assert one(extractor, text).kind == "人才待遇", text
    money = (
        "对处于创建期的国家级创新平台，给予资金、土地、用能等方面支持；",
        "围绕能耗“双控”、碳达峰碳中和、矿山生态修复、风光氢储同场等领域技术需求和重点产业技术升级，推行创新链链长制，"
        "制定创新链图谱，支持企业整合创新资源，联合实施科技重大专项，给予单个项目最高 2000 万元支持。",
        # an allowance to the unit that employs talent stays money to an employer
        "对柔性引进D类及以上人才的企事业单位，按实际给付引进人才劳动报酬（或项目工资）的30%给予引才补贴。",
    )
    # an award to talent named as the object stays money (the judges' convention for 奖励)
    money += ("对新获评的旗级特级教师、旗级正高级待遇教师、旗级副高级待遇教师或相当层次的人才，每年分别给予2万元、2万元、1.5万元奖励。",)
    for text in money:
        assert one(extractor, text).kind == "资金奖补", text
    # rent relief for landlords is no talent housing
    assert one(extractor, "对减免租金且确有困难的房屋业主，2022 年按规定减免缴纳房产税、城镇土地使用税。").kind == "税费减免"
    assert one(extractor, "对于带项目带资金带团队来伊金霍洛旗创新创业的，根据规模大小、发展前景、经济效益提供办公场地。").kind == "其他"


def test_amounts_printed_in_words_and_terms_of_support(extractor):
    assert one(extractor, "对居民企业在一个纳税年度内技术转让所得不超过 500 万元的部分免征企业所得税，超过部分减半征收。").amounts \
        == ["不超过 500 万元", "减半"]
    assert one(extractor, "区外科技型企业、创新团队和技术成果持有人来我区设立科技型企业的，自该企业取得第一笔生产经营收入所属纳税年度起，"
                          "第 1年至第 3年免征企业所得税地方分享部分，第 4年至第 6年减半征收。").amounts \
        == ["第 1年至第 3年", "第 4年至第 6年", "减半"]
    assert one(extractor, "对研发投入占营业收入比例达到3%以上或研发投入达到5000万元以上的规模以上企业，分档给予最高 500 万元奖补，"
                          "对达到要求的高新技术企业翻倍奖补。").amounts == ["最高 500 万元", "翻倍"]
    assert one(extractor, "对获得自治区科学技术奖的第一完成单位及相关人员，按自治区奖金额度给予等额奖励。").amounts == ["等额"]
    assert one(extractor, "对市人民政府主导组建的新型研发机构，建设初期可通过“一事一议”给予最多 5年、最高 2亿元经费支持。").amounts \
        == ["最多 5年", "最高 2亿元"]
    assert one(extractor, "对新获得授权的国际、国内发明专利，分别给予 1万元/件、3000 元/件一次性奖励。").amounts \
        == ["1万元/件", "3000 元/件"]
    assert one(extractor, "对协助伊金霍洛旗战略性新兴产业开展各类智力合作与交流活动的，按组织活动的规模大小、实际效果给予最高 30 万补贴。"
               ).amounts == ["最高 30 万"]
    # a half-rate that is denied is no amount
    assert [a.text for a in extractor.amounts.find("已享受优惠的部分不减半征收")] == []


def test_a_station_of_autonomous_region_level_is_a_beneficiary_not_the_government(extractor):
    fact = one(extractor, "对自治区级野外科学观测研究站连续 5年、每年给予不低于 20 万元补助。")
    assert fact.amounts == ["连续 5年", "不低于 20 万元"]
    assert fact.kind == "资金奖补"


def test_a_sentence_naming_again_a_benefit_granted_above_is_its_condition(extractor):
    text = ("1.购房补贴。对企业全职引进的各类产业人才，分级分类给予最低 5万元，最高不超过 40 万元的购房补贴。"
            "引进产业人才须在企业工作且缴纳社会保险满3年，由企业推荐可申请购房补贴。")
    facts = extractor.facts(text, "1.")
    assert [f.amounts for f in facts] == [["最低 5万元", "最高不超过 40 万元"]]
    # the same words granting with terms of their own stay a fact
    text = ("2.人才限价住房。对企业全职引进的各类产业人才，分级分类提供不超过100 ㎡的限价住房，每年提供 100 套。"
            "引进产业人才须在企业工作且缴纳社会保险满 3 年，由企业推荐可申请购买限价住房，按成本价购买，上浮比例不超过5%。")
    assert any("按成本价购买" in f.text and f.kind == "人才待遇" for f in extractor.facts(text, "2."))
