"""Unit isolation as a property of the whole admin, not of a list of views (issue 14, item 2).

Another unit (a sibling township) is given one record of every unit-owned model, each carrying
``MARKER`` in its text. Then every URL pattern registered under ``/admin/`` is requested, as a
user holding each role on the first unit and as one holding all of them, with its object ids
pointing at the other unit's records and with every pre-fill query parameter doing the same.
Every answer must be a refusal (404, 403, a redirect) or a page that does not show the marker;
a 500 fails too. Nothing here names a view: a screen added by a future app is walked as well.

One id fills every URL: before the other unit's records are made, each table's id sequence is
moved to ``OTHER_ID``, so the first record of every model gets that id and a URL's object id
points at the other unit whatever model the view resolves it against.

Each app provides its records in ``<app>/tests/isolation_records.py`` (``make_records``); the
walk refuses to run while a unit-owned model has no record, so that a new app's model cannot
be missed.
"""

from __future__ import annotations

import importlib
import io
import itertools
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

import pytest
import time_machine
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import connection, models, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.exceptions import Resolver404
from pypdf import PdfReader
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.documents import get_document_model
from wagtail.documents.models import Document
from wagtail.images import get_image_model
from wagtail.permissions import policy_registry

import gongkai
from gongkai.core.audit import audit_record
from gongkai.core.domain.roles import Role
from gongkai.core.models import Unit
from gongkai.core.services import role_grant, unit_create
from gongkai.documents.models import Interpretation, OfficialDocument
from gongkai.documents.services import document_create

MARKER = "QZXMARK"
OTHER_ID = 900_001
TODAY = "2025-03-10 10:00 +0800"
ALL_ROLES = "all roles"

# Views that are not about any record, or that would end the session being walked.
NOT_WALKED = frozenset(
    {
        "wagtailadmin_logout",
        "wagtailadmin_error_test",  # raises on purpose (Wagtail's own 500 page check)
    }
)
# Query parameters that only pick a list's page, format or filter text, never a record.
NOT_OBJECT_PARAMETERS = frozenset(
    {"export", "format", "print", "q", "queue", "page", "year", "reference", "as_of"}
)
# The platform's lists export their rows with this parameter.
EXPORT = "export=xlsx"
# Parameters that name a record in Wagtail's own screens, and the usual ones of forms.
KNOWN_PARAMETERS = frozenset(
    {"id", "document", "unit", "parent", "task", "plan", "request", "next", "item", "area"}
)
# Values tried for text (not id) parts of URLs, by the part's name.
TEXT_VALUES = {
    "fmt": ("docx", "pdf", "xlsx", "csv"),
    "action_name": ("approve", "reject"),
}


def _owned_models() -> list[type[models.Model]]:
    """The platform's models owned by a unit: a foreign key to Unit, or to a model that is."""
    candidates = [
        m for m in apps.get_models() if m.__module__.startswith("gongkai.") and m is not Unit
    ]
    owned: set[type[models.Model]] = set()
    changed = True
    while changed:
        changed = False
        for model in candidates:
            if model in owned:
                continue
            for field in model._meta.concrete_fields:
                target = field.related_model if field.many_to_one or field.one_to_one else None
                if target is Unit or target in owned:
                    owned.add(model)
                    changed = True
                    break
    return sorted(owned, key=lambda m: m._meta.label)


def _move_id_sequences(first_id: int) -> None:
    """The next record of every table gets ``first_id``."""
    tables = {
        (m._meta.db_table, m._meta.pk.column)
        for m in apps.get_models(include_auto_created=True)
        if isinstance(m._meta.pk, models.AutoField) and m._meta.managed
    }
    with connection.cursor() as cursor:
        for table, column in sorted(tables):
            if connection.vendor == "sqlite":
                cursor.execute("DELETE FROM sqlite_sequence WHERE name = %s", [table])
                cursor.execute(
                    "INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [table, first_id - 1]
                )
            elif connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence(%s, %s), %s)",
                    [connection.ops.quote_name(table), column, first_id - 1],
                )
            else:
                pytest.skip(f"moving id sequences is not written for {connection.vendor}")


