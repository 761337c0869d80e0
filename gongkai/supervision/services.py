"""Writes of supervision: the registry of sites and accounts, check runs and their findings,
rectification, probes, scoring weights, the new-media checks and the weekly warnings.

Each write checks permission (``actor=None`` is the system: the periodic jobs, the command line,
the demo), runs in one transaction and records one audit entry.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import URLValidator, validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.calendar.selectors import deadline_for
from gongkai.core.audit import audit_record
from gongkai.core.domain.errors import DomainError
from gongkai.core.models import Unit
from gongkai.core.permissions import require

from .domain.account_rows import AccountRow
from .domain.accounts import (
    AccountFacts,
    AccountKind,
    AccountStatus,
    Platform,
    TransitionError,
    check_accounts,
    check_transition,
)
from .domain.accounts import AccountFinding as FoundOnAccount
from .domain.findings import SITE_KINDS, Finding
from .domain.labels import kind_label
from .domain.rectification import (
    PENDING,
    RectificationError,
    RectificationState,
    check_mark_fixed,
    reconcile,
)
from .domain.scoring import ItemWeight, score
from .domain.veto import VetoItem
from .domain.wording import (
    WordingFileError,
    WordingRule,
    default_rules,
    merge_rules,
    parse_rules,
)
from .models import (
    Account,
    AccountFinding,
    AccountStep,
    CheckRun,
    Probe,
    RunStatus,
    ScoringItem,
    Site,
    SiteFinding,
    WeeklyWarning,
    WordingEntry,
)
from .selectors import RECTIFICATION_RULE

SITE_CODE = re.compile(r"^[0-9A-Za-z]{10}$")
HOST = re.compile(r"^[a-z0-9.-]+(:\d+)?$")


def _require(actor, action: str, unit: Unit | None) -> None:
    if actor is not None:
        require(actor, action, unit)


# --- Sites -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SiteFields:
    name: str
    home_url: str
    site_code: str = ""
    hosts: str = ""
    contact_name: str = ""
    contact_phone: str = ""
    contact_email: str = ""
    is_platform: bool = False
    demo_files: str = ""
    is_active: bool = True


def _clean_site(fields: SiteFields, *, site: Site | None) -> SiteFields:
    name = fields.name.strip()
    if not name:
        raise DomainError("请填写网站名称。")
    home_url = fields.home_url.strip()
    # Not URLValidator: an intranet host without a dot (the platform's own) is a real site.
    parts = urlsplit(home_url)
    if parts.scheme not in ("http", "https") or not HOST.match(parts.netloc.lower()):
        raise DomainError("首页地址应为以 http:// 或 https:// 开头的完整网址。")
    code = fields.site_code.strip()
    if code and not SITE_CODE.match(code):
        raise DomainError("网站标识码应为10位数字或字母。")
    hosts = [h.strip().lower() for h in fields.hosts.splitlines() if h.strip()]
    if bad := [h for h in hosts if not HOST.match(h)]:
        raise DomainError(f"域名“{bad[0]}”格式不对，每行只写一个域名，如 www.example.gov.cn。")
    email = fields.contact_email.strip()
    if email:
        try:
            validate_email(email)
        except ValidationError as error:
            raise DomainError("联系邮箱格式不对。") from error
    if fields.is_platform:
        others = Site.objects.filter(is_platform=True)
        if site is not None:
            others = others.exclude(pk=site.pk)
        if others.exists():
            raise DomainError("已登记本平台自身的网站，不能再登记第二个。")
    return SiteFields(
        name=name,
        home_url=home_url,
        site_code=code,
        hosts="\n".join(dict.fromkeys(hosts)),
        contact_name=fields.contact_name.strip(),
        contact_phone=fields.contact_phone.strip(),
        contact_email=email,
        is_platform=fields.is_platform,
        demo_files=fields.demo_files.strip(),
        is_active=fields.is_active,
    )


@transaction.atomic
def site_register(*, actor, unit: Unit, fields: SiteFields) -> Site:
    _require(actor, "supervision.manage", unit)
    clean = _clean_site(fields, site=None)
    site = Site.objects.create(unit=unit, **clean.__dict__)
    audit_record(
        actor=actor,
        action="supervision.site_register",
        obj=site,
        unit=unit,
        changes={"name": site.name, "home_url": site.home_url},
    )
    return site


@transaction.atomic
def site_update(*, actor, site: Site, unit: Unit, fields: SiteFields) -> Site:
    _require(actor, "supervision.manage", site.unit)
    _require(actor, "supervision.manage", unit)
    site = Site.objects.select_for_update().get(pk=site.pk)
    clean = _clean_site(fields, site=site)
    changes = {
        name: [str(getattr(site, name)), str(value)]
        for name, value in clean.__dict__.items()
        if getattr(site, name) != value
    }
    if site.unit_id != unit.pk:
        changes["unit"] = [site.unit.name, unit.name]
    if not changes:
        return site
    for name, value in clean.__dict__.items():
        setattr(site, name, value)
    site.unit = unit
    site.save()
    audit_record(
        actor=actor, action="supervision.site_update", obj=site, unit=unit, changes=changes
    )
    return site


# --- Runs and rectification ---------------------------------------------------------------------


@transaction.atomic
def run_start(*, site: Site, day: date) -> CheckRun:
    """The day's run of the site: a new one, or the unfinished one to resume."""
    run, created = CheckRun.objects.select_for_update().get_or_create(
        site=site, day=day, defaults={"started_at": timezone.now()}
    )
    if not created and run.status != RunStatus.RUNNING:
        raise DomainError(f"{site.name}{day:%Y年%m月%d日}已检查过。")
    if created:
        audit_record(
            actor=None,
            action="supervision.run_start",
            obj=run,
            unit=site.unit,
            changes={"day": day.isoformat()},
        )
    return run


