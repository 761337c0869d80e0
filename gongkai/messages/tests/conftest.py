"""A county whose office routes messages, staff of each kind, and a way to receive messages on
a given day (the deadline engine counts from the day of receipt)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from gongkai.core.domain.roles import Role
from gongkai.core.services import unit_update
from gongkai.messages.domain.kinds import CITIZEN_KINDS
from gongkai.messages.services import MessageInput, message_register, message_submit_online

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture(autouse=True)
def message_settings(settings, tmp_path):
    """Counters and files in the test's own directory; no minimum fill time (tests post at
    once) unless a test asks for one."""
    settings.GONGKAI_RATELIMIT_DIR = str(tmp_path / "ratelimit")
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.GONGKAI_MESSAGE_MIN_FILL_SECONDS = 0
    return settings


@pytest.fixture
def tree(unit_tree):
    """The unit tree, with the county's office as its supervising office (it routes 不确定)."""
    unit_update(actor=None, unit=unit_tree["county"], supervising_office=unit_tree["office"])
    unit_tree["county"].refresh_from_db()
    return unit_tree


@pytest.fixture
def people(tree, make_user):
    return {
        "office": make_user("office", (Role.REQUEST_HANDLER, tree["office"])),
        "county": make_user("county", (Role.EDITOR, tree["county"])),
        "finance": make_user("finance", (Role.REQUEST_HANDLER, tree["finance"])),
        "town_a": make_user("town_a", (Role.REQUEST_HANDLER, tree["town_a"])),
        "town_b": make_user("town_b", (Role.REQUEST_HANDLER, tree["town_b"])),
        "supervisor": make_user("supervisor", (Role.SUPERVISING_STAFF, tree["county"])),
        "reviewer": make_user("reviewer", (Role.REVIEWER, tree["county"])),
        "auditor": make_user("auditor", (Role.AUDITOR, tree["county"])),
    }


def local(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


def message_input(**changes) -> MessageInput:
    fields = {
        "kind": "consultation",
        "title": "新生儿医保如何办理",
        "text": "孩子刚出生，请问在哪里办理城乡居民医保参保？需要带什么材料？",
        "contact_name": "王小明",
        "contact_mobile": "13912345678",
        "may_publish": True,
        **changes,
    }
    return MessageInput(**fields)


@pytest.fixture
def receive():
    """``receive(unit, "2026-02-12 16:00", kind=…)`` → a web message received then."""
    counter = iter(range(1, 10_000))

    def make(unit, when: str, **changes):
        data = message_input(**changes)
        if data.kind not in CITIZEN_KINDS:
            # 简单常见问题 is the office's classification: staff take it down.
            return message_register(
                actor=None, unit=unit, data=data, channel="phone", received_at=local(when)
            ).message
        with time_machine.travel(local(when), tick=False):
            return message_submit_online(
                unit=unit, data=data, submission_key=f"key-{next(counter)}"
            ).message

    return make
