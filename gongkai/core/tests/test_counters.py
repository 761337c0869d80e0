"""Counters counted up in one statement: index-number serials, tracking numbers, the audit chain."""

import threading
from datetime import date

import pytest
from django.db import connection, transaction

from gongkai.core.audit import audit_record, audit_verify
from gongkai.core.counters import count_up
from gongkai.core.models import AuditChainHead, AuditEntry
from gongkai.documents.models import IndexSerial
from gongkai.documents.services import document_create


def test_a_new_counter_starts_at_one_and_each_key_counts_alone(unit_tree):
    county, office = unit_tree["county"], unit_tree["office"]
    keys = [(county, 2025), (county, 2025), (office, 2025), (county, 2026), (county, 2025)]
    with transaction.atomic():
        values = [count_up(IndexSerial, "last", unit_id=u.pk, year=y) for u, y in keys]
    assert values == [(1,), (2,), (1,), (1,), (3,)]
    assert IndexSerial.objects.get(unit=county, year=2025).last == 3


def test_returning_gives_the_row_as_it_stands(unit_tree):
    with transaction.atomic():
        head = AuditChainHead.objects.get(pk=1)
        assert count_up(AuditChainHead, "last_seq", returning=("last_hash",), id=1) == (
            head.last_seq + 1,
            head.last_hash,
        )


@pytest.mark.django_db(transaction=True)
def test_counting_outside_a_transaction_is_a_programming_error(unit_tree):
    with pytest.raises(RuntimeError, match=r"inside transaction\.atomic"):
        count_up(IndexSerial, "last", unit_id=unit_tree["county"].pk, year=2025)


def test_a_rolled_back_write_gives_its_value_back(unit_tree):
    county = unit_tree["county"]
    with pytest.raises(RuntimeError), transaction.atomic():
        count_up(IndexSerial, "last", unit_id=county.pk, year=2025)
        raise RuntimeError
    with transaction.atomic():
        assert count_up(IndexSerial, "last", unit_id=county.pk, year=2025) == (1,)


def test_the_audit_head_follows_the_last_entry(unit_tree):
    with transaction.atomic():
        for _ in range(3):
            entry = audit_record(actor=None, action="unit.viewed", obj=unit_tree["county"])
    head = AuditChainHead.objects.get(pk=1)
    assert (head.last_seq, head.last_hash) == (entry.seq, entry.hash)
    assert entry.seq == AuditEntry.objects.count()
    assert audit_verify().ok


def test_index_numbers_of_a_year_are_consecutive(unit_tree):
    county = unit_tree["county"]
    numbers = [
        document_create(
            actor=None, unit=county, title=f"通知{n}", written_on=date(2025, 3, n)
        ).index_number
        for n in (1, 2, 3)
    ]
    assert numbers == ["C/2025-00001", "C/2025-00002", "C/2025-00003"]


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_never_get_the_same_value(unit_tree):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite lets one writer at a time in; PostgreSQL's row lock is under test")
    county = unit_tree["county"]
    writers, each = 6, 5
    start = threading.Barrier(writers)
    values: list[int] = []
    failures: list[BaseException] = []

    def write() -> None:
        try:
            start.wait()
            for _ in range(each):
                with transaction.atomic():
                    # The row does not exist yet: the first values also race to create it.
                    (value,) = count_up(IndexSerial, "last", unit_id=county.pk, year=2031)
                    values.append(value)
        except BaseException as error:  # reported by the assertion below
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=write) for _ in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert sorted(values) == list(range(1, writers * each + 1))
