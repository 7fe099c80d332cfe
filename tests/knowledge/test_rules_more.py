"""More clause-knowledge rules on real excerpts of the sources (quoted verbatim, PDF spaces kept)."""

from __future__ import annotations

import pytest

from handbook.knowledge.duty import duty_segments, responsible_in, split_units
from handbook.knowledge.incentives import IncentiveExtractor
from handbook.knowledge.vocabulary import default_vocabulary
from handbook.knowledge.windows import sentence_window, window


@pytest.fixture(scope="module")
def extractor():
    return IncentiveExtractor(default_vocabulary())


def test_spaces_left_by_the_pdf_do_not_hide_a_grant(extractor):
    text = ("25. 自 2022年 1月 1日至 2025年 12月 31日，货车、挂车、专用作业车、轮式专用机械车车船税适用税额"
            "按照现行车船税适用税额的 50%征收。（内蒙古税务局负责）")
    facts = extractor.facts(text, "25.", responsible_in(text))
    assert len(facts) == 1
    assert facts[0].amounts == ["按照现行车船税适用税额的 50%"]
    assert facts[0].responsible == ["内蒙古税务局"]
    assert facts[0].kind == "税费减免"
    assert window(text) == ("2022-01-01", "2025-12-31")


def test_each_group_of_sentences_takes_the_bracket_printed_after_it(extractor):
    text = ("（四）完善外商投资项目建设推进机制。充分借助国家重点外资项目工作专班机制，争取将投资总额 1亿美元以上的制造业外资项目"
            "纳入国家重点外资项目清单，加强项目要素支撑、政策支持和服务保障。（自治区发展改革委、商务厅、生态环境厅等按职责分工负责）"
            "鼓励引导外商投资企业高比例使用“绿电”，鼓励外商投资企业参与我区新能源开发建设，根据外商投资企业新增用电负荷绿色电力"
            "消纳能力，配置相应新能源规模。发挥内蒙古绿色电力交易平台职能，常态化开展区内外商投资企业可再生能源绿色电力交易。（自治区能源局）")
    segments = duty_segments(text)
    assert [split_units(units) for _, units in segments] == [["自治区发展改革委", "商务厅", "生态环境厅"], ["自治区能源局"]]
    facts = extractor.facts(text, "（四）", responsible_in(text))
    quota = next(f for f in facts if "新能源规模" in f.text)
    assert quota.responsible == ["自治区能源局"]
    assert quota.kind == "指标配额"
    assert not any("自治区能源局" in f.text for f in facts)


def test_a_labelled_bracket_of_responsible_departments():
    text = ("1.用地要素保障。优化国土空间规划布局，严守政策底线，重点保障新能源基地等项目用地需求，推行“区域评估＋标准地”模式，"
            "促进土地节约集约。（责任部门及旗市区：市自然资源局、工信局、能源局，各旗市区）")
    assert split_units(responsible_in(text)) == ["市自然资源局", "工信局", "能源局", "各旗市区"]


@pytest.mark.parametrize("sentence", [
    # a preamble says why the document exists
    "第一条 为贯彻落实《自治区党委 政府关于加快推进“科技兴蒙”行动支持科技创新若干政策措施》，加强对科技成果转移转化活动的"
    "精准支持，鼓励先进适用技术和服务在我区落地转化，根据《内蒙古自治区促进科技成果转移转化八项措施》和《内蒙古自治区科技成果"
    "转化专项资金管理办法》，制定本细则。",
    # a scope line
    "第二条 本办法适用于内蒙古自治区专利奖的申报、推荐、评审、资金资助和管理活动。",
    # a step an agency takes
    "经公示无异议后，自治区财政厅会同自治区科技厅下达补助资金，抄送自治区税务局。",
])
def test_preambles_scope_lines_and_agency_steps_grant_nothing(extractor, sentence):
    assert extractor.facts(sentence) == []


@pytest.mark.parametrize(("sentence", "kind"), [
    ("对全职引进的杰出人才（B类）、领军人才（C类）、拔尖人才（D类）、高级人才（E类）、优秀人才（F类），分别给予 300 万元、"
     "250 万元、200 万元、100 万元、80 万元安家补贴；", "人才待遇"),
    ("对在上海、深圳、北京证券交易所实现上市的企业给予 500 万元奖补。", "资金奖补"),
    ("受新冠肺炎疫情影响生产经营出现困难的旅游业企业，可以申请缓缴失业保险、工伤保险费。", "税费减免"),
])
def test_what_is_granted_decides_the_kind(extractor, sentence, kind):
    facts = extractor.facts(sentence)
    assert [f.kind for f in facts] == [kind]


def test_amounts_with_split_decimals_terms_and_discount_ranges(extractor):
    text = ("28. 长期执行自治区内高速公路 ETC客货车通行费 5%折扣优惠政策；2022 年 12 月 31 前，对行驶在自治区实施高速公路差异化"
            "收费路段客货车实行 5折至 8. 5折不等的通行费优惠。（自治区交通运输厅负责）")
    facts = extractor.facts(text, "28.", responsible_in(text))
    assert [f.amounts for f in facts] == [["5%"], ["5折至 8. 5折"]]
    assert sentence_window(facts[1].text) == (None, "2022-12-31")
    relief = extractor.facts("符合条件的旅游业企业提出申请，经参保地人民政府批准可以缓缴，期限不超过一年，缓缴期间免收滞纳金。")
    assert relief[0].amounts == ["不超过一年"]