@pytest.fixture
def walkers(unit_tree, make_user) -> Iterator[dict[str, object]]:
    """The other unit's records made, the users who walk: one per role on the first township,
    and one holding every role there."""
    with time_machine.travel(TODAY, tick=False):
        _move_id_sequences(OTHER_ID)
        other = unit_create(
            actor=None,
            parent=unit_tree["county"],
            code="T-OTHER",
            name="丙镇人民政府",
            kind="township",
            # The guide's text is the unit's own: its audit entry carries the marker too.
            disclosure_rules=f"{MARKER}公开制度",
        )
        assert other.pk == OTHER_ID, "the id sequences were not moved"
        platform = get_user_model().objects.create_superuser("platform", "p@example.invalid")
        for config in apps.get_app_configs():
            if config.name.startswith("gongkai."):
                try:
                    module = importlib.import_module(f"{config.name}.tests.isolation_records")
                except ModuleNotFoundError:
                    continue
                module.make_records(unit=other, marker=MARKER, actor=platform)
        missing = [m._meta.label for m in _owned_models() if not m.objects.exists()]
        assert not missing, (
            "unit-owned models without a record in the isolation walk (add them to the app's "
            f"tests/isolation_records.py): {', '.join(missing)}"
        )
        own = unit_tree["town_a"]
        users = {role.value: make_user(f"walk_{role.value}", (role, own)) for role in Role}
        everything = make_user("walk_all")
        for role in Role:
            role_grant(actor=None, user=everything, unit=own, role=role)
        users[ALL_ROLES] = everything
        yield users


# --- The URL patterns --------------------------------------------------------------------------


def _admin_patterns() -> Iterator[tuple[list[str], URLPattern]]:
    def walk(resolver: URLResolver, parts: list[str]):
        for entry in resolver.url_patterns:
            pattern = str(entry.pattern)
            if isinstance(entry, URLResolver):
                yield from walk(entry, [*parts, pattern])
            else:
                yield [*parts, pattern], entry

    for parts, pattern in walk(get_resolver(), []):
        if parts[0] == "admin/" and pattern.name not in NOT_WALKED:
            yield parts, pattern


_CONVERTER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")
_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>(?P<body>(?:[^()]|\([^()]*\))*)\)")


def _part_names(part: str) -> list[str]:
    return [m["name"] for m in _CONVERTER.finditer(part)] + [
        m["name"] for m in _GROUP.finditer(part)
    ]


def _fill(part: str, values: dict[str, str]) -> str | None:
    """One part of a route with its variables replaced; None for a pattern nothing can fill."""
    part = _CONVERTER.sub(lambda m: values[m["name"]], part)
    part = _GROUP.sub(lambda m: values[m["name"]], part)
    part = part.removeprefix("^").removesuffix("$").replace("\\.", ".")
    if re.search(r"[\\^$*+?()\[\]|]", part):
        return None
    return part


def _model_pairs() -> list[tuple[str, str]]:
    """The models Wagtail's generic screens (usage, editing sessions, tags…) may be asked
    about: the unit-owned ones the admin has a permission policy for, and stored files."""
    shown = [m for m in _owned_models() if policy_registry.get_by_type(m, fallback=False)]
    shown += [get_document_model(), get_image_model()]
    return [(m._meta.app_label, m._meta.model_name) for m in shown]


def _bulk_actions() -> list[tuple[str, str, str]]:
    """Every bulk action registered, of any model: ``(app label, model name, action)``."""
    return [
        (meta.app_label, meta.model_name, action.action_type)
        for meta in (m._meta for m in apps.get_models())
        for action in bulk_action_registry.get_bulk_actions_for_model(
            meta.app_label, meta.model_name
        )
    ]


