"""Every write to the gazette: each service checks the permission, writes, and records one audit
entry in one transaction. An issue is edited while it is a draft; ``gazette_issue_publish``
builds and stores its PDF edition, records the publication in the history of each register
document it prints, and from then on every service here refuses to change the issue or its
articles (a correction is a 勘误 article in a later issue)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.log_actions import log

from gongkai.core.audit import audit_record
from gongkai.core.domain.errors import DomainError
from gongkai.core.domain.publication_gate import PublicText
from gongkai.core.models import Unit
from gongkai.core.permissions import require
from gongkai.documents import gate
from gongkai.documents.selectors import public_documents
from gongkai.search.index import sync_object

from . import render
from .domain.issues import ArticleFacts, Section, issue_numbers_problems, publication_problems
from .models import DistributionPoint, GazetteArticle, GazetteIssue, IssueStatus
from .selectors import correctable_articles, issue_articles

if TYPE_CHECKING:
    # For annotations only: register documents are read through documents' public selector.
    from gongkai.documents.models import OfficialDocument

# The action of the register document's history entry (registered in ``wagtail_hooks``).
HISTORY_ACTION = "gazette.printed"
ISSUE_FIELDS = ("year", "number", "total_number", "issue_date")
SECTION_VALUES = frozenset(section.value for section in Section)


def _locked_issue(issue: GazetteIssue) -> GazetteIssue:
    return GazetteIssue.objects.select_for_update().select_related("unit").get(pk=issue.pk)


def _refuse_if_published(issue: GazetteIssue) -> None:
    if issue.is_published:
        raise DomainError(
            f"{issue.label}已出版，不能修改。已出版的公报长期保存、不作改动；"
            "如有错误，请在以后的一期中刊登勘误。"
        )


def _check_numbers(issue: GazetteIssue) -> None:
    if problems := issue_numbers_problems(issue.year, issue.number, issue.total_number):
        raise DomainError("".join(problems))
    if issue.issue_date.year != issue.year:
        raise DomainError(f"出版日期应在{issue.year}年内。")
    others = GazetteIssue.objects.filter(unit=issue.unit).exclude(pk=issue.pk)
    if others.filter(year=issue.year, number=issue.number).exists():
        raise DomainError(f"{issue.label}已经存在。")
    if others.filter(total_number=issue.total_number).exists():
        raise DomainError(f"总第{issue.total_number}期已经存在。")


@transaction.atomic
def gazette_issue_create(
    *, actor, unit: Unit, year: int, number: int, total_number: int, issue_date: date
) -> GazetteIssue:
    if actor is not None:
        require(actor, "gazette.edit", unit)
    issue = GazetteIssue(
        unit=unit, year=year, number=number, total_number=total_number, issue_date=issue_date
    )
    _check_numbers(issue)
    issue.save()
    audit_record(
        actor=actor,
        action="gazette.issue_create",
        obj=issue,
        changes={field: getattr(issue, field) for field in ISSUE_FIELDS},
        unit=unit,
    )
    return issue


@transaction.atomic
def gazette_issue_update(*, actor, issue: GazetteIssue, **fields: Any) -> GazetteIssue:
    issue = _locked_issue(issue)
    if actor is not None:
        require(actor, "gazette.edit", issue.unit)
    _refuse_if_published(issue)
    unknown = set(fields) - set(ISSUE_FIELDS)
    if unknown:
        raise ValueError(f"not issue fields: {sorted(unknown)}")
    before = {field: getattr(issue, field) for field in fields}
    for field, value in fields.items():
        setattr(issue, field, value)
    _check_numbers(issue)
    issue.save(update_fields=list(fields))
    audit_record(
        actor=actor,
        action="gazette.issue_update",
        obj=issue,
        changes={f: [before[f], v] for f, v in fields.items() if before[f] != v},
        unit=issue.unit,
    )
    return issue


@transaction.atomic
def gazette_issue_delete(*, actor, issue: GazetteIssue) -> None:
    issue = _locked_issue(issue)
    if actor is not None:
        require(actor, "gazette.edit", issue.unit)
    if issue.is_published:
        raise DomainError(f"{issue.label}已出版，不能删除。")
    audit_record(
        actor=actor,
        action="gazette.issue_delete",
        obj=issue,
        changes={"label": issue.label, "articles": issue.articles.count()},
        unit=issue.unit,
    )
    issue.delete()


def _copy_document(article: GazetteArticle, document: OfficialDocument) -> None:
    article.title = document.title
    article.doc_number = document.doc_number
    article.issuer = document.unit.name
    article.written_on = document.written_on
    article.body = document.body


def _public_document(document_id: int) -> OfficialDocument:
    document = public_documents().select_related("unit").filter(pk=document_id).first()
    if document is None:
        raise DomainError("所选公文未在门户主动公开，不能刊登。公报只刊登已主动公开的公文。")
    return document


def _check_correction(issue: GazetteIssue, section: str, corrects: GazetteArticle | None) -> None:
    if section == Section.CORRECTION and corrects is None:
        raise DomainError("勘误须指明所更正的文章。")
    if corrects is not None:
        if section != Section.CORRECTION:
            raise DomainError("更正此前文章的内容应放在“勘误”栏目。")
        if not correctable_articles(issue).filter(pk=corrects.pk).exists():
            raise DomainError("勘误只能更正本公报此前已出版各期中的文章。")


def _gate(issue: GazetteIssue, article: GazetteArticle, action: str) -> None:
    # A register document passed the gate when it was published; text of the gazette's own
    # (a 人事任免 notice, a 勘误) is checked here.
    if article.document_id is None:
        gate.refuse_unless_clean(
            unit=issue.unit,
            texts=[
                PublicText("标题", article.title),
                PublicText("发文字号", article.doc_number),
                PublicText("发文机关", article.issuer),
                PublicText("正文", article.body),
            ],
            action=action,
        )


def _next_position(issue: GazetteIssue, section: str) -> int:
    last = issue.articles.filter(section=section).order_by("-position").first()
    return last.position + 1 if last else 1


@transaction.atomic
def gazette_article_add(
    *,
    actor,
    issue: GazetteIssue,
    section: str,
    document: OfficialDocument | None = None,
    title: str = "",
    doc_number: str = "",
    issuer: str = "",
    written_on: date | None = None,
    body: str = "",
    corrects: GazetteArticle | None = None,
) -> GazetteArticle:
    """Add a register document (its public version is copied) or a text of the gazette's own."""
    issue = _locked_issue(issue)
    if actor is not None:
        require(actor, "gazette.edit", issue.unit)
    _refuse_if_published(issue)
    if section not in SECTION_VALUES:
        raise DomainError("请选择栏目。")
    _check_correction(issue, section, corrects)
    article = GazetteArticle(issue=issue, section=section, corrects=corrects)
    if document is not None:
        document = _public_document(document.pk)
        if issue.articles.filter(document=document).exists():
            raise DomainError(f"《{document.title}》已在本期中。")
        article.document = document
        _copy_document(article, document)
    else:
        article.title, article.doc_number = title.strip(), doc_number.strip()
        article.issuer, article.written_on, article.body = issuer.strip(), written_on, body
        if not article.title:
            raise DomainError("请填写标题。")
        if not article.body.strip():
            raise DomainError("请填写正文。")
    _gate(issue, article, "保存文章")
    article.position = _next_position(issue, section)
    article.save()
    audit_record(
        actor=actor,
        action="gazette.article_add",
        obj=article,
        changes={
            "issue": issue.label,
            "section": section,
            "document": article.document_id,
            "title": article.title,
            "corrects": article.corrects_id,
        },
        unit=issue.unit,
    )
    return article


