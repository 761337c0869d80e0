"""Public participation (公众参与): consultations on drafts with their comments and feedback,
questionnaires, decision openness (重大行政决策事项目录, meetings open to the public, 政府开放日)
and the register of public-opinion items with their published responses.

Every write goes through the services (`services/`); what the public may see is decided in
`selectors` (the `public_*` functions) and nowhere else.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import Unit
from gongkai.documents.models import Interpretation, OfficialDocument

from .domain.decisions import (
    ApplicationState,
    AttendeeCategory,
    DecisionStatus,
    EventPhase,
)
from .domain.feedback import Disposition
from .domain.opinion import OpinionState, Source, Value
from .domain.phases import PUBLIC_PHASES, Phase
from .domain.questionnaire import QuestionKind
from .domain.rules import Channel

USER = settings.AUTH_USER_MODEL


def _user(label: str, related_name: str = "+") -> models.ForeignKey:
    return models.ForeignKey(
        USER,
        verbose_name=label,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name=related_name,
    )


# --- Consultations (意见征集) ----------------------------------------------------------------


class Consultation(models.Model):
    unit = models.ForeignKey(
        Unit, verbose_name=_("征集单位"), on_delete=models.PROTECT, related_name="consultations"
    )
    document = models.ForeignKey(
        OfficialDocument,
        verbose_name=_("起草中的公文"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultations",
        help_text=_("征求意见的草案对应的公文登记；结果反馈发布前，该公文不能呈签、签发。"),
    )
    title = models.CharField(_("标题"), max_length=200)
    is_major_decision = models.BooleanField(_("重大行政决策事项"), default=False)
    background = models.TextField(_("起草说明"), blank=True)
    questions = models.TextField(_("重点征求意见的问题"), blank=True)
    starts_on = models.DateField(_("开始日期"))
    ends_on = models.DateField(_("截止日期"))
    short_period_reason = models.TextField(
        _("缩短征求意见期限的理由"),
        blank=True,
        help_text=_("重大行政决策事项征求意见少于30日的，须写明理由，并随征求意见一并公开。"),
    )
    extension_note = models.TextField(_("延长征求意见期的说明"), blank=True)
    channels = models.JSONField(_("意见提交方式"), default=list)
    contact_name = models.CharField(_("联系人"), max_length=50, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=50, blank=True)
    contact_email = models.EmailField(_("电子邮箱"), blank=True)
    mail_address = models.CharField(_("信函地址"), max_length=200, blank=True)
    meetings_note = models.TextField(
        _("座谈会、听证会安排"), blank=True, help_text=_("时间、地点和参加办法。")
    )
    phase = models.CharField(
        _("状态"), max_length=24, choices=Phase.choices(), default=Phase.DRAFT, db_index=True
    )
    opened_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("截止时间"), null=True, blank=True)
    created_by = _user(_("创建人"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("意见征集")
        verbose_name_plural = _("意见征集")
        ordering = ["-starts_on", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def shows_on_portal(self) -> bool:
        return self.phase in PUBLIC_PHASES

    @property
    def phase_label(self) -> str:
        return Phase(self.phase).label

    @property
    def draft_name(self) -> str:
        """《the draft's title》, or the consultation's title when the draft has none."""
        version = self.versions.exclude(title="").order_by("-number").first()
        return f"《{version.title}》" if version else f"“{self.title}”"

    @property
    def channel_labels(self) -> list[str]:
        return [Channel(c).label for c in self.channels if c in Channel._value2member_map_]


class DraftVersion(models.Model):
    """One text of the draft. Published versions never change: a change is a new version, and
    comments stay on the text they were made on."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField(_("版本号"))
    title = models.CharField(_("草案标题"), max_length=200, blank=True)
    text = models.TextField(_("草案全文"))
    change_note = models.TextField(_("修改说明"), blank=True)
    source_name = models.CharField(_("导入的文件"), max_length=200, blank=True)
    published_at = models.DateTimeField(_("公布时间"), null=True, blank=True)
    created_by = _user(_("创建人"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("征求意见稿版本")
        verbose_name_plural = _("征求意见稿版本")
        ordering = ["consultation", "number"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "number"], name="one_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.consultation} 第{self.number}稿"

    @property
    def shows_on_portal(self) -> bool:
        return self.published_at is not None


class DraftArticle(models.Model):
    version = models.ForeignKey(DraftVersion, on_delete=models.CASCADE, related_name="articles")
    position = models.PositiveIntegerField()
    anchor = models.CharField(max_length=16)
    label = models.CharField(_("条目"), max_length=40)
    heading = models.CharField(_("所在章节"), max_length=200, blank=True)
    text = models.TextField(_("内容"))

    class Meta:
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "anchor"], name="one_anchor_per_version")
        ]

    def __str__(self) -> str:
        return f"{self.heading} {self.label}".strip()


