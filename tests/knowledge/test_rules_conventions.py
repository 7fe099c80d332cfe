"""Clause-knowledge rules that follow the majority convention of the tuned fact sets
(bench/fact_conventions.py counts how the judges treat each kind of sentence), on real excerpts."""

from __future__ import annotations

import pytest

from handbook.knowledge.incentives import IncentiveExtractor
from handbook.knowledge.vocabulary import default_vocabulary


@pytest.fixture(scope="module")
def extractor():
    return IncentiveExtractor(default_vocabulary())


def texts(extractor, text: str) -> list[str]:
    return [f.text for f in extractor.facts(text)]


def test_local_government_asked_to_pass_on_a_concrete_benefit_is_a_fact(extractor):
    # relief, a reward scheme, vouchers or land for a named beneficiary, granted through local government
    for s in ("鼓励地方各级政府对充电基础设施场地租金实行阶段性减免。",
              "支持各地区保障消费基础设施建设合理用地需求。",
              "支持各地区在法定权限范围内，对符合鼓励外商投资产业目录规定的外商投资企业实施配套奖励措施。",
              "鼓励有条件的地方对农村户籍居民在户籍所在地县域内购买新能源汽车，给予消费券等支持。"):
        assert texts(extractor, s) == [s]


def test_local_government_asked_for_unnamed_support_or_its_own_work_is_no_fact(extractor):
    # "给予支持" names no benefit; 加强补贴 / 注资 / 衔接 are the government's own tasks
    for s in ("支持各地区在法定权限范围内对重点跨国公司的投资项目给予支持。",
              "鼓励各盟市加强对大功率充电、车网互动等示范设施的补贴，鼓励建立与服务质量挂钩的充电设施运营补贴标准，且进一步向优质场站倾斜。",
              "支持有条件的地方向政府性融资担保机构注资、提供融资担保费用补贴。",
              "鼓励各地将中小微企业贷款相关奖补、风险补偿、股改挂牌上市奖励等支持政策与融资促进行动衔接匹配，协同支持中小微企业发展。"):
        assert texts(extractor, s) == []


def test_lifting_a_restriction_is_relief_not_a_penalty(extractor):
    s = ("落实城市配送车辆便利通行政策，对运输生活必需品、鲜活农产品、冷藏保鲜产品、邮政寄递等涉及民生物资的新能源和清洁能源"
         "配送车辆，取消通行限制，在城市公共停车场、货物装卸点等停车场地免收停车费。")
    assert texts(extractor, s) == [s]
    # withdrawing a benefit stays a penalty
    assert texts(extractor, "对弄虚作假骗取奖励资金的企业，取消其享受奖励资格，追回已拨付资金。") == []


def test_a_duty_in_one_clause_leaves_a_phrase_grant_in_the_others_standing(extractor):
    s = ("新能源项目应直接接入园区公网变电站或增量配电网，接入线路由电网企业建设，也可由新能源投资主体建设，"
         "经新能源投资主体与电网企业协商一致后，接入线路可适时由电网企业依法依规回购。")
    assert texts(extractor, s) == [s]
    # past a duty a bare money word grants nothing: the applicant pays, or the duty binds the region
    assert texts(extractor, "申请服务企业要认真履行协议规定，按时支付企业科技特派员补助。") == []
    assert texts(extractor, "实施上述技能提升补贴政策的省（自治区、直辖市），上年度失业保险基金滚存结余备付期限应在 1 年以上。") == []


def test_a_guiding_thought_holds_for_its_whole_sentence(extractor):
    s = ("以习近平新时代中国特色社会主义思想为指导，坚决落实国家和自治区关于能源电力安全保供决策部署，在统筹地区产业结构、"
         "负荷特性、供需形势等因素的基础上，科学研判、主动作为，优先保障民生和重要负荷供电需求，推动自治区经济、社会高质量发展。")
    assert texts(extractor, s) == []


def test_a_duty_word_inside_the_object_of_a_permission_binds_nobody(extractor):
    s = "允许除特殊建设工程外需按照国家消防技术标准进行消防设计的“零增地”技改项目先建后验，依法依规报审。"
    assert texts(extractor, s) == [s]
    # a duty that binds the applicant before the permission still does
    assert texts(extractor, "项目单位需按照国家消防技术标准进行消防设计，允许先行开工。") == []


