"""Demo documents: the five seed policy documents as imported references under their real
issuers (甘肃省人民政府办公厅 and others: real documents, not the demo county's), and about
twenty-five documents of the fictional 示范县 in every state the register knows (published on
time and late, with interpretations, a repealed rule and its replacement, withheld and
on-request documents, drafts), each with a body of its own that says what its title says."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from html import escape

from gongkai.calendar.selectors import current_calendar
from gongkai.core.demo import COUNTY, OFFICE, DemoContext
from gongkai.core.models import Unit
from gongkai.core.services import unit_create
from gongkai.importer.domain.parse import parse_file
from gongkai.importer.seed_documents import SEED_DIR

from .models import Interpretation, OfficialDocument
from .services import (
    document_create,
    document_link_implementation,
    document_publish,
    document_set_validity,
)
from .workflow import ensure_document_workflow

ORDER = 30

# The seed documents are real documents of other governments, imported as references: each
# stays under its real issuer, grouped under one unit that says what they are.
REFERENCES = "629900000"
REFERENCES_NAME = "外地政府公开文件（参考）"
# issuer code, name, short name
ISSUERS = (
    ("629900001", "甘肃省人民政府办公厅", "甘肃省政府办公厅"),
    ("629900002", "积石山县人民政府办公室", "积石山县政府办"),
    ("629900003", "平凉市人民政府办公室", "平凉市政府办"),
    ("629900004", "广东省人民政府办公厅", "广东省政府办公厅"),
)

# seed file → the title as the document states it (two web copies lost or cut their title
# line) and its issuer's code
SEEDS = {
    "000_1590f85b70e2054b.txt": (
        "甘肃省人民政府办公厅关于印发甘肃省政务公开工作实施方案的通知",
        "629900001",
    ),
    "001_df48bc6fc0fab810.txt": (
        "积石山县人民政府办公室关于印发《积石山县全面推进基层政务公开标准化规范化工作实施方案》的通知",
        "629900002",
    ),
    "002_c2f49679da630405.txt": (
        "甘肃省人民政府办公厅关于印发甘肃省2016年政务公开工作要点的通知",
        "629900001",
    ),
    "003_4ae80daa2dba9a29.txt": (
        "平凉市人民政府办公室关于印发平凉市2023年政务公开工作要点的通知",
        "629900003",
    ),
    "004_da572b0f681d1c21.txt": (
        "广东省人民政府办公厅关于转发国务院办公厅2020年政务公开工作要点的通知",
        "629900004",
    ),
}

# A policy document's interpretation, by its form (InterpretationForm): 文字解读 or 问答解读.
INTERPRETATION_PARAGRAPHS = {
    "text": (
        "一、出台背景。为进一步做好{topic}工作，保障群众合法权益，制定本政策。",
        "二、主要内容。明确了{topic}的适用范围、标准、程序和监督管理要求。",
        "三、施行时间。本政策自印发之日起施行。",
    ),
    "qa": (
        "问：为什么要出台这一政策？答：为进一步做好{topic}工作，保障群众合法权益。",
        "问：主要内容有哪些？答：明确了{topic}的适用范围、标准、程序和监督管理要求。",
        "问：什么时候开始施行？答：自印发之日起施行。",
    ),
}

# (unit code, doc number or "", title, kind, subject class, disclosure, topic, written, publish
#  after N working days or None, policy document?)
COUNTY_DOCUMENTS = (
    (
        COUNTY,
        "示县政发〔2025〕3号",
        "示范县人民政府关于印发《示范县城乡居民最低生活保障实施办法》的通知",
        "normative",
        "1703",
        "proactive",
        "城乡居民最低生活保障",
        date(2025, 2, 10),
        6,
        True,
    ),
    (
        COUNTY,
        "示县政发〔2025〕7号",
        "示范县人民政府关于印发示范县2025年国民经济和社会发展计划的通知",
        "other",
        "0301",
        "proactive",
        "国民经济和社会发展计划",
        date(2025, 3, 3),
        12,
        False,
    ),
    (
        COUNTY,
        "示县政发〔2025〕15号",
        "示范县人民政府关于进一步优化营商环境的若干措施",
        "normative",
        "0302",
        "proactive",
        "优化营商环境",
        date(2025, 5, 12),
        4,
        True,
    ),
    (
        COUNTY,
        "示县政发〔2025〕21号",
        "示范县人民政府关于公布示范县行政许可事项清单的通知",
        "normative",
        "0201",
        "proactive",
        "行政许可事项清单管理",
        date(2025, 7, 1),
        25,
        False,
    ),
    (
        COUNTY,
        "示县政发〔2019〕8号",
        "示范县人民政府关于印发《示范县城市居民最低生活保障管理暂行办法》的通知",
        "normative",
        "1703",
        "proactive",
        "城市居民最低生活保障",
        date(2019, 4, 2),
        5,
        False,
    ),
    (
        OFFICE,
        "示县政办发〔2025〕2号",
        "示范县人民政府办公室关于印发示范县2025年政务公开工作要点的通知",
        "other",
        "0201",
        "proactive",
        "政务公开",
        date(2025, 3, 20),
        3,
        False,
    ),
    (
        OFFICE,
        "示县政办发〔2024〕31号",
        "示范县人民政府办公室关于做好2024年度政府信息公开工作年度报告编制发布工作的通知",
        "other",
        "0201",
        "proactive",
        "政府信息公开工作年度报告编制",
        date(2024, 12, 20),
        5,
        False,
    ),
    (
        OFFICE,
        "示县政办发〔2025〕18号",
        "示范县人民政府办公室关于加强政务新媒体管理的通知",
        "other",
        "0201",
        "proactive",
        "政务新媒体管理",
        date(2025, 6, 16),
        30,
        False,
    ),
    (
        OFFICE,
        "示县政办发〔2025〕26号",
        "示范县人民政府办公室关于开展2025年政府网站和政务新媒体检查的通知",
        "other",
        "0204",
        "proactive",
        "政府网站和政务新媒体检查",
        date(2025, 9, 1),
        8,
        False,
    ),
    (
        OFFICE,
        "",
        "示范县人民政府办公室关于调整县政府领导工作分工的请示",
        "other",
        "0201",
        "not_disclosed",
        "",
        date(2025, 4, 7),
        None,
        False,
    ),
    (
        "013901002",
        "示县财发〔2025〕4号",
        "示范县财政局关于公开2025年县级部门预算的通知",
        "other",
        "0401",
        "proactive",
        "部门预算公开",
        date(2025, 2, 20),
        10,
        False,
    ),
    (
        "013901002",
        "示县财发〔2025〕11号",
        "示范县财政局关于公开2024年县级部门决算的通知",
        "other",
        "0401",
        "proactive",
        "部门决算公开",
        date(2025, 8, 15),
        7,
        False,
    ),
    (
        "013901002",
        "示县财发〔2025〕13号",
        "示范县财政局关于印发《示范县财政专项资金管理办法》的通知",
        "normative",
        "0401",
        "proactive",
        "财政专项资金管理",
        date(2025, 9, 10),
        9,
        True,
    ),
    (
        "013901002",
        "示县财发〔2025〕14号",
        "示范县财政局关于下达2025年第三批涉农资金的通知",
        "other",
        "0401",
        "on_request",
        "",
        date(2025, 9, 22),
        None,
        False,
    ),
    (
        "013901003",
        "示县民发〔2025〕6号",
        "示范县民政局关于调整城乡低保标准和特困人员救助供养标准的通知",
        "normative",
        "1703",
        "proactive",
        "社会救助标准调整",
        date(2025, 6, 30),
        3,
        True,
    ),
    (
        "013901003",
        "示县民发〔2025〕9号",
        "示范县民政局关于开展2025年度养老服务机构等级评定工作的通知",
        "other",
        "1703",
        "proactive",
        "养老服务机构等级评定",
        date(2025, 8, 4),
        14,
        False,
    ),
    (
        "013901003",
        "示县民发〔2025〕12号",
        "示范县民政局关于做好2025年冬春困难群众生活救助工作的通知",
        "other",
        "1701",
        "proactive",
        "冬春困难群众生活救助",
        date(2025, 10, 27),
        None,
        False,
    ),
    (
        "013901003",
        "",
        "示范县民政局关于2025年第三季度临时救助对象审核情况的报告",
        "other",
        "1703",
        "not_disclosed",
        "",
        date(2025, 10, 9),
        None,
        False,
    ),
    (
        "013901101",
        "城政发〔2025〕5号",
        "城关镇人民政府关于公布2025年耕地地力保护补贴发放情况的公告",
        "other",
        "0601",
        "proactive",
        "耕地地力保护补贴发放",
        date(2025, 5, 26),
        5,
        False,
    ),
    (
        "013901101",
        "城政发〔2025〕11号",
        "城关镇人民政府关于开展2025年人居环境整治工作的通知",
        "other",
        "1002",
        "proactive",
        "人居环境整治",
        date(2025, 9, 15),
        6,
        False,
    ),
    (
        "013901101",
        "城政发〔2025〕14号",
        "城关镇人民政府关于2025年城乡居民医疗保险征缴工作的通知",
        "other",
        "1502",
        "proactive",
        "城乡居民医疗保险征缴",
        date(2025, 11, 3),
        None,
        False,
    ),
    (
        "013901102",
        "河政发〔2025〕3号",
        "河西乡人民政府关于公布2025年农村低保对象名单的公示",
        "other",
        "1703",
        "on_request",
        "",
        date(2025, 3, 12),
        None,
        False,
    ),
    (
        "013901102",
        "河政发〔2025〕8号",
        "河西乡人民政府关于做好2025年防汛工作的通知",
        "other",
        "0203",
        "proactive",
        "防汛",
        date(2025, 6, 3),
        2,
        False,
    ),
    (
        "013901102",
        "河政发〔2025〕12号",
        "河西乡人民政府关于开展农村宅基地使用情况审核工作的通知",
        "other",
        "0501",
        "proactive",
        "农村宅基地使用情况审核",
        date(2025, 8, 25),
        28,
        False,
    ),
    (
        "013901102",
        "河政发〔2025〕16号",
        "河西乡人民政府关于公布2025年筹资筹劳项目的公告",
        "other",
        "0601",
        "proactive",
        "筹资筹劳项目",
        date(2025, 11, 10),
        None,
        False,
    ),
)

# Each county document's own text (title → paragraphs): what the title says it is about, so
# that a reader, the search and the publication checks meet a real document.
BODIES: dict[str, tuple[str, ...]] = {
    "示范县人民政府关于印发《示范县城乡居民最低生活保障实施办法》的通知": (
        "各乡镇人民政府，县直各部门：",
        "《示范县城乡居民最低生活保障实施办法》已经县人民政府常务会议研究同意，现印发给你们，请认真贯彻执行。",
        "第一条　为规范城乡居民最低生活保障（以下简称低保）工作，保障困难群众基本生活，根据《社会救助暂行办法》和省、市有关规定，结合本县实际，制定本办法。",
        "第二条　共同生活的家庭成员人均收入低于当地低保标准，且家庭财产状况符合规定的，可以申请低保。城乡低保标准由县人民政府按照当地居民生活必需费用确定，并向社会公布。",
        "第三条　申请低保以家庭为单位，由申请人向户籍所在地乡镇人民政府提出，也可以通过县政府门户网站在线申请。乡镇人民政府应当在20个工作日内完成家庭经济状况调查核实。",
        "第四条　低保对象名单在村（居）民委员会公示栏公示，公示内容不得包含身份证号码、银行账号等个人隐私信息。",
        "第五条　本办法自印发之日起施行，有效期5年。《示范县城市居民最低生活保障管理暂行办法》（示县政发〔2019〕8号）同时废止。",
    ),
    "示范县人民政府关于印发示范县2025年国民经济和社会发展计划的通知": (
        "各乡镇人民政府，县直各部门：",
        "《示范县2025年国民经济和社会发展计划》已经县十八届人大五次会议审议批准，现印发给你们，请结合实际认真组织实施。",
        "2025年经济社会发展的主要预期目标是：地区生产总值增长6%左右，城乡居民人均可支配收入分别增长5.5%和7%，城镇新增就业2200人，粮食产量稳定在12万吨以上。",
        "各乡镇、各部门要把计划目标任务分解到季度、落实到项目，县发展改革局每季度汇总计划执行情况报县人民政府。",
    ),
    "示范县人民政府关于进一步优化营商环境的若干措施": (
        "各乡镇人民政府，县直各部门：",
        "为进一步优化营商环境，激发市场主体活力，现提出以下措施。",
        "一、压缩办理时限。企业开办全程网上办理，1个工作日内办结；社会投资简易低风险项目施工许可办理时间压缩至15个工作日以内。",
        "二、降低经营成本。全面落实减税降费政策，涉企收费实行目录清单管理，清单之外一律不得收费。",
        "三、加强政务诚信。政府部门与企业依法签订的合同，不得以换届、相关责任人更替等理由违约毁约。",
        "四、畅通诉求渠道。县政务服务中心设立“办不成事”反映窗口，企业反映的问题3个工作日内答复。",
    ),
    "示范县人民政府关于公布示范县行政许可事项清单的通知": (
        "各乡镇人民政府，县直各部门：",
        "根据国务院和省人民政府关于全面实行行政许可事项清单管理的要求，县人民政府对本县行政许可事项进行了全面梳理，现将《示范县行政许可事项清单（2025年版）》予以公布。",
        "本次公布的行政许可事项共198项，清单逐项列明事项名称、实施机关、设定依据等要素。清单之外，不得违法实施行政许可。",
        "各实施机关要按照清单编制办事指南，在县政务服务网公开，并根据法律法规的立改废释及时提出调整意见。",
    ),
    "示范县人民政府关于印发《示范县城市居民最低生活保障管理暂行办法》的通知": (
        "各乡镇人民政府，县直各部门：",
        "《示范县城市居民最低生活保障管理暂行办法》已经县人民政府同意，现印发给你们，请遵照执行。",
        "第一条　持有本县城镇常住户口的居民，共同生活的家庭成员人均收入低于城市居民最低生活保障标准的，均有从当地人民政府获得基本生活物质帮助的权利。",
        "第二条　城市居民最低生活保障标准由县民政局会同县财政局、县统计局等部门制定，报县人民政府批准后公布执行。",
        "第三条　本办法自印发之日起施行。",
    ),
    "示范县人民政府办公室关于做好2024年度政府信息公开工作年度报告编制发布工作的通知": (
        "各乡镇人民政府，县直各部门：",
        "根据《中华人民共和国政府信息公开条例》第四十九条、第五十条的规定，现就做好2024年度政府信息公开工作年度报告编制发布工作通知如下。",
        "一、报告格式。年度报告按照国务院办公厅政府信息与政务公开办公室印发的年度报告格式编制，表格数据应与政府信息公开申请办理台账一致，第三部分的勾稽关系必须成立。",
        "二、时间要求。县直各部门、各乡镇于2025年1月31日前在本单位政府信息公开专栏公布年度报告；县人民政府年度报告于3月31日前公布。",
        "三、质量把关。县政府办公室将对各单位年度报告逐一核对，对数据错误、内容缺项的予以通报。",
    ),
    "示范县人民政府办公室关于加强政务新媒体管理的通知": (
        "各乡镇人民政府，县直各部门：",
        "为规范全县政务新媒体建设运维，现就有关事项通知如下。",
        "一、实行备案管理。各单位开设、变更、关停政务新媒体账号，须报县政府办公室备案，未经备案不得开设。",
        "二、落实内容审核。政务新媒体发布信息实行“先审后发”，严禁发布与政务无关的商业广告。",
        "三、清理“僵尸”账号。对长期不更新、无力维护的账号，各单位要在2025年8月底前予以关停整合。",
    ),
    "示范县人民政府办公室关于开展2025年政府网站和政务新媒体检查的通知": (
        "各乡镇人民政府，县直各部门：",
        "按照政府网站和政务新媒体检查指标要求，县政府办公室定于2025年9月至10月开展全县政府网站和政务新媒体检查。",
        "一、检查内容。重点检查信息更新是否及时、互动回应是否规范、错敏词和个人信息泄露等问题。",
        "二、检查方式。采取各单位自查与县政府办公室抽查相结合的方式，抽查比例不低于50%。",
        "三、结果运用。检查结果纳入年度政务公开工作考核，对单项否决问题予以通报。",
    ),
    "示范县人民政府办公室关于调整县政府领导工作分工的请示": (
        "县人民政府：",
        "因工作需要，拟对县政府领导工作分工作如下调整，妥否，请批示。",
        "一、副县长张某某负责发展改革、财政、统计等方面工作。",
        "二、副县长刘某某负责民政、人力资源和社会保障、卫生健康等方面工作。",
    ),
    "示范县财政局关于公开2025年县级部门预算的通知": (
        "县直各预算部门：",
        "根据《中华人民共和国预算法》及其实施条例的规定，经县人民代表大会批准的部门预算，应当在批复后20日内由各部门向社会公开。",
        "一、公开内容。包括部门收支总表、收入总表、支出总表、财政拨款收支总表、一般公共预算“三公”经费支出表等9张表格及情况说明。",
        "二、公开方式。在县政府门户网站“预决算公开”专栏统一公开，同时在本部门网站或专栏公开。",
        "三、工作要求。涉密部门和涉密信息按保密规定不予公开，其余部门须全部公开。",
    ),
    "示范县财政局关于公开2024年县级部门决算的通知": (
        "县直各预算部门：",
        "2024年县级部门决算已经县人民政府批复，现就部门决算公开工作通知如下。",
        "一、各部门应当在决算批复后20日内公开本部门决算，并对“三公”经费支出增减变化原因作出说明。",
        "二、决算公开表格、说明的格式按照县财政局统一模板填报，公开数据应与批复数据一致。",
    ),
    "示范县财政局关于印发《示范县财政专项资金管理办法》的通知": (
        "县直各部门，各乡镇人民政府：",
        "为加强财政专项资金管理，提高资金使用效益，县财政局制定了《示范县财政专项资金管理办法》，现印发给你们，请认真执行。",
        "第一条　财政专项资金实行目录管理，每项专项资金须明确设立依据、实施期限、支持范围和绩效目标。",
        "第二条　专项资金分配结果除涉密内容外，应当在分配下达后20日内向社会公开。",
        "第三条　县财政局会同主管部门对专项资金使用情况开展绩效评价，评价结果作为调整预算的重要依据。",
    ),
    "示范县财政局关于下达2025年第三批涉农资金的通知": (
        "各乡镇人民政府，县农业农村局：",
        "根据县人民政府批准的资金分配方案，现下达2025年第三批统筹整合涉农资金，各单位的金额按分配方案执行。",
        "请各单位按照项目实施方案及时拨付资金，专款专用，不得挤占挪用。",
    ),
    "示范县民政局关于调整城乡低保标准和特困人员救助供养标准的通知": (
        "各乡镇人民政府，县直有关部门：",
        "为做好社会救助兜底保障，经县人民政府同意，自2025年7月1日起调整全县城乡低保标准和特困人员救助供养标准。",
        "一、城市低保标准由每人每月780元提高到810元；农村低保标准由每人每年5400元提高到5640元。",
        "二、特困人员基本生活标准按不低于当地低保标准的1.3倍确定。",
        "三、各乡镇要于2025年7月底前完成新标准的核定发放，并在村（居）务公开栏公布调整后的标准。",
    ),
    "示范县民政局关于开展2025年度养老服务机构等级评定工作的通知": (
        "各养老服务机构：",
        "为推动养老服务机构提升服务质量，县民政局决定开展2025年度养老服务机构等级评定工作。",
        "一、评定范围。全县依法备案并运营满1年的养老机构和社区养老服务设施。",
        "二、评定程序。机构自评申报、现场评审、结果公示，评定结果在县政府门户网站公布。",
    ),
    "示范县民政局关于做好2025年冬春困难群众生活救助工作的通知": (
        "各乡镇人民政府：",
        "为切实保障困难群众冬春期间基本生活，现就做好2025年冬春困难群众生活救助工作通知如下。",
        "一、全面排查摸底。对低保对象、特困人员、临时遇困群众逐户走访，建立冬春救助需求台账。",
        "二、及时发放救助资金和物资。冬春救助资金于2026年1月15日前发放到户，救助名单在村（居）务公开栏公示。",
    ),
    "示范县民政局关于2025年第三季度临时救助对象审核情况的报告": (
        "县人民政府：",
        "现将2025年第三季度全县临时救助对象审核情况报告如下。",
        "第三季度共受理临时救助申请126件，经审核批准救助118件，不予救助8件，已全部书面告知申请人理由。",
    ),
    "城关镇人民政府关于公布2025年耕地地力保护补贴发放情况的公告": (
        "根据县财政局、县农业农村局关于2025年耕地地力保护补贴的安排，现将本镇补贴发放情况公告如下。",
        "本镇2025年耕地地力保护补贴面积3.2万亩，补贴标准每亩105元，已通过“一卡通”发放到农户账户。",
        "各村补贴明细已在村务公开栏公示。对补贴发放有异议的，可在公告之日起7日内向镇农业综合服务中心反映，电话：0930-7713105。",
    ),
    "城关镇人民政府关于开展2025年人居环境整治工作的通知": (
        "各村（社区）：",
        "为持续改善农村人居环境，落实《示范县2025年国民经济和社会发展计划》（示县政发〔2025〕7号）"
        "的部署，镇政府决定在全镇开展2025年人居环境整治工作。",
        "一、整治重点。清理村庄生活垃圾、农业生产废弃物和乱堆乱放，整治房前屋后环境卫生。",
        "二、时间安排。2025年9月至11月集中整治，镇政府每月组织一次检查评比并通报结果。",
    ),
    "城关镇人民政府关于2025年城乡居民医疗保险征缴工作的通知": (
        "各村（社区）：",
        "2026年度城乡居民基本医疗保险集中征缴工作自2025年11月起开展，现将有关事项通知如下。",
        "一、缴费标准。个人缴费标准为每人每年400元，低保对象、特困人员等由医疗救助资金按规定给予资助。",
        "二、缴费方式。参保群众可通过税务部门缴费小程序、银行网点或村（社区）代收点缴费。",
    ),
    "河西乡人民政府关于公布2025年农村低保对象名单的公示": (
        "经村民委员会评议、乡人民政府审核，拟将以下家庭确定为2025年农村低保对象，现予公示。",
        "公示期为7天。对公示对象有异议的，可向乡民政办反映，电话：0930-7714106。",
    ),
    "河西乡人民政府关于做好2025年防汛工作的通知": (
        "各村民委员会：",
        "入汛以来，我乡降雨偏多，防汛形势严峻。为确保安全度汛，现就做好2025年防汛工作通知如下。",
        "一、落实防汛责任。各村要明确防汛责任人，对山洪沟道、淤地坝等隐患点位实行专人巡查。",
        "二、做好转移避险准备。提前确定避险场所和转移路线，遇强降雨及时组织危险区群众转移。",
        "三、严格值班值守。汛期实行24小时值班和领导带班制度，险情灾情第一时间上报乡防汛办。",
    ),
    "河西乡人民政府关于开展农村宅基地使用情况审核工作的通知": (
        "各村民委员会：",
        "为规范农村宅基地管理，乡政府决定开展农村宅基地使用情况审核工作。",
        "一、审核内容。核实宅基地面积、批准手续和一户一宅情况，对未批先建、超占面积的登记造册。",
        "二、工作步骤。各村于2025年10月底前完成入户核查，乡自然资源所11月底前完成审核汇总。",
    ),
    "河西乡人民政府关于公布2025年筹资筹劳项目的公告": (
        "根据村民一事一议筹资筹劳管理的规定，现将本乡2025年经村民会议通过的筹资筹劳项目公告如下。",
        "2025年全乡共实施一事一议项目6个，主要用于村内道路硬化和饮水管网维修，筹资标准每人每年不超过20元。",
        "项目实施情况接受村民监督，项目完成后在村务公开栏公布资金使用明细。",
    ),
}

# The county's own 2025 work plan (工作要点): its text is the document's body and its items are
# the ledger's tasks (`tasks_ledger/demo.py`). Units by the short names the county's units
# carry, so the ledger matches them; a deadline of None is written as 长期坚持.
PLAN_TITLE = "示范县人民政府办公室关于印发示范县2025年政务公开工作要点的通知"
PLAN_NAME = "示范县2025年政务公开工作要点"


@dataclass(frozen=True)
class PlanItem:
    number: str
    title: str
    text: str
    lead: tuple[str, ...]
    responsible: tuple[str, ...]
    deadline: date | None


PLAN_SECTIONS: tuple[tuple[str, str, tuple[PlanItem, ...]], ...] = (
    (
        "一",
        "加强政策解读和回应关切",
        (
            PlanItem(
                "（一）",
                "做好政策文件解读",
                "县政府及其部门出台的行政规范性文件和政策性文件，与解读材料同步组织、同步审签、"
                "同步发布，解读材料注明联系方式。",
                ("县政府办",),
                ("县直各部门",),
                None,
            ),
            PlanItem(
                "（二）",
                "办好政府开放日活动",
                "围绕城乡低保、营商环境等群众关心的事项，组织一次政府开放日，邀请群众代表走进机关。",
                ("县政府办",),
                ("城关镇",),
                date(2025, 9, 30),
            ),
        ),
    ),
    (
        "二",
        "推进重点领域信息公开",
        (
            PlanItem(
                "（三）",
                "公开部门预算决算",
                "县级部门预算、决算在批复后20日内公开，“三公”经费增减变化作出说明。",
                ("县财政局",),
                ("县直各部门",),
                date(2025, 3, 31),
            ),
            PlanItem(
                "（四）",
                "公开社会救助信息",
                "按月公开城乡低保、特困供养、临时救助的对象数量和资金发放情况，公示名单不含个人隐私信息。",
                ("县民政局",),
                ("各乡镇",),
                None,
            ),
            PlanItem(
                "（五）",
                "公开涉农补贴发放情况",
                "耕地地力保护补贴等涉农补贴在发放后10日内公开补贴标准、面积和发放情况。",
                ("城关镇",),
                ("河西乡",),
                date(2025, 6, 30),
            ),
        ),
    ),
    (
        "三",
        "夯实政务公开工作基础",
        (
            PlanItem(
                "（六）",
                "更新政府信息公开指南",
                "各单位对照机构职能和办公地址的变化，更新政府信息公开指南和联系方式。",
                ("县政府办",),
                ("县直各部门", "各乡镇"),
                date(2025, 4, 30),
            ),
            PlanItem(
                "（七）",
                "梳理基层政务公开标准目录",
                "对照基层政务公开标准指引，梳理本乡镇公开事项目录，在政府信息公开专栏公布。",
                ("河西乡",),
                ("城关镇",),
                date(2025, 10, 31),
            ),
            PlanItem(
                "（八）",
                "按时公布政府信息公开工作年度报告",
                "各单位按照规定格式编制2024年度报告，部门和乡镇于1月31日前、县人民政府于3月31日前公布。",
                ("县政府办",),
                ("县直各部门", "各乡镇"),
                date(2025, 3, 31),
            ),
            PlanItem(
                "（九）",
                "加强政务新媒体管理",
                "完成政务新媒体账号备案核查，关停整合长期不更新的账号。",
                ("县政府办",),
                ("县直各部门",),
                date(2025, 12, 31),
            ),
        ),
    ),
)


def deadline_text(deadline: date | None) -> str:
    return "长期坚持" if deadline is None else f"{deadline.year}年{deadline.month}月底前"


def _plan_paragraphs() -> tuple[str, ...]:
    lines = [
        "各乡镇人民政府，县直各部门：",
        f"《{PLAN_NAME}》已经县人民政府同意，现印发给你们，请结合实际认真抓好落实。",
        PLAN_NAME,
    ]
    for number, heading, items in PLAN_SECTIONS:
        lines.append(f"{number}、{heading}")
        for item in items:
            units = f"牵头单位：{'、'.join(item.lead)}"
            if item.responsible:
                units += f"；责任单位：{'、'.join(item.responsible)}"
            lines.append(
                f"{item.number}{item.title}。{item.text}"
                f"（{units}；完成时限：{deadline_text(item.deadline)}）"
            )
    return tuple(lines)


GROUNDS = {
    "not_disclosed": (
        "process_info",
        "属于向上级请示报告的过程性信息，依据《政府信息公开条例》第十六条第二款不予公开。",
    ),
    "on_request": (
        "specific_applicants",
        "涉及特定对象的资金下达和名单信息，不宜向社会公开，可依申请提供。",
    ),
}


def _html(paragraphs: list[str]) -> str:
    return "".join(f"<p>{escape(p)}</p>" for p in paragraphs)


def _reference_units() -> dict[str, Unit]:
    """The seed documents' real issuers, under one unit that says they are references."""
    existing = {u.code: u for u in Unit.objects.filter(code__startswith=REFERENCES[:4])}
    root = existing.get(REFERENCES) or unit_create(
        actor=None,
        code=REFERENCES,
        name=REFERENCES_NAME,
        short_name="参考文件",
        kind="other",
    )
    issuers = {}
    for code, name, short_name in ISSUERS:
        issuers[code] = existing.get(code) or unit_create(
            actor=None, parent=root, code=code, name=name, short_name=short_name, kind="other"
        )
    return issuers


