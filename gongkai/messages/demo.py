"""Demo messages: about sixty messages of every kind and state across the demo county's units,
made through the services on past working days (calls and letters taken down by staff, 12345
work orders imported, web messages left today): answered on time and late, one unanswered for
three months, routed, transferred and returned, reopened after a poor rating, invalid ones, some
published in 留言选登; and policy Q&A under two of the county's policies. Idempotent: a database
that already holds them is left alone."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from gongkai.calendar.selectors import current_calendar
from gongkai.core.demo import COUNTY, OFFICE, DemoContext
from gongkai.core.models import Unit
from gongkai.documents.selectors import public_documents

from . import services as s
from .imports import hotline_import
from .models import Message

ORDER = 60
FIRST_WEB_KEY = "demo-message-web-0"
FINANCE, CIVIL, CHENGGUAN, HEXI = "013901002", "013901003", "013901101", "013901102"

# (unit, kind, title, text, reply): taken down by phone or letter; the outcome is set below.
TAKEN_DOWN = (
    (
        FINANCE,
        "consultation",
        "耕地地力保护补贴何时发放",
        "请问今年的耕地地力保护补贴什么时候发放到一卡通？",
        "2026年度补贴将于6月30日前发放到农户一卡通账户，请届时查询。",
    ),
    (
        FINANCE,
        "consultation",
        "惠民惠农补贴查询渠道",
        "怎样查询自己领取了哪些惠民惠农补贴？",
        "可登录“甘肃省惠民惠农财政补贴资金‘一卡通’管理平台”或到乡镇财政所查询。",
    ),
    (
        FINANCE,
        "complaint",
        "补贴发放金额与公示不一致",
        "村里公示的补贴金额和实际到账的不一样，请核实。",
        "经核查，差额为代扣的新农合个人缴费，已向您说明并在村务公开栏补充公示。",
    ),
    (
        FINANCE,
        "suggestion",
        "建议公开乡镇财政预决算",
        "建议把各乡镇的财政预决算也放到网站上。",
        "感谢您的建议，各乡镇2026年预算已在“法定主动公开内容”栏目公开。",
    ),
    (
        FINANCE,
        "simple",
        "财政局办公地址",
        "请问县财政局在哪里办公？",
        "县财政局办公地址为示范县人民路15号，工作日8:30—12:00、14:30—18:00。",
    ),
    (
        CIVIL,
        "consultation",
        "低保申请需要哪些材料",
        "家里老人想申请低保，需要准备哪些材料？",
        "需提供户口簿、身份证、家庭收入和财产情况说明，向户籍所在地乡镇（街道）提出申请。",
    ),
    (
        CIVIL,
        "consultation",
        "高龄津贴领取条件",
        "80岁以上老人的高龄津贴怎么领取？",
        "年满80周岁的本县户籍老人，持身份证、户口簿到户籍所在地乡镇便民服务中心申请。",
    ),
    (
        CIVIL,
        "complaint",
        "养老院服务质量差",
        "县社会福利院饭菜质量差，护理人员不足。",
        "已约谈福利院负责人，调整了菜谱并新增护理人员2名，欢迎继续监督。",
    ),
    (
        CIVIL,
        "suggestion",
        "建议增设社区老年食堂",
        "东街社区老人多，建议开设老年食堂。",
        "已列入2026年社区嵌入式服务设施建设计划，拟于年内在东街社区开设。",
    ),
    (
        CIVIL,
        "simple",
        "婚姻登记是否需要预约",
        "周末能办理结婚登记吗？",
        "婚姻登记处周一至周五办公，可通过“甘肃政务服务网”预约。",
    ),
    (
        CHENGGUAN,
        "complaint",
        "夜间施工噪音扰民",
        "北街工地每天晚上十一点后还在施工，影响休息。",
        "已责令施工单位停止夜间施工，执法中队将每晚巡查。",
    ),
    (
        CHENGGUAN,
        "consultation",
        "老旧小区改造范围",
        "我们小区是2000年前建的，能纳入老旧小区改造吗？",
        "2000年底前建成的城镇老旧小区可申报，请由业主委员会向镇政府提出申请。",
    ),
    (
        CHENGGUAN,
        "suggestion",
        "建议增设公交站点",
        "建议在北街菜市场门口设公交站点。",
        "已转县交通运输局研究，拟在线路调整时增设。",
    ),
    (
        CHENGGUAN,
        "consultation",
        "垃圾分类投放时间",
        "小区垃圾分类定时投放是几点？",
        "每天7:00—9:00、18:00—20:00定时投放，其他时间可投放至小区集中点。",
    ),
    (
        HEXI,
        "consultation",
        "农村危房改造申请",
        "家里的土坯房漏雨，能申请危房改造吗？",
        "属于农村低收入群体的，可向村委会提出申请，经鉴定后纳入改造计划。",
    ),
    (
        HEXI,
        "complaint",
        "村道路灯不亮",
        "红旗村到乡政府的路灯坏了一个多月。",
        "已安排维修，路灯已于本周恢复照明。",
    ),
    (
        HEXI,
        "suggestion",
        "建议建设村级文化广场",
        "红旗村没有活动场地，建议修建文化广场。",
        "已纳入2026年乡村建设项目库，待资金下达后实施。",
    ),
    (
        COUNTY,
        "correction",
        "网站政策文件链接打不开",
        "“政策文件”栏目第二页的文件链接点开是404。",
        "链接已修复，感谢您为政府网站找错。",
    ),
    (
        COUNTY,
        "correction",
        "领导信息未更新",
        "网站“领导信息”栏目还是去年的分工。",
        "已按最新分工更新。",
    ),
    (
        COUNTY,
        "correction",
        "网站错别字",
        "“政务动态”里一篇文章把“部署”写成了“布署”。",
        "已更正，感谢指正。",
    ),
    (
        COUNTY,
        "consultation",
        "公务员考试报名时间",
        "今年县里的事业单位招聘什么时候报名？",
        "请关注县人力资源和社会保障局发布的招聘公告。",
    ),
    (
        COUNTY,
        "suggestion",
        "建议网站增加无障碍功能",
        "建议政府网站增加大字版和读屏功能。",
        "网站适老化和无障碍改造已列入年度工作计划。",
    ),
    (
        CIVIL,
        "consultation",
        "残疾人两项补贴",
        "重度残疾人护理补贴每月多少钱？",
        "重度残疾人护理补贴标准为每人每月100元，按月发放。",
    ),
    (
        FINANCE,
        "consultation",
        "政府采购供应商注册",
        "企业怎样成为政府采购供应商？",
        "请在甘肃省政府采购网注册，无需向财政部门申请入库。",
    ),
    (
        CHENGGUAN,
        "complaint",
        "小区物业乱收费",
        "物业公司收取电梯使用费没有依据。",
        "已约谈物业公司，暂停收取电梯使用费，待业主大会表决。",
    ),
    (
        HEXI,
        "consultation",
        "土地确权证书领取",
        "土地承包经营权证书在哪里领？",
        "请到乡农业综合服务中心领取，需携带户主身份证。",
    ),
    (
        CIVIL,
        "suggestion",
        "建议简化临时救助手续",
        "遇到急难情况，临时救助手续太多。",
        "对急难型临时救助已实行先行救助、事后补充说明。",
    ),
    (
        FINANCE,
        "complaint",
        "涉企收费问题",
        "某部门办理业务时要求企业缴纳没有依据的费用。",
        "经核实已责令退还，并在全县通报。",
    ),
    (
        COUNTY,
        "consultation",
        "政务服务中心周末是否办公",
        "县政务服务中心周六能办事吗？",
        "县政务服务中心实行周六上午延时服务，9:00—12:00可办理常见事项。",
    ),
    (
        CHENGGUAN,
        "consultation",
        "门面房装修审批",
        "临街门面装修需要办什么手续？",
        "涉及外立面改造的，需向镇规划建设办公室申请；室内装修无需审批。",
    ),
)

# What happens to each message above, by position: answered after n working days (a few late),
# or left in another state.
OUTCOMES = {
    0: ("answered", 2),
    1: ("answered", 4),
    2: ("late", 8),
    3: ("answered", 3),
    4: ("answered", 1),
    5: ("answered", 3),
    6: ("answered", 5),
    7: ("late", 9),
    8: ("answered", 4),
    9: ("answered", 1),
    10: ("answered", 2),
    11: ("answered", 5),
    12: ("transferred", 0),
    13: ("answered", 1),
    14: ("answered", 4),
    15: ("late", 12),
    16: ("answered", 5),
    17: ("answered", 2),
    18: ("answered", 3),
    19: ("late", 5),
    20: ("answered", 4),
    21: ("handling", 0),
    22: ("answered", 3),
    23: ("answered", 2),
    24: ("reopened", 3),
    25: ("answered", 2),
    26: ("handling", 0),
    27: ("answered", 3),
    28: ("new", 0),
    29: ("answered", 1),
}
PUBLISHED = (0, 1, 3, 5, 6, 8, 11, 13, 14, 17, 20, 22, 25, 27, 29)

HOTLINE_HEADER = "工单编号,受理时间,承办单位,诉求类型,诉求标题,诉求内容,办理时限,诉求人,联系电话"
# (unit name, kind, title, text, days ago)
HOTLINE = (
    ("示范县财政局", "咨询", "养老保险补贴", "咨询城乡居民养老保险缴费补贴标准。", 14),
    ("示范县民政局", "求助", "困难群众求助", "家中老人重病，申请临时救助。", 12),
    ("城关镇", "投诉", "占道经营", "北街菜市场门口占道经营，影响通行。", 11),
    ("示范县城关镇人民政府", "举报", "违规搭建", "东街小区顶楼违规搭建彩钢房。", 10),
    ("河西乡", "咨询", "退耕还林补助", "退耕还林补助何时发放？", 9),
    ("示范县民政局", "建议", "增设养老服务站", "建议在河西乡设居家养老服务站。", 8),
    ("不确定", "投诉", "供暖温度不达标", "小区供暖温度只有十五度。", 7),
    ("示范县财政局", "咨询", "非税收入缴款", "非税收入缴款书丢失怎么办？", 6),
    ("城关镇", "咨询", "独生子女奖励", "独生子女父母奖励扶助怎么申请？", 5),
    ("示范县人民政府办公室", "投诉", "办事窗口态度差", "政务服务中心某窗口工作人员态度生硬。", 4),
    ("河西乡", "求助", "饮水问题", "红旗村三组自来水停水三天。", 2),
    ("不确定", "咨询", "电动车上牌", "电动自行车在哪里上牌？", 1),
)

WEB = (
    (FINANCE, "consultation", "农机购置补贴申请", "今年农机购置补贴什么时候开始申请？"),
    (CIVIL, "consultation", "孤儿基本生活费标准", "孤儿基本生活费每月发放多少？"),
    (None, "complaint", "广场舞噪音", "人民广场晚上广场舞音响太大，附近居民无法休息。"),
    (CHENGGUAN, "suggestion", "建议延长图书馆开放时间", "建议县图书馆晚上开放到九点。"),
    (COUNTY, "correction", "网站附件下载失败", "“通知公告”里2026年第5号公告的附件无法下载。"),
    (HEXI, "consultation", "乡村公益性岗位招聘", "乡里的公益性岗位什么时候招人？"),
    (None, "consultation", "不动产登记办理地点", "二手房过户在哪里办理？"),
    (FINANCE, "complaint", "补贴被冒领", "我家的补贴被别人冒领了。"),
    (CIVIL, "consultation", "殡葬补贴申领", "惠民殡葬补贴需要什么材料？"),
    (CHENGGUAN, "complaint", "餐馆油烟扰民", "东街一家烧烤店油烟直排居民楼。"),
    (COUNTY, "correction", "网站联系电话错误", "“机构职能”栏目里县民政局的电话打不通。"),
    (HEXI, "suggestion", "建议开通农村客运班车", "红旗村到县城没有班车，建议开通。"),
    (FINANCE, "consultation", "会计人员继续教育", "会计人员继续教育在哪里报名？"),
    (None, "consultation", "新生儿落户", "新生儿落户需要哪些材料？"),
)
SPAM = (
    (COUNTY, "代开发票", "代开各类发票，联系……"),
    (CHENGGUAN, "同上", "同上"),
)

# (doc number, [(question, answer)])
QUESTIONS = (
    (
        "示县政发〔2025〕3号",
        (
            (
                "申请城乡居民最低生活保障需要满足哪些条件？",
                "持有本县户籍，家庭人均收入低于当地低保标准，且家庭财产状况符合规定的，可以申请。",
            ),
            (
                "低保申请由谁受理？多长时间办结？",
                "由户籍所在地乡镇人民政府（街道办事处）受理，一般自受理之日起30个工作日内办结。",
            ),
            (
                "家里有车还能申请低保吗？",
                "家庭成员名下有机动车的一般不予认定，残疾人功能性补偿代步机动车等除外。",
            ),
        ),
    ),
    (
        "示县政发〔2025〕15号",
        (
            (
                "新办企业可以享受哪些优化营商环境措施？",
                "可享受开办企业“一网通办”、免费刻制公章、首套税务Ukey免费发放等措施。",
            ),
            (
                "企业遇到涉企乱收费问题向哪里反映？",
                "可拨打12345政务服务便民热线或在本网站“我要留言”中选择“投诉”反映。",
            ),
        ),
    ),
)


def _workday_before(day: date, n: int) -> date:
    calendar = current_calendar()
    while n > 0:
        day -= timedelta(days=1)
        n -= calendar.is_workday(day)
    return day


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


class _Demo:
    def __init__(self, context: DemoContext) -> None:
        self.context = context
        self.units = {u.code: u for u in Unit.objects.filter(code__startswith="013901")}
        users = get_user_model().objects
        self.handler = users.filter(username="handler").first()
        self.reviewer = users.filter(username="reviewer").first()
        self.editor = users.filter(username="editor").first()
        self.today = timezone.localdate()

    def taken_down(self) -> list[Message]:
        made = []
        calendar = current_calendar()
        for index, (code, kind, title, text, reply) in enumerate(TAKEN_DOWN):
            outcome, days = OUTCOMES[index]
            # Answered ones spread over the last months; of those still open, one (26) has
            # waited more than three months, the others a few days.
            if index == 26:
                ago = 110
            elif outcome in ("answered", "late", "reopened"):
                ago = 15 + index * 2
            else:
                ago = 1 + index % 3
            received = _workday_before(self.today, ago)
            message = s.message_register(
                actor=None,
                unit=self.units[code],
                data=s.MessageInput(
                    kind=kind,
                    title=title,
                    text=text,
                    contact_name="赵先生" if index % 2 else "钱女士",
                    contact_mobile=f"1390930{index:04d}",
                    may_publish=index in PUBLISHED or index % 3 == 0,
                ),
                channel="letter" if index % 4 == 0 else "phone",
                received_at=_at(received, 9, 30),
            ).message
            if outcome in ("answered", "late", "reopened"):
                answered = calendar.add_workdays(received, days)
                message = s.message_accept(actor=self.handler, message=message)
                message = s.message_reply(
                    actor=self.handler, message=message, text=reply, answered_at=_at(answered, 16)
                )
                if outcome == "reopened":
                    message = s.message_rate(
                        message=message,
                        satisfaction="dissatisfied",
                        resolved=False,
                        comment="物业仍在收费。",
                    )
                elif index % 5 == 0:
                    s.message_rate(message=message, satisfaction="satisfied", resolved=True)
                elif index % 5 == 1:
                    s.message_rate(message=message, satisfaction="basically", resolved=True)
            elif outcome == "handling":
                message = s.message_accept(actor=self.handler, message=message)
            elif outcome == "transferred":
                message = s.message_transfer(
                    actor=self.handler,
                    message=message,
                    to_unit=self.units[CIVIL],
                    reason="公交站点设置由县交通运输局负责，暂转民政局协调。",
                )
                message = s.message_return(
                    actor=self.handler,
                    message=message,
                    reason="不属于本局职责，请转县交通运输局。",
                )
            if index in PUBLISHED and message.answered_at is not None:
                s.message_publish(
                    actor=self.reviewer,
                    message=message,
                    title=title,
                    excerpt=text,
                    answer=reply,
                )
            made.append(message)
        return made

    def hotline(self) -> None:
        rows = [HOTLINE_HEADER]
        calendar = current_calendar()
        for number, (unit, kind, title, text, ago) in enumerate(HOTLINE, start=1):
            received = _workday_before(self.today, ago)
            due = calendar.add_workdays(received, 3)
            rows.append(
                f"SF12345-{received:%Y%m%d}-{number:03d},{received.isoformat()} 10:{number:02d},"
                f"{unit},{kind},{title},{text},{due.isoformat()},孙先生,1389930{number:04d}"
            )
        hotline_import(actor=None, data="\n".join(rows).encode(), filename="12345工单.csv")
        orders = Message.objects.filter(hotline_number__startswith="SF12345-").order_by(
            "received_at"
        )
        for order in list(orders)[:6]:
            if order.unit.code == OFFICE:
                continue
            answered = calendar.add_workdays(order.received_on, 2)
            if answered >= self.today:
                continue
            order = s.message_reply(
                actor=self.handler,
                message=order,
                text="已按诉求办理，并电话告知诉求人。",
                answered_at=_at(answered, 15),
            )
            s.message_mark_fed_back(actor=self.handler, message=order)

    def web(self) -> None:
        for index, (code, kind, title, text) in enumerate(WEB):
            message = s.message_submit_online(
                unit=self.units[code] if code else None,
                data=s.MessageInput(
                    kind=kind,
                    title=title,
                    text=text,
                    contact_name="周先生",
                    contact_mobile=f"1370931{index:04d}",
                    may_publish=True,
                ),
                submission_key=f"demo-message-web-{index}",
            ).message
            if code is None:
                s.message_transfer(
                    actor=None,
                    message=message,
                    to_unit=self.units[CHENGGUAN if kind == "complaint" else COUNTY],
                    reason="",
                )
            elif index == 1:
                s.message_accept(actor=self.handler, message=message)
        for index, (code, title, text) in enumerate(SPAM):
            message = s.message_submit_online(
                unit=self.units[code],
                data=s.MessageInput(kind="consultation", title=title, text=text),
                submission_key=f"demo-message-spam-{index}",
            ).message
            s.message_close_invalid(
                actor=self.handler,
                message=message,
                reason="spam" if index == 0 else "duplicate",
                note="" if index == 0 else "与网站留言“广场舞噪音”重复",
            )

    def questions(self) -> None:
        for doc_number, entries in QUESTIONS:
            document = public_documents().filter(doc_number=doc_number).first()
            if document is None:
                continue
            for order, (question, answer) in enumerate(entries):
                entry = s.question_save(
                    actor=self.editor,
                    unit=document.unit,
                    question=question,
                    answer=answer,
                    document=document,
                    sort_order=order,
                )
                s.question_publish(actor=self.reviewer, entry=entry)


def load(context: DemoContext) -> None:
    if Message.objects.filter(submission_key=FIRST_WEB_KEY).exists():
        return
    demo = _Demo(context)
    if COUNTY not in demo.units or demo.handler is None or demo.reviewer is None:
        return
    demo.taken_down()
    demo.hotline()
    demo.web()
    demo.questions()
    context.created_anything = True