def test_support_or_leave_inside_an_exploration_is_an_exhortation(extractor):
    # the guide's own example of a look-alike: 鼓励…探索
    for s in ("探索建立工业园区基础设施补短板资金支持；",
              "随着市场建设逐步成熟，鼓励探索同一储能主体可以按照部分容量独立、部分容量联合两种方式同时参与的市场模式。"):
        assert texts(extractor, s) == []
    # a mechanism explored in one clause, a grant stated in the next, still grants
    s = "探索建立海外人才直接认定机制，在本市工作的海外高层次人才，经综合评估可认定为市级高层次人才。"
    assert texts(extractor, s) == [s]


def test_implementing_a_named_tax_or_support_policy_grants_it(extractor):
    # implement_policy: 23 facts, 0 look-alikes across the tuned sets
    for s in ("稳步推广跨境电商商品条码申报应用，完善条码数据库，实现海外仓无纸化备案，落实跨境电商出口商品退运政策。",
              "落实好促进贸易投资便利化、外贸新业态人民币结算等支持政策，加强跨境人民币结算业务“无堵点”“一站式”金融服务。"):
        assert texts(extractor, s) == [s]
    # carrying out a superior's policy in a preamble, or a macro policy, grants nothing
    assert texts(extractor, "为贯彻落实自治区党委、人民政府《关于加快推进“科技兴蒙”行动支持科技创新若干政策措施》精神，制定本办法。") == []
    assert texts(extractor, "落实落细就业优先政策，重点抓好高校毕业生、退役军人、农民工、失业人员等群体就业。") == []


def test_listing_in_a_named_list_grants_even_beside_a_service(extractor):
    # into_list_or_pool: 25 facts, 2 look-alikes; "…清单" ending a clause is no list of documents to hand in
    s = "实施重点企业用工保障，及时将专精特新、涉及重点外资项目等民营企业纳入重点企业清单，提供“一对一”和“点对点”用工服务。"
    assert texts(extractor, s) == [s]
    # a service alone is still no benefit, and a list of papers is procedure
    assert texts(extractor, "实施重点企业用工保障，为民营企业提供“一对一”和“点对点”用工服务。") == []
    assert texts(extractor, "企业营业执照复印件、项目备案表、纳税证明。") == []


def test_a_duty_for_a_later_case_leaves_the_grant_before_it(extractor):
    # grant first, duty after: 16 facts, no look-alike in the tuned sets
    s = ("对符合集约节约用地要求的特色优势先进制造业新建或技术改造项目，土地出让底价可按不低于所在地土地等别对应全国工业用地"
         "出让最低价标准的70%执行，按比例计算后低于该项目实际土地取得成本、土地前期开发成本和按规定应收取的相关费用之和的，"
         "应按不低于实际各项成本费用之和的原则确定出让底价。")
    assert texts(extractor, s) == [s]
    # a duty for a case with no grant before it binds
    assert texts(extractor, "项目建成后，实际投资额低于承诺投资额的，应按比例退还已享受的奖励资金。") == []


def test_a_special_fund_put_to_work_grants(extractor):
    # using a special fund to support or carry out a programme: 14 facts, 2 look-alikes in the tuned sets
    s = ("继续使用外经贸专项资金，开展巩固海外仓培育工作，经过两年培育、一年扶持，重点在RCEP成员国、“一带一路”沿线重点国家和地区"
         "建设一批公共海外仓。")
    assert texts(extractor, s) == [s]
    # how a fund is paid out is procedure
    assert texts(extractor, "专项资金的拨付按照国库集中支付有关规定执行。") == []


def test_a_quantity_inside_a_granting_phrase_names_the_grant(extractor):
    # target_with_grant: 6 facts, 1 left out; the grant phrase itself holds the quota handed out
    s = "加快推进盟市间水权二期工程建设，力争2024年为沿黄盟市解决5000万立方米工业用水指标。"
    assert texts(extractor, s) == [s]
    # a capacity counted beside a word that could grant is a statistic
    assert texts(extractor, "已批复指标待建的保障性项目 1890万千瓦，预计 2025年底前建成。") == []