@transaction.atomic
def run_set_state_path(*, run: CheckRun, state_path: str) -> CheckRun:
    run = CheckRun.objects.select_for_update().get(pk=run.pk)
    if run.state_path != state_path:
        run.state_path = state_path
        run.save(update_fields=["state_path"])
        audit_record(
            actor=None,
            action="supervision.run_state",
            obj=run,
            unit=run.site.unit,
            changes={"state_path": state_path},
        )
    return run


def weights() -> dict[str, ItemWeight]:
    """The office's deduction points per finding kind (none set: nothing is deducted)."""
    return {
        item.kind: ItemWeight(item.each, item.cap)
        for item in ScoringItem.objects.all()
        if item.each and item.cap
    }


def _rectification_due(day: date) -> date:
    return deadline_for(RECTIFICATION_RULE, day).due


@transaction.atomic
def run_finish(
    *,
    run: CheckRun,
    pages: int,
    findings: Iterable[Finding],
    vetoes: Iterable[VetoItem],
    complete: bool,
) -> CheckRun:
    """Store what the run found, match it to the findings being rectified, and score it.
    ``complete`` is False for a run that stopped early: it then confirms no fix."""
    run = CheckRun.objects.select_for_update().select_related("site__unit").get(pk=run.pk)
    if run.status != RunStatus.RUNNING:
        raise DomainError("这次检查已经结束。")
    site, day = run.site, run.day
    found = {(f.kind, f.url, f.value): f for f in findings if f.kind in SITE_KINDS}
    pending = SiteFinding.objects.select_for_update().filter(site=site, state__in=PENDING)
    matched = reconcile(
        [(f.pk, (f.kind, f.url, f.value), RectificationState(f.state)) for f in pending],
        found,
        complete=complete,
    )
    due = _rectification_due(day) if matched.new else None
    created = SiteFinding.objects.bulk_create(
        SiteFinding(
            site=site,
            kind=key[0],
            url=key[1][:1000],
            column=found[key].column[:200],
            detail=found[key].detail,
            value=key[2][:500],
            first_seen=day,
            last_seen=day,
            assigned_unit=site.unit,
            due_on=due,
        )
        for key in matched.new
    )
    SiteFinding.objects.filter(pk__in=matched.seen_again).update(last_seen=day)
    for finding in SiteFinding.objects.filter(pk__in=matched.reopened):
        # The fix did not hold: open again, with the staff date cleared and a new deadline.
        finding.state = RectificationState.OPEN
        finding.last_seen = day
        finding.fixed_on = None
        finding.times_reopened += 1
        finding.due_on = _rectification_due(day)
        finding.save()
    SiteFinding.objects.filter(pk__in=matched.confirmed).update(
        state=RectificationState.CONFIRMED, resolved_on=day
    )
    seen_ids = [f.pk for f in created] + matched.seen_again + matched.reopened
    run.findings.add(*seen_ids)
    result = score([key[0] for key in found], vetoes, weights())
    run.pages = pages
    run.status = RunStatus.FINISHED if complete else RunStatus.PARTIAL
    run.finished_at = timezone.now()
    run.veto = [v.as_json() for v in result.vetoed]
    run.deductions = [
        {"kind": d.kind, "count": d.count, "points": str(d.points)} for d in result.deductions
    ]
    run.points = result.points
    run.passed = result.passed
    run.save()
    audit_record(
        actor=None,
        action="supervision.run_finish",
        obj=run,
        unit=site.unit,
        changes={
            "pages": pages,
            "findings": len(found),
            "new": len(created),
            "reopened": len(matched.reopened),
            "confirmed": len(matched.confirmed),
            "veto": [v.number for v in result.vetoed],
        },
    )
    return run


