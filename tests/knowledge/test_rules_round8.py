"""Rules made general after scoring the dev7/dev8 sets unseen (tunek2 round), on real excerpts of the sources
(quoted verbatim, PDF spaces kept)."""

from __future__ import annotations

import pytest

from handbook.knowledge.duty import split_units
from handbook.knowledge.incentives import IncentiveExtractor
from handbook.knowledge.vocabulary import default_vocabulary


@pytest.fixture(scope="module")
def extractor():
    return IncentiveExtractor(default_vocabulary())


def test_a_body_name_holding_its_own_bracket_and_a_closing_deng_list():
    from handbook.knowledge.duty import responsible_in
    text = ("支持符合条件的新能源电源及配套送出工程建成即并网，对纳入相关规划的新能源配套送出工程项目开辟绿色审批通道。"
            "（责任单位：自治区能源局，内蒙古电力〔集团〕公司、国网蒙东电力公司）")
    assert split_units(responsible_in(text)) == ["自治区能源局", "内蒙古电力〔集团〕公司", "国网蒙东电力公司"]
    assert split_units("自治区发展改革委、工业和信息化厅、财政厅、机关事务管理局，内蒙古税务局等部门单位按职责分工负责") == \
        ["自治区发展改革委", "工业和信息化厅", "财政厅", "机关事务管理局", "内蒙古税务局"]


@pytest.mark.parametrize("text, amounts", [
    ("筹措 40亿元以上资金，支持建设农牧业优势特色产业集群项目", ["40亿元以上"]),
    ("在符合发展规划、产业政策、标准规范、投资强度、厂房结构安全、不改变工业用途的前提下，重点技术改造项目容积率可提升至 2.0以上。",
     ["2.0以上"]),
    ("在符合重大规划前提下，经批准利用现有房屋和土地兴办“互联网+”、文化创意、科技研发、工业旅游、众创空间等新业态的，实行按原用途和"
     "土地权利类型使用土地为期 5年的过渡期政策", ["5年"]),
    ("符合条件的制造业企业研发费用可在税前 100%加计扣除。", ["100%"]),
    # a floor the beneficiary must reach inside "对…" is a condition
    ("实施重点产业链尖端人才奖励制度，在首批打造重点产业链中，对年度研发费用不低于 500万元且增幅达到 10%以上的重点企业中，"
     "年薪高于 100万元的研发一线人员，给予奖励", []),
    # caps on the loan granted inside the "对…" span are amounts; money granted "用于…" is no threshold
    ("对符合条件的人员，创业担保贷款额度最高30 万元，贷款期限不超过 3 年，给予贷款利息 50%的财政贴息补助。",
     ["最高30 万元", "不超过 3 年", "50%"]),
    ("对年销售收入达到 1000万元及以上并融合旅游体验的特色农产品精深加工企业，奖励 20 万元用于技术创新、品牌营销等。", ["20 万元"]),
])
def test_amounts_of_the_unseen_round(extractor, text, amounts):
    assert extractor.granted_amounts(text) == amounts


@pytest.mark.parametrize("text, kind", [
    ("加大农业保险支持力度，在产粮大县实施三大粮食作物完全成本保险，中央和自治区分别承担 45%和 30% 的保险费补贴。", "资金奖补"),
    ("对符合高新技术设备及关键部件进口，以不超过申报年度 6月 30 日前最后一期 1 年期贷款市场报价利率（LPR）作为贴息率，由盟市自主确定"
     "并落实贴息资金，自治区财政予以适当补助。", "资金奖补"),
    ("支持低碳零碳示范园区建设，对自治区低碳示范园区、零碳示范园区，根据新增可再生能源消纳对应的能耗量给予奖补。", "资金奖补"),
])
def test_premium_and_interest_subsidies_and_rewards_are_money(extractor, text, kind):
    assert [f.kind for f in extractor.facts(text)] == [kind]


