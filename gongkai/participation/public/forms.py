"""The public forms: a comment on the draft, a questionnaire, an application to attend a
meeting and an open-day registration. Each field says in Chinese what is wrong with it; the
services check everything again, so a form never lets through what they would refuse."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from django import forms
from django.utils.translation import gettext_lazy as _

from ..domain.decisions import MAX_PARTY_SIZE, AttendeeCategory
from ..domain.questionnaire import MAX_TEXT_ANSWER_CHARS, QuestionKind
from ..models import DraftArticle, Question
from ..services.comments import MAX_COMMENT_CHARS

WHOLE_DRAFT = ""


def _plain(value: str) -> str:
    """Full-width digits and letters (common in Chinese input methods) as ASCII, trimmed."""
    return unicodedata.normalize("NFKC", value).strip()


class TokenForm(forms.Form):
    """Every public form carries the one-time key (`core.form_tokens`) and the honeypot."""

    form_token = forms.CharField(widget=forms.HiddenInput, required=False)
    leave_blank = forms.CharField(
        label=_("请勿填写此项"), required=False, widget=forms.TextInput(attrs={"tabindex": "-1"})
    )


def article_choice_label(article: DraftArticle) -> str:
    return f"{article.heading} {article.label}".strip()


class CommentForm(TokenForm):
    article = forms.ChoiceField(label=_("针对的条目"), required=False)
    body = forms.CharField(
        label=_("意见内容"),
        max_length=MAX_COMMENT_CHARS,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("请写明意见和理由，最多3000字。"),
        error_messages={"required": _("请填写意见内容。")},
    )
    author_name = forms.CharField(
        label=_("姓名或单位"),
        required=False,
        max_length=100,
        help_text=_("选填。便于我们了解意见来自哪里。"),
    )
    show_name = forms.BooleanField(label=_("公开显示我的姓名或单位"), required=False)
    contact = forms.CharField(
        label=_("联系方式"),
        required=False,
        max_length=100,
        help_text=_("选填。电话或电子邮箱，仅供工作人员就您的意见联系您，不会公开。"),
    )

    def __init__(self, *args, articles: Sequence[DraftArticle] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["article"].choices = [
            (WHOLE_DRAFT, _("对征求意见稿整体提出意见")),
            *((a.anchor, article_choice_label(a)) for a in articles),
        ]

    def clean_contact(self) -> str:
        return _plain(self.cleaned_data["contact"])


class QuestionnaireForm(TokenForm):
    """One field per question: radio buttons, checkboxes or a text box."""

    def __init__(self, *args, questions: Sequence[Question] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            name = f"q{question.pk}"
            label = f"{question.position}. {question.text}"
            if question.kind == QuestionKind.TEXT:
                self.fields[name] = forms.CharField(
                    label=label,
                    required=question.required,
                    max_length=MAX_TEXT_ANSWER_CHARS,
                    widget=forms.Textarea(attrs={"rows": 3}),
                    error_messages={"required": _("本题必须回答。")},
                )
                continue
            choices = [(str(c.pk), c.label) for c in question.choices.all()]
            field_class = (
                forms.ChoiceField
                if question.kind == QuestionKind.SINGLE
                else forms.MultipleChoiceField
            )
            widget = (
                forms.RadioSelect
                if question.kind == QuestionKind.SINGLE
                else forms.CheckboxSelectMultiple
            )
            self.fields[name] = field_class(
                label=label,
                required=question.required,
                choices=choices,
                widget=widget,
                error_messages={"required": _("本题必须回答。")},
            )

    def answers(self) -> tuple[dict[int, list[int]], dict[int, str]]:
        choices: dict[int, list[int]] = {}
        texts: dict[int, str] = {}
        for question in self.questions:
            value = self.cleaned_data.get(f"q{question.pk}")
            if question.kind == QuestionKind.TEXT:
                texts[question.pk] = value or ""
            elif isinstance(value, list):
                choices[question.pk] = [int(v) for v in value]
            elif value:
                choices[question.pk] = [int(value)]
        return choices, texts


class AttendanceForm(TokenForm):
    category = forms.ChoiceField(
        label=_("列席类别"),
        choices=AttendeeCategory.choices(),
        widget=forms.RadioSelect,
        error_messages={"required": _("请选择列席类别。")},
    )
    name = forms.CharField(
        label=_("姓名"), max_length=50, error_messages={"required": _("请填写姓名。")}
    )
    organisation = forms.CharField(
        label=_("工作单位或住址（村、社区）"), max_length=100, required=False
    )
    phone = forms.CharField(
        label=_("联系电话"),
        max_length=40,
        help_text=_("用于通知审核结果，不会公开。"),
        error_messages={"required": _("请填写联系电话，以便通知审核结果。")},
    )
    topic = forms.CharField(
        label=_("关注的议题和理由"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean_phone(self) -> str:
        return _plain(self.cleaned_data["phone"])


class RegistrationForm(TokenForm):
    name = forms.CharField(
        label=_("姓名"), max_length=50, error_messages={"required": _("请填写姓名。")}
    )
    phone = forms.CharField(
        label=_("联系电话"),
        max_length=40,
        help_text=_("用于活动通知，不会公开。"),
        error_messages={"required": _("请填写联系电话。")},
    )
    party_size = forms.TypedChoiceField(
        label=_("参加人数"),
        coerce=int,
        choices=[(n, f"{n}人") for n in range(1, MAX_PARTY_SIZE + 1)],
        initial=1,
    )

    def clean_phone(self) -> str:
        return _plain(self.cleaned_data["phone"])
