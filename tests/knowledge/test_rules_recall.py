"""Clause-knowledge rules added to raise recall on facilitation, finance and talent sentences
(national and regional texts), on real excerpts of the sources (quoted verbatim, PDF spaces kept)."""

from __future__ import annotations

import pytest

from handbook.knowledge.incentives import IncentiveExtractor
from handbook.knowledge.vocabulary import default_vocabulary


@pytest.fixture(scope="module")
def extractor():
    return IncentiveExtractor(default_vocabulary())


def test_an_article_opens_with_a_sentence_not_a_heading(extractor):
    facts = extractor.facts("第五条 市长质量奖的评选不向评审对象收取任何费用。评审工作经费、资助资金列入市场监督管理部门年度预算。",
                            "第五条")
    assert [f.text for f in facts] == ["市长质量奖的评选不向评审对象收取任何费用。"]
    # a numbered item still opens with its heading
    assert extractor.facts("二、延续实施稳岗返还政策。对不裁员或少裁员的参保企业，给予稳岗返还。", "二、")[0].text \
        .startswith("对不裁员")


def test_an_award_granted_to_whom_a_list_describes_is_a_grant(extractor):
    facts = extractor.facts("第十二条 青年科学技术创新奖授予在自治区工作，年龄不超过四十五周岁并符合下列条件之一的中国公民：",
                            "第十二条")
    assert [f.kind for f in facts] == ["资格荣誉"]
    assert extractor.facts("第十一条 科学技术进步奖授予完成和应用推广创新性科学技术成果，"
                           "为推动科学技术进步和经济社会发展做出突出贡献的个人、组织。", "第十一条")
    # a colon that only introduces a list grants nothing
    assert extractor.facts("申报企业应当提供以下材料：") == []


def test_support_for_named_firms_to_list_or_issue_bonds_is_finance(extractor):
    for text in ("支持创业投资机构、产业投资机构发债融资，拓宽直接融资渠道。",
                 "持续支持优质未盈利科技型企业发行上市，优化科技型上市公司并购重组、股权激励等制度。",
                 "支持科技型企业依法依规境外上市。"):
        assert [f.kind for f in extractor.facts(text)] == ["金融支持"], text
    # a general wish without a named way of raising money stays out
    assert extractor.facts("支持企业直接融资。") == []


def test_talent_pay_regimes_rehiring_and_secondments_are_treatment(extractor):
    assert extractor.facts("建立国有企业人才薪酬与企业效益挂钩机制，引进急需紧缺高层次人才可实行年薪制、协议工资制等薪酬制度。")
    assert extractor.facts("鼓励企业对关键技术岗位领军人才实行年薪制、协议工资制、项目工资制。")
    assert extractor.facts("国有企业可在工资总额内对领军人才予以适当倾斜，结合实际实行特岗特酬。")
    assert extractor.facts("对实际工作中急需、已办理退休手续的领军人才，企业可与其协商签订返聘协议。")
    assert extractor.facts("将符合条件的优秀领军人才按照有关规定选拔推荐到工会等群团组织挂职或兼职。")
    # a management regime is still no grant
    assert extractor.facts("对重点用能单位实行能耗在线监测管理。") == []


def test_as_needed_is_no_obligation(extractor):
    facts = extractor.facts("积极支持利用工商业屋顶、空地发展分散式风电、分布式光伏，实现全额自发自用，按需配置新能源规模。")
    assert [f.kind for f in facts] == ["指标配额"]
    assert extractor.facts("新建项目需配置不低于15%的储能。") == []


def test_a_project_may_change_to_a_better_status(extractor):
    assert extractor.facts("鼓励以配建形式存在的新型储能项目，通过技术改造满足同等技术条件和安全标准时，可选择转为独立储能项目。")


def test_pooled_money_with_an_amount_and_guaranteed_purchase_are_grants(extractor):
    facts = extractor.facts("统筹相关项目资金300万元以上，选择优势旗县（市、区）建设中药材高产高效种植示范区和中药材园区。")
    assert [f.kind for f in facts] == ["资金奖补"]
    assert extractor.facts("对国家已有明确价格政策的新能源项目，电网企业应按照有关法规严格落实全额保障性收购政策，"
                           "全生命周期合理小时数外电量可以参与电力市场交易。")


