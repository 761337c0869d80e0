"""The gazette's services: editing a draft issue, publishing it with its PDF edition and the
document history, immutability of a published issue, and 勘误 linked both ways."""

import hashlib
import io
import json
import re
from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError
from pypdf import PdfReader
from wagtail.models import ModelLogEntry

from gongkai.core.domain.errors import DomainError, PermissionDeniedError
from gongkai.core.models import AuditEntry
from gongkai.core.pdf import pdf_missing
from gongkai.documents.models import OfficialDocument
from gongkai.documents.services import document_unpublish
from gongkai.gazette import services
from gongkai.gazette.models import GazetteArticle, GazetteIssue, IssueStatus
from gongkai.gazette.selectors import issue_articles, public_articles, public_corrections

needs_pdf = pytest.mark.skipif(bool(pdf_missing()), reason=pdf_missing() or "")


def new_issue(actor, unit, number=3, *, year=2026, total=None, day=None) -> GazetteIssue:
    return services.gazette_issue_create(
        actor=actor,
        unit=unit,
        year=year,
        number=number,
        total_number=total or 100 + number,
        issue_date=day or date(year, number, 15),
    )


def own_text(actor, issue, title="示范县人民政府关于张三同志任职的通知", **fields):
    return services.gazette_article_add(
        actor=actor,
        issue=issue,
        section=fields.pop("section", "personnel"),
        title=title,
        issuer="测试县人民政府",
        written_on=date(2026, 3, 1),
        body="<p>经县人民政府研究决定：任命张三为测试县财政局副局长。</p>",
        **fields,
    )


def test_issue_numbers_are_checked_and_unique(clerk, county):
    new_issue(clerk, county, 3)
    with pytest.raises(DomainError, match="2026年第3期已经存在"):
        new_issue(clerk, county, 3, total=200)
    with pytest.raises(DomainError, match="总第103期已经存在"):
        new_issue(clerk, county, 4, total=103)
    with pytest.raises(DomainError, match="出版日期应在2026年内"):
        new_issue(clerk, county, 5, day=date(2025, 12, 31))
    assert GazetteIssue.objects.count() == 1


def test_only_editors_of_the_unit_make_issues(make_user, unit_tree, county):
    from gongkai.core.domain.roles import Role

    outsider = make_user("town_editor", (Role.EDITOR, unit_tree["town_a"]))
    with pytest.raises(PermissionDeniedError):
        new_issue(outsider, county)
    assert not GazetteIssue.objects.exists()


def test_a_register_document_is_copied_and_articles_print_by_section(
    clerk, county, publish_document
):
    issue = new_issue(clerk, county)
    notice = services.gazette_article_add(
        actor=clerk,
        issue=issue,
        section="government",
        document=publish_document(
            "测试县人民政府关于春耕的通知", "测政发〔2026〕2号", kind="other"
        ),
    )
    rule = services.gazette_article_add(
        actor=clerk,
        issue=issue,
        section="normative",
        document=publish_document("测试县农村宅基地管理办法", "测政规〔2026〕1号"),
    )
    personnel = own_text(clerk, issue)
    assert rule.title == "测试县农村宅基地管理办法" and rule.doc_number == "测政规〔2026〕1号"
    assert rule.issuer == "测试县人民政府" and "第一条" in rule.body
    assert [a.pk for a in issue_articles(issue)] == [rule.pk, notice.pk, personnel.pk]
    with pytest.raises(DomainError, match="已在本期中"):
        services.gazette_article_add(
            actor=clerk, issue=issue, section="normative", document=rule.document
        )


def test_a_document_that_is_not_public_is_refused(clerk, county, publish_document):
    document = publish_document("测试县某办法", "测政规〔2026〕2号")
    document_unpublish(actor=None, document=document, reason="需要修改")
    issue = new_issue(clerk, county)
    with pytest.raises(DomainError, match="未在门户主动公开"):
        services.gazette_article_add(
            actor=clerk, issue=issue, section="normative", document=document
        )
    assert not issue.articles.exists()


def test_own_text_goes_through_the_publication_gate(clerk, county):
    issue = new_issue(clerk, county)
    with pytest.raises(DomainError, match="正文"):
        services.gazette_article_add(
            actor=clerk,
            issue=issue,
            section="other",
            title="通告",
            body="<p>联系人身份证号：11010519491231002X。</p>",
        )
    assert not issue.articles.exists()