@pytest.mark.parametrize("text", [
    "具有创业投资基金或创新基金，或与天使投资、创投机构等合作设立股权投资基金，提供创业领域投融资服务，技术创新金融支持服务。",
    "绩效考核结果将作为众创空间动态管理、政策激励和资金奖补的主要依据。",
    "自然科学基金支持智能制造领域开展基础理论研究和应用基础研究。",
    "将社区养老、保洁、维修、生活配送等家政服务项目纳入市政建设规划。",
    "高新区要积极培育新型研发机构等产业创新联合体，创新科技资金管理方式，试点推行科技经费切块管理模式，给予研发机构和创新平台更多自主权。",
    "积极吸引和发展风险投资基金、私募股权投资基金等社会资本支持高成长企业和高新技术企业发展。",
    "支持高新区按照职住平衡原则，建设产权型或租赁型人才公寓。",
    "发挥政府统筹作用，开展电力设施国土空间专项规划编制，经盟市级以上人民政府审批纳入各级国土空间规划。",
    "鼓励近距离上下游企业之间采用管道、皮带等运输方式进行原辅料输送，减少二次倒运，最大限度释放通廊运输优势，降低企业物流成本。",
    "根据国家新能源汽车推广应用财政补贴政策，借鉴先进地区经验做法，尽快出台新能源领域扶持政策。",
])
def test_criteria_plans_attraction_and_future_policies_grant_nothing(extractor, text):
    assert extractor.facts(text) == []


def test_a_benefit_named_with_support_is_kept(extractor):
    # "提供支撑" alone is rhetoric; the benefit named in the sentence still grants
    assert len(extractor.facts("扩大信用信息应用场景，通过部门合作、政银企合作等形式，为信用良好的农文旅领域的小微企业、个体工商户享受"
                               "金融扶持政策提供支撑。")) == 1


@pytest.mark.parametrize("text, kind", [
    # support with nothing named is money; praise is an honour
    ("对新获批的自治区级高新区，按照《“科技兴蒙”政策措施》规定给予相应支持。", "资金奖补"),
    ("对评价排名靠前的高新区，予以通报表扬，并给予支持;", "资格荣誉"),
    ("各有关盟行政公署、市人民政府在安排年度新增建设用地指标时适度向高新区倾斜，加强高新区基础设施建设、公共配套服务等用地保障。", "用地"),
    ("参保人员领取病残津贴期间，不再缴纳基本养老保险费。", "税费减免"),
    ("独立储能电站向电网送电的，其相应充电电量不承担输配电价和政府性基金及附加。", "电价用能"),
    ("将在内蒙古注册落户的网络货运企业每年缴纳税收中的自治区分成增量部分奖补注册地所在盟市，主管税务机关根据网络货运企业经营范围和规模，"
     "确认领用发票的种类、数量。", "资金奖补"),
    # a toll station names no fee relief
    ("在全市 4处普通公路收费站、3处公路超限监测站及 126家工矿企业设立绿色通道，保障新能源重卡优先通行。", "其他"),
])
def test_kinds_named_by_the_grant_not_by_a_passing_word(extractor, text, kind):
    assert [f.kind for f in extractor.facts(text)] == [kind]


@pytest.mark.parametrize("text", [
    # a park's reclassification, an award's application route, a subsidy still to be sought, a study, pension
    # procedure and non-discrimination grant nothing to an investor
    "因原选址不合理实际未开发利用的，在充分论证基础上可以申请整体调区；",
    "支持边境经济合作区按规定程序扩区扩容建设、调整区位，盘活批而未供、闲置和低效利用等存量建设用地。",
    "以自荐方式参评的企业或个人，可以向评审委员会办公室直接申报。",
    "对新认定的创新型中小企业、“专精特新”中小企业和“小巨人”企业争取自治区奖励资金。",
    "各地区根据产业准入、功能区划和相关区域评估要求，按照可操作、易监管的原则，研究提出新建工业项目“3+X”控制性指标（3即：固定资产投资强度、"
    "容积率、亩均税收；",
    "审核通过后符合领取条件的人员，从本人申请的次月发放病残津贴，通过参保人员社会保障卡银行账户发放。",
    "符合弹性提前退休条件的，可申请弹性提前退休。",
    "保障外商投资企业依法平等参与政府采购活动、平等享受支持政策。",
])
def test_procedures_studies_and_equal_treatment_are_no_grants(extractor, text):
    assert extractor.facts(text) == []



