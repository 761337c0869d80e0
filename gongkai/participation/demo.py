"""Demo data of public participation, made through the services: one consultation open now,
one closed with 40 comments on its articles all answered and its feedback published, and one
closed whose feedback is still being written (its document cannot go to sign-off); the
county's 重大行政决策事项目录; a meeting with its attendees published; an open day taking
registrations; and three opinion items (answered in public, overdue, new)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from gongkai.core.demo import COUNTY, OFFICE, DemoContext
from gongkai.core.models import Unit
from gongkai.documents.selectors import public_documents
from gongkai.documents.services import document_create

from .models import Consultation
from .services import comments as comment_services
from .services import consultations as services
from .services import decisions, events, opinions, questionnaires
from .services.comments import CommentInput
from .services.consultations import ConsultationFacts
from .services.decisions import DecisionItemFacts
from .services.events import Applicant, EventFacts
from .services.opinions import OpinionFacts

ORDER = 55  # after the documents (30) and requests (45) of the county

CIVIL_AFFAIRS = "013901003"

WASTE_TITLE = "关于《示范县城市生活垃圾分类管理办法（征求意见稿）》公开征求意见的公告"
WASTE_DRAFT = """示范县城市生活垃圾分类管理办法（征求意见稿）
第一章 总则
第一条 为了推进城市生活垃圾分类，改善人居环境，根据《中华人民共和国固体废物污染环境防治法》等法律法规，结合本县实际，制定本办法。
第二条 本县城市建成区内生活垃圾的分类投放、分类收集、分类运输、分类处理及其监督管理，适用本办法。
第三条 生活垃圾分为可回收物、有害垃圾、厨余垃圾和其他垃圾四类。
第二章 分类投放
第四条 单位和个人应当按照分类标准将生活垃圾投放到相应的收集容器内。
第五条 住宅小区由物业服务企业负责设置分类收集容器；没有物业服务的，由社区居民委员会组织设置。
第六条 大件垃圾、装修垃圾应当预约收运，不得混入生活垃圾投放。
第三章 收集运输和处理
第七条 县城市管理局负责组织建设分类收集、运输和处理设施。
第八条 分类收集的生活垃圾应当分类运输，不得混装混运。
第四章 附则
第九条 违反本办法规定的，由县城市管理局依照有关法律法规处理。
第十条 本办法自发布之日起施行。"""

DIBAO_TITLE = "关于《示范县城乡居民最低生活保障实施办法（征求意见稿）》公开征求意见的公告"
DIBAO_DRAFT = """示范县城乡居民最低生活保障实施办法（征求意见稿）
第一章 总则
第一条 为了规范城乡居民最低生活保障工作，保障困难群众基本生活，根据《社会救助暂行办法》，结合本县实际，制定本办法。
第二条 本办法所称最低生活保障，是指对共同生活的家庭成员人均收入低于当地最低生活保障标准、且符合财产状况规定的家庭给予的基本生活救助。
第二章 保障对象和标准
第三条 最低生活保障标准由县人民政府按照当地居民生活必需的费用确定，每年调整一次并向社会公布。
第四条 申请最低生活保障，以家庭为单位，由申请家庭确定一名共同生活的家庭成员作为申请人。
第三章 审核确认
第五条 乡镇人民政府（街道办事处）应当自受理申请之日起30日内完成审核，并在申请人所在村（社区）公示7日。
第六条 县民政局应当对审核意见进行抽查，抽查比例不低于30%。
第四章 管理和监督
第七条 最低生活保障金按月发放，通过银行或者其他金融机构直接发放到保障对象账户。
第八条 县民政局和乡镇人民政府应当公开最低生活保障的政策、办理程序、保障对象和保障金发放情况，但不得公开保障对象的身份证号码、银行账号等个人信息。"""

RENEWAL_TITLE = "关于《示范县老旧小区改造三年行动方案（征求意见稿）》公开征求意见的公告"
RENEWAL_DRAFT = """示范县老旧小区改造三年行动方案（征求意见稿）
为改善老旧小区居民居住条件，推动城市更新，制定本方案。
一、总体要求
（一）改造范围。2000年底前建成、失养失修失管、市政配套设施不完善的住宅小区。
（二）工作目标。到2027年底，完成全县46个老旧小区改造任务。
二、改造内容
（一）基础类。改造提升小区内供水、排水、供电、道路、消防等基础设施。
（二）完善类。加装电梯、建设停车场和充电设施、完善无障碍设施。
（三）提升类。建设社区养老、托育、便民市场等公共服务设施。
三、资金筹措
（一）政府补助。中央和省级补助资金与县级财政配套资金统筹使用。
（二）居民出资。按照谁受益、谁出资的原则，居民合理分担改造费用。"""

# (article anchor, texts): the 40 comments on the 低保 draft, by article.
DIBAO_COMMENTS = {
    "a3": [
        "建议保障标准与上年度城乡居民人均消费支出挂钩，明确调整公式。",
        "标准每年调整一次太慢，物价上涨快的年份应当及时调整。",
        "农村和城市标准差距较大，建议逐步统筹城乡标准。",
        "建议公布标准的测算依据，让群众看得明白。",
        "希望标准调整时同时公布调整前后的对比。",
        "建议在乡镇政务公开栏同步张贴新标准。",
        "标准应当考虑残疾人、重病患者家庭的额外支出。",
        "建议对老年人家庭适当提高保障水平。",
    ],
    "a4": [
        "申请人能否由村（社区）代为申请？行动不便的老人很难自己去办。",
        "建议明确外出务工人员家庭如何计算共同生活的家庭成员。",
        "希望可以网上申请，减少群众跑腿。",
        "申请材料清单应当一次性告知，避免反复补交。",
        "建议明确分户不久的家庭如何认定。",
        "对于离婚后子女随一方生活的情况，建议明确家庭成员范围。",
    ],
    "a5": [
        "30日的审核期限偏长，建议缩短为20个工作日。",
        "公示7日期间的异议如何处理，建议写明。",
        "公示内容应当隐去申请人的身份证号码，只公示姓名和保障金额。",
        "建议公示时同时公布乡镇的监督电话。",
        "入户调查应当由两名以上工作人员进行。",
        "建议对审核不通过的，书面告知理由。",
        "审核期间生活特别困难的，能否先行给予临时救助？",
        "公示地点应当选择群众方便看到的位置。",
    ],
    "a6": [
        "抽查比例30%是否能够落实到位，建议明确抽查结果的公开方式。",
        "建议引入第三方机构开展抽查评估。",
        "县民政局抽查发现问题的，应当明确整改时限。",
        "建议对长期享受低保的家庭定期复核。",
    ],
    "a7": [
        "保障金应当在每月10日前发放到位。",
        "建议允许保障对象选择发放的银行。",
        "对于没有银行账户的高龄老人，建议由村（社区）协助办理。",
        "发放情况应当按月公开。",
        "建议建立保障金发放短信提醒。",
        "希望能够查询本人保障金的发放记录。",
    ],
    "a8": [
        "非常赞同不公开身份证号码和银行账号的规定，保护了群众隐私。",
        "建议把公开的具体内容和时间写进办法。",
        "建议设立举报电话，鼓励群众监督骗保行为。",
        "对于优亲厚友的问题，建议明确追责办法。",
    ],
    "": [
        "整个办法条理清楚，建议尽快出台。",
        "建议同步出台实施细则和办事指南。",
        "希望加强政策宣传，让困难群众知道怎么申请。",
        "建议在办法中写明群众的申诉渠道。",
    ],
}

# (disposition, summary, reason, [(anchor, index in DIBAO_COMMENTS[anchor])]) grouped answers.
DIBAO_ANSWERS = (
    (
        "partly_adopted",
        "关于保障标准的确定和调整",
        "保障标准按照国家和省有关规定与当地居民生活必需费用挂钩，已在第三条增加“物价上涨较快时适时调整”和“公布测算依据”的内容；城乡标准统筹将结合全省部署逐步推进。",
        [("a3", i) for i in range(8)],
    ),
    (
        "adopted",
        "关于申请方式和材料",
        "已在第四条增加“行动不便的可以委托村（社区）代为提出申请”和“可以通过政务服务网提出申请”，申请材料清单将在办事指南中一次性公布。",
        [("a4", i) for i in range(6)],
    ),
    (
        "partly_adopted",
        "关于审核期限和公示",
        "审核期限依照《社会救助暂行办法》的规定确定为30日，不作缩短；公示内容仅限姓名、家庭人口和保障金额，已写入第五条；审核不通过的书面告知理由。",
        [("a5", i) for i in range(8)],
    ),
    (
        "not_adopted",
        "关于抽查和复核",
        "抽查比例和复核周期按照省民政厅的统一规定执行，本办法不另作规定；抽查结果将在年度工作报告中公开。",
        [("a6", i) for i in range(4)],
    ),
    (
        "adopted",
        "关于保障金发放和查询",
        "已在第七条增加“每月10日前发放到位”和“保障对象可以查询本人发放记录”的内容。",
        [("a7", i) for i in range(6)],
    ),
    (
        "adopted",
        "关于信息公开和监督",
        "已在第八条明确按季度公开保障对象名单（不含身份证号码、银行账号）和举报电话。",
        [("a8", i) for i in range(4)],
    ),
    (
        "out_of_scope",
        "关于出台时间和配套措施",
        "感谢您的支持。办法出台时间和宣传工作不属于本次征求意见的条文内容，我们将在后续工作中统筹考虑；申诉渠道已在第八条写明。",
        [("", i) for i in range(4)],
    ),
)


def _facts(title: str, starts: date, ends: date, **changes) -> ConsultationFacts:
    values = {
        "title": title,
        "starts_on": starts,
        "ends_on": ends,
        "channels": ["online", "mail", "email"],
        "contact_name": "县司法局法制审核股",
        "contact_phone": "0930-7712388",
        "contact_email": "sfj@sfx.gov.cn",
        "mail_address": "示范县人民路1号县司法局（邮编731700）",
    }
    return ConsultationFacts(**(values | changes))


def _draft_document(unit: Unit, title: str):
    return document_create(
        actor=None,
        unit=unit,
        title=title,
        written_on=timezone.localdate(),
        disclosure="proactive",
        kind="normative",
    )


def _consultation(unit, facts, text, *, document=None, opened_on=None, questions=()):
    consultation = services.consultation_create(
        actor=None, unit=unit, facts=facts, document=document
    )
    services.draft_version_save(actor=None, consultation=consultation, text=text)
    for kind, question, choices in questions:
        questionnaires.question_create(
            actor=None,
            consultation=consultation,
            kind=kind,
            text=question,
            required=True,
            choices=choices,
        )
    return services.consultation_open(actor=None, consultation=consultation, today=opened_on)


def _comment(consultation, anchor: str, body: str, day: date, n: int):
    return comment_services.comment_submit_online(
        consultation=consultation,
        version_number=1,
        data=CommentInput(body=body, article_anchor=anchor, author_name=f"居民{n}"),
        submission_key=f"demo-{consultation.pk}-{n}",
        today=day,
    ).comment


def _consultations(county: Unit, civil: Unit, today: date):
    # Open now: the waste-sorting measure, with a questionnaire and a few comments.
    waste = _consultation(
        county,
        _facts(
            WASTE_TITLE,
            today - timedelta(days=5),
            today + timedelta(days=25),
            background="为推进生活垃圾分类工作，县城市管理局起草了本办法，现向社会公开征求意见。",
            questions="1.四类垃圾的分类标准是否清楚易行？\n2.住宅小区分类收集容器由谁设置更合适？",
            channels=["online", "mail", "email", "questionnaire"],
        ),
        WASTE_DRAFT,
        document=_draft_document(
            county, "示范县人民政府关于印发《示范县城市生活垃圾分类管理办法》的通知"
        ),
        opened_on=today - timedelta(days=5),
        questions=(
            ("single", "您所在的小区是否已经开始垃圾分类？", ["已经开始", "尚未开始", "不清楚"]),
            (
                "multiple",
                "您认为推行垃圾分类最需要哪些措施？",
                ["加强宣传", "增设分类设施", "定时定点投放", "设置督导员"],
            ),
            ("text", "您对垃圾分类还有什么建议？", []),
        ),
    )
    for n, (anchor, body) in enumerate(
        [
            ("a3", "建议在四类垃圾的基础上，对大件垃圾单独列出投放要求。"),
            ("a5", "没有物业的老旧小区由社区设置容器，经费从哪里来？建议写明。"),
            ("", "建议先在机关单位和学校试点，再全面推开。"),
        ],
        start=1,
    ):
        _comment(waste, anchor, body, today - timedelta(days=4 - n), n)

    # Closed, 40 comments all answered, feedback published.
    dibao = _consultation(
        civil,
        _facts(
            DIBAO_TITLE,
            today - timedelta(days=75),
            today - timedelta(days=45),
            background="为规范我县最低生活保障工作，县民政局起草了本办法，现向社会公开征求意见。",
            questions="保障标准的确定和调整方式、审核确认程序是否合理？",
        ),
        DIBAO_DRAFT,
        document=_draft_document(
            civil, "示范县民政局关于印发《示范县城乡居民最低生活保障实施办法》的通知"
        ),
        opened_on=today - timedelta(days=75),
    )
    made: dict[tuple[str, int], object] = {}
    n = 0
    for anchor, bodies in DIBAO_COMMENTS.items():
        for i, body in enumerate(bodies):
            n += 1
            # Spread over the thirty days of the period.
            day = dibao.starts_on + timedelta(days=1 + (n - 1) * 28 // 39)
            made[(anchor, i)] = _comment(dibao, anchor, body, day, n)
    services.consultation_close(actor=None, consultation=dibao, today=today)
    for disposition, summary, reason, keys in DIBAO_ANSWERS:
        comment_services.answer_save(
            actor=None,
            consultation=dibao,
            comments=[made[key] for key in keys],
            disposition=disposition,
            reason=reason,
            summary=summary,
        )
    comment_services.feedback_save(
        actor=None,
        consultation=dibao,
        summary="本次征求意见共收到意见40条，主要集中在保障标准、申请方式、审核公示和保障金发放等方面。"
        "经认真研究，采纳和部分采纳的意见已在修改稿中体现，未采纳的意见说明了理由。",
    )
    comment_services.feedback_publish(actor=None, consultation=dibao)

    # Closed, feedback being written: its document may not go to sign-off yet.
    renewal = _consultation(
        county,
        _facts(
            RENEWAL_TITLE,
            today - timedelta(days=40),
            today - timedelta(days=6),
            is_major_decision=True,
            background="老旧小区改造列入本县2025年度重大行政决策事项目录，县住房和城乡建设局起草了本方案。",
            questions="改造内容和居民出资比例是否合理？",
        ),
        RENEWAL_DRAFT,
        document=_draft_document(
            county, "示范县人民政府关于印发《示范县老旧小区改造三年行动方案》的通知"
        ),
        opened_on=today - timedelta(days=40),
    )
    for n, (anchor, body) in enumerate(
        [
            ("a3", "46个小区三年完成任务较重，建议分年度公布改造清单。"),
            ("a5", "加装电梯应当征得本单元全体业主同意，建议写明协商办法。"),
            ("a8", "居民出资比例建议设置上限，低保户、特困户应当减免。"),
            ("a8", "建议公开资金使用情况。"),
        ],
        start=1,
    ):
        _comment(renewal, anchor, body, today - timedelta(days=39 - n), n)
    services.consultation_close(actor=None, consultation=renewal, today=today)
    first = renewal.comments.order_by("id").first()
    comment_services.answer_save(
        actor=None,
        consultation=renewal,
        comments=[first],
        disposition="adopted",
        reason="已增加“改造清单按年度向社会公布”的内容。",
    )
    return dibao, renewal


def _catalog(county: Unit, dibao, renewal, today: date) -> None:
    catalog = decisions.decision_catalog_create(
        actor=None,
        unit=county,
        year=today.year,
        note="根据《重大行政决策程序暂行条例》，经县人民政府研究确定，现将本年度重大行政决策事项目录予以公布。",
    )
    decided = public_documents(county).filter(kind="normative").first()
    rows = (
        (
            DecisionItemFacts(
                title="示范县老旧小区改造三年行动方案",
                content="改造2000年底前建成的46个老旧小区，完善基础设施和公共服务设施。",
                lead_unit=county,
                planned=f"{today.year}年第四季度",
                consultation=renewal,
            ),
            "consulting",
        ),
        (
            DecisionItemFacts(
                title="示范县城乡居民最低生活保障实施办法",
                content="规范最低生活保障的对象、标准、审核确认和管理监督。",
                lead_unit=Unit.objects.get(code=CIVIL_AFFAIRS),
                planned=f"{today.year}年第三季度",
                consultation=dibao,
                expert_review="邀请社会保障领域专家3名进行论证，专家认为办法总体可行，建议细化审核程序。",
                expert_review_on=today - timedelta(days=30),
                legality_review="经县司法局合法性审查，办法内容合法。",
                legality_review_on=today - timedelta(days=20),
            ),
            "legality_review",
        ),
        (
            DecisionItemFacts(
                title="示范县城乡居民最低生活保障实施办法（已印发）"
                if decided is None
                else decided.title,
                content="县人民政府常务会议审议通过后印发实施。",
                lead_unit=county,
                planned=f"{today.year}年上半年",
                final_document=decided,
            ),
            "decided",
        ),
    )
    for facts, status in rows:
        item = decisions.decision_item_save(actor=None, catalog=catalog, facts=facts)
        if status != "listed":
            decisions.decision_item_set_status(actor=None, item=item, status=status, on=today)
    decisions.decision_catalog_publish(actor=None, catalog=catalog)


def _meeting(county: Unit, now: datetime) -> None:
    meeting = events.meeting_save(
        actor=None,
        unit=county,
        facts=EventFacts(
            title="示范县人民政府第12次常务会议",
            starts_at=now + timedelta(days=2),
            place="县政府三楼会议室",
            closes_at=now + timedelta(days=1),
            description="会议邀请利益相关方、群众代表、专家和媒体列席。",
            places=4,
        ),
    )
    events.agenda_item_add(
        actor=None, meeting=meeting, title="研究《示范县城乡居民最低生活保障实施办法》"
    )
    events.agenda_item_add(actor=None, meeting=meeting, title="听取全县老旧小区改造工作情况汇报")
    events.meeting_announce(actor=None, meeting=meeting)
    applicants = (
        Applicant("resident", "赵建国", "0930-7719001", "城关镇东街社区", "低保标准调整"),
        Applicant("stakeholder", "钱秀英", "0930-7719002", "红旗村", "老旧小区改造资金"),
        Applicant("expert", "孙立平", "0930-7719003", "县社会保障研究会", ""),
        Applicant("media", "李明", "0930-7719004", "示范县融媒体中心", ""),
    )
    for number, applicant in enumerate(applicants):
        application = events.attendance_apply(
            meeting=meeting, applicant=applicant, submission_key=f"demo-meeting-{number}"
        ).application
        events.attendance_decide(actor=None, application=application, approve=True)
    # Held last week: the record of who attended is published.
    events.meeting_save(
        actor=None,
        unit=county,
        facts=EventFacts(
            title=meeting.title,
            starts_at=now - timedelta(days=7),
            place=meeting.place,
            closes_at=now - timedelta(days=9),
            description=meeting.description,
            places=meeting.places,
        ),
        meeting=meeting,
    )
    attended = set(meeting.applications.values_list("pk", flat=True)[:3])
    events.meeting_record_held(
        actor=None,
        meeting=meeting,
        attended_ids=attended,
        record_note="列席人员就低保标准调整和老旧小区改造资金发表了意见，会议予以吸收。",
    )
    events.meeting_publish_record(actor=None, meeting=meeting)


def _open_day(county: Unit, now: datetime) -> None:
    starts = timezone.make_aware(datetime.combine(now.date() + timedelta(days=14), time(9)))
    open_day = events.open_day_save(
        actor=None,
        unit=Unit.objects.get(code=OFFICE),
        facts=EventFacts(
            title="走进县政务服务中心——政府开放日",
            starts_at=starts,
            place="示范县政务服务中心一楼大厅",
            closes_at=starts - timedelta(days=2),
            description="参观政务服务中心，体验“一网通办”，与窗口工作人员面对面交流。",
            places=30,
        ),
    )
    events.open_day_announce(actor=None, open_day=open_day)
    events.open_day_register(
        open_day=open_day,
        name="周小燕",
        phone="0930-7719010",
        party_size=2,
        submission_key="demo-open-day-1",
    )


def _opinions(county: Unit, today: date) -> None:
    civil = Unit.objects.get(code=CIVIL_AFFAIRS)
    answered = opinions.opinion_item_record(
        actor=None,
        unit=civil,
        facts=OpinionFacts(
            source="online",
            source_name="示范县论坛",
            summary="网民反映城关镇部分低保户保障金发放延迟。",
            detected_on=today - timedelta(days=12),
        ),
    )
    opinions.opinion_item_assess(
        actor=None,
        item=answered,
        value="high",
        assessment="涉及困难群众切身利益，关注度高，需及时公开回应。",
    )
    opinions.opinion_item_report(actor=None, item=answered, note="已报送县政府办公室。")
    opinions.opinion_item_handle(
        actor=None,
        item=answered,
        handling="经核查，因银行系统升级导致3户延迟到账，已于次日补发。",
        handled_on=today - timedelta(days=10),
    )
    opinions.opinion_response_publish(
        actor=None,
        item=answered,
        title="关于城关镇部分低保金发放延迟问题的回应",
        text="近日，有网民反映城关镇部分低保户保障金发放延迟。经县民政局核查，因代发银行系统升级，"
        "3户低保对象的保障金延迟1日到账，目前已全部补发到位。县民政局已要求代发银行提前告知系统维护安排，"
        "确保保障金按时发放。感谢广大网民的监督。",
        published_on=today - timedelta(days=9),
    )
    overdue = opinions.opinion_item_record(
        actor=None,
        unit=county,
        facts=OpinionFacts(
            source="media",
            source_name="示范日报",
            source_url="https://news.example.invalid/sfx/2025/01.html",
            summary="媒体报道县城部分路段积水严重，市民出行不便。",
            detected_on=today - timedelta(days=15),
        ),
    )
    opinions.opinion_item_assess(
        actor=None,
        item=overdue,
        value="high",
        assessment="媒体报道，影响面广，需公开回应整改措施。",
    )
    opinions.opinion_item_record(
        actor=None,
        unit=county,
        facts=OpinionFacts(
            source="hotline",
            message_reference="12345-2025-0001",
            summary="12345热线多次接到市民反映老旧小区改造施工噪音扰民。",
            detected_on=today - timedelta(days=1),
        ),
    )


def load(context: DemoContext) -> None:
    if Consultation.objects.filter(title=WASTE_TITLE).exists():
        return
    county = Unit.objects.get(code=COUNTY)
    civil = Unit.objects.get(code=CIVIL_AFFAIRS)
    today, now = timezone.localdate(), timezone.now()
    dibao, renewal = _consultations(county, civil, today)
    _catalog(county, dibao, renewal, today)
    _meeting(county, now)
    _open_day(county, now)
    _opinions(county, today)
    context.created_anything = True