def test_finance_energy_and_case_by_case_support_for_a_named_beneficiary(extractor):
    assert [f.kind for f in extractor.facts("支持跨境电商企业投保出口信用保险，通过“保单融资”方式获得融资支持。")] == ["金融支持"]
    assert extractor.facts("支持大数据产业园建设增量配电网，为算力产业提供长期稳定绿色能源保障。")
    assert extractor.facts("金融机构根据市场化、法治化原则与普惠小微企业自主协商延期还本付息事宜。")
    assert extractor.facts("32.制定新增大型用电负荷绿电应用实施细则，对拉动工业经济增长作用明显，符合国家及自治区产业、能耗、环保等政策要求，"
                           "且年用电量不低于50亿千瓦时的项目，按照“一事一议”原则，制定高比例绿电供应解决方案。", "32.")
    assert extractor.facts("加大招商引资力度，对新引进国际国内知名品牌商贸企业、打造大型商贸综合体的，"
                           "采取“特事特办、一事一议”的方式予以政策支持。")
    # support for a region's own work names no beneficiary
    assert extractor.facts("支持各盟市外商投资促进团组赴境外开展招商引资、参会参展等活动。") == []


def test_preference_for_a_region_and_the_way_money_is_paid_are_no_grants(extractor):
    assert extractor.facts("国务院有关部门要积极推进示范区布局，强化统筹指导，沟通协调解决问题，在项目、政策等方面予以倾斜，"
                           "定期开展评估，总结推广经验。") == []
    assert extractor.facts("第十条 奖补资金支付按照国库集中支付制度有关规定执行。", "第十条") == []


def test_study_tasks_equal_treatment_planning_and_rights_are_no_benefits(extractor):
    assert extractor.facts("研究中欧班列补贴资金退坡后支持政策，鼓励“中欧班列+跨境电商”“中欧班列+国际快件”等融合发展新模式。") == []
    assert extractor.facts("研究探索将新能源项目纳入基础设施不动产投资信托基金（REITs）试点支持范围。") == []
    assert extractor.facts("保障外商投资企业依法平等参与政府采购活动、平等享受支持政策。") == []
    assert extractor.facts("将社区养老、保洁、维修、生活配送等家政服务项目纳入市政建设规划。") == []
    assert extractor.facts("加快解决企业用地产权历史遗留问题，依法依规严格执行与企业签署的土地出让合同，保障企业用地权益。") == []
    assert extractor.facts("进一步优化完善高新技术企业认定管理流程，为企业申报高新技术企业提供便利化服务。") == []
    assert extractor.facts("支持边境经济合作区按规定程序扩区扩容建设、调整区位，盘活批而未供、闲置和低效利用等存量建设用地。") == []
    # …while a facilitation granted to people still counts
    assert extractor.facts("持续优化入出境政策措施，为外商投资企业的外籍高管、技术人员本人及家属提供入出境、停居留便利。")


def test_tailored_service_for_named_projects_or_firms_is_a_benefit(extractor):
    assert extractor.facts("对“千乡万村驭风行动”风电项目结合实际提供“一站式”服务，对同一个行政村或临近村联合开发的项目，统一办理前期手续。")
    assert extractor.facts("对有资本项目业务需求的市场主体实施“一企一策”一对一服务策略，让市场主体尽享资本项目便利化政策红利。")
    # a one-stop platform a body is told to build names nobody who gains
    assert extractor.facts("推动电网企业建立新能源项目接网一站式服务平台，提供新能源项目可用接入点、可接入容量、技术规范等信息。") == []


def test_powers_and_rights_vested_in_a_beneficiary_are_granted(extractor):
    assert extractor.facts("赋予高新区制定灵活收入分配制度的权限。")
    assert extractor.facts("探索职务科技成果所有权改革，赋予科研人员职务科技成果所有权或长期使用权。")
    # widening a reform pilot vests nothing yet
    assert extractor.facts("扩大赋予科研人员职务科技成果所有权或长期使用权改革试点范围。") == []


def test_facilitation_and_nominations_named_in_the_texts(extractor):
    assert extractor.facts("对符合条件的品牌连锁便利店企业试行“一照多址”、合并压减审批事项，促进品牌连锁便利店发展。")
    assert [f.kind for f in extractor.facts("推荐符合条件的项目申报中国农业发展银行农村流通体系建设贷款。")] == ["金融支持"]
    assert extractor.facts("围绕全面推进乡村振兴、加快农业农村现代化，做好农业农村领域项目谋划，将符合条件的农文旅项目纳入地方政府专项债券项目储备库，"
                           "发挥专项债券“四两拨千斤”作用，吸引社会资本投入，带动扩大有效投资。")
    assert extractor.facts("推动居民小区内的公共充换电设施用电实行居民电价，推动对执行工商业电价的充换电设施用电实行峰谷分时电价政策。")


def test_lower_logistics_costs_research_fields_and_review_results_grant_nothing(extractor):
    assert extractor.facts("吸引大型生活服务类、直播电商类企业进驻，降低生活物流成本。") == []
    assert extractor.facts("自然科学基金支持智能制造领域开展基础理论研究和应用基础研究。") == []
    assert extractor.facts("绩效考核结果将作为众创空间动态管理、政策激励和资金奖补的主要依据。") == []