@transaction.atomic
def run_fail(*, run: CheckRun, error: str) -> CheckRun:
    run = CheckRun.objects.select_for_update().select_related("site__unit").get(pk=run.pk)
    run.status = RunStatus.FAILED
    run.error = error[:2000]
    run.finished_at = timezone.now()
    run.save()
    audit_record(
        actor=None,
        action="supervision.run_fail",
        obj=run,
        unit=run.site.unit,
        changes={"error": run.error[:200]},
    )
    return run


@transaction.atomic
def finding_mark_fixed(*, actor, finding: SiteFinding, fixed_on: date, note: str) -> SiteFinding:
    """Staff say the problem is fixed; the next complete check confirms it or reopens it."""
    _require(actor, "supervision.rectify", finding.assigned_unit)
    finding = SiteFinding.objects.select_for_update().get(pk=finding.pk)
    try:
        check_mark_fixed(
            RectificationState(finding.state), fixed_on, finding.first_seen, timezone.localdate()
        )
    except RectificationError as error:
        raise DomainError(str(error)) from error
    if not note.strip():
        raise DomainError("请写明如何整改。")
    finding.state = RectificationState.FIXED
    finding.fixed_on = fixed_on
    finding.fix_note = note.strip()
    finding.save()
    audit_record(
        actor=actor,
        action="supervision.finding_fixed",
        obj=finding,
        unit=finding.assigned_unit,
        changes={"fixed_on": fixed_on.isoformat()},
    )
    return finding


@transaction.atomic
def finding_assign(*, actor, finding: SiteFinding, unit: Unit) -> SiteFinding:
    """Hand the rectification to another unit (the one that owns the page's content)."""
    _require(actor, "supervision.manage", finding.site.unit)
    _require(actor, "supervision.manage", unit)
    finding = SiteFinding.objects.select_for_update().get(pk=finding.pk)
    if finding.state == RectificationState.CONFIRMED:
        raise DomainError("该问题已整改完成，不能再改整改单位。")
    if finding.assigned_unit_id == unit.pk:
        return finding
    old = finding.assigned_unit.name
    finding.assigned_unit = unit
    finding.save(update_fields=["assigned_unit"])
    audit_record(
        actor=actor,
        action="supervision.finding_assign",
        obj=finding,
        unit=unit,
        changes={"assigned_unit": [old, unit.name]},
    )
    return finding