def _values(names: list[str]) -> Iterator[dict[str, str]]:
    """The ways to fill a route's variables, each pointing at the other unit's records."""
    base = {name: str(OTHER_ID) for name in names}
    app = next((n for n in names if "app" in n), None)
    model = next((n for n in names if "model" in n), None)
    if app and model and "action" in names:
        for app_label, model_name, action in _bulk_actions():
            yield {**base, app: app_label, model: model_name, "action": action}
        return
    choices: list[list[dict[str, str]]] = []
    if app and model:
        choices.append([{app: a, model: m} for a, m in _model_pairs()])
    for name in names:
        if name in TEXT_VALUES:
            choices.append([{name: value} for value in TEXT_VALUES[name]])
    if not choices:
        yield base
        return
    for combination in itertools.product(*choices):
        yield {k: v for part in (base, *combination) for k, v in part.items()}


@dataclass(frozen=True)
class Probe:
    url: str
    names_record: bool
    """A part of the path is a record's id (the other unit's)."""
    platform: bool
    """The view is the platform's own, or Wagtail's generic view of a unit-owned model: what
    it shows depends on the user's roles, so each role walks it."""


def _is_platform_view(callback, values: dict[str, str], owned: set) -> bool:
    view_class = getattr(callback, "view_class", None)
    if (view_class or callback).__module__.startswith("gongkai."):
        return True
    model = getattr(callback, "view_initkwargs", {}).get("model") or getattr(
        view_class, "model", None
    )
    # Or a view that names its model in the URL (bulk actions, editing sessions…).
    labels = {(m._meta.app_label, m._meta.model_name) for m in owned}
    filled = list(values.values())
    return model in owned or any(pair in labels for pair in itertools.pairwise(filled))


def _probes() -> list[Probe]:
    owned = {*_owned_models(), Unit}
    probes = []
    for parts, pattern in _admin_patterns():
        names = [name for part in parts for name in _part_names(part)]
        for values in _values(names):
            filled = [_fill(part, values) for part in parts]
            if None in filled:
                continue
            url = "/" + "".join(filled)
            try:
                match = resolve(url)
            except Resolver404:
                continue
            if match.func is pattern.callback:
                names_record = str(OTHER_ID) in (values[name] for name in names)
                platform = _is_platform_view(pattern.callback, values, owned)
                probes.append(Probe(url, names_record, platform))
    return probes


def _parameters() -> str:
    """A query string giving the other unit's record (its id) to every query parameter the
    platform's views read, and to Wagtail's; found in the source so that a new view's
    parameter is tried as well."""
    names = set(KNOWN_PARAMETERS)
    reads = re.compile(r"""GET(?:\.get|\.getlist)?[(\[]\s*["'](\w+)["']""")
    for source in Path(gongkai.__file__).parent.rglob("*.py"):
        if "tests" not in source.parts:
            names.update(reads.findall(source.read_text(encoding="utf-8")))
    values = {name: str(OTHER_ID) for name in sorted(names - NOT_OBJECT_PARAMETERS)}
    # A place to go back to, not a record.
    values["next"] = f"/admin/{OTHER_ID}/"
    return urlencode(values)


# --- The answers ---------------------------------------------------------------------------------


def _texts(response) -> list[str]:
    body = b"".join(response.streaming_content) if response.streaming else bytes(response.content)
    texts = [body.decode("utf-8", "replace"), response.get("Location", "")]
    if body.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            texts += [archive.read(n).decode("utf-8", "replace") for n in archive.namelist()]
    if body.startswith(b"%PDF"):
        texts += [page.extract_text() for page in PdfReader(io.BytesIO(body)).pages]
    # What a refusal says on the page it redirects to.
    queued = getattr(getattr(response.wsgi_request, "_messages", None), "_queued_messages", [])
    texts += [str(message) for message in queued]
    return texts


def _walk(client: Client, urls: list[str]) -> list[str]:
    found = []
    for url in urls:
        try:
            response = client.get(url)
        # A crash is reported with its URL, and the walk goes on.
        except Exception as error:
            found.append(f"GET {url} → {type(error).__name__}: {error}")
            continue
        if response.status_code >= 500:
            found.append(f"GET {url} → {response.status_code}")
        elif any(MARKER in text for text in _texts(response)):
            found.append(f"GET {url} → {response.status_code}, shows the other unit's record")
    return found