@pytest.mark.parametrize("text", [
    "比照自治区支持企业设立工业设计中心奖励政策，旨在激励企业向服务型制造转型积极性，设定支持政策。",
    "根据《推进呼伦贝尔市“十五五”工业经济高质量发展实施方案》，为规范财政支持工业经济发展资金（以下简称“专项资金”）使用管理，"
    "提高资金使用效益，制定本细则。",
    "“十五五”期间，市本级财政每年安排市工信局6000万元专项资金，用于支持工业经济高质量发展。",
    "本政策涉及的奖励、补贴、资助金额均为税前人民币金额。",
    "此前已批准拨付的奖补项目、符合原政策奖补内容尚未兑现完毕的，仍按原标准执行。",
    "人才发展基金主要用于实施国家、自治区、市级及全旗重点人才计划项目，为高层次人才提供支持。",
    "享受国务院政府特殊津贴专家，国家级技能大师工作室领衔人；",
    "对高新区实行差异化考核，突出科技创新和新兴产业培育指标。",
    "加快解决企业用地产权历史遗留问题，依法依规严格执行与企业签署的土地出让合同，保障企业用地权益。",
    "通过改革创新，形成以后补助为主的科技经费支持方式。",
    "探索建立规模以上工业企业研发投入与财政补助、项目申报捆绑机制。",
])
def test_justifications_budgets_notes_and_categories_are_no_grants(extractor, text):
    assert extractor.facts(text) == []


def test_a_loss_carried_forward_is_tax_relief(extractor):
    facts = extractor.facts("企业选择适用上述政策当年不足扣除形成的亏损，可在以后 5个纳税年度结转弥补。")
    assert [f.kind for f in facts] == ["税费减免"]


@pytest.mark.parametrize("text, amounts", [
    # the base named right after 给予 belongs to the share; a beneficiary named there does not
    ("填补自治区空白的第三类医疗器械并实现产业化的项目，一次性给予设备总投资20%的资金补助，最高不超过1000万元。",
     ["设备总投资20%", "最高不超过1000万元"]),
    ("对开发农事体验、乡村研学旅行等新业态项目，完成投资 500万元以上建成并运营的，给予投资主体实际投资额 5%、最高不超过 100万元的补助。",
     ["5%", "最高不超过 100万元"]),
    # a salary granted is printed with its 年薪; a salary threshold stays a condition
    ("对新引进清华、北大高校毕业生，签订 3年以上聘用合同的，最高给予年薪 60 万元（税前）支持，达到规定服务期的，可享受住房优惠政策。",
     ["年薪 60 万元"]),
    ("对企业新引进的税前年薪在 60万元及以上并签订 3年以上劳动合同的高级经营管理人才、技术研发带头人连续三年给予 10万元/年生活补贴。",
     ["连续三年", "10万元/年"]),
])
def test_bases_after_the_grant_verb_and_salaries(extractor, text, amounts):
    assert extractor.granted_amounts(text) == amounts


@pytest.mark.parametrize("text, kind", [
    # a guaranteed loan with its ceiling is finance even when its interest is subsidised
    ("对符合条件的人员，创业担保贷款额度最高30 万元，贷款期限不超过 3 年，给予贷款利息 50%的财政贴息补助。", "金融支持"),
    # bonds named beside budget money or subsidies: the money is the grant
    ("建立健全冷链物流项目储备库，利用地方政府专项债券、各级财政资金等现有资金支持渠道，支持符合条件的国家骨干冷链物流基地、冷链集配中心、"
     "产地保鲜设施等冷链物流基础设施建设。", "资金奖补"),
    # "单位和个人" names who may buy, not a talent
    ("国家机关、事业单位、国有企业应当优先采购可降解材料制品，鼓励单位和个人购买、使用可降解材料制品。", "其他"),
    # pay rules for researchers are talent treatment
    ("科研人员职务科技成果转化现金奖励纳入绩效工资管理，不受核定的总量限制，不计入总量基数。", "人才待遇"),
])
def test_kinds_of_loans_bonds_and_purchases(extractor, text, kind):
    assert [f.kind for f in extractor.facts(text)] == [kind]


