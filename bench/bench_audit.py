"""Benchmark: ``gongkai audit verify`` over a long audit chain, on one core.

Run with ``.venv/bin/python bench/bench_audit.py [COUNT] [--database-url postgres://…]``
(default 200,000 entries). A throwaway data dir (SQLite, or a PostgreSQL database of its own
that must be empty) is migrated, and COUNT signed entries shaped like the platform's (a
document's changes of a few fields, Chinese text) are written in bulk with the same signing
code as ``audit_record``; then the whole chain is verified, reading every entry from the
database, as the command does, and the rate is printed. Target: ≥ 25,000 entries per second
of this process's CPU time (the steadier figure on a shared machine; the wall-clock rate and
the load average are printed with it), so that a million-entry log verifies in well under a
minute. Also prints the rate of ``audit_record`` itself (one entry per transaction, as a
service writes it).
"""

import argparse
import os
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

TARGET_PER_SECOND = 25_000


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", nargs="?", type=int, default=200_000)
    parser.add_argument("--database-url", help="an empty PostgreSQL database of its own")
    return parser.parse_args()


def fill(count: int) -> None:
    from gongkai.core import audit_keys
    from gongkai.core.domain.audit_chain import GENESIS_HASH, ChainEntry, entry_content
    from gongkai.core.models import AuditChainHead, AuditEntry

    keyring = audit_keys.keyring()
    key_id = keyring.current_id
    start = datetime(2024, 1, 1, tzinfo=UTC)
    prev = GENESIS_HASH
    batch = []
    for seq in range(1, count + 1):
        at = start + timedelta(seconds=seq * 37)
        changes = {
            "title": ["", f"关于做好2024年第{seq}批政府信息主动公开工作的通知"],
            "status": ["draft", "published"],
            "published_on": [None, at.date().isoformat()],
        }
        entry = ChainEntry(
            seq,
            at.isoformat(),
            seq % 50 + 1,
            f"editor{seq % 50}",
            "document.publish",
            "documents.officialdocument",
            str(seq),
            f"关于做好2024年第{seq}批政府信息主动公开工作的通知",
            seq % 30 + 1,
            changes,
            prev,
            key_id,
            "",
        )
        prev = keyring.sign(key_id, entry_content(entry))
        batch.append(
            AuditEntry(
                seq=seq,
                at=at,
                actor_id=entry.actor_id,
                actor_name=entry.actor_name,
                action=entry.action,
                object_type=entry.object_type,
                object_id=entry.object_id,
                object_repr=entry.object_repr,
                unit_id=entry.unit_id,
                changes=changes,
                prev_hash=entry.prev_hash,
                key_id=key_id,
                hash=prev,
            )
        )
        if len(batch) == 5_000:
            AuditEntry.objects.bulk_create(batch)
            batch = []
    AuditEntry.objects.bulk_create(batch)
    AuditChainHead.objects.update_or_create(
        pk=1, defaults={"last_seq": count, "last_hash": prev, "last_key_id": key_id}
    )


def run(count: int, data_dir: Path, database_url: str | None) -> None:
    os.environ["GONGKAI_DATA_DIR"] = str(data_dir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "gongkai.settings.production"
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from gongkai.core.audit import audit_record, audit_verify
    from gongkai.core.models import AuditChainHead

    call_command("migrate", verbosity=0)
    began = time.perf_counter()
    fill(count)
    print(f"wrote {count:,} signed entries in {time.perf_counter() - began:.1f} s")

    load_before = os.getloadavg()[0]
    began, cpu_began = time.perf_counter(), time.process_time()
    result = audit_verify()
    seconds, cpu = time.perf_counter() - began, time.process_time() - cpu_began
    assert result.ok and result.checked == count, result.problems[:3]
    rate = count / seconds
    print(
        f"verify: {count:,} entries in {seconds:.2f} s wall, {cpu:.2f} s CPU of this process "
        f"= {rate:,.0f} entries/s (CPU: {count / cpu:,.0f}/s) on {connection.vendor}; "
        f"load average {load_before:.1f} → {os.getloadavg()[0]:.1f}"
    )

    head = AuditChainHead.objects.get()
    writes = 2_000
    began = time.perf_counter()
    for _ in range(writes):
        with transaction.atomic():
            audit_record(actor=None, action="bench.write", obj=head)
    write_seconds = time.perf_counter() - began
    print(f"audit_record: {writes / write_seconds:,.0f} entries/s, one transaction each")
    met = count / cpu >= TARGET_PER_SECOND
    print(f"target ≥ {TARGET_PER_SECOND:,} entries per CPU second: {'met' if met else 'NOT met'}")
    if not met:
        sys.exit(1)


def main() -> None:
    arguments = _arguments()
    with tempfile.TemporaryDirectory(prefix="gongkai-bench-audit-") as scratch:
        run(arguments.count, Path(scratch), arguments.database_url)


if __name__ == "__main__":
    main()
