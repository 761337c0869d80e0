"""Staff screens of consultations (意见征集): the list, a consultation with its phases, the
draft and its versions, the questionnaire, the comments with moderation and answers, the
feedback, and the documents that need a consultation."""

from __future__ import annotations

from functools import partial
from urllib.parse import quote

from django import forms
from django.db.models import Count, Q
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages

from gongkai.core.domain.errors import DomainError
from gongkai.core.pdf import PdfUnavailable, pdf_missing
from gongkai.core.permissions import can, units_for
from gongkai.documents.models import OfficialDocument
from gongkai.importer.domain.clean import clean_text
from gongkai.importer.domain.errors import NotADocumentError
from gongkai.importer.domain.extract import extract_text

from ..domain.phases import Phase, comment_window_refusal
from ..forms import (
    AnswerForm,
    CommentEntryForm,
    ConsultationForm,
    ExtendForm,
    FeedbackForm,
    HideForm,
    ImportDraftForm,
    NeedForm,
    PublicTextForm,
    QuestionForm,
    ReasonForm,
    VersionForm,
    clean_positive_ids,
)
from ..models import Comment, CommentVisibility, Consultation, Feedback
from ..render import feedback_docx, feedback_pdf
from ..selectors import (
    comment_counts,
    current_version,
    disposition_tally,
    needs_without_consultation,
    published_answers,
    questionnaire_results,
    unanswered_count,
    unpublished_version,
    visible_consultations,
    visible_needs,
)
from ..services import comments as comment_services
from ..services import consultations as services
from ..services import questionnaires
from ..services.comments import CommentInput
from ..services.consultations import ConsultationFacts
from .base import AdminPage, ButtonForm, FormsPage, paginate, posted

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MAX_IMPORT_BYTES = 20 * 1024 * 1024


def _index_url() -> str:
    return reverse("participation_admin:consultations")


def _detail_url(consultation: Consultation) -> str:
    return reverse("participation_admin:consultation", args=[consultation.pk])