def test_a_public_bodys_duty_grants_only_when_it_names_the_benefit(extractor):
    # 乌海市可降解材料产业发展促进条例: the duty names the land granted …
    assert len(extractor.facts("市人民政府自然资源主管部门应当通过弹性年期出让、租赁、先租赁后转让等多种供地方式，保障可降解材料产业项目用地。")) == 1
    # … while a review that mentions 用地标准 grants nothing (内蒙古自治区工业园区管理办法)
    assert extractor.facts("工业园区所在地人民政府应当制定并公布工业园区产业优先发展目录和产业准入负面清单，对建设项目产业政策、规划选址、环境、"
                           "安全、用地标准等方面进行审查，实现绿色高质量发展。") == []
    assert extractor.facts("对连续两年工业总产值达到上一类别园区分类标准的，可以申请升级，审批通过后予以公告；") == []


@pytest.mark.parametrize("text", [
    "对不符合税收优惠政策规定条件的，由税务机关按税收征收管理法及有关规定进行相应处理。",
    "若遇电网负荷突变、电网突发事故或其他紧急事件，电网企业可按既定拉闸限电序位表控制用电负荷。",
    "建立优惠政策查询库，利用线上线下多种媒介宣传推送，提高查询便利性。",
    "畅通消费者投诉举报渠道，建立举报人奖励机制，引导和鼓励群众参与冷链物流监督，营造社会共治良好氛围。",
    "基层中医药人才队伍规模不断扩大，素质逐步提升，更好适应群众就近享受中医药服务的需求。",
    "市本级其他人才政策规定与本政策不一致的，以本政策为准，同一奖补政策存在交叉重复的，按照从高不重复的原则执行。",
    "全国杰出专业技术人才，享受国务院政府特殊津贴专家；",
    "扩大税费优惠政策“自行判别、自行申报、事后监管”范围，推行税收专家顾问与企业“一对一”直连服务模式。",
])
def test_enforcement_rationing_services_outlooks_and_category_lines_are_no_grants(extractor, text):
    assert extractor.facts(text) == []


def test_a_repeated_table_header_and_a_floor_qualifier(extractor):
    from handbook.knowledge.duty import responsible_in
    row = ("启动海拉铁路扩能及局部改线工程，进一步提高海拉铁路运输服务能力和运输效率。\n海勃湾区人民政府，市发展和改革\n委员会\n"
           "序号 重点任务 责任部门")
    assert responsible_in(row) == "海勃湾区人民政府，市发展和改革委员会"
    assert extractor.granted_amounts("对企业全职引进的各类产业人才，分级分类给予最低 5万元，最高不超过 40 万元的购房补贴。") == \
        ["最低 5万元", "最高不超过 40 万元"]


@pytest.mark.parametrize("text, kind", [
    # support case by case or "policy support" names no money
    ("加大招商引资力度，对新引进国际国内知名品牌商贸企业、打造大型商贸综合体的，采取“特事特办、一事一议”的方式予以政策支持。", "其他"),
    ("按照“应改尽改、能改早改”的原则，有序推动具备改造条件的公用燃煤机组开展灵活性改造，落实国家煤电容量补偿政策，试点开展特高压通道"
     "配套煤电和新能源发电权交易，激励煤电机组积极参与调峰。", "电价用能"),
    ("发展“互联网+医疗健康”，进一步完善互联网诊疗收费政策，逐步将符合条件的“互联网+”医疗服务纳入医保支付范围。", "其他"),
    ("赋予高新区项目立项、住房城乡建设、执法、环保等管理职能和行政审批权限。", "其他"),
    # certificates of origin are customs facilitation, whatever tariff they name
    ("做好自由贸易协定原产地证书签证工作，为外商投资企业享受关税减免政策提供便利。", "通关便利"),
])
def test_kinds_of_case_by_case_support_grid_payments_insurance_and_powers(extractor, text, kind):
    assert [f.kind for f in extractor.facts(text)] == [kind]


def test_a_bracket_of_bodies_that_only_says_by_their_duties():
    from handbook.knowledge.duty import responsible_in
    text = ("67. 鼓励金融机构开发“专精特新贷”等针对性信贷产品。金融机构根据市场化、法治化原则与普惠小微企业自主协商延期还本付息事宜。"
            "（人民银行呼和浩特中心支行、内蒙古银保监局等按职责分工）")
    assert split_units(responsible_in(text)) == ["人民银行呼和浩特中心支行", "内蒙古银保监局"]