def test_windows_with_an_implied_year_a_month_end_and_an_opening_year():
    assert window("26. 自 2022 年 1 月 1 日至 12 月 31 日，航空和铁路运输企业分支机构暂停预缴增值税。") == ("2022-01-01", "2022-12-31")
    assert window("发挥支持普惠小微的市场化工具引导作用，自 2022 年起至 2023年 6月底，对地方法人金融机构发放的普惠小微贷款，"
                  "按照贷款余额增量的 1%给予激励资金。") == ("2022-01-01", "2023-06-30")
    assert window("继续实施阶段性降低失业、工伤保险费率政策至 2025 年底，对不裁员、少裁员的民营企业实施失业保险稳岗返还政策。") \
        == (None, "2025-12-31")
    assert sentence_window("2022年免征轮客渡、公交客运、地铁、城市轻轨、出租车、长途客运、班车等公共交通运输服务增值税。") \
        == ("2022-01-01", "2022-12-31")
    assert window("87.2024年安排自治区重点产业发展引导基金2亿元，以市场化方式支持先进制造业集群和产业链重大项目。") \
        == ("2024-01-01", "2024-12-31")
    # a year inside a target, and a law's own entry into force, are no measure windows
    assert window("2025年前，开展“风光储+氢”“源网荷储+氢”等绿氢制备示范项目 15 个以上，绿氢制备能力超过 50 万吨/年") is None
    assert window("第四十三条 本办法自 2022年 4月 1日起施行。") is None
    assert window("四、本公告自 2022年 1月 1日起执行。") == ("2022-01-01", None)
    assert window("7.增加优质奶源供应，鼓励新建规模化奶牛养殖场，推动优质奶牛扩群增量，对 2021 年以后建成的 3000 头规模化养殖场，"
                  "依据新增奶牛存栏数量给予补贴。（责任单位：自治区农牧厅、财政厅）") == ("2021-01-01", None)
    # a sentence that holds for good does not take its clause's window
    assert sentence_window("长期执行自治区内高速公路 ETC客货车通行费 5%折扣优惠政策；", (None, "2022-12-31")) is None


def test_a_public_bodys_duty_to_grant_is_an_incentive(extractor):
    # 乌海市可降解材料产业发展促进条例 第八条: the 应当 binds the authority, the enterprise gets the land.
    text = ("市人民政府自然资源主管部门应当通过弹性年期出让、租赁、先租赁后转让等多种供地方式，保障可降解材料企业用地。\n"
            "市、区人民政府水行政主管部门应当通过节水挖潜、水权交易等措施优先保障可降解材料产业发展用水需求。")
    facts = extractor.facts(text)
    assert len(facts) == 2
    assert facts[0].kind == "用地"
    # an obligation on the applicant stays one
    assert extractor.facts("风光制氢一体化项目需配置电储能，调峰能力原则上不低于新能源规模的 15%。") == []


def test_relief_from_a_rule_is_granted(extractor):
    text = ("（七）原料用能不纳入能耗强度和总量双控考核。“十四五”期间，对各盟市原料用能不纳入能耗强度和总量双控考核。"
            "原料用能具体包括生产烯烃、芳烃、化肥、农药、醇类等产品过程中作为原料或辅助材料使用、不作为燃料和动力使用的煤炭、石油、天然气等能源产品消费。")
    facts = extractor.facts(text, "（七）")
    assert facts and facts[0].kind == "电价用能"


def test_a_grid_companys_duty_leaves_the_grant_standing(extractor):
    # 关于促进新时代新能源高质量发展的实施方案 （十）: what the grid company must do is what the project gets.
    text = ("接网及送出工程原则上由电网企业投资建设，电网企业要改进完善内部审批流程，合理安排建设时序，确保送出工程与电源建设的"
            "进度相匹配；由发电企业建设的新能源接网及送出工程，电网企业可在双方协商同意后依法依规回购。")
    assert len(extractor.facts(text)) == 2


def test_a_grant_that_runs_until_a_year_and_a_target_that_does_not():
    assert sentence_window("到 2027 年，自治区每年通过外经贸发展专项资金对符合产业政策导向的重点外资项目给予资金支持，"
                           "促进项目尽快落地实施。") == (None, "2027-12-31")
    assert window("到2025年建成光伏装机 450万千瓦，到 2030年达到 1200万千瓦。") is None


def test_a_negation_binds_only_its_own_part_of_the_sentence(extractor):
    text = ("对市级“人才飞地”以 3年为周期实行动态管理，管理期满考核优秀的，分别按孵化类 200 万元、研发类 100 万元再给予一次性"
            "奖励，考核不合格的取消市级“人才飞地”认定资格。")
    facts = extractor.facts(text)
    assert len(facts) == 1 and facts[0].amounts == ["200 万元", "100 万元"]
    # a sentence that takes back a benefit is no grant
    assert extractor.facts("上一轮撤销的工业园区，自申请重新设立之日起，开始享受园区相关政策。") == []


