"""Services, imports, the commands and the notices, on a database."""

from __future__ import annotations

import json
from datetime import date
from email import message_from_bytes
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.core.domain.errors import DomainError, PermissionDeniedError
from gongkai.core.domain.roles import Role
from gongkai.core.models import AuditEntry, QueuedMail
from gongkai.policies import links, services
from gongkai.policies.domain.checks import EnterpriseFields
from gongkai.policies.domain.uscc import check_character
from gongkai.policies.imports import ImportRefused, enterprises_import, policies_import
from gongkai.policies.models import Enterprise, PolicyItem, PolicyNotice, PolicyState
from gongkai.policies.notifications import digests_send, reminders_send
from gongkai.policies.selectors import match_all

TODAY = date(2026, 5, 11)


def code(serial: int, prefix: str = "91") -> str:
    first17 = f"{prefix}620000{serial:09d}"
    return first17 + check_character(first17)


def fields(serial: int, region: str, **changes) -> EnterpriseFields:
    values = {
        "uscc": code(serial),
        "name": f"测试企业{serial}",
        "industry": "C2641",
        "size": "small",
        "region": region,
        "subject_type": "enterprise",
        **changes,
    }
    return EnterpriseFields(**values)


def mail_text(mail: QueuedMail) -> str:
    message = message_from_bytes(bytes(mail.raw))
    return message.get_payload(decode=True).decode(message.get_content_charset() or "utf-8")


@pytest.fixture(autouse=True)
def _today(settings):
    # Django's test runner swaps in its memory backend; the platform's own queue is what is sent.
    settings.EMAIL_BACKEND = "gongkai.core.mail.QueueingEmailBackend"
    with time_machine.travel(TODAY, tick=False):
        yield


def _policy(unit, code_, **changes) -> PolicyItem:
    data = services.PolicyInput(title=f"政策{code_}", valid_from=date(2026, 1, 1), **changes)
    policy = services.policy_create(actor=None, unit=unit, code=code_, data=data)
    return services.policy_publish(actor=None, policy=policy)


def test_policy_write_is_scoped_and_audited(unit_tree, make_user):
    editor = make_user("e", (Role.EDITOR, unit_tree["town_a"]))
    data = services.PolicyInput(title="稳岗补贴", valid_from=date(2026, 1, 1))
    with pytest.raises(PermissionDeniedError):
        services.policy_create(actor=editor, unit=unit_tree["town_b"], code="P1", data=data)
    policy = services.policy_create(actor=editor, unit=unit_tree["town_a"], code="P1", data=data)
    assert policy.state == PolicyState.DRAFT
    assert AuditEntry.objects.filter(action="policy.create", object_id=str(policy.pk)).count() == 1
    with pytest.raises(PermissionDeniedError):
        services.policy_publish(actor=editor, policy=policy)


def test_publication_gate_refuses_a_mobile_number(unit_tree):
    data = services.PolicyInput(
        title="稳岗补贴", valid_from=date(2026, 1, 1), contact="联系人手机13912345678"
    )
    policy = services.policy_create(actor=None, unit=unit_tree["county"], code="P1", data=data)
    with pytest.raises(DomainError, match="咨询方式"):
        services.policy_publish(actor=None, policy=policy)
    policy.refresh_from_db()
    assert policy.state == PolicyState.DRAFT


def test_validity_and_deadline_rules(unit_tree):
    bad = services.PolicyInput(title="x", valid_from=date(2026, 2, 1), valid_to=date(2026, 1, 1))
    with pytest.raises(DomainError, match="早于"):
        services.policy_create(actor=None, unit=unit_tree["county"], code="P1", data=bad)
    auto = services.PolicyInput(
        title="x", valid_from=date(2026, 1, 1), apply_mode="automatic", apply_deadline=TODAY
    )
    with pytest.raises(DomainError, match="免申即享"):
        services.policy_create(actor=None, unit=unit_tree["county"], code="P1", data=auto)
    assert not PolicyItem.objects.exists()


def test_matching_by_region_subtree_and_drafts_left_out(unit_tree):
    _policy(unit_tree["county"], "ALL")
    _policy(unit_tree["town_a"], "TA", regions=[unit_tree["town_a"]])
    draft = services.PolicyInput(title="草稿", valid_from=date(2026, 1, 1))
    services.policy_create(actor=None, unit=unit_tree["county"], code="DRAFT", data=draft)
    in_village = services.enterprise_create(actor=None, fields=fields(1, "V-A"))
    in_b = services.enterprise_create(actor=None, fields=fields(2, "T-B"))
    assert match_all(TODAY) == {in_village.uscc: ["ALL", "TA"], in_b.uscc: ["ALL"]}