def _locked_article(article: GazetteArticle) -> tuple[GazetteIssue, GazetteArticle]:
    issue = _locked_issue(article.issue)
    return issue, GazetteArticle.objects.select_for_update().get(pk=article.pk)


@transaction.atomic
def gazette_article_update(
    *, actor, article: GazetteArticle, section: str, **fields: Any
) -> GazetteArticle:
    """Change an article's section and, for a text of the gazette's own, its text. A register
    document's text is the register's: it is copied again, as it now stands."""
    issue, article = _locked_article(article)
    if actor is not None:
        require(actor, "gazette.edit", issue.unit)
    _refuse_if_published(issue)
    if section not in SECTION_VALUES:
        raise DomainError("请选择栏目。")
    corrects = fields.pop("corrects", article.corrects)
    _check_correction(issue, section, corrects)
    if section != article.section:
        article.position = _next_position(issue, section)
    article.section, article.corrects = section, corrects
    if article.document_id:
        _copy_document(article, _public_document(article.document_id))
    else:
        for field in ("title", "doc_number", "issuer", "written_on", "body"):
            if field in fields:
                value = fields[field]
                setattr(article, field, value.strip() if isinstance(value, str) else value)
        if not article.title:
            raise DomainError("请填写标题。")
        if not article.body.strip():
            raise DomainError("请填写正文。")
    _gate(issue, article, "保存文章")
    article.save()
    audit_record(
        actor=actor,
        action="gazette.article_update",
        obj=article,
        changes={"section": section, "title": article.title, "corrects": article.corrects_id},
        unit=issue.unit,
    )
    return article


@transaction.atomic
def gazette_article_remove(*, actor, article: GazetteArticle) -> None:
    issue, article = _locked_article(article)
    if actor is not None:
        require(actor, "gazette.edit", issue.unit)
    _refuse_if_published(issue)
    audit_record(
        actor=actor,
        action="gazette.article_remove",
        obj=article,
        changes={"issue": issue.label, "title": article.title},
        unit=issue.unit,
    )
    article.delete()


@transaction.atomic
def gazette_article_move(*, actor, article: GazetteArticle, up: bool) -> GazetteArticle:
    """Swap the article with its neighbour in the section (before it with ``up``)."""
    issue, article = _locked_article(article)
    if actor is not None:
        require(actor, "gazette.edit", issue.unit)
    _refuse_if_published(issue)
    siblings = list(issue.articles.filter(section=article.section).order_by("position", "id"))
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == article.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(siblings):
        return article
    siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, sibling in enumerate(siblings, start=1):
        if sibling.position != position:
            sibling.position = position
            sibling.save(update_fields=["position"])
    article.refresh_from_db()
    audit_record(
        actor=actor,
        action="gazette.article_move",
        obj=article,
        changes={"position": article.position},
        unit=issue.unit,
    )
    return article