def test_moving_an_article_within_its_section(clerk, county):
    issue = new_issue(clerk, county)
    first, second = own_text(clerk, issue, "任免一"), own_text(clerk, issue, "任免二")
    services.gazette_article_move(actor=clerk, article=second, up=True)
    assert [a.title for a in issue_articles(issue)] == ["任免二", "任免一"]
    services.gazette_article_move(actor=clerk, article=second, up=True)  # already first
    assert [a.title for a in issue_articles(issue)] == ["任免二", "任免一"]
    assert first.pk


def test_publishing_needs_the_publish_permission_and_an_article(clerk, leader, county):
    issue = new_issue(clerk, county)
    with pytest.raises(DomainError, match="还没有文章"):
        services.gazette_issue_publish(actor=leader, issue=issue)
    own_text(clerk, issue)
    with pytest.raises(PermissionDeniedError):
        services.gazette_issue_publish(actor=clerk, issue=issue)
    issue.refresh_from_db()
    assert issue.status == IssueStatus.DRAFT and not issue.pdf


@needs_pdf
def test_publishing_stores_the_pdf_with_its_hash_and_records_the_document_history(
    clerk, leader, county, publish_document
):
    document = publish_document("测试县农村宅基地管理办法", "测政规〔2026〕1号")
    issue = new_issue(clerk, county)
    services.gazette_article_add(actor=clerk, issue=issue, section="normative", document=document)
    own_text(clerk, issue)
    issue = services.gazette_issue_publish(actor=leader, issue=issue)

    assert issue.status == IssueStatus.PUBLISHED and issue.published_by == leader
    with issue.pdf.open("rb") as handle:
        data = handle.read()
    assert data.startswith(b"%PDF-")
    assert hashlib.sha256(data).hexdigest() == issue.pdf_sha256
    assert issue.pdf_pages == len(PdfReader(io.BytesIO(data)).pages) and issue.pdf_bytes == len(
        data
    )

    history = ModelLogEntry.objects.get(
        content_type=ContentType.objects.get_for_model(OfficialDocument),
        object_id=str(document.pk),
        action=services.HISTORY_ACTION,
    )
    assert history.data["citation"] == "刊登于《测试县人民政府公报》2026年第3期"
    assert history.user == leader
    assert history.message == "刊登于《测试县人民政府公报》2026年第3期"
    entry = AuditEntry.objects.get(action="gazette.issue_publish")
    assert entry.changes["pdf_sha256"] == issue.pdf_sha256
    assert entry.changes["documents"] == [document.pk]
    assert public_articles().filter(issue=issue).count() == 2


@needs_pdf
def test_a_published_issue_is_never_changed(clerk, leader, county, publish_document):
    issue = new_issue(clerk, county)
    article = own_text(clerk, issue)
    issue = services.gazette_issue_publish(actor=leader, issue=issue)
    pdf_name, digest = issue.pdf.name, issue.pdf_sha256
    entries = AuditEntry.objects.count()
    refusals = [
        lambda: services.gazette_issue_update(actor=clerk, issue=issue, number=4),
        lambda: services.gazette_issue_delete(actor=clerk, issue=issue),
        lambda: services.gazette_issue_publish(actor=leader, issue=issue),
        lambda: own_text(clerk, issue, "补登的任免"),
        lambda: services.gazette_article_update(
            actor=clerk, article=article, section="personnel", title="改过的标题"
        ),
        lambda: services.gazette_article_remove(actor=clerk, article=article),
        lambda: services.gazette_article_move(actor=clerk, article=article, up=False),
    ]
    for refuse in refusals:
        with pytest.raises(DomainError, match="已出版"):
            refuse()
    issue.refresh_from_db()
    article.refresh_from_db()
    assert (issue.number, issue.pdf.name, issue.pdf_sha256) == (3, pdf_name, digest)
    assert article.title == "示范县人民政府关于张三同志任职的通知"
    assert issue.articles.count() == 1
    assert AuditEntry.objects.count() == entries