@dataclass(frozen=True)
class ProbeResult:
    site: Site
    at: datetime
    seconds: float
    status: int | None
    error: str


@transaction.atomic
def probes_record(*, results: list[ProbeResult]) -> int:
    """Store one round of availability probes (one audit entry for the round)."""
    if not results:
        return 0
    Probe.objects.bulk_create(
        Probe(site=r.site, at=r.at, seconds=r.seconds, status=r.status, error=r.error[:200])
        for r in results
    )
    audit_record(
        actor=None,
        action="supervision.probes",
        obj=results[0].site,
        changes={"sites": len(results), "failed": sum(bool(r.error) for r in results)},
    )
    return len(results)


def _points(text: str, label: str) -> Decimal:
    try:
        value = Decimal(str(text).strip() or "0")
    except InvalidOperation as error:
        raise DomainError(f"{label}应为数字。") from error
    if not value.is_finite() or not Decimal(0) <= value <= Decimal(100):
        raise DomainError(f"{label}应在0到100分之间。")
    return value.quantize(Decimal("0.1"))


@transaction.atomic
def scoring_set(*, actor, unit: Unit, points: dict[str, tuple[str, str]]) -> list[ScoringItem]:
    """The office's points: kind → (each, cap). The caps together may not exceed 100."""
    _require(actor, "supervision.manage", unit)
    values = {}
    for kind, (each, cap) in points.items():
        if kind not in SITE_KINDS:
            raise DomainError(f"未知的问题类型：{kind}。")
        label = kind_label(kind)
        values[kind] = (_points(each, f"“{label}”每处扣分"), _points(cap, f"“{label}”本项分值"))
    total = sum((cap for _, cap in values.values()), Decimal(0))
    if total > 100:
        raise DomainError(f"各扣分项的分值合计为{total}分，不能超过100分。")
    changes = {}
    items = []
    for kind, (each, cap) in values.items():
        item, _ = ScoringItem.objects.get_or_create(kind=kind)
        if (item.each, item.cap) != (each, cap):
            changes[kind] = [[str(item.each), str(item.cap)], [str(each), str(cap)]]
            item.each, item.cap = each, cap
            item.save()
        items.append(item)
    if changes:
        audit_record(
            actor=actor, action="supervision.scoring_set", obj=items[0], unit=unit, changes=changes
        )
    return items


# --- New-media accounts -------------------------------------------------------------------------


@dataclass(frozen=True)
class AccountFields:
    platform: str
    name: str
    account_id: str
    kind: str = AccountKind.PUBLISHING
    responsible: str = ""
    last_post_on: date | None = None
    feed_url: str = ""
    has_interaction: bool = True


def _clean_account(fields: AccountFields) -> AccountFields:
    try:
        platform = Platform(fields.platform)
        kind = AccountKind(fields.kind)
    except ValueError as error:
        raise DomainError("平台或账号类型不对。") from error
    name, account_id = fields.name.strip(), fields.account_id.strip()
    if not name or not account_id:
        raise DomainError("请填写账号名称和账号ID。")
    if fields.last_post_on and fields.last_post_on > timezone.localdate():
        raise DomainError("最后更新日期不能晚于今天。")
    feed_url = fields.feed_url.strip()
    if feed_url:
        try:
            URLValidator(schemes=["http", "https"])(feed_url)
        except ValidationError as error:
            raise DomainError("订阅地址应为以 http:// 或 https:// 开头的完整网址。") from error
    return AccountFields(
        platform=platform.value,
        name=name,
        account_id=account_id,
        kind=kind.value,
        responsible=fields.responsible.strip(),
        last_post_on=fields.last_post_on,
        feed_url=feed_url,
        has_interaction=fields.has_interaction,
    )


def _taken(platform: str, account_id: str, exclude: int | None = None) -> bool:
    accounts = Account.objects.filter(platform=platform, account_id=account_id)
    if exclude is not None:
        accounts = accounts.exclude(pk=exclude)
    return accounts.exists()