def test_self_registration_waits_for_confirmation(unit_tree):
    _policy(unit_tree["county"], "ALL")
    enterprise = services.enterprise_register(fields=fields(1, "T-A"), email="boss@example.com")
    assert enterprise.confirmed_at is None
    assert match_all(TODAY) == {}
    mail = QueuedMail.objects.get()
    assert mail.recipients == ["boss@example.com"]
    token = links.confirm_token(enterprise)
    assert links.confirm_url(enterprise) in mail_text(mail)
    confirmed = services.enterprise_confirm(token=token)
    assert confirmed.confirmed_at is not None
    assert match_all(TODAY) == {enterprise.uscc: ["ALL"]}
    # What matched at confirmation is on the page: the digest does not repeat it.
    assert digests_send(TODAY) == 0


def test_a_second_registration_of_a_registered_code_changes_nothing(unit_tree):
    first = services.enterprise_create(actor=None, fields=fields(1, "T-A"), email="a@example.com")
    again = services.enterprise_register(
        fields=fields(1, "T-B", name="冒名"), email="evil@example.com"
    )
    assert again is None
    first.refresh_from_db()
    assert first.name == "测试企业1" and first.email == "a@example.com"
    mail = QueuedMail.objects.get()
    assert mail.recipients == ["a@example.com"]


def test_a_new_registration_voids_the_old_confirmation_link(unit_tree):
    first = services.enterprise_register(fields=fields(1, "T-A"), email="a@example.com")
    old = links.confirm_token(first)
    services.enterprise_register(fields=fields(1, "T-A"), email="b@example.com")
    with pytest.raises(DomainError, match="无效或已过期"):
        services.enterprise_confirm(token=old)


def test_confirmation_link_expires(unit_tree):
    enterprise = services.enterprise_register(fields=fields(1, "T-A"), email="a@example.com")
    token = links.confirm_token(enterprise)
    with time_machine.travel(date(2026, 5, 15), tick=False), pytest.raises(DomainError):
        services.enterprise_confirm(token=token)


def test_new_link_revokes_the_old(unit_tree):
    enterprise = services.enterprise_create(
        actor=None, fields=fields(1, "T-A"), email="a@example.com"
    )
    old = links.page_token(enterprise)
    assert services.enterprise_from_page_token(old) == enterprise
    assert not services.enterprise_send_link(uscc=enterprise.uscc, email="x@example.com")
    assert services.enterprise_send_link(uscc=enterprise.uscc, email="A@example.com")
    assert services.enterprise_from_page_token(old) is None
    enterprise.refresh_from_db()
    assert services.enterprise_from_page_token(links.page_token(enterprise)) == enterprise


def test_digest_once_per_new_policy_and_unsubscribe(unit_tree):
    enterprise = services.enterprise_create(
        actor=None, fields=fields(1, "T-A"), email="a@example.com"
    )
    _policy(unit_tree["county"], "NEW", industries=["C26"])
    _policy(unit_tree["county"], "OTHER", industries=["F"])
    assert digests_send(TODAY) == 1
    text = mail_text(QueuedMail.objects.get())
    assert "政策NEW" in text and "政策OTHER" not in text
    assert links.page_url(enterprise) in text
    assert digests_send(TODAY) == 0
    services.enterprise_subscribe(enterprise=enterprise, subscribed=False)
    _policy(unit_tree["county"], "LATER")
    assert digests_send(TODAY) == 0


def test_deadline_reminders(unit_tree):
    services.enterprise_create(actor=None, fields=fields(1, "T-A"), email="a@example.com")
    _policy(unit_tree["county"], "SOON", apply_deadline=date(2026, 5, 18))
    _policy(unit_tree["county"], "LATE", apply_deadline=date(2026, 5, 19))
    assert reminders_send(TODAY) == 1
    assert "政策SOON" in mail_text(QueuedMail.objects.last())
    assert reminders_send(TODAY) == 0
    assert reminders_send(date(2026, 5, 18)) == 2  # SOON's last day; LATE's week before
    assert PolicyNotice.objects.filter(kind="last_day").count() == 1