@needs_pdf
def test_the_printed_text_stays_when_the_register_changes_later(
    clerk, leader, county, publish_document
):
    document = publish_document("测试县农村宅基地管理办法", "测政规〔2026〕1号")
    issue = new_issue(clerk, county)
    article = services.gazette_article_add(
        actor=clerk, issue=issue, section="normative", document=document
    )
    services.gazette_issue_publish(actor=leader, issue=issue)
    OfficialDocument.objects.filter(pk=document.pk).update(title="改名后的办法", body="<p>新</p>")
    article.refresh_from_db()
    assert article.title == "测试县农村宅基地管理办法" and "第一条" in article.body


@needs_pdf
def test_a_correction_in_a_later_issue_is_linked_both_ways(clerk, leader, county):
    march = new_issue(clerk, county, 3)
    wrong = own_text(clerk, march)
    april = new_issue(clerk, county, 4)
    # Before March is published there is nothing a correction may point at.
    with pytest.raises(DomainError, match="此前已出版"):
        own_text(clerk, april, "勘误", section="correction", corrects=wrong)
    services.gazette_issue_publish(actor=leader, issue=march)
    with pytest.raises(DomainError, match="须指明所更正"):
        own_text(clerk, april, "勘误", section="correction")
    with pytest.raises(DomainError, match="勘误”栏目"):
        own_text(clerk, april, "勘误", section="personnel", corrects=wrong)
    correction = own_text(
        clerk, april, "关于本刊2026年第3期任职通知的勘误", section="correction", corrects=wrong
    )
    assert list(public_corrections(wrong)) == []  # April is still a draft
    services.gazette_issue_publish(actor=leader, issue=april)
    assert list(public_corrections(wrong)) == [correction]
    assert GazetteArticle.objects.get(pk=correction.pk).corrects == wrong


@needs_pdf
def test_the_pdf_contents_give_the_page_each_article_starts_on(
    clerk, leader, county, publish_document
):
    issue = new_issue(clerk, county)
    long_body = "".join(
        f"<p>第{n}条 {'本条规定了有关事项的具体要求。' * 12}</p>" for n in range(1, 40)
    )
    titles = ["测试县农村宅基地管理办法", "测试县城市道路管理办法"]
    for number, title in enumerate(titles, start=1):
        services.gazette_article_add(
            actor=clerk,
            issue=issue,
            section="normative",
            document=publish_document(title, f"测政规〔2026〕{number}号", body=long_body),
        )
    own_text(clerk, issue)
    issue = services.gazette_issue_publish(actor=leader, issue=issue)
    with issue.pdf.open("rb") as handle:
        pages = [page.extract_text() for page in PdfReader(handle).pages]
    flat = [re.sub(r"\s+", "", text) for text in pages]
    assert "测试县人民政府公报" in flat[0] and "总第103期" in flat[0]
    contents = flat[1]
    assert "目录" in contents
    printed = [*titles, "示范县人民政府关于张三同志任职的通知"]
    starts = []
    for title in printed:
        match = re.search(re.escape(title) + r"(?:（[^）]*）)?\.*(\d+)", contents)
        assert match, (title, contents)
        starts.append(int(match.group(1)))
    # Each article starts on the page the contents give, and long articles push the next on.
    for title, start in zip(printed, starts, strict=True):
        assert title in flat[start - 1], (title, start)
        assert title not in "".join(flat[2 : start - 1])
    assert starts[0] == 3 and starts[1] > starts[0] + 1 and starts[2] > starts[1] + 1


@needs_pdf
def test_verify_finds_a_changed_or_missing_edition(clerk, leader, county, capsys):
    issue = new_issue(clerk, county)
    own_text(clerk, issue)
    issue = services.gazette_issue_publish(actor=leader, issue=issue)
    call_command("gazette", "verify")
    assert "已核对 1 期公报的PDF版，均与出版时一致" in capsys.readouterr().out
    with open(issue.pdf.path, "ab") as handle:
        handle.write(b"%changed")
    with pytest.raises(CommandError) as refused:
        call_command("gazette", "verify", "--json")
    assert refused.value.returncode == 2
    report = json.loads(capsys.readouterr().out)
    assert report["checked"] == 1 and "PDF版已被改动" in report["problems"][0]