def account_register(*, actor, unit: Unit, fields: AccountFields) -> Account:
    _require(actor, "newmedia.manage", unit)
    clean = _clean_account(fields)
    if _taken(clean.platform, clean.account_id):
        raise DomainError(f"账号ID“{clean.account_id}”在该平台已登记。")
    try:
        with transaction.atomic():
            account = Account.objects.create(
                unit=unit, status_since=timezone.localdate(), **clean.__dict__
            )
            audit_record(
                actor=actor,
                action="newmedia.account_register",
                obj=account,
                unit=unit,
                changes={"platform": clean.platform, "account_id": clean.account_id},
            )
    except IntegrityError as error:
        raise DomainError(f"账号ID“{clean.account_id}”在该平台已登记。") from error
    return account


@transaction.atomic
def account_update(*, actor, account: Account, fields: AccountFields) -> Account:
    _require(actor, "newmedia.manage", account.unit)
    account = Account.objects.select_for_update().select_related("unit").get(pk=account.pk)
    clean = _clean_account(fields)
    if _taken(clean.platform, clean.account_id, exclude=account.pk):
        raise DomainError(f"账号ID“{clean.account_id}”在该平台已登记。")
    changes = {
        name: [str(getattr(account, name)), str(value)]
        for name, value in clean.__dict__.items()
        if getattr(account, name) != value
    }
    if not changes:
        return account
    for name, value in clean.__dict__.items():
        setattr(account, name, value)
    account.save()
    audit_record(
        actor=actor,
        action="newmedia.account_update",
        obj=account,
        unit=account.unit,
        changes=changes,
    )
    return account


@transaction.atomic
def account_change_status(
    *, actor, account: Account, status: str, on: date, note: str
) -> AccountStep:
    """One step of merging or closing an account (or back to active), with its date."""
    _require(actor, "newmedia.manage", account.unit)
    account = Account.objects.select_for_update().select_related("unit").get(pk=account.pk)
    try:
        new = AccountStatus(status)
        check_transition(AccountStatus(account.status), new)
    except ValueError as error:
        message = str(error) if isinstance(error, TransitionError) else "账号状态不对。"
        raise DomainError(message) from error
    if on > timezone.localdate():
        raise DomainError("变更日期不能晚于今天。")
    if on < account.status_since:
        raise DomainError(f"变更日期不能早于上一次变更（{account.status_since:%Y年%m月%d日}）。")
    if not note.strip():
        raise DomainError("请写明变更说明（如整合到哪个账号、关停的原因）。")
    step = AccountStep.objects.create(
        account=account, on=on, old_status=account.status, new_status=new, note=note.strip()
    )
    account.status = new
    account.status_since = on
    account.save(update_fields=["status", "status_since"])
    audit_record(
        actor=actor,
        action="newmedia.account_status",
        obj=account,
        unit=account.unit,
        changes={"status": [step.old_status, new.value], "on": on.isoformat()},
    )
    return step


@transaction.atomic
def account_set_last_post(*, actor, account: Account, on: date, source: str) -> Account:
    """The newest post date, entered by staff or read from the feed (``source``)."""
    _require(actor, "newmedia.manage", account.unit)
    account = Account.objects.select_for_update().select_related("unit").get(pk=account.pk)
    if on > timezone.localdate():
        raise DomainError("最后更新日期不能晚于今天。")
    if account.last_post_on == on:
        return account
    old = account.last_post_on
    account.last_post_on = on
    account.save(update_fields=["last_post_on"])
    audit_record(
        actor=actor,
        action="newmedia.account_last_post",
        obj=account,
        unit=account.unit,
        changes={
            "last_post_on": [old.isoformat() if old else "", on.isoformat()],
            "source": source,
        },
    )
    return account


def resolve_unit(text: str) -> Unit | None:
    """A unit named in a file: by its code, else by its full or short name."""
    return (
        Unit.objects.filter(code=text).first()
        or Unit.objects.filter(name=text).first()
        or Unit.objects.filter(short_name=text).first()
    )


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int