class Answer(models.Model):
    """The office's reply to one comment or, grouped, to several alike (结果反馈)."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="answers")
    disposition = models.CharField(_("处理结果"), max_length=20, choices=Disposition.choices())
    summary = models.CharField(
        _("意见概述"), max_length=200, blank=True, help_text=_("合并答复时概括这一类意见。")
    )
    reason = models.TextField(_("理由"))
    answered_by = _user(_("答复人"))
    answered_at = models.DateTimeField(_("答复时间"), auto_now=True)

    class Meta:
        verbose_name = _("意见答复")
        verbose_name_plural = _("意见答复")
        ordering = ["consultation", "id"]

    def __str__(self) -> str:
        return f"{Disposition(self.disposition).label}：{self.reason[:40]}"

    @property
    def disposition_label(self) -> str:
        return Disposition(self.disposition).label


class CommentVisibility(models.TextChoices):
    SHOWN = "shown", _("公开显示")
    HELD = "held", _("待处理（含个人信息）")
    HIDDEN = "hidden", _("已隐藏")


class HideCategory(models.TextChoices):
    OFF_TOPIC = "off_topic", _("与征求意见内容无关")
    ADVERTISING = "advertising", _("广告或垃圾信息")
    ABUSE = "abuse", _("辱骂、攻击他人")
    DUPLICATE = "duplicate", _("重复提交")
    UNLAWFUL = "unlawful", _("违反法律法规")
    OTHER = "other", _("其他")


class Comment(models.Model):
    """One comment (意见), on the whole draft or on one article of one version. The text as
    received is kept; the public sees ``public_body``, with personal data masked."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="comments"
    )
    version = models.ForeignKey(DraftVersion, on_delete=models.PROTECT, related_name="comments")
    article = models.ForeignKey(
        DraftArticle,
        verbose_name=_("针对的条目"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="comments",
    )
    channel = models.CharField(_("提交方式"), max_length=16, choices=Channel.choices())
    author_name = models.CharField(_("姓名或单位"), max_length=100, blank=True)
    show_name = models.BooleanField(_("公开显示姓名"), default=False)
    contact = models.CharField(_("联系方式"), max_length=100, blank=True)
    body = models.TextField(_("意见内容"))
    public_body = models.TextField(_("公开显示的内容"))
    visibility = models.CharField(
        _("显示状态"),
        max_length=8,
        choices=CommentVisibility.choices,
        default=CommentVisibility.SHOWN,
    )
    hide_category = models.CharField(
        _("隐藏原因"), max_length=16, choices=HideCategory.choices, blank=True
    )
    hide_reason = models.TextField(_("隐藏说明"), blank=True)
    moderated_by = _user(_("处理人"))
    moderated_at = models.DateTimeField(_("处理时间"), null=True, blank=True)
    received_on = models.DateField(_("收到日期"))
    submitted_at = models.DateTimeField(_("提交时间"))
    entered_by = _user(_("录入人"))
    submission_key = models.CharField(max_length=64, unique=True, null=True, blank=True)
    answer = models.ForeignKey(
        Answer, null=True, blank=True, on_delete=models.SET_NULL, related_name="comments"
    )

    class Meta:
        verbose_name = _("意见")
        verbose_name_plural = _("意见")
        ordering = ["consultation", "submitted_at", "id"]
        indexes = [
            models.Index(fields=["consultation", "visibility", "submitted_at"]),
            models.Index(fields=["version", "article"]),
        ]

    def __str__(self) -> str:
        return self.public_body[:40]

    @property
    def public_author(self) -> str:
        return self.author_name if self.show_name and self.author_name else "网民"

    @property
    def channel_label(self) -> str:
        return Channel(self.channel).label


class Feedback(models.Model):
    """意见采纳情况说明: the overall account, published with every answer at once."""

    consultation = models.OneToOneField(
        Consultation, on_delete=models.CASCADE, related_name="feedback"
    )
    summary = models.TextField(_("意见采纳情况总体说明"), blank=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    published_by = _user(_("发布人"))

    class Meta:
        verbose_name = _("意见采纳情况说明")
        verbose_name_plural = _("意见采纳情况说明")

    def __str__(self) -> str:
        return f"{self.consultation.draft_name}公开征求意见采纳情况说明"

    @property
    def shows_on_portal(self) -> bool:
        return self.published_at is not None


# --- Questionnaires (问卷) -------------------------------------------------------------------


class Question(models.Model):
    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="survey_questions"
    )
    position = models.PositiveSmallIntegerField()
    kind = models.CharField(_("题型"), max_length=8, choices=QuestionKind.choices())
    text = models.CharField(_("问题"), max_length=300)
    required = models.BooleanField(_("必答"), default=False)

    class Meta:
        verbose_name = _("问卷题目")
        verbose_name_plural = _("问卷题目")
        ordering = ["consultation", "position"]

    def __str__(self) -> str:
        return self.text


class QuestionChoice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    position = models.PositiveSmallIntegerField()
    label = models.CharField(_("选项"), max_length=200)

    class Meta:
        ordering = ["question", "position"]

    def __str__(self) -> str:
        return self.label


class SurveyResponse(models.Model):
    """One filled-in questionnaire; anonymous."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="survey_responses"
    )
    submitted_at = models.DateTimeField()
    submission_key = models.CharField(max_length=64, unique=True, null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.consultation} 问卷 {self.pk}"


class SurveyAnswer(models.Model):
    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    choice = models.ForeignKey(
        QuestionChoice, null=True, blank=True, on_delete=models.CASCADE, related_name="answers"
    )
    text = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["question", "choice"])]

    def __str__(self) -> str:
        return self.text or str(self.choice)


# --- Documents that need a consultation ------------------------------------------------------


class ConsultationNeed(models.Model):
    """A unit's mark that a document being drafted must be put to the public before sign-off
    (涉及群众切身利益、需要社会广泛知晓)."""

    document = models.OneToOneField(
        OfficialDocument, on_delete=models.CASCADE, related_name="consultation_need"
    )
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    reason = models.TextField(_("理由"))
    marked_by = _user(_("标记人"))
    marked_at = models.DateTimeField(_("标记时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("需征求意见的公文")
        verbose_name_plural = _("需征求意见的公文")

    def __str__(self) -> str:
        return f"{self.document} 需公开征求意见"


# --- Decision openness (决策公开) ------------------------------------------------------------


class DecisionCatalog(models.Model):
    """重大行政决策事项目录 of one unit and year."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("决策机关"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    note = models.TextField(_("说明"), blank=True)
    published_at = models.DateTimeField(_("公布时间"), null=True, blank=True)
    published_by = _user(_("公布人"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("重大行政决策事项目录")
        verbose_name_plural = _("重大行政决策事项目录")
        ordering = ["-year", "unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="one_decision_catalog_a_year")
        ]

    def __str__(self) -> str:
        return f"{self.unit.name}{self.year}年度重大行政决策事项目录"

    @property
    def shows_on_portal(self) -> bool:
        return self.published_at is not None


class DecisionItem(models.Model):
    catalog = models.ForeignKey(DecisionCatalog, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(_("序号"))
    title = models.CharField(_("决策事项"), max_length=200)
    content = models.TextField(_("主要内容"), blank=True)
    lead_unit = models.ForeignKey(
        Unit,
        verbose_name=_("承办单位"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    planned = models.CharField(_("计划完成时间"), max_length=50, blank=True)
    status = models.CharField(
        _("办理状态"),
        max_length=20,
        choices=DecisionStatus.choices(),
        default=DecisionStatus.LISTED,
    )
    status_changed_on = models.DateField(_("状态更新日期"), null=True, blank=True)
    status_note = models.TextField(_("状态说明"), blank=True)
    consultation = models.ForeignKey(
        Consultation,
        verbose_name=_("公开征求意见"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decision_items",
    )
    expert_review = models.TextField(_("专家论证情况"), blank=True)
    expert_review_on = models.DateField(_("专家论证日期"), null=True, blank=True)
    legality_review = models.TextField(_("合法性审查情况"), blank=True)
    legality_review_on = models.DateField(_("合法性审查日期"), null=True, blank=True)
    final_document = models.ForeignKey(
        OfficialDocument,
        verbose_name=_("决策文件"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("重大行政决策事项")
        verbose_name_plural = _("重大行政决策事项")
        ordering = ["catalog", "position", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def status_label(self) -> str:
        return DecisionStatus(self.status).label


class PublicEvent(models.Model):
    """What a meeting open to the public and a 政府开放日 have in common: announced with a number
    of places and a closing time for applications, held, and a record published after."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("单位"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("名称"), max_length=200)
    starts_at = models.DateTimeField(_("时间"))
    place = models.CharField(_("地点"), max_length=200)
    description = models.TextField(_("说明"), blank=True)
    places = models.PositiveSmallIntegerField(_("名额"), default=5)
    closes_at = models.DateTimeField(_("报名截止时间"))
    phase = models.CharField(
        _("状态"), max_length=20, choices=EventPhase.choices(), default=EventPhase.DRAFT
    )
    created_by = _user(_("创建人"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["-starts_at", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def shows_on_portal(self) -> bool:
        return self.phase != EventPhase.DRAFT

    @property
    def phase_label(self) -> str:
        return EventPhase(self.phase).label


class Meeting(PublicEvent):
    """A government meeting with seats for the public (列席)."""

    interpretation = models.ForeignKey(
        Interpretation,
        verbose_name=_("会议解读"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    interpretation_url = models.URLField(_("会议解读网址"), blank=True)
    record_note = models.TextField(_("会议情况说明"), blank=True)

    class Meta(PublicEvent.Meta):
        verbose_name = _("开放会议")
        verbose_name_plural = _("开放会议")


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(_("议题"), max_length=200)
    document = models.ForeignKey(
        OfficialDocument,
        verbose_name=_("相关公文"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["meeting", "position"]

    def __str__(self) -> str:
        return self.title


class AttendanceApplication(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="applications")
    category = models.CharField(_("列席类别"), max_length=16, choices=AttendeeCategory.choices())
    name = models.CharField(_("姓名"), max_length=50)
    organisation = models.CharField(_("工作单位或住址（村、社区）"), max_length=100, blank=True)
    phone = models.CharField(_("联系电话"), max_length=40)
    topic = models.TextField(_("关注的议题和理由"), blank=True)
    state = models.CharField(
        _("审核结果"),
        max_length=12,
        choices=ApplicationState.choices(),
        default=ApplicationState.PENDING,
    )
    decision_note = models.TextField(_("审核说明"), blank=True)
    decided_by = _user(_("审核人"))
    decided_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    attended = models.BooleanField(_("实际列席"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("申请时间"))
    entered_by = _user(_("录入人"))
    submission_key = models.CharField(max_length=64, unique=True, null=True, blank=True)

    class Meta:
        verbose_name = _("列席申请")
        verbose_name_plural = _("列席申请")
        ordering = ["meeting", "submitted_at", "id"]

    def __str__(self) -> str:
        return f"{self.name}（{AttendeeCategory(self.category).label}）"

    @property
    def category_label(self) -> str:
        return AttendeeCategory(self.category).label


class OpenDay(PublicEvent):
    """政府开放日: an event the public registers for, with a report afterwards."""

    report = models.TextField(_("活动报道"), blank=True)
    report_published_on = models.DateField(_("报道发布日期"), null=True, blank=True)

    class Meta(PublicEvent.Meta):
        verbose_name = _("政府开放日")
        verbose_name_plural = _("政府开放日")


class OpenDayRegistration(models.Model):
    open_day = models.ForeignKey(OpenDay, on_delete=models.CASCADE, related_name="registrations")
    name = models.CharField(_("姓名"), max_length=50)
    phone = models.CharField(_("联系电话"), max_length=40)
    party_size = models.PositiveSmallIntegerField(_("人数"), default=1)
    cancelled_at = models.DateTimeField(_("取消时间"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("报名时间"))
    submission_key = models.CharField(max_length=64, unique=True, null=True, blank=True)

    class Meta:
        verbose_name = _("开放日报名")
        verbose_name_plural = _("开放日报名")
        ordering = ["open_day", "submitted_at", "id"]

    def __str__(self) -> str:
        return f"{self.name}（{self.party_size}人）"


# --- Opinion response (政务舆情回应) --------------------------------------------------------


class OpinionItem(models.Model):
    """One public-opinion item in the staff-only register."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("责任单位"), on_delete=models.PROTECT, related_name="+"
    )
    source = models.CharField(_("来源"), max_length=12, choices=Source.choices())
    source_name = models.CharField(
        _("媒体或平台名称"), max_length=100, blank=True, help_text=_("如：某某日报、某某论坛。")
    )
    source_url = models.URLField(_("原文网址"), blank=True, max_length=500)
    message_reference = models.CharField(
        _("留言编号或12345工单号"),
        max_length=64,
        blank=True,
        help_text=_("来自政民互动留言或12345热线时填写其编号。"),
    )
    summary = models.TextField(_("舆情摘要"))
    detected_on = models.DateField(_("监测发现日期"))
    recorded_by = _user(_("登记人"))
    recorded_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    value = models.CharField(_("回应价值"), max_length=8, choices=Value.choices(), blank=True)
    assessment = models.TextField(_("研判意见"), blank=True)
    assessed_by = _user(_("研判人"))
    assessed_at = models.DateTimeField(_("研判时间"), null=True, blank=True)
    response_due = models.DateField(_("回应期限"), null=True, blank=True, db_index=True)
    due_provisional = models.BooleanField(default=False)
    reported_to = models.ForeignKey(
        Unit,
        verbose_name=_("报送单位"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reported_at = models.DateTimeField(_("报送时间"), null=True, blank=True)
    report_note = models.TextField(_("报送内容"), blank=True)
    handling = models.TextField(_("应对处理情况"), blank=True)
    handled_on = models.DateField(_("处理日期"), null=True, blank=True)
    state = models.CharField(
        _("状态"),
        max_length=12,
        choices=OpinionState.choices(),
        default=OpinionState.NEW,
        db_index=True,
    )
    closed_reason = models.TextField(_("办结说明"), blank=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("政务舆情")
        verbose_name_plural = _("政务舆情")
        ordering = ["-detected_on", "-id"]

    def __str__(self) -> str:
        return self.summary[:40]

    @property
    def shows_on_portal(self) -> bool:
        return False

    @property
    def state_label(self) -> str:
        return OpinionState(self.state).label


class OpinionResponse(models.Model):
    """A public response, in the unit's 政务舆情回应 column; an item may have several (a first
    response, then what was done)."""

    item = models.ForeignKey(OpinionItem, on_delete=models.PROTECT, related_name="responses")
    unit = models.ForeignKey(
        Unit, verbose_name=_("发布单位"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("标题"), max_length=200)
    text = models.TextField(_("回应内容"))
    link = models.URLField(_("相关链接"), blank=True, max_length=500)
    published_on = models.DateField(_("发布日期"))
    published_by = _user(_("发布人"))
    withdrawn_at = models.DateTimeField(_("撤下时间"), null=True, blank=True)
    withdrawn_reason = models.TextField(_("撤下原因"), blank=True)

    class Meta:
        verbose_name = _("政务舆情回应")
        verbose_name_plural = _("政务舆情回应")
        ordering = ["-published_on", "-id"]

    def __str__(self) -> str:
        return self.title
