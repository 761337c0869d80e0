"""Demo ledger: the work plans among the demo province's seed documents, their tasks tracked,
one of them with its 落实情况 on the portal."""

from __future__ import annotations

from gongkai.core.demo import DemoContext
from gongkai.core.models import Unit
from gongkai.documents.demo import PROVINCE_OFFICE, SEEDS
from gongkai.documents.models import OfficialDocument
from gongkai.importer.domain.parse import parse_file
from gongkai.importer.seed_documents import seed_paths

from .models import WorkPlan
from .services import work_plan_create, work_plan_set_public

ORDER = 40
# 平凉市2023年政务公开工作要点: its units are written as block lines, the clearest ledger.
PUBLIC_SEED = "003_4ae80daa2dba9a29.txt"


def load(context: DemoContext) -> None:
    office = Unit.objects.filter(code=PROVINCE_OFFICE).first()
    if office is None:
        return
    for path in seed_paths():
        document = OfficialDocument.objects.filter(unit=office, title=SEEDS[path.name]).first()
        if document is None or WorkPlan.objects.filter(document=document).exists():
            continue
        parsed = parse_file(path)
        if not parsed.tasks:
            continue
        plan = work_plan_create(
            actor=None, document=document, tasks=parsed.tasks, year=document.written_on.year
        )
        if path.name == PUBLIC_SEED and document.live:
            work_plan_set_public(actor=None, plan=plan, is_public=True)
        context.created_anything = True