@transaction.atomic
def accounts_import(*, actor, rows: list[AccountRow]) -> ImportResult:
    """All rows or none: an account already registered (same platform and id) is updated."""
    errors = []
    resolved = []
    seen: dict[tuple[str, str], int] = {}
    for row in rows:
        unit = resolve_unit(row.unit)
        if unit is None:
            errors.append(f"第{row.line}行：找不到单位“{row.unit}”（请写单位代码或全称）。")
            continue
        if actor is not None:
            try:
                require(actor, "newmedia.manage", unit)
            except DomainError:
                errors.append(f"第{row.line}行：您不能登记“{unit.name}”的账号。")
                continue
        key = (row.platform.value, row.account_id)
        if key in seen:
            errors.append(f"第{row.line}行：与第{seen[key]}行的平台和账号ID重复。")
            continue
        seen[key] = row.line
        resolved.append((row, unit))
    if errors:
        raise DomainError("\n".join(errors))
    today = timezone.localdate()
    created = updated = 0
    for row, unit in resolved:
        account = Account.objects.filter(
            platform=row.platform.value, account_id=row.account_id
        ).first()
        if account is None:
            Account.objects.create(
                unit=unit,
                platform=row.platform.value,
                name=row.name,
                account_id=row.account_id,
                last_post_on=row.last_post_on,
                status=row.status.value,
                status_since=today,
            )
            created += 1
            continue
        changed = False
        for name, value in (
            ("unit", unit),
            ("name", row.name),
            ("last_post_on", row.last_post_on or account.last_post_on),
        ):
            if getattr(account, name) != value:
                setattr(account, name, value)
                changed = True
        if account.status != row.status.value:
            AccountStep.objects.create(
                account=account,
                on=today,
                old_status=account.status,
                new_status=row.status.value,
                note="导入账号清单时更新状态",
            )
            account.status, account.status_since = row.status.value, today
            changed = True
        if changed:
            account.save()
            updated += 1
    first = Account.objects.order_by("pk").first()
    if first is not None:
        audit_record(
            actor=actor,
            action="newmedia.accounts_import",
            obj=first,
            changes={"rows": len(rows), "created": created, "updated": updated},
        )
    return ImportResult(created, updated)


def account_facts(accounts: Iterable[Account]) -> list[AccountFacts]:
    return [
        AccountFacts(
            unit=a.unit.code,
            unit_name=a.unit.name,
            platform=Platform(a.platform),
            name=a.name,
            account_id=a.account_id,
            status=AccountStatus(a.status),
            last_post_on=a.last_post_on,
            has_interaction=a.has_interaction,
        )
        for a in accounts
    ]


@transaction.atomic
def accounts_check(*, on: date) -> list[FoundOnAccount]:
    """Check every account on ``on`` and keep the findings: one still found moves its last
    seen day; one no longer found is resolved. Checking a past day records nothing."""
    accounts = list(Account.objects.select_related("unit"))
    found = check_accounts(account_facts(accounts), on)
    if on != timezone.localdate():
        return found
    by_key = {(a.platform, a.account_id): a for a in accounts}
    open_rows = {
        (f.account_id, f.kind): f
        for f in AccountFinding.objects.select_for_update().filter(resolved_on=None)
    }
    still = set()
    new = 0
    for item in found:
        account = by_key[(item.platform.value, item.account_id)]
        row = open_rows.get((account.pk, item.kind))
        if row is None:
            AccountFinding.objects.create(
                account=account, kind=item.kind, detail=item.detail, first_seen=on, last_seen=on
            )
            new += 1
        else:
            still.add(row.pk)
            if row.last_seen != on or row.detail != item.detail:
                row.last_seen, row.detail = on, item.detail
                row.save(update_fields=["last_seen", "detail"])
    gone = [row.pk for row in open_rows.values() if row.pk not in still]
    AccountFinding.objects.filter(pk__in=gone).update(resolved_on=on)
    if accounts and (new or gone):
        audit_record(
            actor=None,
            action="newmedia.check",
            obj=accounts[0],
            changes={"day": on.isoformat(), "new": new, "resolved": len(gone)},
        )
    return found