def _seed_document(name: str) -> OfficialDocument | None:
    """The demo's document of a seed file (by its file name), if the demo has loaded it."""
    title, issuer = SEEDS[name]
    return OfficialDocument.objects.filter(unit__code=issuer, title=title).first()


def _load_seeds(issuers: dict[str, Unit]) -> int:
    created = 0
    calendar = current_calendar()
    for path in sorted(SEED_DIR.glob("*.txt")):
        if _seed_document(path.name) is not None:
            continue
        parsed = parse_file(path)
        title, issuer = SEEDS[path.name]
        document = document_create(
            actor=None,
            unit=issuers[issuer],
            doc_number=parsed.doc_number or "",
            title=title,
            recipients="、".join(parsed.recipients),
            written_on=parsed.date,
            printed_on=parsed.printed_date,
            kind="other",
            subject_class="0201",
            disclosure="proactive",
            summary=f"参考文件：{issuers[issuer].name}公开发布的文件，导入本平台作为示范，"
            "不是示范县的文件。",
            body=_html(parsed.body.split("\n")),
        )
        document_publish(
            actor=None, document=document, published_on=calendar.add_workdays(parsed.date, 4)
        )
        created += 1
    return created


def _summary(paragraphs: list[str]) -> str:
    """内容概述: the first paragraph that is not the salutation (主送机关：)."""
    return next(p for p in paragraphs if not p.endswith("："))