def publication_problems_of(issue: GazetteIssue) -> list[str]:
    """What stops ``issue`` from being published, for the admin to show before anyone tries."""
    articles = list(issue_articles(issue))
    public = set(
        public_documents()
        .filter(pk__in=[a.document_id for a in articles if a.document_id])
        .values_list("pk", flat=True)
    )
    earlier = set(correctable_articles(issue).values_list("pk", flat=True))
    return publication_problems(
        [
            ArticleFacts(
                title=a.title,
                section=Section(a.section),
                from_register=a.document_id is not None,
                document_public=a.document_id in public,
                has_text=bool(a.body.strip()),
                corrects_published_earlier=(a.corrects_id in earlier) if a.corrects_id else None,
            )
            for a in articles
        ]
    )


@transaction.atomic
def gazette_issue_publish(*, actor, issue: GazetteIssue) -> GazetteIssue:
    """Publish the issue: copy each register document as it now stands, build the PDF edition
    and store it with its hash, and record the publication in each document's history."""
    issue = _locked_issue(issue)
    if actor is not None:
        require(actor, "gazette.publish", issue.unit)
    _refuse_if_published(issue)
    if problems := publication_problems_of(issue):
        raise DomainError("不能出版：" + "".join(problems))
    articles = list(issue_articles(issue).select_related("document__unit"))
    for article in articles:
        if article.document_id:
            _copy_document(article, article.document)
            article.save()
    edition = render.build_edition(issue, articles)
    issue.status = IssueStatus.PUBLISHED
    issue.published_at = timezone.now()
    issue.published_by = actor if getattr(actor, "pk", None) else None
    issue.pdf_sha256, issue.pdf_pages, issue.pdf_bytes = (
        edition.sha256,
        edition.pages,
        len(edition.data),
    )
    try:
        issue.pdf.save("issue.pdf", ContentFile(edition.data), save=False)
        issue.save()
    except IntegrityError as error:  # pragma: no cover - the numbers were checked above
        raise DomainError("期号冲突，未能出版。") from error
    for article in articles:
        if article.document_id:
            log(
                instance=article.document,
                action=HISTORY_ACTION,
                user=actor if getattr(actor, "pk", None) else None,
                data={"citation": issue.citation, "issue": issue.pk, "article": article.pk},
            )
        sync_object(article)
    audit_record(
        actor=actor,
        action="gazette.issue_publish",
        obj=issue,
        changes={
            "label": issue.label,
            "total_number": issue.total_number,
            "pdf_sha256": issue.pdf_sha256,
            "pdf_pages": issue.pdf_pages,
            "articles": [a.pk for a in articles],
            "documents": [a.document_id for a in articles if a.document_id],
        },
        unit=issue.unit,
    )
    return issue


def _point_texts(point: DistributionPoint) -> list[PublicText]:
    return [
        PublicText("名称", point.name),
        PublicText("地址", point.address),
        PublicText("开放时间", point.hours),
        PublicText("联系电话", point.phone),
    ]


POINT_FIELDS = ("name", "address", "hours", "phone", "is_active", "position")


@transaction.atomic
def distribution_point_save(
    *, actor, unit: Unit, point: DistributionPoint | None = None, **fields: Any
) -> DistributionPoint:
    """Create a 赠阅点 (without ``point``) or change one; its texts are public."""
    if point is not None:
        point = DistributionPoint.objects.select_for_update().get(pk=point.pk)
        if actor is not None:
            require(actor, "gazette.edit", point.unit)
    else:
        point = DistributionPoint()
    if actor is not None:
        require(actor, "gazette.edit", unit)
    before = {f: getattr(point, f) for f in POINT_FIELDS} if point.pk else {}
    point.unit = unit
    for field, value in fields.items():
        if field not in POINT_FIELDS:
            raise ValueError(f"not a distribution point field: {field}")
        setattr(point, field, value.strip() if isinstance(value, str) else value)
    if not point.name or not point.address:
        raise DomainError("请填写赠阅点的名称和地址。")
    gate.refuse_unless_clean(unit=unit, texts=_point_texts(point), action="保存赠阅点")
    created = point.pk is None
    point.save()
    audit_record(
        actor=actor,
        action="gazette.point_create" if created else "gazette.point_update",
        obj=point,
        changes={f: getattr(point, f) for f in POINT_FIELDS if before.get(f) != getattr(point, f)},
        unit=unit,
    )
    return point


@transaction.atomic
def distribution_point_delete(*, actor, point: DistributionPoint) -> None:
    point = DistributionPoint.objects.select_for_update().select_related("unit").get(pk=point.pk)
    if actor is not None:
        require(actor, "gazette.edit", point.unit)
    audit_record(
        actor=actor,
        action="gazette.point_delete",
        obj=point,
        changes={"name": point.name},
        unit=point.unit,
    )
    point.delete()
