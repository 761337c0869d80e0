"""The gazette's admin screens: a clerk builds an issue, a leader publishes it, the published
issue is shown read-only and a change posted anyway is refused; scope by unit."""

import json
from datetime import date

import pytest

from gongkai.core.domain.roles import Role
from gongkai.gazette import services
from gongkai.gazette.models import DistributionPoint, GazetteIssue, IssueStatus

from .test_services import needs_pdf, new_issue, own_text


def login(client, user):
    client.force_login(user)
    return client


def test_a_clerk_creates_an_issue_and_adds_a_register_document(
    client, clerk, county, publish_document
):
    document = publish_document("测试县农村宅基地管理办法", "测政规〔2026〕1号")
    login(client, clerk)
    form = client.get("/admin/gazette/new/")
    assert form.status_code == 200 and "新建一期" in form.content.decode()
    response = client.post(
        "/admin/gazette/new/",
        {
            "unit": county.pk,
            "year": 2026,
            "number": 3,
            "total_number": 103,
            "issue_date": "2026-03-15",
        },
    )
    issue = GazetteIssue.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/admin/gazette/{issue.pk}/"
    page = f"/admin/gazette/{issue.pk}/"
    missing = client.post(
        page,
        {"action": "document", "document-section": "normative", "document-reference": "无此号"},
    )
    assert missing.status_code == 400
    assert "没有找到已主动公开的这份公文" in missing.content.decode()
    added = client.post(
        page,
        {
            "action": "document",
            "document-section": "normative",
            "document-reference": "测政规〔2026〕1号",
        },
    )
    assert added.status_code == 302
    assert issue.articles.get().document == document
    html = client.get(page).content.decode()
    assert "测试县农村宅基地管理办法" in html and "出版须由签发人" in html


def test_the_issue_header_refuses_a_taken_number_on_the_form(client, clerk, county):
    new_issue(clerk, county, 2)
    issue = new_issue(clerk, county, 3)
    login(client, clerk)
    response = client.post(
        f"/admin/gazette/{issue.pk}/",
        {
            "action": "header",
            "header-year": 2026,
            "header-number": 2,
            "header-total_number": 103,
            "header-issue_date": "2026-03-15",
        },
    )
    assert response.status_code == 400
    assert "2026年第2期已经存在" in response.content.decode()
    issue.refresh_from_db()
    assert issue.number == 3


@needs_pdf
def test_a_leader_publishes_and_the_issue_becomes_read_only(client, clerk, leader, county):
    issue = new_issue(clerk, county)
    article = own_text(clerk, issue)
    login(client, leader)
    page = f"/admin/gazette/{issue.pk}/"
    response = client.post(page, {"action": "publish"}, follow=True)
    assert "已出版，PDF版已生成" in response.content.decode()
    issue.refresh_from_db()
    assert issue.status == IssueStatus.PUBLISHED

    login(client, clerk)
    html = client.get(page).content.decode()
    assert "本期已出版，长期保存、不作改动" in html
    assert 'name="action" value="remove"' not in html and "刊登台账中的公文" not in html
    assert 'value="delete"' not in html
    article_page = client.get(f"/admin/gazette/articles/{article.pk}/").content.decode()
    assert "本期已出版，文章不能修改" in article_page and 'name="section"' not in article_page
    # Posted anyway, each change is refused and nothing changes.
    for data in (
        {"action": "remove", "article": article.pk},
        {"action": "delete"},
        {
            "action": "header",
            "header-year": 2026,
            "header-number": 9,
            "header-total_number": 109,
            "header-issue_date": "2026-03-15",
        },
        {"action": "text", "text-section": "personnel", "text-title": "补登", "text-body": "x"},
    ):
        response = client.post(page, data, follow=True)
        assert "已出版，不能" in response.content.decode(), data
    refused = client.post(
        f"/admin/gazette/articles/{article.pk}/", {"section": "other", "title": "改"}
    )
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")  # Wagtail's refusal
    issue.refresh_from_db()
    assert issue.number == 3 and issue.articles.count() == 1
    assert issue.articles.get().title == "示范县人民政府关于张三同志任职的通知"


def test_another_units_issue_is_not_found(client, make_user, unit_tree, county):
    issue = new_issue(None, county)
    article = own_text(None, issue)
    town_editor = make_user("town_editor", (Role.EDITOR, unit_tree["town_a"]))
    login(client, town_editor)
    assert client.get(f"/admin/gazette/{issue.pk}/").status_code == 404
    assert client.get(f"/admin/gazette/articles/{article.pk}/").status_code == 404
    assert "2026年第3期" not in client.get("/admin/gazette/").content.decode()


def test_distribution_points_are_edited_in_the_admin(client, clerk, county):
    login(client, clerk)
    response = client.post(
        "/admin/gazette/points/",
        {
            "unit": county.pk,
            "name": "测试县政务服务中心",
            "address": "测试县人民路9号",
            "hours": "工作日",
            "phone": "",
            "position": 1,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    point = DistributionPoint.objects.get()
    refused = client.post(
        f"/admin/gazette/points/{point.pk}/",
        {
            "unit": county.pk,
            "name": "测试县政务服务中心",
            "address": "测试县人民路9号",
            "phone": "13912345678",
            "position": 1,
        },
    )
    assert refused.status_code == 400
    point.refresh_from_db()
    assert point.phone == ""
    client.post(f"/admin/gazette/points/{point.pk}/", {"action": "delete"})
    assert not DistributionPoint.objects.exists()


@pytest.mark.parametrize("path", ["/admin/gazette/", "/admin/gazette/points/"])
def test_lists_open_for_every_role(client, make_user, county, path):
    login(client, make_user("auditor", (Role.AUDITOR, county)))
    assert client.get(path).status_code == 200
    assert date.today()


@needs_pdf
def test_the_document_history_screen_shows_the_gazette_publication(
    client, clerk, leader, county, publish_document
):
    document = publish_document("测试县农村宅基地管理办法", "测政规〔2026〕1号")
    issue = new_issue(clerk, county)
    services.gazette_article_add(actor=clerk, issue=issue, section="normative", document=document)
    services.gazette_issue_publish(actor=leader, issue=issue)
    login(client, clerk)
    html = client.get(f"/admin/official-documents/history/{document.pk}/").content.decode()
    assert "刊登于《测试县人民政府公报》2026年第3期" in html


def test_a_text_of_the_gazettes_own_is_written_in_the_rich_text_editor(client, clerk, county):
    issue = new_issue(clerk, county)
    login(client, clerk)
    body = json.dumps(
        {
            "blocks": [
                {
                    "key": "a1",
                    "type": "unstyled",
                    "text": "任命张三为测试县财政局副局长。",
                    "depth": 0,
                    "inlineStyleRanges": [],
                    "entityRanges": [],
                }
            ],
            "entityMap": {},
        }
    )
    response = client.post(
        f"/admin/gazette/{issue.pk}/",
        {
            "action": "text",
            "text-section": "personnel",
            "text-title": "测试县人民政府关于张三同志任职的通知",
            "text-body": body,
        },
    )
    assert response.status_code == 302
    article = issue.articles.get()
    assert article.body == '<p data-block-key="a1">任命张三为测试县财政局副局长。</p>'
    edit = client.get(f"/admin/gazette/articles/{article.pk}/").content.decode()
    assert "测试县人民政府关于张三同志任职的通知" in edit and 'name="title"' in edit
