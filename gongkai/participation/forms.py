"""The staff forms of public participation. Each offers only what the user may act on (units,
documents, consultations in their scope); the services check everything again."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import Unit
from gongkai.core.permissions import units_for
from gongkai.documents.selectors import public_interpretations, staff_documents

from .domain.decisions import AttendeeCategory, DecisionStatus
from .domain.feedback import Disposition
from .domain.opinion import Source, Value
from .domain.questionnaire import QuestionKind
from .domain.rules import OFFLINE_CHANNELS, Channel
from .models import HideCategory
from .selectors import visible_consultations

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, unit: Unit) -> str:
        return f"{'　' * unit.depth}{unit.name}"


def unit_field(user, action: str, label: str) -> UnitChoiceField:
    return UnitChoiceField(
        label=label, queryset=units_for(user, action).filter(is_active=True).order_by("path")
    )


class DocumentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, document) -> str:
        number = f"（{document.doc_number}）" if document.doc_number else ""
        return f"{document.title}{number}"


def drafting_documents(user, action: str = "document.view"):
    """Documents being drafted that the user may see: not signed (the services refuse a
    scheduled one too)."""
    return staff_documents(user, action).filter(live=False).order_by("-created_at")


# --- Consultations ---------------------------------------------------------------------------


class ConsultationForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("征集单位"), queryset=Unit.objects.none())
    document = DocumentChoiceField(
        label=_("起草中的公文"),
        queryset=None,
        required=False,
        help_text=_("征求意见的草案在公文台账中的登记；结果反馈发布前，该公文不能呈签、签发。"),
    )
    title = forms.CharField(label=_("标题"), max_length=200)
    is_major_decision = forms.BooleanField(label=_("重大行政决策事项"), required=False)
    starts_on = forms.DateField(label=_("开始日期"), widget=DATE)
    ends_on = forms.DateField(
        label=_("截止日期"),
        widget=DATE,
        help_text=_("重大行政决策事项一般不少于30日（《重大行政决策程序暂行条例》第十四条）。"),
    )
    short_period_reason = forms.CharField(
        label=_("缩短征求意见期限的理由"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("少于30日的重大行政决策事项须填写，将随征求意见一并公开。"),
    )
    background = forms.CharField(
        label=_("起草说明"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    questions = forms.CharField(
        label=_("重点征求意见的问题"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    channels = forms.MultipleChoiceField(
        label=_("意见提交方式"),
        choices=Channel.choices(),
        widget=forms.CheckboxSelectMultiple,
        initial=[Channel.ONLINE.value],
    )
    contact_name = forms.CharField(label=_("联系人"), max_length=50)
    contact_phone = forms.CharField(
        label=_("联系电话"), max_length=50, help_text=_("公开的办公电话。")
    )
    contact_email = forms.EmailField(label=_("电子邮箱"), required=False)
    mail_address = forms.CharField(label=_("信函地址"), max_length=200, required=False)
    meetings_note = forms.CharField(
        label=_("座谈会、听证会安排"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("时间、地点和参加办法。"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"] = unit_field(user, "consultation.edit", _("征集单位"))
        self.fields["document"].queryset = drafting_documents(user)


class VersionForm(forms.Form):
    title = forms.CharField(
        label=_("草案标题"),
        max_length=200,
        required=False,
        help_text=_("留空时取全文第一行（如“××办法（征求意见稿）”）。"),
    )
    text = forms.CharField(
        label=_("征求意见稿全文"),
        widget=forms.Textarea(attrs={"rows": 20}),
        help_text=_("每段一行。按“第×章”“第×条”或“一、（一）”分条，公众可以逐条提出意见。"),
    )
    change_note = forms.CharField(
        label=_("修改说明"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("发布后再公布新版本时必填：说明与上一稿相比改了什么。"),
    )
    source_name = forms.CharField(widget=forms.HiddenInput, required=False)


class ImportDraftForm(forms.Form):
    file = forms.FileField(
        label=_("导入文件"),
        help_text=_("Word（.docx）、PDF（含文字）、网页或文本文件；导入后请核对全文再保存。"),
    )


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(label=_("题型"), choices=QuestionKind.choices())
    text = forms.CharField(label=_("问题"), max_length=300)
    required = forms.BooleanField(label=_("必答"), required=False)
    choices = forms.CharField(
        label=_("选项"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("选择题每行一个选项；填空题不填。"),
    )

    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["choices"].splitlines() if line.strip()]


class ExtendForm(forms.Form):
    ends_on = forms.DateField(label=_("新的截止日期"), widget=DATE)
    reason = forms.CharField(
        label=_("延长理由"), widget=forms.Textarea(attrs={"rows": 2}), help_text=_("将公开显示。")
    )


class CommentEntryForm(forms.Form):
    channel = forms.ChoiceField(
        label=_("收到方式"), choices=[(c.value, c.label) for c in OFFLINE_CHANNELS]
    )
    received_on = forms.DateField(
        label=_("收到日期"), widget=DATE, help_text=_("信函以邮戳日期为准。")
    )
    article = forms.ChoiceField(label=_("针对的条目"), required=False)
    body = forms.CharField(label=_("意见内容"), widget=forms.Textarea(attrs={"rows": 6}))
    author_name = forms.CharField(label=_("姓名或单位"), max_length=100, required=False)
    show_name = forms.BooleanField(label=_("公开显示姓名或单位（须经提出人同意）"), required=False)
    contact = forms.CharField(label=_("联系方式"), max_length=100, required=False)

    def __init__(self, *args, articles=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["article"].choices = [
            ("", _("整体意见")),
            *((a.anchor, f"{a.heading} {a.label}".strip()) for a in articles),
        ]


class AnswerForm(forms.Form):
    disposition = forms.ChoiceField(
        label=_("处理结果"), choices=Disposition.choices(), widget=forms.RadioSelect
    )
    summary = forms.CharField(
        label=_("意见概述"),
        max_length=200,
        required=False,
        help_text=_("合并答复多条意见时概括这一类意见，如“关于提高保障标准的意见”。"),
    )
    reason = forms.CharField(
        label=_("理由"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("采纳的写明如何修改；未采纳、部分采纳的写明原因。"),
    )


class HideForm(forms.Form):
    category = forms.ChoiceField(label=_("隐藏原因"), choices=HideCategory.choices)
    reason = forms.CharField(label=_("说明"), widget=forms.Textarea(attrs={"rows": 2}))


class PublicTextForm(forms.Form):
    public_body = forms.CharField(
        label=_("公开显示的内容"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("可隐去姓名、住址等个人信息；原文仍保留，仅工作人员可见。"),
    )


class FeedbackForm(forms.Form):
    summary = forms.CharField(
        label=_("意见采纳情况总体说明"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("概述收到的意见、主要采纳情况和对草案的修改。"),
    )


class NeedForm(forms.Form):
    document = DocumentChoiceField(label=_("公文"), queryset=None)
    reason = forms.CharField(
        label=_("理由"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("如：涉及群众切身利益、需要社会广泛知晓的公共政策措施。"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = drafting_documents(user, "document.view").filter(
            unit__in=units_for(user, "consultation.require")
        )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("理由"), widget=forms.Textarea(attrs={"rows": 2}))


# --- Decision openness -----------------------------------------------------------------------


class CatalogForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("决策机关"), queryset=Unit.objects.none())
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    note = forms.CharField(
        label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"] = unit_field(user, "decision.edit", _("决策机关"))
        self.fields["year"].initial = timezone.localdate().year


class DecisionItemForm(forms.Form):
    title = forms.CharField(label=_("决策事项"), max_length=200)
    content = forms.CharField(
        label=_("主要内容"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    lead_unit = UnitChoiceField(label=_("承办单位"), queryset=Unit.objects.none(), required=False)
    planned = forms.CharField(
        label=_("计划完成时间"), max_length=50, required=False, help_text=_("如：2025年第三季度")
    )
    consultation = forms.ModelChoiceField(label=_("公开征求意见"), queryset=None, required=False)
    expert_review = forms.CharField(
        label=_("专家论证情况"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    expert_review_on = forms.DateField(label=_("专家论证日期"), required=False, widget=DATE)
    legality_review = forms.CharField(
        label=_("合法性审查情况"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    legality_review_on = forms.DateField(label=_("合法性审查日期"), required=False, widget=DATE)
    final_document = DocumentChoiceField(label=_("决策文件"), queryset=None, required=False)

    def __init__(self, *args, user, catalog, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_unit"].queryset = Unit.objects.filter(
            path__startswith=catalog.unit.path, is_active=True
        ).order_by("path")
        self.fields["consultation"].queryset = visible_consultations(user).filter(
            unit__path__startswith=catalog.unit.path
        )
        self.fields["final_document"].queryset = (
            staff_documents(user)
            .filter(unit__path__startswith=catalog.unit.path)
            .order_by("-written_on")
        )


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("办理状态"), choices=DecisionStatus.choices())
    on = forms.DateField(label=_("日期"), widget=DATE, initial=timezone.localdate)
    note = forms.CharField(
        label=_("状态说明"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("暂缓实施或调出目录须写明理由，将随目录公开。"),
    )


# --- Meetings and open days ------------------------------------------------------------------


class EventForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("单位"), queryset=Unit.objects.none())
    title = forms.CharField(label=_("名称"), max_length=200)
    starts_at = forms.DateTimeField(
        label=_("时间"), widget=DATETIME, input_formats=DATETIME_FORMATS
    )
    place = forms.CharField(label=_("地点"), max_length=200)
    closes_at = forms.DateTimeField(
        label=_("报名截止时间"), widget=DATETIME, input_formats=DATETIME_FORMATS
    )
    places = forms.IntegerField(label=_("名额"), min_value=1, max_value=999, initial=5)
    description = forms.CharField(
        label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"] = unit_field(user, "meeting.manage", _("单位"))


class AgendaForm(forms.Form):
    title = forms.CharField(label=_("议题"), max_length=200)
    document = DocumentChoiceField(label=_("相关公文"), queryset=None, required=False)

    def __init__(self, *args, user, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = (
            staff_documents(user)
            .filter(unit__path__startswith=meeting.unit.path)
            .order_by("-written_on")
        )


class ApplicantForm(forms.Form):
    category = forms.ChoiceField(label=_("列席类别"), choices=AttendeeCategory.choices())
    name = forms.CharField(label=_("姓名"), max_length=50)
    organisation = forms.CharField(label=_("工作单位"), max_length=100, required=False)
    phone = forms.CharField(label=_("联系电话"), max_length=40)
    topic = forms.CharField(label=_("关注的议题"), required=False, max_length=1000)


class DecideForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("审核结果"),
        choices=[("approve", _("同意列席")), ("decline", _("不同意"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("审核说明"), required=False, max_length=500)


class HeldForm(forms.Form):
    attended = forms.MultipleChoiceField(
        label=_("实际列席人员"), required=False, widget=forms.CheckboxSelectMultiple
    )
    record_note = forms.CharField(
        label=_("会议情况说明"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("公布列席情况时一并公开。"),
    )

    def __init__(self, *args, approved=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attended"].choices = [(str(a.pk), str(a)) for a in approved]
        self.fields["attended"].initial = [str(a.pk) for a in approved]


class InterpretationLinkForm(forms.Form):
    interpretation = forms.ModelChoiceField(
        label=_("会议解读（已发布的政策解读）"), queryset=None, required=False
    )
    url = forms.URLField(label=_("或会议解读的网址"), required=False, assume_scheme="https")

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["interpretation"].queryset = public_interpretations().filter(
            unit__path__startswith=meeting.unit.path
        )


class ReportForm(forms.Form):
    report = forms.CharField(label=_("活动报道"), widget=forms.Textarea(attrs={"rows": 8}))


# --- Opinion response ------------------------------------------------------------------------


class OpinionForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("责任单位"), queryset=Unit.objects.none())
    source = forms.ChoiceField(label=_("来源"), choices=Source.choices())
    source_name = forms.CharField(label=_("媒体或平台名称"), max_length=100, required=False)
    source_url = forms.URLField(
        label=_("原文网址"), max_length=500, required=False, assume_scheme="https"
    )
    message_reference = forms.CharField(
        label=_("留言编号或12345工单号"), max_length=64, required=False
    )
    summary = forms.CharField(label=_("舆情摘要"), widget=forms.Textarea(attrs={"rows": 4}))
    detected_on = forms.DateField(label=_("监测发现日期"), widget=DATE, initial=timezone.localdate)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"] = unit_field(user, "opinion.manage", _("责任单位"))


class AssessForm(forms.Form):
    value = forms.ChoiceField(
        label=_("回应价值"), choices=Value.choices(), widget=forms.RadioSelect
    )
    assessment = forms.CharField(
        label=_("研判意见"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("写明研判理由：关注程度、影响范围、是否需要公开回应。"),
    )


class OpinionReportForm(forms.Form):
    note = forms.CharField(label=_("报送内容"), widget=forms.Textarea(attrs={"rows": 3}))


class HandleForm(forms.Form):
    handling = forms.CharField(label=_("应对处理情况"), widget=forms.Textarea(attrs={"rows": 3}))
    handled_on = forms.DateField(label=_("处理日期"), widget=DATE, initial=timezone.localdate)


class RespondForm(forms.Form):
    title = forms.CharField(label=_("标题"), max_length=200)
    text = forms.CharField(label=_("回应内容"), widget=forms.Textarea(attrs={"rows": 8}))
    link = forms.URLField(
        label=_("相关链接"), max_length=500, required=False, assume_scheme="https"
    )
    published_on = forms.DateField(label=_("发布日期"), widget=DATE, initial=timezone.localdate)


class CloseForm(forms.Form):
    reason = forms.CharField(
        label=_("办结说明"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("研判为需要回应而不公开回应的，须写明理由。"),
    )


def clean_positive_ids(values: list[str]) -> set[int]:
    try:
        return {int(v) for v in values}
    except ValueError as error:
        raise ValidationError(_("所选的项目无效，请刷新页面后重试。")) from error