def _load_county(units: dict[str, Unit]) -> dict[str, OfficialDocument]:
    calendar = current_calendar()
    made: dict[str, OfficialDocument] = {}
    for (
        code,
        number,
        title,
        kind,
        subject,
        disclosure,
        topic,
        written,
        after,
        policy,
    ) in COUNTY_DOCUMENTS:
        existing = OfficialDocument.objects.filter(unit=units[code], title=title).first()
        if existing:
            made[title] = existing
            continue
        ground, reason = GROUNDS.get(disclosure, ("", ""))
        paragraphs = list(_plan_paragraphs() if title == PLAN_TITLE else BODIES[title])
        document = document_create(
            actor=None,
            unit=units[code],
            doc_number=number,
            title=title,
            recipients="各乡镇人民政府，县直各部门",
            written_on=written,
            printed_on=written + timedelta(days=1),
            signer="王某某" if code == COUNTY else "",
            kind=kind,
            subject_class=subject,
            disclosure=disclosure,
            withholding_ground=ground,
            withholding_reason=reason,
            is_policy_document=policy,
            summary=_summary(paragraphs),
            body=_html(paragraphs),
            valid_from=written if kind == "normative" else None,
            valid_until=written.replace(year=written.year + 5) if kind == "normative" else None,
        )
        if policy:
            # Title and form say what the body is: written text or questions and answers (a
            # 「一图读懂」 title on a text was shown as 文字解读, which it also was not).
            name = title.split("《")[-1].split("》")[0] if "《" in title else title
            form = "qa" if code == "013901003" else "text"
            Interpretation.objects.create(
                document=document,
                unit=units[code],
                title=f"《{name}》政策解读" if form == "text" else f"《{name}》政策问答",
                form=form,
                body=_html(
                    [p.format(topic=topic or title) for p in INTERPRETATION_PARAGRAPHS[form]]
                ),
                live=False,
            )
        if after is not None:
            document_publish(
                actor=None, document=document, published_on=calendar.add_workdays(written, after)
            )
        made[title] = document
    return made


# A township's document that implements a county one (互设跳转链接): its page links to the
# county's plan under 上级文件, the plan's lists it under 本级及下级配套文件.
IMPLEMENTATION = (
    "城关镇人民政府关于开展2025年人居环境整治工作的通知",
    "示范县人民政府关于印发示范县2025年国民经济和社会发展计划的通知",
)


def _link_implementation(made: dict[str, OfficialDocument]) -> int:
    document, target = (made[title] for title in IMPLEMENTATION)
    if document.implementation_links.filter(target=target).exists():
        return 0
    document_link_implementation(actor=None, document=document, target=target)
    return 1


def load(context: DemoContext) -> None:
    ensure_document_workflow()
    created = _load_seeds(_reference_units())
    units = {u.code: u for u in Unit.objects.filter(code__startswith="0139")}
    made = _load_county(units)
    old = made[COUNTY_DOCUMENTS[4][2]]
    new = made[COUNTY_DOCUMENTS[0][2]]
    if old.validity != "repealed":
        document_set_validity(
            actor=None,
            document=old,
            validity="repealed",
            changed_on=new.written_on,
            replaced_by=new,
        )
        created += 1
    created += _link_implementation(made)
    context.created_anything = context.created_anything or bool(created)