def _week_start(on: date) -> date:
    return on - timedelta(days=on.weekday())


def unit_contact_email(unit: Unit) -> str:
    """Where a unit's warnings go: the contact mailbox of its site, else its web contact when
    that is a mailbox; empty when neither is known."""
    site = Site.objects.filter(unit=unit).exclude(contact_email="").order_by("id").first()
    if site is not None:
        return site.contact_email
    try:
        validate_email(unit.web_contact.strip())
    except ValidationError:
        return ""
    return unit.web_contact.strip()


@transaction.atomic
def weekly_warnings_send(*, on: date) -> list[WeeklyWarning]:
    """The week's warning list (周预警) to each unit with open new-media findings, once a week:
    stored as the unit's page and mailed (through the mail queue) to its contact."""
    week = _week_start(on)
    rows = (
        AccountFinding.objects.filter(resolved_on=None)
        .select_related("account__unit")
        .order_by("account__unit__path", "account__platform", "account__name", "kind")
    )
    per_unit: dict[int, tuple[Unit, list[dict[str, str]]]] = {}
    for row in rows:
        unit = row.account.unit
        per_unit.setdefault(unit.pk, (unit, []))[1].append(
            {
                "account": str(row.account),
                "kind": kind_label(row.kind),
                "detail": row.detail,
                "since": row.first_seen.isoformat(),
            }
        )
    made = []
    for unit, items in per_unit.values():
        if WeeklyWarning.objects.filter(unit=unit, week_of=week).exists():
            continue
        email = unit_contact_email(unit)
        warning = WeeklyWarning.objects.create(
            unit=unit, week_of=week, items=items, mailed_to=email
        )
        if email:
            lines = [f"{i['account']}：{i['kind']}。{i['detail']}" for i in items]
            send_mail(
                f"政务新媒体周预警（{week:%Y年%m月%d日}当周）：{unit.name}",
                "\n".join(
                    [f"{unit.name}：", "", "以下政务新媒体账号存在问题，请及时整改：", *lines]
                ),
                None,
                [email],
            )
        audit_record(
            actor=None,
            action="newmedia.weekly_warning",
            obj=warning,
            unit=unit,
            changes={"items": len(items), "mailed_to": email},
        )
        made.append(warning)
    return made


@transaction.atomic
def wording_import(*, actor, unit: Unit, text: str, replace: bool) -> int:
    """The wording dictionary from a file (``错误词<Tab>正确词[<Tab>严重]`` a line); with
    ``replace`` the file becomes the whole dictionary, else its entries are added or updated."""
    _require(actor, "supervision.manage", unit)
    try:
        entries = parse_rules(text)
    except WordingFileError as error:
        raise DomainError(str(error)) from error
    if not entries:
        raise DomainError("文件中没有词条。")
    if bad := [e.wrong for e in entries if len(e.wrong) > 100 or len(e.right) > 100]:
        raise DomainError(f"词条“{bad[0][:20]}”超过100个字。")
    if replace:
        WordingEntry.objects.exclude(wrong__in=[e.wrong for e in entries]).delete()
    for entry in merge_rules(entries):
        WordingEntry.objects.update_or_create(
            wrong=entry.wrong, defaults={"right": entry.right, "serious": entry.serious}
        )
    audit_record(
        actor=actor,
        action="supervision.wording_import",
        obj=WordingEntry.objects.order_by("pk").first(),
        unit=unit,
        changes={"entries": len(entries), "replace": replace},
    )
    return len(entries)


def wording_rules() -> tuple[WordingRule, ...]:
    """The shipped dictionary with the office's entries over it (an entry of the office for
    the same wrong word wins)."""
    office = [WordingRule(e.wrong, e.right, e.serious) for e in WordingEntry.objects.all()]
    return merge_rules(default_rules(), office)