def _urls(probes: list[Probe], query: str, *, every_role: bool) -> list[str]:
    """What one user requests. A URL naming a record is requested as it is; any other (a list,
    a form, a bulk action) also with the query parameters, which name the record there, and a
    platform screen also as its export. The user holding all roles walks every URL; a single
    role, the platform's screens that name a record."""
    urls = []
    for probe in probes:
        if probe.names_record:
            if every_role or probe.platform:
                urls.append(probe.url)
        elif every_role:
            urls += [probe.url, f"{probe.url}?{query}"]
            if probe.platform:
                urls.append(f"{probe.url}?{query}&{EXPORT}")
        elif probe.platform:
            urls.append(f"{probe.url}?{query}")
    return urls


def test_no_admin_url_shows_another_units_records(walkers):
    probes = _probes()
    query = _parameters()
    assert len(probes) > 200, "the admin's URL patterns were not found"
    leaks = []
    with time_machine.travel(TODAY, tick=False):
        for who, user in walkers.items():
            client = Client()
            client.force_login(user)
            urls = _urls(probes, query, every_role=who == ALL_ROLES)
            leaks += [f"[{who}] {line}" for line in _walk(client, urls)]
    assert not leaks, "admin URLs that show another unit's records:\n" + "\n".join(leaks)


# --- The general rules behind the walk, one by one -----------------------------------------------


def _draft(unit, title: str):
    return document_create(
        actor=None, unit=unit, title=title, written_on=date(2025, 3, 3), disclosure="proactive"
    )


def test_a_bulk_action_never_shows_or_touches_another_units_records(unit_tree, make_user, client):
    other = _draft(unit_tree["town_b"], f"乙乡{MARKER}草稿")
    evidence = Document.objects.create(
        title=f"{MARKER}佐证", file=ContentFile(b"%PDF-1.4", name="e.pdf")
    )
    client.force_login(make_user("a", *((role, unit_tree["town_a"]) for role in Role)))
    for url in (
        f"/admin/bulk/documents/officialdocument/delete/?id={other.pk}",
        f"/admin/bulk/wagtaildocs/document/delete/?id={evidence.pk}",
        "/admin/bulk/documents/officialdocument/delete/?id=all",
    ):
        assert client.get(url).status_code == 404
        assert client.post(url).status_code == 404
    assert OfficialDocument.objects.filter(pk=other.pk).exists()
    assert Document.objects.filter(pk=evidence.pk).exists()


def test_audit_entries_without_a_unit_are_for_superusers_only(unit_tree, make_user, client):
    with transaction.atomic():
        entry = audit_record(actor=None, action="platform.check", obj=unit_tree["county"])
    url = reverse("audit:inspect", args=[entry.pk])
    client.force_login(make_user("admin", (Role.ADMINISTRATOR, unit_tree["county"])))
    assert client.get(url).status_code == 404
    assert url not in client.get(reverse("audit:index")).content.decode()
    client.force_login(make_user("root", superuser=True))
    assert client.get(url).status_code == 200


def test_a_role_is_granted_to_new_accounts_and_own_staff_not_other_units(
    unit_tree, make_user, client
):
    make_user("own_staff", (Role.EDITOR, unit_tree["village_a"]))
    make_user(f"{MARKER}_other", (Role.EDITOR, unit_tree["town_b"]))
    make_user("newcomer")
    client.force_login(make_user("admin_a", (Role.ADMINISTRATOR, unit_tree["town_a"])))
    page = client.get(reverse("roles:add")).content.decode()
    assert "own_staff" in page and "newcomer" in page
    assert MARKER not in page


def test_a_prefilled_document_is_one_the_user_may_edit(unit_tree, make_user, client):
    own = _draft(unit_tree["town_a"], "甲镇政策文件")
    other = _draft(unit_tree["town_b"], f"乙乡{MARKER}政策文件")
    client.force_login(make_user("a", (Role.EDITOR, unit_tree["town_a"])))
    add = reverse(Interpretation.snippet_viewset.get_url_name("add"))
    assert "甲镇政策文件" in client.get(f"{add}?document={own.pk}").content.decode()
    page = client.get(f"{add}?document={other.pk}")
    assert page.status_code == 200 and MARKER not in page.content.decode()
