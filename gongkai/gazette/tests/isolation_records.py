"""A unit's gazette issue (published, with an article and its PDF) and a 赠阅点, for the
isolation walk (``gongkai/core/tests/test_security_isolation.py``)."""

from __future__ import annotations

from datetime import date

from gongkai.gazette.models import GazetteArticle, GazetteIssue
from gongkai.gazette.services import distribution_point_save


def make_records(*, unit, marker: str, actor) -> None:
    # Written directly: publishing builds a PDF, which the walk does not need to see refused.
    issue = GazetteIssue.objects.create(
        unit=unit, year=2025, number=1, total_number=1, issue_date=date(2025, 1, 15)
    )
    GazetteArticle.objects.create(
        issue=issue, section="other", title=f"{marker}公报文章", body=f"<p>{marker}正文</p>"
    )
    distribution_point_save(actor=None, unit=unit, name=f"{marker}赠阅点", address=f"{marker}地址")