class ConsultationMixin:
    """Finds the consultation among what the user may see (404 otherwise)."""

    action = "consultation.view"

    def dispatch(self, request, *args, **kwargs):
        self.consultation = get_object_or_404(visible_consultations(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def may(self, action: str) -> bool:
        return can(self.request.user, action, self.consultation.unit)

    @property
    def parent_label(self):
        return self.consultation.title

    @property
    def parent_url(self):
        return _detail_url(self.consultation)


class ConsultationIndex(AdminPage):
    page_title = _("意见征集")
    template_name = "participation/admin/consultations.html"
    parent_url = ""

    def get_context_data(self, **kwargs):
        phase = self.request.GET.get("phase", "")
        items = visible_consultations(self.request.user).annotate(
            received=Count("comments", distinct=True),
            unanswered=Count("comments", filter=Q(comments__answer__isnull=True), distinct=True),
        )
        if phase in Phase._value2member_map_:
            items = items.filter(phase=phase)
        else:
            phase = ""
        return super().get_context_data(
            **paginate(self.request, items.order_by("-created_at")),
            phase=phase,
            phases=Phase.choices(),
            may_add=units_for(self.request.user, "consultation.edit").exists(),
            **kwargs,
        )


def _facts(cleaned: dict) -> ConsultationFacts:
    return ConsultationFacts(
        **{name: cleaned[name] for name in ConsultationFacts.__dataclass_fields__}
    )


class ConsultationCreate(FormsPage):
    page_title = _("新建意见征集")
    template_name = "participation/admin/form.html"

    @property
    def parent_url(self):
        return _index_url()

    parent_label = _("意见征集")

    def form_factories(self):
        return {"consultation": partial(ConsultationForm, user=self.request.user)}

    def act(self, name, form):
        cleaned = form.cleaned_data
        self.created = services.consultation_create(
            actor=self.request.user,
            unit=cleaned["unit"],
            facts=_facts(cleaned),
            document=cleaned["document"],
        )
        return "已新建意见征集。下一步：录入或导入征求意见稿。"

    def after(self, name):
        return reverse("participation_admin:draft", args=[self.created.pk])


class ConsultationEdit(ConsultationMixin, FormsPage):
    page_title = _("修改意见征集")
    template_name = "participation/admin/form.html"

    def form_factories(self):
        if self.consultation.phase != Phase.DRAFT or not self.may("consultation.edit"):
            return {}
        c = self.consultation
        initial = {name: getattr(c, name) for name in ConsultationFacts.__dataclass_fields__} | {
            "unit": c.unit,
            "document": c.document,
        }
        return {"consultation": partial(ConsultationForm, user=self.request.user, initial=initial)}

    def get(self, request, *args, **kwargs):
        if not self.form_factories():
            messages.error(request, "意见征集发布后不能修改。")
            return HttpResponseRedirect(_detail_url(self.consultation))
        return super().get(request, *args, **kwargs)

    def act(self, name, form):
        cleaned = form.cleaned_data
        if cleaned["unit"] != self.consultation.unit:
            raise DomainError("征集单位不能更改；请新建意见征集。")
        services.consultation_update(
            actor=self.request.user,
            consultation=self.consultation,
            facts=_facts(cleaned),
            document=cleaned["document"],
        )
        return "已保存。"

    def after(self, name):
        return _detail_url(self.consultation)


class ConsultationDetail(ConsultationMixin, FormsPage):
    template_name = "participation/admin/consultation.html"

    def get_page_title(self):
        return self.consultation.title

    @property
    def parent_url(self):
        return _index_url()

    parent_label = _("意见征集")

    def form_factories(self):
        c, factories = self.consultation, {}
        today = timezone.localdate()
        if self.may("consultation.publish"):
            if c.phase == Phase.DRAFT:
                factories["open"] = ButtonForm
            if c.phase == Phase.OPEN:
                factories["extend"] = partial(ExtendForm, prefix="extend")
                if unpublished_version(c) is not None:
                    factories["publish_version"] = ButtonForm
        if self.may("consultation.edit"):
            if c.phase == Phase.OPEN and today > c.ends_on:
                factories["close"] = ButtonForm
            if c.phase == Phase.DRAFT:
                factories["question_add"] = partial(QuestionForm, prefix="question")
                factories["question_delete"] = ButtonForm
        return factories

    def act(self, name, form):
        user, c = self.request.user, self.consultation
        if name == "open":
            services.consultation_open(actor=user, consultation=c)
            return "已发布征求意见。"
        if name == "extend":
            services.consultation_extend(
                actor=user,
                consultation=c,
                ends_on=form.cleaned_data["ends_on"],
                reason=form.cleaned_data["reason"],
            )
            return "已延长征求意见期。"
        if name == "publish_version":
            services.draft_version_publish(actor=user, version=unpublished_version(c))
            return "已公布新版本；此后的意见针对新版本。"
        if name == "close":
            services.consultation_close(actor=user, consultation=c)
            return "已截止征求意见，请整理意见并发布结果反馈。"
        if name == "question_add":
            questionnaires.question_create(
                actor=user,
                consultation=c,
                kind=form.cleaned_data["kind"],
                text=form.cleaned_data["text"],
                required=form.cleaned_data["required"],
                choices=form.choice_list(),
            )
            return "已添加问卷题目。"
        found = posted(self.request, c.survey_questions.all(), "question")
        questionnaires.question_delete(actor=user, question=found)
        return "已删除该题目。"

    def get_context_data(self, **kwargs):
        c = self.consultation
        version = current_version(c)
        draft = unpublished_version(c)
        return super().get_context_data(
            consultation=c,
            versions=list(c.versions.order_by("number")),
            current=version,
            draft=draft,
            counts=comment_counts(c, version),
            unanswered=unanswered_count(c),
            questions=list(c.survey_questions.prefetch_related("choices")),
            window_note=comment_window_refusal(
                c.phase, c.starts_on, c.ends_on, timezone.localdate()
            ),
            may_edit=self.may("consultation.edit"),
            document_url=reverse(
                OfficialDocument.snippet_viewset.get_url_name("inspect"), args=[c.document_id]
            )
            if c.document_id
            else "",
            feedback=Feedback.objects.filter(consultation=c).first(),
            **kwargs,
        )


class DraftEdit(ConsultationMixin, FormsPage):
    """The unpublished version of the draft: typed, or imported with the importer and checked
    before it is saved."""

    page_title = _("征求意见稿")
    template_name = "participation/admin/draft.html"

    def form_factories(self):
        c = self.consultation
        if c.phase not in (Phase.DRAFT, Phase.OPEN) or not self.may("consultation.edit"):
            return {}
        draft = unpublished_version(c) or current_version(c)
        initial = (
            {"title": draft.title, "text": draft.text, "change_note": ""}
            if draft is not None
            else {}
        )
        if draft is not None and draft.published_at is None:
            initial["change_note"] = draft.change_note
        return {
            "version": partial(VersionForm, initial=initial),
            "import": ImportDraftForm,
        }

    def post(self, request, *args, **kwargs):
        if request.POST.get("form") != "import" or "import" not in self.form_factories():
            return super().post(request, *args, **kwargs)
        form = ImportDraftForm(data=request.POST, files=request.FILES)
        forms_ = self.unbound_forms()
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                if upload.size > MAX_IMPORT_BYTES:
                    raise NotADocumentError(upload.name, "文件超过20MB")
                raw, warnings = extract_text(upload.read(), upload.name)
                paragraphs, clean_warnings = clean_text(raw)
            except NotADocumentError as error:
                form.add_error("file", str(error))
            else:
                if not paragraphs:
                    form.add_error("file", "文件中没有可识别的文字。")
                else:
                    forms_["version"] = VersionForm(
                        initial={
                            **forms_["version"].initial,
                            "title": "",
                            "text": "\n".join(paragraphs),
                            "source_name": upload.name[:200],
                        }
                    )
                    for warning in [*warnings, *clean_warnings]:
                        messages.warning(request, warning)
                    messages.info(request, "已导入文件内容，请核对全文后保存。")
                    form = ImportDraftForm()
        forms_["import"] = form
        return self.render_to_response(self.get_context_data(forms=forms_))

    def act(self, name, form):
        cleaned = form.cleaned_data
        version = services.draft_version_save(
            actor=self.request.user,
            consultation=self.consultation,
            text=cleaned["text"],
            title=cleaned["title"],
            change_note=cleaned["change_note"],
            source_name=cleaned["source_name"],
        )
        return f"已保存第{version.number}稿（{version.articles.count()}条）。"

    def after(self, name):
        return _detail_url(self.consultation)

    def get_context_data(self, **kwargs):
        draft = unpublished_version(self.consultation)
        return super().get_context_data(
            consultation=self.consultation,
            draft=draft,
            articles=list(draft.articles.all()) if draft else [],
            is_new_version=self.consultation.phase == Phase.OPEN,
            **kwargs,
        )


# --- Comments, answers and the feedback ------------------------------------------------------

COMMENT_FILTERS = {
    "unanswered": (_("未答复"), Q(answer__isnull=True)),
    "answered": (_("已答复"), Q(answer__isnull=False)),
    "hidden": (_("已隐藏"), Q(visibility=CommentVisibility.HIDDEN)),
    "held": (_("待处理"), Q(visibility=CommentVisibility.HELD)),
    "all": (_("全部"), Q()),
}


class CommentsView(ConsultationMixin, FormsPage):
    """All comments, a page at a time, with their answers; select several and answer them
    together (a grouped reply)."""

    page_title = _("意见与答复")
    template_name = "participation/admin/comments.html"

    def form_factories(self):
        c = self.consultation
        if not self.may("consultation.edit") or c.phase not in (Phase.OPEN, Phase.CLOSED):
            return {}
        return {"answer": partial(AnswerForm, prefix="answer")}

    def act(self, name, form):
        try:
            ids = clean_positive_ids(self.request.POST.getlist("comments"))
        except forms.ValidationError as error:
            raise DomainError(error.messages[0]) from error
        selected = list(self.consultation.comments.filter(pk__in=ids))
        cleaned = form.cleaned_data
        answer = comment_services.answer_save(
            actor=self.request.user,
            consultation=self.consultation,
            comments=selected,
            disposition=cleaned["disposition"],
            reason=cleaned["reason"],
            summary=cleaned["summary"],
        )
        return f"已答复{answer.comments.count()}条意见（{answer.disposition_label}）。"

    def get_context_data(self, **kwargs):
        c = self.consultation
        which = self.request.GET.get("show", "unanswered")
        if which not in COMMENT_FILTERS:
            which = "unanswered"
        comments = (
            c.comments.filter(COMMENT_FILTERS[which][1])
            .select_related("article", "version", "answer", "entered_by")
            .order_by("submitted_at", "id")
        )
        counts = {
            key: c.comments.filter(condition).count()
            for key, (_label, condition) in COMMENT_FILTERS.items()
        }
        return super().get_context_data(
            consultation=c,
            filters=[(key, label, counts[key]) for key, (label, _c) in COMMENT_FILTERS.items()],
            show=which,
            may_edit=self.may("consultation.edit"),
            answers_locked=c.phase == Phase.FEEDBACK_PUBLISHED,
            selected={int(v) for v in self.request.POST.getlist("comments") if v.isdigit()},
            **paginate(self.request, comments),
            **kwargs,
        )


class CommentEntry(ConsultationMixin, FormsPage):
    page_title = _("录入意见")
    template_name = "participation/admin/form.html"

    def form_factories(self):
        c = self.consultation
        version = current_version(c)
        if (
            not self.may("consultation.edit")
            or version is None
            or c.phase
            not in (
                Phase.OPEN,
                Phase.CLOSED,
            )
        ):
            return {}
        return {
            "comment": partial(
                CommentEntryForm,
                articles=list(version.articles.all()),
                initial={"received_on": timezone.localdate()},
            )
        }

    def get(self, request, *args, **kwargs):
        if not self.form_factories():
            messages.error(request, "只能在征求意见期间或截止后、结果反馈发布前录入意见。")
            return HttpResponseRedirect(_detail_url(self.consultation))
        return super().get(request, *args, **kwargs)

    def act(self, name, form):
        cleaned = form.cleaned_data
        comment_services.comment_enter(
            actor=self.request.user,
            consultation=self.consultation,
            data=CommentInput(
                body=cleaned["body"],
                article_anchor=cleaned["article"],
                author_name=cleaned["author_name"],
                show_name=cleaned["show_name"],
                contact=cleaned["contact"],
            ),
            channel=cleaned["channel"],
            received_on=cleaned["received_on"],
        )
        return "已录入该意见。"

    def after(self, name):
        return reverse("participation_admin:comments", args=[self.consultation.pk]) + "?show=all"


class CommentDetail(ConsultationMixin, FormsPage):
    template_name = "participation/admin/comment.html"

    def get_page_title(self):
        return f"意见 {self.comment.pk}"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.comment_id = kwargs["cid"]

    @property
    def comment(self) -> Comment:
        if not hasattr(self, "_comment"):
            self._comment = get_object_or_404(
                self.consultation.comments.select_related("article", "version", "answer"),
                pk=self.comment_id,
            )
        return self._comment

    def form_factories(self):
        if not self.may("consultation.edit"):
            return {}
        c = self.comment
        factories = {
            "public_text": partial(
                PublicTextForm, prefix="text", initial={"public_body": c.public_body}
            )
        }
        if c.visibility == CommentVisibility.HIDDEN:
            factories["restore"] = ButtonForm
        else:
            factories["hide"] = partial(HideForm, prefix="hide")
        if self.consultation.phase in (Phase.OPEN, Phase.CLOSED):
            factories["answer"] = partial(
                AnswerForm,
                prefix="answer",
                initial={
                    "disposition": c.answer.disposition if c.answer else None,
                    "summary": c.answer.summary if c.answer else "",
                    "reason": c.answer.reason if c.answer else "",
                },
            )
        return factories

    def act(self, name, form):
        user, c = self.request.user, self.comment
        if name == "public_text":
            comment_services.comment_edit_public_text(
                actor=user, comment=c, public_body=form.cleaned_data["public_body"]
            )
            return "已修改公开显示的内容。"
        if name == "restore":
            comment_services.comment_restore(actor=user, comment=c)
            return "已恢复显示。"
        if name == "hide":
            comment_services.comment_hide(
                actor=user,
                comment=c,
                category=form.cleaned_data["category"],
                reason=form.cleaned_data["reason"],
            )
            return "已隐藏该意见（保留并计数）。"
        comment_services.answer_save(
            actor=user,
            consultation=self.consultation,
            comments=[c],
            disposition=form.cleaned_data["disposition"],
            reason=form.cleaned_data["reason"],
            summary=form.cleaned_data["summary"],
        )
        return "已答复该意见。"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            consultation=self.consultation, comment=self.comment, **kwargs
        )


class FeedbackView(ConsultationMixin, FormsPage):
    page_title = _("结果反馈")
    template_name = "participation/admin/feedback.html"

    def form_factories(self):
        c, factories = self.consultation, {}
        if c.phase in (Phase.OPEN, Phase.CLOSED) and self.may("consultation.edit"):
            feedback = Feedback.objects.filter(consultation=c).first()
            factories["summary"] = partial(
                FeedbackForm, initial={"summary": feedback.summary if feedback else ""}
            )
            factories["delete_answer"] = ButtonForm
        if c.phase == Phase.CLOSED and self.may("consultation.publish"):
            factories["publish"] = ButtonForm
        return factories

    def act(self, name, form):
        user, c = self.request.user, self.consultation
        if name == "summary":
            comment_services.feedback_save(
                actor=user, consultation=c, summary=form.cleaned_data["summary"]
            )
            return "已保存总体说明。"
        if name == "publish":
            comment_services.feedback_publish(actor=user, consultation=c)
            return "已发布结果反馈。"
        answer = posted(self.request, c.answers.all(), "answer")
        comment_services.answer_delete(actor=user, answer=answer)
        return "已删除该答复，相关意见回到“未答复”。"

    def get_context_data(self, **kwargs):
        c = self.consultation
        return super().get_context_data(
            consultation=c,
            feedback=Feedback.objects.filter(consultation=c).first(),
            tally=disposition_tally(c),
            unanswered=unanswered_count(c),
            answers=published_answers(c),
            pdf_problem=pdf_missing(),
            **kwargs,
        )


def feedback_download(request, pk: int, fmt: str) -> HttpResponse:
    """The 意见采纳情况说明 as it stands (a preview before publication)."""
    consultation = get_object_or_404(visible_consultations(request.user), pk=pk)
    if not Feedback.objects.filter(consultation=consultation).exists():
        raise Http404
    name = f"{consultation.feedback}"
    if fmt == "docx":
        content, content_type = feedback_docx(consultation), DOCX
    elif fmt == "pdf":
        try:
            content, content_type = feedback_pdf(consultation), "application/pdf"
        except PdfUnavailable as error:
            messages.error(request, str(error))
            return HttpResponseRedirect(
                reverse("participation_admin:feedback", args=[consultation.pk])
            )
    else:
        raise Http404
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}.{fmt}"
    response["Cache-Control"] = "private, no-store"
    return response


