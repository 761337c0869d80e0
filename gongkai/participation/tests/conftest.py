"""Fixtures of the participation tests: a county office's consultation on a draft measure."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from gongkai.core.domain.roles import Role
from gongkai.documents.services import document_create
from gongkai.participation.services.consultations import (
    ConsultationFacts,
    consultation_create,
    draft_version_save,
)

DRAFT = """示范县城乡居民最低生活保障实施办法（征求意见稿）
第一章 总则
第一条 为了规范最低生活保障工作，根据有关规定，制定本办法。
第二条 本办法适用于本县行政区域内的城乡居民最低生活保障工作。
第二章 保障对象和标准
第三条 共同生活的家庭成员人均收入低于当地最低生活保障标准的，可以申请。
第四条 最低生活保障标准由县人民政府确定并公布。"""


def facts(**changes) -> ConsultationFacts:
    today = timezone.localdate()
    values = {
        "title": "关于《示范县城乡居民最低生活保障实施办法（征求意见稿）》公开征求意见的公告",
        "starts_on": today,
        "ends_on": today + timedelta(days=30),
        "background": "为规范我县最低生活保障工作，县民政局起草了本办法。",
        "questions": "保障标准是否合适？",
        "channels": ["online", "mail"],
        "contact_name": "县民政局社会救助股",
        "contact_phone": "0930-7712301",
        "mail_address": "示范县人民路21号",
        **changes,
    }
    return ConsultationFacts(**values)


@pytest.fixture
def staff(unit_tree, make_user):
    county = unit_tree["county"]
    return {
        "editor": make_user("p_editor", (Role.EDITOR, county)),
        "leader": make_user("p_leader", (Role.LEADER, county)),
        "town_editor": make_user("p_town", (Role.EDITOR, unit_tree["town_a"])),
        "supervisor": make_user("p_super", (Role.SUPERVISING_STAFF, county)),
    }


@pytest.fixture
def draft_document(unit_tree):
    return document_create(
        actor=None,
        unit=unit_tree["county"],
        title="示范县人民政府关于印发《示范县城乡居民最低生活保障实施办法》的通知",
        written_on=date(2025, 3, 3),
        disclosure="proactive",
    )


@pytest.fixture
def consultation(unit_tree, staff, draft_document):
    made = consultation_create(
        actor=staff["editor"], unit=unit_tree["county"], facts=facts(), document=draft_document
    )
    draft_version_save(actor=staff["editor"], consultation=made, text=DRAFT)
    return made