def test_statements_of_principle_grant_nothing(extractor):
    text = ("坚持稳字当头、稳中求进，统筹处理好节能降耗和经济社会发展的关系，按照“能耗强度严格控制、能耗总量弹性管理”的原则，"
            "进一步优化完善能耗强度和总量双控制度，加强能耗强度约束性管理，有效增强能耗总量管理弹性，合理保障重大项目用能需求，"
            "坚决遏制“两高”项目低水平盲目发展，强化能耗双控对高质量发展的支撑保障，健全激励约束机制，确保完成“十四五”能耗强度"
            "降低目标任务，推动全区坚定不移走好以生态优先、绿色发展为导向的高质量发展新路子。")
    assert extractor.facts(text) == []
    assert extractor.facts("充分考虑市场“淡旺季”、用能“峰谷季”等客观规律，实行“季度监测、半年研判”，增强监测预警的灵活性，"
                           "加强对高预警地区的窗口指导，避免采取短期简单化行为。") == []


def test_a_condition_with_a_floor_before_the_grant(extractor):
    # the 不低于 binds the talent's promise, the 给予 is the grant
    facts = extractor.facts("行政事业单位正式工作人员、国企正式职工在职攻读国民教育序列研究生且取得相应学历学位（即取得“双证”）"
                            "并承诺继续留在本旗工作不低于 5年的，符合条件的给予一定奖励。")
    assert len(facts) == 1


@pytest.mark.parametrize("sentence", [
    # an addressee list: 计划单列市 holds no 单列 quota
    "各省、自治区、直辖市及计划单列市科技厅（委、局）、新疆生产建设兵团科技局；",
    # a condition printed as its own list item
    "以前年度曾被认定为高新技术企业，后以该企业主体重新注册或更改企业名称的。",
    # steps and notes of a fund's rules
    "公示与拨付：对拟支持对象公示5个工作日，无异议后一次性拨付资金；",
    "旗市区未按规定落实配套资金的，扣减其下一年度市级专项资金支持额度，情节严重的暂停相关事项申报资格。",
])
def test_addressees_conditions_and_fund_rules_grant_nothing(extractor, sentence):
    assert extractor.facts(sentence) == []


@pytest.mark.parametrize("sentence", [
    # a proviso after the grant is a floor on it, not an obligation
    "对自治区确定的优先发展产业且用地集约的工业项目，在确定土地出让底价时，可按不低于所在地土地等别相对应的全国工业用地出让"
    "最低价标准的 70%执行，但不得低于项目实际土地取得成本、土地前期开发成本和按规定应收取的相关费用之和。",
    # 需量 and 应纳税 hold no obligation
    "至 2025年 12月 31日，对实施两部制电价的污水处理企业、电动汽车集中式充换电设施继续实施用电免收需量（容量）电费。",
    # an abbreviation defined on the way does not make the sentence a definition
    "第三条 工商注册和纳税所在地均在我区的企业、高校、科研院所等单位（以下简称申报单位）开展技术转让、许可和与科技成果转化"
    "相关的技术开发、技术咨询、技术服务、技术培训、技术承包、技术中介等活动，可申请后补助。",
])
def test_provisos_false_obligations_and_abbreviations(extractor, sentence):
    assert len(extractor.facts(sentence)) == 1


def test_a_note_inside_the_responsible_bracket_does_not_start_the_next_sentence(extractor):
    # 《关于进一步扩大外商投资…》（一）: the bracket holds the bodies and a note after a 。
    text = ("（一）加大重点领域引进外资力度。紧密围绕我区绿色农畜产品加工、新能源、新材料、新型化工、现代装备制造、生物医药、"
            "数字经济、现代服务业等产业集群，奶业、玉米、肉牛、肉羊、羊绒、马铃薯、林草、风电装备、光伏装备、氢能装备、储能装备、"
            "新能源汽车、现代煤化工、稀土新材料、有色金属、生物制药等重点产业链延链补链强链，招引外资项目。"
            "（各盟行政公署、市人民政府，自治区工信厅、农牧厅、发展改革委等按职责分工负责。以下任务均需各盟行政公署、市人民政府落实，"
            "不再列出）积极将外商投资企业培育为高新技术企业，对首次认定的高新技术企业给予 30 万元科研经费补助。（自治区科技厅）")
    facts = extractor.facts(text, "（一）", responsible_in(text))
    assert [f.text for f in facts] == ["积极将外商投资企业培育为高新技术企业，对首次认定的高新技术企业给予 30 万元科研经费补助。"]
    assert facts[0].responsible == ["自治区科技厅"]


def test_compliance_wording_before_a_grant_keeps_it(extractor):
    assert len(extractor.facts("落实国家有关要求，对实行两部制电价的集中式充换电设施用电免收需量（容量）电费。")) == 1
    assert extractor.facts("落实和完善高层次人才奖励制度，健全相关配套政策。") == []