class QuestionnaireResults(ConsultationMixin, AdminPage):
    page_title = _("问卷调查结果")
    template_name = "participation/admin/questionnaire.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            consultation=self.consultation,
            results=questionnaire_results(self.consultation, with_texts=True),
            responses=self.consultation.survey_responses.count(),
            **kwargs,
        )


# --- Documents that need a consultation ------------------------------------------------------


class NeedsView(FormsPage):
    page_title = _("需征求意见的公文")
    template_name = "participation/admin/needs.html"

    def form_factories(self):
        factories = {"mark": partial(NeedForm, user=self.request.user, prefix="mark")}
        factories["unmark"] = partial(ReasonForm, prefix="unmark")
        return factories

    def act(self, name, form):
        if name == "mark":
            services.consultation_need_mark(
                actor=self.request.user,
                document=form.cleaned_data["document"],
                reason=form.cleaned_data["reason"],
            )
            return "已标记：该公文须公开征求意见并发布结果反馈后才能呈签。"
        need = posted(self.request, visible_needs(self.request.user), "need")
        services.consultation_need_unmark(
            actor=self.request.user, need=need, reason=form.cleaned_data["reason"]
        )
        return "已取消标记。"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            needs=visible_needs(user),
            lacking=needs_without_consultation(user),
            oversees=units_for(user, "consultation.oversee").exists(),
            may_mark=NeedForm(user=user).fields["document"].queryset.exists(),
            **kwargs,
        )