def test_a_project_need_met_is_a_grant_unless_a_principle_opens_the_sentence(extractor):
    # ensure_land_energy_needs: 24 facts, 1 look-alike
    s = ("以控制能耗强度为核心，对标盟市“十四五”单位GDP能耗降低目标，按照“一盟（市）一策、分类处理”的原则，"
         "分盟市设置新上项目能耗强度标杆值，合理保障低能耗强度优质项目用能需求。")
    assert texts(extractor, s) == [s]
    # a sentence opened by a principle (坚持…，): 24 of 26 left out, 1 look-alike
    s = ("坚持稳字当头、稳中求进，统筹处理好节能降耗和经济社会发展的关系，有效增强能耗总量管理弹性，合理保障重大项目用能需求，"
         "坚决遏制“两高”项目低水平盲目发展。")
    assert texts(extractor, s) == []


def test_leave_to_skip_a_procedure_or_a_statistic_is_relief(extractor):
    for s in ("对于科研急需的设备和耗材，可不履行招投标程序，采用特事特办、随到随办的采购机制。",
              "开展横向委托项目所发生的差旅费、因公出国（境）费用、会议费不纳入一般性支出统计范围。"):
        assert texts(extractor, s) == [s]
    # a procedure the applicant must still go through grants nothing
    assert texts(extractor, "项目单位应当按规定履行招投标程序。") == []


def test_free_board_and_relaxed_loan_limits_are_treatment(extractor):
    for s in ("各地、各高校统一组织社会实践团队来我旗企业参加社会实践活动的，参加社会实践期间，为实践人员提供免费食宿及市内交通，"
              "统一购买人身意外伤害保险。",
              "使用住房公积金贷款购买首套自住住房的，放宽缴存余额、贷款限额等条件限制。"):
        assert texts(extractor, s) == [s]
    # opening the market, or a list of what a facility includes, grants nothing to anyone in particular
    for s in ("进一步深化商事制度改革，放宽市场准入，简化审批程序，加强事中事后监管及信用监管，推进企业简易注销登记。",
              "公共服务设施包括免费或低成本的互联网接入、公共软件、共享办公设施等基础办公条件。"):
        assert texts(extractor, s) == []


def test_a_fund_set_up_for_named_bodies_grants(extractor):
    # 设立…专项资金/业务费: 6 facts, 1 left out (a national guiding fund named only)
    for s in ("设立自治区高校、公益性科研院所基本科研业务费。",
              "设立“科技兴蒙”合作专项，支持我市科技创新主体与“4+8+N”主体联合开展技术攻关、成果转化、平台建设。"):
        assert texts(extractor, s) == [s]
    assert texts(extractor, "设立“国家创业投资引导基金”。") == []


def test_household_registration_schooling_and_insurance_are_talent_treatment(extractor):
    for s in ("把企业就业人员纳入我旗城乡居民基本公共卫生服务范围。",
              "在企业实现稳定就业人员纳入职工医疗保险保障范围，随迁家属可在居住地所在社区按相关规定参加基本医疗保险。",
              "对凡在伊金霍洛旗就业的战略性新兴产业人员，连续居住6个月以上人员依照本人意愿即可办理落户。"):
        assert texts(extractor, s) == [s]
    # a project settling in a place is investment promotion, not treatment
    assert texts(extractor, "加快构建覆盖全季节、全场景测试服务体系，推动高寒整车测试等项目落户呼伦贝尔。") == []


def test_a_body_at_region_level_is_a_beneficiary_not_the_region(extractor):
    s = "对自治区级野外科学观测研究站连续 5年、每年给予不低于 20 万元补助。"
    assert texts(extractor, s) == [s]
    # support to the region itself from the centre stays out
    assert texts(extractor, "中央财政对内蒙古生态屏障、民族地区、边境地区等给予支持。") == []


def test_local_government_asked_to_give_talent_housing_or_schooling_is_a_fact(extractor):
    s = ("鼓励各地根据发展需要，在法定权限范围内，对外资研发中心聘用的符合条件的海外高端人才和紧缺人才，"
         "在住房、子女教育、配偶就业、医疗保障等方面给予支持；")
    assert texts(extractor, s) == [s]


def test_tax_policy_applied_by_analogy_is_relief(extractor):
    s = ("湖南省湘西土家族苗族自治州、湖北省恩施土家族苗族自治州、吉林省延边朝鲜族自治州和江西省赣州市，"
         "可以比照西部地区的企业所得税政策执行。")
    assert texts(extractor, s) == [s]
