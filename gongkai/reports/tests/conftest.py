import pytest

from gongkai.core.domain.roles import Role
from gongkai.reports.tests import hand_fixture as fx
from gongkai.reports.tests.records import store_appeals, store_requests


@pytest.fixture
def hand_records(unit_tree):
    """The hand fixture's requests at the county government, its appeals on request #1."""
    stored = store_requests(unit_tree["county"], fx.REQUESTS.values())
    store_appeals(stored[0], fx.APPEALS.values())
    return unit_tree


@pytest.fixture
def people(unit_tree, make_user):
    """An editor, a leader and a supervisor at the county; an editor of township A."""
    county = unit_tree["county"]
    return {
        "editor": make_user("editor", (Role.EDITOR, county)),
        "leader": make_user("leader", (Role.LEADER, county)),
        "supervisor": make_user("supervisor", (Role.SUPERVISING_STAFF, county)),
        "town_editor": make_user("town_editor", (Role.EDITOR, unit_tree["town_a"])),
    }
