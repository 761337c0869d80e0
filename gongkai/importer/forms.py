from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateInput

from gongkai.core.models import Unit
from gongkai.documents.domain.attributes import DISCLOSURE_LABELS
from gongkai.documents.domain.doc_number import is_valid_doc_number, normalize_doc_number

from .candidate import TITLE_LENGTH


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented recipe)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class UploadForm(forms.Form):
    files = MultipleFileField(
        label=_("公文文件"),
        help_text=_(
            "可一次选择多个文件（.txt .docx .html .htm .pdf）。上传后先显示识别结果，确认后才登记。"
        ),
    )
    unit = forms.ModelChoiceField(label=_("发文单位"), queryset=Unit.objects.none())

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        if units.count() == 1:
            self.fields["unit"].initial = units.first()


class ConfirmForm(forms.Form):
    """One uploaded file: the parsed fields, as the person confirms or corrects them."""

    file = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    include = forms.BooleanField(label=_("导入"), required=False, initial=True)
    title = forms.CharField(label=_("标题"), max_length=TITLE_LENGTH)
    doc_number = forms.CharField(label=_("发文字号"), max_length=64, required=False)
    written_on = forms.DateField(label=_("成文日期"), widget=AdminDateInput)
    disclosure = forms.ChoiceField(
        label=_("公开属性"),
        choices=[
            ("", _("未确定")),
            *((key.value, label) for key, label in DISCLOSURE_LABELS.items()),
        ],
        required=False,
    )
    unit = forms.ModelChoiceField(label=_("发文单位"), queryset=Unit.objects.none())

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units

    def clean_doc_number(self) -> str:
        doc_number = normalize_doc_number(self.cleaned_data["doc_number"].strip())
        if doc_number and not is_valid_doc_number(doc_number):
            raise ValidationError(
                _(
                    "发文字号格式不正确：应为机关代字 + 〔年份〕 + 序号 + 号，如“甘政办发〔2020〕83号”。"
                )
            )
        return doc_number


class BaseConfirmFormSet(forms.BaseFormSet):
    def __init__(self, *args, units, **kwargs):
        self.units = units
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "units": self.units}


ConfirmFormSet = forms.formset_factory(ConfirmForm, formset=BaseConfirmFormSet, extra=0)
