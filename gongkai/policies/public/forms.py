"""The public forms: the policy calculator, the self-registration and the new-link request.
Each field's problem is a Chinese sentence shown beside it; the services check again."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..domain import industries
from ..domain.checks import EnterpriseFields, check_enterprise
from ..domain.rules import SIZE_LABELS, SUBJECT_TYPE_LABELS

FORM_TOKEN_SALT = "gongkai.policies.public.register"

SIZE_CHOICES = [("", _("请选择")), *((s.value, label) for s, label in SIZE_LABELS.items())]
SUBJECT_CHOICES = [
    ("", _("请选择")),
    *((t.value, label) for t, label in SUBJECT_TYPE_LABELS.items()),
]


class ProfileForm(forms.Form):
    """What matching needs: industry, size, region, subject type."""

    industry = forms.CharField(
        label=_("行业代码"),
        max_length=5,
        help_text=_(
            "国民经济行业分类（GB/T 4754-2017）代码，写到小类最准确，如 C2641；"
            "只知道门类的写字母，如 C（制造业）。"
        ),
        error_messages={"required": _("请填写行业代码。")},
    )
    size = forms.ChoiceField(
        label=_("企业规模"),
        choices=SIZE_CHOICES,
        error_messages={"required": _("请选择企业规模。"), "invalid_choice": _("请选择企业规模。")},
    )
    region = forms.ChoiceField(
        label=_("所在区域"),
        help_text=_("选择企业注册地所在的乡镇（街道）或村（社区）。"),
        error_messages={"required": _("请选择所在区域。"), "invalid_choice": _("请选择所在区域。")},
    )
    subject_type = forms.ChoiceField(
        label=_("主体类型"),
        choices=SUBJECT_CHOICES,
        error_messages={"required": _("请选择主体类型。"), "invalid_choice": _("请选择主体类型。")},
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [
            ("", _("请选择")),
            *((u.code, "　" * max(u.depth - 1, 0) + u.name) for u in units),
        ]
        self.fields["industry"].widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})

    def clean_industry(self) -> str:
        code = industries.normalize(self.cleaned_data["industry"])
        if problem := industries.problem(code):
            raise forms.ValidationError(problem)
        return code


class RegisterForm(ProfileForm):
    uscc = forms.CharField(
        label=_("统一社会信用代码"),
        max_length=30,
        help_text=_("营业执照上的18位代码。"),
        error_messages={"required": _("请填写统一社会信用代码。")},
    )
    name = forms.CharField(
        label=_("企业（个体工商户、合作社）名称"),
        max_length=200,
        error_messages={
            "required": _("请填写名称。"),
            "max_length": _("名称不能超过200个字。"),
        },
    )
    email = forms.EmailField(
        label=_("联系邮箱"),
        max_length=254,
        help_text=_("用于确认登记和接收政策推送，不会公开。"),
        error_messages={"required": _("请填写联系邮箱。"), "invalid": _("请填写有效的邮箱地址。")},
    )
    consent = forms.BooleanField(
        label=_("我同意平台保存以上信息，用于向本企业推送适用的惠企政策。"),
        error_messages={"required": _("请勾选同意后再提交。")},
    )
    leave_blank = forms.CharField(label=_("请勿填写此项"), required=False)
    form_token = forms.CharField(widget=forms.HiddenInput)

    field_order = [
        "uscc",
        "name",
        "industry",
        "size",
        "region",
        "subject_type",
        "email",
        "consent",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["uscc"].widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})
        self.fields["email"].widget.attrs.update({"autocomplete": "email"})
        self.fields["name"].widget.attrs.update({"autocomplete": "organization"})

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        found, problems = check_enterprise(
            uscc_text=data["uscc"],
            name=data["name"],
            industry=data["industry"],
            size=data["size"],
            region=data["region"],
            subject_type=data["subject_type"],
        )
        for problem in problems:
            field = "uscc" if "统一社会信用代码" in problem else None
            self.add_error(field, problem)
        self.profile: EnterpriseFields | None = found
        return data


class LinkForm(forms.Form):
    uscc = forms.CharField(
        label=_("统一社会信用代码"),
        max_length=30,
        error_messages={"required": _("请填写统一社会信用代码。")},
    )
    email = forms.EmailField(
        label=_("登记时填写的联系邮箱"),
        max_length=254,
        error_messages={"required": _("请填写联系邮箱。"), "invalid": _("请填写有效的邮箱地址。")},
    )
    leave_blank = forms.CharField(label=_("请勿填写此项"), required=False)
