"""The demo is one consistent fictional county: the seed documents are references under their
real issuers, the county's work plan and its statuses are its own and reachable from the
county's section, and every public document has a body of its own."""

from collections import Counter

from django.core.management import call_command
from django.utils import timezone

from gongkai.core.models import Unit
from gongkai.documents.demo import IMPLEMENTATION, ISSUERS, PLAN_TITLE, REFERENCES, SEEDS
from gongkai.documents.models import OfficialDocument
from gongkai.documents.selectors import public_documents
from gongkai.tasks_ledger import selectors as ledger
from gongkai.tasks_ledger.models import WorkPlan


def test_the_demo_county_is_its_own(db, client):
    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115

    # The seed documents: real documents under their real issuers, said to be references.
    issuers = dict(Unit.objects.filter(parent__code=REFERENCES).values_list("code", "name"))
    assert issuers == {code: name for code, name, _ in ISSUERS}
    for title, issuer in SEEDS.values():
        seed = OfficialDocument.objects.get(title=title)
        assert seed.unit.code == issuer and seed.live
        assert seed.summary.startswith(f"参考文件：{issuers[issuer]}公开发布的文件")
    assert not Unit.objects.filter(name__startswith="示范省").exists()

    # Only the county's own plan is tracked, with tasks done, in progress and overdue.
    [plan] = WorkPlan.objects.all()
    assert plan.document.title == PLAN_TITLE and plan.unit.code == "013901001"
    tasks = ledger.with_statuses(ledger.plan_tasks(plan), timezone.localdate())
    statuses = Counter(task.status.value for task in tasks)
    assert statuses == {"completed": 4, "in_progress": 2, "overdue": 3}
    assert all(not task.unmatched_names for task in tasks)

    # Its 落实情况 is public and linked from the county's section (法定主动公开内容).
    assert plan.is_public
    column = client.get("/xxgk/013901000/statutory/").content.decode()
    assert (
        f'href="/ledger/{plan.pk}/"' in column and "示范县2025年政务公开工作要点落实情况" in column
    )
    page = client.get(f"/ledger/{plan.pk}/").content.decode()
    assert "已完成" in page and "推进中" in page and "逾期" in page

    # Every public document has a body, and no long paragraph is shared between documents.
    seen: dict[str, int] = {}
    for document in public_documents():
        assert document.body.strip(), document.title
        for paragraph in document.body.split("</p>"):
            text = paragraph.removeprefix("<p>").strip()
            if len(text) >= 40:
                assert seen.setdefault(text, document.pk) == document.pk, (document.title, text)

    # A township's document implements the county's plan, and both pages say so.
    town_document, county_document = (
        OfficialDocument.objects.get(title=title) for title in IMPLEMENTATION
    )
    town_url = f"/xxgk/013901101/documents/{town_document.pk}/"
    county_url = f"/xxgk/013901000/documents/{county_document.pk}/"
    assert f'href="{county_url}"' in client.get(town_url).content.decode()
    assert f'href="{town_url}"' in client.get(county_url).content.decode()
