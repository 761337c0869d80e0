"""The synonym dictionary: the shipped default, the services (permission, audit, no shared
terms), searches that use it at once without re-indexing, the admin screen and the command."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from gongkai.core.domain.errors import PermissionDeniedError
from gongkai.core.domain.roles import Role
from gongkai.core.models import AuditEntry
from gongkai.search import services
from gongkai.search.domain.synonyms import DEFAULT_FILE, SynonymError, parse_file
from gongkai.search.models import SynonymGroup
from gongkai.search.selectors import SearchRequest, search


def titles(q: str, **request) -> list[str]:
    return [hit.title for hit in search(SearchRequest(q=q, **request)).hits]


def audit_actions() -> list[str]:
    return list(AuditEntry.objects.order_by("seq").values_list("action", flat=True))


# --- The shipped default ------------------------------------------------------------------


def test_the_migration_loads_the_shipped_list(db):
    assert SynonymGroup.objects.count() == len(parse_file(DEFAULT_FILE.read_text("utf-8")))
    group = SynonymGroup.objects.get(terms__startswith="低保、")
    assert group.term_list == ("低保", "最低生活保障", "最低生活保障金")
    assert group.source == "默认词表"


def test_the_county_measure_is_found_by_its_abbreviation(publish):
    """The issue's case: 低保 found the county's 最低生活保障 measure only by luck of words."""
    publish(
        title="示范县人民政府关于印发《示范县城乡居民最低生活保障实施办法》的通知",
        body="<p>为规范城乡居民最低生活保障工作，制定本办法。申请人向乡镇提出申请。</p>",
    )
    publish(title="关于做好春耕生产的通知", body="<p>各乡镇要做好春耕生产。</p>")
    result = search(SearchRequest(q="低保"))
    assert [hit.title for hit in result.hits] == [
        "示范县人民政府关于印发《示范县城乡居民最低生活保障实施办法》的通知"
    ]
    assert "<mark>最低生活保障</mark>" in result.hits[0].title_html
    assert [(e.text, e.alternatives) for e in result.synonyms] == [
        ("低保", ("最低生活保障", "最低生活保障金"))
    ]
    # Every word must still occur: 低保 申请 finds it (申请 is in the body), 低保 春耕 not.
    assert len(titles("低保 申请")) == 1
    assert titles("低保 春耕") == []


@pytest.mark.parametrize(
    ("typed", "text"),
    [
        ("个税", "关于个人所得税专项附加扣除的公告"),
        ("个人所得税", "个税年度汇算办理指南"),
        ("公积金 提取", "住房公积金提取业务办理须知"),
        ("医保", "城乡居民基本医疗保险参保缴费的通知"),
        ("营业执照", "个体工商户工商执照办理指南"),
        ("新农合", "新型农村合作医疗参合缴费通知"),
    ],
)
def test_short_and_long_forms_find_each_other(publish, typed, text):
    publish(title=text)
    assert titles(typed) == [text]


def test_a_dictionary_change_applies_to_the_next_query_without_reindexing(publish):
    publish(title="关于开展秸秆综合利用的通知")
    assert titles("禾秆") == []
    group = services.synonym_group_create(actor=None, terms="禾秆、秸秆")
    assert titles("禾秆") == ["关于开展秸秆综合利用的通知"]
    services.synonym_group_update(actor=None, group=group, terms="禾杆 秸秆")
    assert titles("禾秆") == []
    assert titles("禾杆") == ["关于开展秸秆综合利用的通知"]
    services.synonym_group_delete(actor=None, group=group)
    assert titles("禾杆") == []


# --- Services ---------------------------------------------------------------------------------


def test_create_update_delete_are_audited(db):
    before = len(audit_actions())
    group = services.synonym_group_create(actor=None, terms="禾秆 秸秆")
    services.synonym_group_update(actor=None, group=group, terms="禾秆 秸秆 稻秆")
    # Saving the same terms again changes and records nothing.
    services.synonym_group_update(actor=None, group=group, terms="禾秆、秸秆、稻秆")
    services.synonym_group_delete(actor=None, group=group)
    assert audit_actions()[before:] == [
        "search.synonyms.create",
        "search.synonyms.update",
        "search.synonyms.delete",
    ]
    update = AuditEntry.objects.filter(action="search.synonyms.update").get()
    assert update.changes == {"added": ["稻秆"], "removed": []}


def test_a_term_belongs_to_one_group_only(db):
    count = SynonymGroup.objects.count()
    with pytest.raises(SynonymError, match="“医保”已在同义词组“医保、医疗保险"):
        services.synonym_group_create(actor=None, terms="医保 医疗保障金")
    # Spelled another way (traditional, full-width) it is the same term.
    with pytest.raises(SynonymError, match="已在同义词组"):
        services.synonym_group_create(actor=None, terms="醫保 医疗保障金")
    assert SynonymGroup.objects.count() == count


def test_bad_terms_change_nothing(db):
    count = SynonymGroup.objects.count()
    for typed in ["只有一个", "低保 最低-生活"]:
        with pytest.raises(SynonymError):
            services.synonym_group_create(actor=None, terms=typed)
    assert SynonymGroup.objects.count() == count


def test_only_a_platform_wide_administrator_or_supervising_office_may_edit(unit_tree, make_user):
    county, town = unit_tree["county"], unit_tree["town_a"]
    editor = make_user("editor", (Role.EDITOR, county))
    town_admin = make_user("townadmin", (Role.ADMINISTRATOR, town))
    office = make_user("office", (Role.SUPERVISING_STAFF, county))
    for user in (editor, town_admin):
        with pytest.raises(PermissionDeniedError, match="检索同义词"):
            services.synonym_group_create(actor=user, terms="禾秆 秸秆")
    group = services.synonym_group_create(actor=office, terms="禾秆 秸秆")
    assert group.updated_by == office
    assert AuditEntry.objects.get(action="search.synonyms.create").unit == county


# --- Import and export ------------------------------------------------------------------------


def test_import_adds_and_merges_and_never_deletes(db, tmp_path):
    existing = SynonymGroup.objects.count()
    path = tmp_path / "extra.txt"
    path.write_text(
        "# 本地补充\n禾秆 秸秆\n医保 医保待遇\n低保 医保局\n公积金 住房公积金\n", encoding="utf-8"
    )
    call_command("synonyms", "import", str(path))
    # 禾秆 new; 医保 group extended; 低保 and 医保局 joined their groups into one; 公积金 known.
    assert SynonymGroup.objects.count() == existing + 1 - 1
    merged = SynonymGroup.objects.get(terms__contains="医保局")
    assert {"低保", "最低生活保障", "医保局", "医疗保障局"} <= set(merged.term_list)
    assert "医保待遇" in SynonymGroup.objects.get(terms__startswith="医保、").term_list
    assert AuditEntry.objects.filter(action="search.synonyms.import").count() == 1
    # Importing the same file again changes and records nothing.
    call_command("synonyms", "import", str(path))
    assert AuditEntry.objects.filter(action="search.synonyms.import").count() == 1


def test_a_bad_file_imports_nothing(db, tmp_path):
    count = SynonymGroup.objects.count()
    path = tmp_path / "bad.txt"
    path.write_text("禾秆 秸秆\n只有一个词\n", encoding="utf-8")
    with pytest.raises(CommandError, match="第 2 行") as raised:
        call_command("synonyms", "import", str(path))
    assert raised.value.returncode == 2
    (tmp_path / "gbk.txt").write_bytes("禾秆 秸秆".encode("gbk"))
    with pytest.raises(CommandError, match="不是 UTF-8"):
        call_command("synonyms", "import", str(tmp_path / "gbk.txt"))
    with pytest.raises(CommandError, match="无法读取"):
        call_command("synonyms", "import", str(tmp_path / "missing.txt"))
    assert SynonymGroup.objects.count() == count


def test_export_reads_back_as_the_same_groups(db, tmp_path, capsys):
    call_command("synonyms", "export")
    exported = capsys.readouterr().out
    assert parse_file(exported) == [g.term_list for g in SynonymGroup.objects.all()]


# --- The admin screen ----------------------------------------------------------------------


def test_admin_screen_adds_edits_and_deletes_through_the_services(unit_tree, make_user, client):
    client.force_login(make_user("office", (Role.SUPERVISING_STAFF, unit_tree["county"])))
    listing = client.get("/admin/search_synonyms/?q=低保")
    assert listing.status_code == 200 and "最低生活保障" in listing.content.decode()
    response = client.post("/admin/search_synonyms/new/", {"terms": "禾秆，秸秆"})
    assert response.status_code == 302
    group = SynonymGroup.objects.get(terms="禾秆、秸秆")
    response = client.post(f"/admin/search_synonyms/edit/{group.pk}/", {"terms": "医保 禾秆"})
    assert "已在同义词组" in response.content.decode()
    response = client.post(f"/admin/search_synonyms/edit/{group.pk}/", {"terms": "只有一个"})
    assert "至少要有两个" in response.content.decode()
    group.refresh_from_db()
    assert group.terms == "禾秆、秸秆"
    client.post(f"/admin/search_synonyms/delete/{group.pk}/")
    assert not SynonymGroup.objects.filter(pk=group.pk).exists()
    assert audit_actions()[-2:] == ["search.synonyms.create", "search.synonyms.delete"]


def test_admin_screen_is_closed_to_other_roles(unit_tree, make_user, client):
    client.force_login(make_user("editor", (Role.EDITOR, unit_tree["county"])))
    group = SynonymGroup.objects.first()
    for url in [
        "/admin/search_synonyms/",
        "/admin/search_synonyms/new/",
        f"/admin/search_synonyms/edit/{group.pk}/",
    ]:
        assert client.get(url).status_code in (302, 403), url
    client.post("/admin/search_synonyms/new/", {"terms": "禾秆 秸秆"})
    assert not SynonymGroup.objects.filter(terms="禾秆、秸秆").exists()