def test_build_first_fast_lanes_open_resources_and_insurance_cover(extractor):
    assert extractor.facts("允许“零增地”技术改造项目先建后验，依法依规报审。")
    assert extractor.facts("大力推动企业投资项目审批全流程改革，实行投资建设项目“先建后验”管理新模式和容缺受理制、告知承诺制。") == []
    assert extractor.facts("建立高新区人才引进落地绿色通道。")
    assert extractor.facts("发展“互联网+医疗健康”，完善互联网诊疗收费政策，将符合要求的互联网医院纳入医保支付范围。")
    assert extractor.facts("自治区各级各类技术创新中心、重点（工程）实验室、科研仪器（设施）、科技成果转移转化示范基地、技术转移服务机构、"
                           "专业化技术研发与中试公共服务平台等科技创新资源基地（平台）优先向众创空间及其服务对象开放共享，提供低价、优质的专业服务。")


def test_a_slogan_like_ying_gai_jin_gai_binds_nobody(extractor):
    assert extractor.facts("（十四）按照“应改尽改、能改早改”的原则，有序推动具备改造条件的公用燃煤机组开展灵活性改造，落实国家煤电容量补偿政策，"
                           "试点开展特高压通道配套煤电和新能源发电权交易，激励煤电机组积极参与调峰。", "（十四）")
    # …but a duty to carry out and a publicity aim still grant nothing
    assert extractor.facts("严格落实矿山地质环境治理恢复基金管理制度，督促煤矿企业履行生态修复主体责任，实现应治尽治；") == []
    assert extractor.facts("实施“一户一策”一揽子税费解决方案，确保税费优惠政策应知尽知、直达快享。") == []


def test_public_funds_directed_to_projects_are_granted(extractor):
    assert extractor.facts("在有效防范化解地方债务风险前提下，统筹用好中央预算内投资、地方政府专项债券支持内蒙古符合条件的产业转型升级、"
                           "节能减排降碳、环境基础设施、生态保护修复等重大项目建设。")
    assert extractor.facts("建立并动态管理工业园区基础设施项目库，加强资金政策研究，争取上级专项资金支持园区配套基础设施项目建设。") == []


def test_qualification_criteria_and_support_for_a_development_zone_grant_nothing(extractor):
    assert extractor.facts("具有创业投资基金或创新基金，或与天使投资、创投机构等合作设立股权投资基金，提供创业领域投融资服务，"
                           "技术创新金融支持服务。") == []
    assert extractor.facts("支持高新区按照职住平衡原则，建设产权型或租赁型人才公寓。") == []
    # a criterion followed by what the qualifying project may do still grants
    assert extractor.facts("具备独立计量、控制等技术条件，接入调度自动化系统可被电网监控和调度，符合相关标准规范和电力市场运营机构等有关方面要求，"
                           "具有法人资格的新型储能项目，可转为独立储能，作为独立主体参与电力市场。")


def test_policy_making_and_service_platforms_grant_nothing(extractor):
    assert extractor.facts("根据国家新能源汽车推广应用财政补贴政策，借鉴先进地区经验做法，尽快出台新能源领域扶持政策。") == []
    assert extractor.facts("发挥“乌贸通”外贸一站式服务平台作用，不断优化通关、退税、信保、物流等服务。") == []


def test_new_energy_capacity_allotted_by_a_measure_is_a_quota(extractor):
    assert extractor.facts("创新煤电机组灵活性改造激励机制，拥有燃煤机组的发电企业在实施火电灵活性改造后，按照增加的调峰空间配置新能源项目。")
    assert extractor.facts("大力实施可再生能源替代，充分挖掘工业园区燃煤自备电厂灵活性调节能力和负荷侧响应能力，支持含有燃煤自备电厂的工业园区"
                           "开展可再生能源替代行动，配置新能源装机规模与园区内自备电厂调峰能力相匹配。")


def test_a_trailing_target_over_several_clauses_leaves_the_grant_before_it(extractor):
    facts = extractor.facts("对实现跨境电商“1210”“9610”零售出口业务的跨境电商企业、跨境寄递企业物流费用予以适当支持，由各综试区设定具体补贴标准，"
                            "每年可按照实际情况进行动态调整，根据实际情况逐步提高自治区商品国际竞争力，力争到 2025 年，自治区商品出口业务达到一定规模。")
    assert [f.kind for f in facts] == ["资金奖补"]
    # what the target itself promises is no grant
    assert extractor.facts("持续做好公租房保障，基本实现城镇低保、低收入住房困难家庭依申请应保尽保。") == []
