"""The demo (what issue 16 asks it to hold) and what the portal shows of it: the 政务舆情回应
column in every unit section, the unit's consultations under 法定主动公开内容, the sitemap and
search."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command

from gongkai.documents.services import submission_problems
from gongkai.participation.domain.decisions import EventPhase
from gongkai.participation.domain.opinion import OpinionState
from gongkai.participation.domain.phases import Phase
from gongkai.participation.models import (
    Comment,
    Consultation,
    DecisionCatalog,
    Meeting,
    OpinionItem,
)
from gongkai.participation.selectors import published_attendees
from gongkai.search.selectors import SearchRequest, search

pytestmark = pytest.mark.django_db

COUNTY, CIVIL = "013901000", "013901003"


@pytest.fixture
def demo(class_demo, db):
    """The demo, loaded once for the class; each test's changes are rolled back."""


class TestTheDemo:
    """What the demo holds and what the portal shows of it; one load of the demo."""

    def test_the_demo_holds_what_the_issue_asks_for(self, demo):
        phases = sorted(Consultation.objects.values_list("phase", flat=True))
        assert phases == [Phase.CLOSED, Phase.FEEDBACK_PUBLISHED, Phase.OPEN]
        answered = Consultation.objects.get(phase=Phase.FEEDBACK_PUBLISHED)
        assert answered.comments.count() == 40
        assert not answered.comments.filter(answer__isnull=True).exists()
        assert answered.comments.filter(article__isnull=True).count() == 4  # the rest on articles
        writing = Consultation.objects.get(phase=Phase.CLOSED)
        problems = submission_problems(writing.document)
        assert problems and f"《{writing.title}》" in problems[0]
        assert submission_problems(answered.document) == []
        assert DecisionCatalog.objects.filter(published_at__isnull=False).count() == 1
        meeting = Meeting.objects.get()
        assert (
            meeting.phase == EventPhase.RECORD_PUBLISHED
            and published_attendees(meeting).count() == 3
        )
        assert sorted(OpinionItem.objects.values_list("state", flat=True)) == sorted(
            [OpinionState.RESPONDED, OpinionState.ASSESSED, OpinionState.NEW]
        )
        # Loading it again changes nothing.
        call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
        assert Consultation.objects.count() == 3 and Comment.objects.count() == 40 + 3 + 4

    def test_the_portal_lists_responses_and_participation_in_each_unit_section(self, demo, client):
        section = client.get(f"/xxgk/{COUNTY}/").content.decode()
        assert "政务舆情回应" in section
        column = client.get(f"/xxgk/{CIVIL}/opinion-responses/").content.decode()
        assert "关于城关镇部分低保金发放延迟问题的回应" in column
        assert (
            "本栏目暂无公开信息。"
            in client.get(f"/xxgk/{COUNTY}/opinion-responses/").content.decode()
        )
        statutory = client.get(f"/xxgk/{COUNTY}/statutory/").content.decode()
        assert "公众参与" in statutory and "重大行政决策事项目录" in statutory
        # The open day is held in two weeks: its date is labelled as the day it is held.
        office = client.get("/xxgk/013901001/statutory/").content.decode()
        assert re.search(r"政府开放日</a><span class=\"row-day\">活动时间 <time", office)
        assert (
            "/xxgk/013901202/opinion-responses/</loc>"
            in client.get("/sitemap.xml").content.decode()
        )
        answered = Consultation.objects.get(phase=Phase.FEEDBACK_PUBLISHED)
        kinds = {hit.kind.name for hit in search(SearchRequest(q="最低生活保障", per_page=50)).hits}
        assert {"consultation", "feedback"} <= kinds
        draft_only = search(SearchRequest(q="最低生活保障", kind="feedback")).hits
        assert [hit.obj.consultation for hit in draft_only] == [answered]
