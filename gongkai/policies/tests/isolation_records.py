"""A policy, an enterprise and a notice of a unit whose staff alone may see them, for the
isolation walk (``gongkai/core/tests/test_security_isolation.py``)."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from gongkai.policies import services
from gongkai.policies.domain.checks import EnterpriseFields
from gongkai.policies.domain.uscc import check_character
from gongkai.policies.models import NoticeKind, PolicyNotice


def make_records(*, unit, marker: str, actor) -> None:
    data = services.PolicyInput(
        title=f"{marker}惠企政策", valid_from=date(2020, 1, 1), benefits=f"{marker}政策内容"
    )
    policy = services.policy_create(actor=actor, unit=unit, code=f"{marker}-ZC", data=data)
    first17 = "91" + "620000" + "987654321"
    enterprise = services.enterprise_create(
        actor=actor,
        fields=EnterpriseFields(
            uscc=first17 + check_character(first17),
            name=f"{marker}企业",
            industry="C2641",
            size="small",
            region=unit.code,
            subject_type="enterprise",
        ),
        email="isolated@example.invalid",
    )
    with transaction.atomic():
        PolicyNotice.objects.create(enterprise=enterprise, policy=policy, kind=NoticeKind.MATCHED)