POLICY_CSV = (
    "code,title,industries,sizes,regions,subject_types,valid_from,valid_to\n"
    "ZC-1,制造业技改补贴,C26;C27,small;micro,T-A,enterprise,2026-01-01,2026-12-31\n"
    "ZC-2,个体户减免,,,,individual,2026-01-01,\n"
)


def test_policy_import_and_rerun(unit_tree):
    summary = policies_import(actor=None, data=POLICY_CSV.encode(), unit=unit_tree["county"])
    assert summary.created == ["ZC-1", "ZC-2"]
    assert PolicyItem.objects.filter(state=PolicyState.PUBLISHED).count() == 2
    again = policies_import(actor=None, data=POLICY_CSV.encode(), unit=unit_tree["county"])
    assert again.unchanged == ["ZC-1", "ZC-2"]


def test_policy_import_refuses_all_with_row_errors(unit_tree):
    bad = POLICY_CSV + (
        "ZC-3,坏行,C99,huge,NOPE,,2026-13-01,\n"
        "ZC-1,重复,,,,,2026-01-01,\n"
        "ZC-4,倒置,,,,,2026-02-01,2026-01-01\n"
    )
    with pytest.raises(ImportRefused) as refused:
        policies_import(actor=None, data=bad.encode(), unit=unit_tree["county"])
    text = "\n".join(refused.value.problems)
    assert "第 4 行" in text and "C99" in text and "huge" in text and "NOPE" in text
    assert "2026-13-01" in text
    assert "第 5 行：政策编号 ZC-1 与第 2 行重复" in text
    assert "第 6 行：有效期截止日" in text
    assert not PolicyItem.objects.exists()


def test_enterprise_import_refuses_a_bad_check_character(unit_tree):
    good = code(1)
    bad = code(2)[:17] + ("0" if code(2)[17] != "0" else "1")
    csv = (
        "uscc,name,industry,size,region,subject_type\n"
        f"{good},好企业,C2641,小型,T-A,企业\n"
        f"{bad},坏企业,C2641,小型,T-A,企业\n"
    )
    with pytest.raises(ImportRefused) as refused:
        enterprises_import(actor=None, data=csv.encode())
    assert refused.value.problems == [
        f"第 3 行：统一社会信用代码“{bad}”的校验码不正确，请核对营业执照上的代码。"
    ]
    assert not Enterprise.objects.exists()


def test_commands(unit_tree, tmp_path):
    policies = tmp_path / "p.csv"
    policies.write_text(POLICY_CSV, encoding="utf-8")
    enterprises = tmp_path / "e.csv"
    enterprises.write_text(
        "uscc,name,industry,size,region,subject_type\n"
        f"{code(1)},甲企业,C2641,small,V-A,enterprise\n"
        f"{code(2, '92')},乙个体户,F5111,micro,T-B,individual\n",
        encoding="utf-8",
    )
    call_command("policies", "import", str(policies), stdout=StringIO())
    call_command("enterprises", "import", str(enterprises), stdout=StringIO())
    out = StringIO()
    call_command("policies", "match", "--on", "2026-05-11", "--json", stdout=out)
    assert json.loads(out.getvalue()) == {"matches": {code(1): ["ZC-1"], code(2, "92"): ["ZC-2"]}}
    out = StringIO()
    call_command("policies", "match", "--on", "2027-01-01", "--json", stdout=out)
    assert json.loads(out.getvalue())["matches"][code(1)] == []
    broken = tmp_path / "bad.csv"
    broken.write_text("uscc,name,industry,size,region,subject_type\nX,,,,,\n", encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("enterprises", "import", str(broken))
    assert error.value.returncode == 2
    with pytest.raises(CommandError) as error:
        call_command("policies", "match", "--on", "2026-02-30")
    assert error.value.returncode == 2


def test_a_department_is_not_a_region(unit_tree):
    csv = f"uscc,name,industry,size,region,subject_type\n{code(1)},企业,C2641,小型,C-FIN,企业\n"
    with pytest.raises(ImportRefused) as refused:
        enterprises_import(actor=None, data=csv.encode())
    assert "C-FIN" in refused.value.problems[0] and "乡镇" in refused.value.problems[0]
    with pytest.raises(DomainError, match="不是县"):
        services.enterprise_create(actor=None, fields=fields(2, "C-FIN"))
