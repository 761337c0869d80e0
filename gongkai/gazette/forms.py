"""Forms of the gazette's admin screens. They only collect and check input; the services
decide and write."""

from __future__ import annotations

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.admin.rich_text import get_rich_text_editor_widget

from gongkai.core.models import Unit
from gongkai.documents.selectors import public_documents

from .models import SECTION_CHOICES, GazetteArticle, GazetteIssue

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class IssueForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("出版单位"), queryset=Unit.objects.none())
    year = forms.IntegerField(label=_("年份"), min_value=1949, max_value=2100)
    number = forms.IntegerField(label=_("期号"), min_value=1, help_text=_("当年第几期"))
    total_number = forms.IntegerField(
        label=_("总期号"), min_value=1, help_text=_("创刊以来总第几期")
    )
    issue_date = forms.DateField(label=_("出版日期"), widget=DATE_INPUT)

    def __init__(self, *args, units: QuerySet | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is None:
            del self.fields["unit"]
        else:
            self.fields["unit"].queryset = units


class DocumentArticleForm(forms.Form):
    """A register document, named by its 发文字号 or 索引号 as a clerk has it at hand."""

    section = forms.ChoiceField(label=_("栏目"), choices=SECTION_CHOICES)
    reference = forms.CharField(
        label=_("发文字号或索引号"),
        max_length=64,
        help_text=_("须为本单位或下级单位已主动公开的公文，如“示政发〔2026〕3号”。"),
    )

    def __init__(self, *args, issue: GazetteIssue, **kwargs):
        super().__init__(*args, **kwargs)
        self.issue = issue

    def clean_reference(self):
        text = self.cleaned_data["reference"].strip()
        found = list(
            public_documents(self.issue.unit, subtree=True).filter(
                Q(doc_number=text) | Q(index_number=text)
            )[:2]
        )
        if not found:
            raise forms.ValidationError(
                _("没有找到已主动公开的这份公文。请核对发文字号或索引号，公文须先在台账中发布。")
            )
        if len(found) > 1:
            raise forms.ValidationError(_("这个发文字号对应多份公文，请改用索引号。"))
        self.cleaned_data["document"] = found[0]
        return text


class TextArticleForm(forms.Form):
    """An article of the gazette's own (人事任免, 勘误, a notice), or a register article's
    section and correction."""

    section = forms.ChoiceField(label=_("栏目"), choices=SECTION_CHOICES)
    title = forms.CharField(label=_("标题"), max_length=300)
    doc_number = forms.CharField(label=_("发文字号"), max_length=64, required=False)
    issuer = forms.CharField(label=_("发文机关"), max_length=200, required=False)
    written_on = forms.DateField(label=_("成文日期"), required=False, widget=DATE_INPUT)
    body = forms.CharField(label=_("正文"), widget=get_rich_text_editor_widget())
    corrects = forms.ModelChoiceField(
        label=_("所更正的文章（勘误）"),
        queryset=GazetteArticle.objects.none(),
        required=False,
        help_text=_("勘误栏目的文章须选择所更正的、此前各期已刊登的文章。"),
    )

    def __init__(self, *args, correctable: QuerySet, register: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["corrects"].queryset = correctable
        self.fields["corrects"].label_from_instance = lambda a: f"{a.issue.label}《{a.title}》"
        if register:
            # A register document's text is the register's.
            for name in ("title", "doc_number", "issuer", "written_on", "body"):
                del self.fields[name]


class PointForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("所属单位"), queryset=Unit.objects.none())
    name = forms.CharField(label=_("名称"), max_length=100)
    address = forms.CharField(label=_("地址"), max_length=200)
    hours = forms.CharField(label=_("开放时间"), max_length=200, required=False)
    phone = forms.CharField(label=_("联系电话"), max_length=40, required=False)
    position = forms.IntegerField(label=_("排序"), min_value=0, initial=0)
    is_active = forms.BooleanField(label=_("提供赠阅"), required=False, initial=True)

    def __init__(self, *args, units: QuerySet, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
