"""The audit chain's rules on their own: signing, the walk, the head, anchors, keys."""

import hashlib
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.core.domain.audit_chain import (
    GENESIS_HASH,
    MAX_MESSAGES,
    AnchorFormatError,
    ChainEntry,
    Head,
    Keyring,
    KeyringError,
    anchor_from_json,
    anchor_make,
    anchor_to_json,
    entry_content,
    key_id_of,
    legacy_hash,
    verify_chain,
    verify_legacy_chain,
)

OLD = Keyring.from_text("o" * 40, source="")
KEYS = Keyring.from_text(f"{'o' * 40}\n{'n' * 40}", source="")
OTHER = Keyring.from_text("x" * 40, source="")


def chain(count: int, keyring: Keyring = KEYS, start: list[ChainEntry] | None = None):
    """A valid chain of ``count`` more entries (after ``start``), signed with the current key."""
    entries = list(start or [])
    for _ in range(count):
        seq = len(entries) + 1
        prev = entries[-1].hash if entries else GENESIS_HASH
        entry = ChainEntry(
            seq,
            f"2025-03-{seq % 28 + 1:02d}T08:00:00+00:00",
            7,
            "张三",
            "document.publish",
            "documents.officialdocument",
            str(seq),
            f"关于印发第{seq}号文件的通知",
            3,
            {"title": ["旧", f"新{seq}"], "n": seq},
            prev,
            keyring.current_id,
            "",
        )
        entries.append(resign(entry, keyring))
    return entries


def resign(entry: ChainEntry, keyring: Keyring, key_id: str | None = None) -> ChainEntry:
    entry = entry._replace(key_id=key_id or keyring.current_id)
    return entry._replace(hash=keyring.sign(entry.key_id, entry_content(entry)))


def relink(entries: list[ChainEntry], start: int, keyring: Keyring, key_id=None):
    """What someone holding ``keyring`` does to make a change at ``start`` consistent again."""
    out = entries[:start]
    for entry in entries[start:]:
        prev = out[-1].hash if out else GENESIS_HASH
        out.append(resign(entry._replace(prev_hash=prev), keyring, key_id))
    return out


def head_of(entries):
    return Head(entries[-1].seq, entries[-1].hash) if entries else Head(0, GENESIS_HASH)


def problems(entries, head=None, keyring=KEYS, anchors=None):
    head = head_of(entries) if head is None else head
    return verify_chain(entries, keyring=keyring, head=head, anchors=anchors).problems


def sha256_rehash(entry: ChainEntry) -> ChainEntry:
    # What the unkeyed chain allowed: recompute the hash after an edit.
    fields = entry_content(entry)
    text = json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return entry._replace(hash=hashlib.sha256(text.encode()).hexdigest())


def test_a_valid_chain_verifies():
    entries = chain(5)
    report = verify_chain(entries, keyring=KEYS, head=head_of(entries))
    assert report.ok and report.checked == 5 and report.last_seq == 5
    assert report.last_key_id == KEYS.current_id


def test_an_empty_chain_with_no_head_or_a_zero_head_verifies():
    assert problems([], head=Head(0, GENESIS_HASH)) == []
    assert verify_chain([], keyring=KEYS, head=None).ok


@pytest.mark.parametrize(
    ("tamper", "expected"),
    [
        # (a) an edited entry, its hash recomputed with plain SHA-256 and the next link fixed
        (
            lambda e: [*e[:2], sha256_rehash(e[2]._replace(object_repr="篡改")), *e[3:]],
            "第 3 条日志的内容与其签名不符",
        ),
        (lambda e: [*e[:2], e[2]._replace(changes={}), *e[3:]], "第 3 条日志的内容与其签名不符"),
        (lambda e: [*e[:2], e[2]._replace(at="2020-01-01T00:00:00+00:00"), *e[3:]], "签名不符"),
        # (b) entries removed in the middle
        (lambda e: [*e[:2], *e[4:]], "第 3 至 4 条日志缺失（被删除）"),
        (lambda e: [*e[:2], *e[4:]], "第 5 条日志与前一条的链接不符"),
        # (e) two entries swapped, with their numbers
        (
            lambda e: [*e[:2], e[3]._replace(seq=3), e[2]._replace(seq=4), *e[4:]],
            "第 3 至 4 条日志的内容与其签名不符",
        ),
        (
            lambda e: [*e[:2], e[3]._replace(seq=3), e[2]._replace(seq=4), *e[4:]],
            "第 3 至 5 条日志与前一条的链接不符",
        ),
        # unsigned, or signed with a key this server does not have
        (lambda e: [*e[:2], e[2]._replace(key_id=""), *e[3:]], "第 3 条日志没有审计密钥签名"),
        (
            lambda e: [*e[:2], resign(e[2], OTHER), *e[3:]],
            f"第 3 条日志由编号为 {OTHER.current_id} 的审计密钥签名，本机没有这个密钥",
        ),
    ],
)
def test_tampering_is_reported_in_chinese(tamper, expected):
    entries = chain(6)
    found = problems(tamper(entries), head=head_of(entries))
    assert any(expected in p for p in found), found


def test_a_rewrite_from_an_entry_on_without_the_key_is_one_message():
    entries = chain(50)
    forged = [*entries[:9], *(sha256_rehash(e._replace(actor_name="某人")) for e in entries[9:])]
    found = problems(forged, head=head_of(entries))
    assert "第 10 至 50 条日志的内容与其签名不符" in found[0]
    # The head still names the true last signature, which the forged chain lacks.
    assert any("链头记录的最后一条日志签名" in p for p in found)


def test_removing_the_newest_entries_shows_against_the_head_unless_it_is_lowered_too():
    entries = chain(6)
    assert any("日志却只到第 4 条" in p for p in problems(entries[:4], head=head_of(entries)))
    # (c) with the head lowered the shorter chain is valid: only an anchor shows it.
    assert problems(entries[:4], head=head_of(entries[:4])) == []
    anchor = anchor_make(seq=6, hash=entries[5].hash, anchored_at="2025-03-07T09:00", keyring=KEYS)
    found = problems(entries[:4], head=head_of(entries[:4]), anchors={"a.json": anchor})
    assert found == [
        "锚点 a.json（2025-03-07T09:00）记录日志已到第 6 条，现在只到第 4 条："
        "其后的日志被删除（链头也被改小）。"
    ]


def test_a_changed_head_is_reported():
    entries = chain(3)
    assert (
        "链头记录的最后一条日志签名与第 3 条日志不符"
        in problems(entries, head=Head(3, "f" * 64))[0]
    )
    assert "日志链头记录缺失" in verify_chain(entries, keyring=KEYS, head=None).problems[0]
    assert "日志全部缺失" in problems([], head=Head(3, entries[2].hash))[0]


def test_anchors_pin_the_chain_even_against_the_key_holder():
    entries = chain(8)
    anchor = anchor_make(seq=5, hash=entries[4].hash, anchored_at="2025-03-06T09:00", keyring=KEYS)
    anchors = {"day.json": anchor}
    report = verify_chain(entries, keyring=KEYS, head=head_of(entries), anchors=anchors)
    assert report.ok and report.anchors_checked == 1
    # (d) someone holding the key rewrites from entry 3 on: the chain alone looks intact ...
    forged = relink([*entries[:2], entries[2]._replace(object_repr="改写"), *entries[3:]], 2, KEYS)
    assert problems(forged) == []
    # ... but not against the anchor taken before.
    assert problems(forged, anchors=anchors) == [
        "第 5 条日志与锚点 day.json（2025-03-06T09:00）记录的不符：该条或更早的日志在锚定之后被改写。"
    ]
    # A rewrite after the anchored entry is not the anchor's to see.
    later = relink([*entries[:6], entries[6]._replace(object_repr="改写"), entries[7]], 6, KEYS)
    assert problems(later, anchors=anchors) == []


def test_an_anchor_of_a_removed_entry_or_with_a_bad_signature():
    entries = chain(6)
    anchor = anchor_make(seq=3, hash=entries[2].hash, anchored_at="t", keyring=KEYS)
    assert "记录的第 3 条日志已不存在" in " ".join(
        problems([*entries[:2], *entries[3:]], anchors={"a.json": anchor})
    )
    edited = anchor.__class__(**{**anchor.__dict__, "seq": 2})
    assert problems(entries, anchors={"a.json": edited}) == [
        "锚点 a.json 的签名不符（锚点文件被修改，或不是本系统生成的），未用它核对日志。"
    ]
    foreign = anchor_make(seq=3, hash=entries[2].hash, anchored_at="t", keyring=OTHER)
    assert "本机没有这个密钥" in problems(entries, anchors={"b.json": foreign})[0]
    empty = anchor_make(seq=0, hash=GENESIS_HASH, anchored_at="t", keyring=KEYS)
    assert problems(entries, anchors={"c.json": empty}) == []


def test_anchor_files_round_trip_and_bad_ones_are_refused():
    anchor = anchor_make(
        seq=12, hash="a" * 64, anchored_at="2025-03-06T09:00:00+08:00", keyring=KEYS
    )
    text = anchor_to_json(anchor)
    assert anchor_from_json(text) == anchor
    assert json.loads(text)["key_id"] == KEYS.current_id
    for bad, message in [
        ("{", "不是 JSON"),
        ("[]", "不是审计锚点"),
        ('{"format": "x"}', "不是审计锚点"),
        ('{"format": "gongkai-audit-anchor/1", "seq": 1}', "缺少字段"),
        (text.replace('"seq": 12', '"seq": "12"'), "类型不对"),
        (text.replace('"seq": 12', '"seq": -1'), "类型不对"),
    ]:
        with pytest.raises(AnchorFormatError, match=message):
            anchor_from_json(bad)


def test_after_a_rotation_the_old_key_cannot_sign_newer_entries():
    entries = chain(3, OLD)
    entries = chain(3, KEYS, start=entries)
    assert [e.key_id for e in entries] == [OLD.current_id] * 3 + [KEYS.current_id] * 3
    assert problems(entries) == []
    # An entry after the rotation re-signed with the retired key (which someone might still hold)
    back = relink([*entries[:4], resign(entries[4], KEYS, OLD.current_id), entries[5]], 5, KEYS)
    assert problems(back) == [
        f"第 5 条日志由已停用的审计密钥（编号 {OLD.current_id}）签名，而更早的日志已改用较新的密钥"
        "（日志可能被人用旧密钥改写）。"
    ]
    # The whole tail rewritten with the retired key: the newest entry is not signed by the current.
    tail = relink(entries, 2, KEYS, key_id=OLD.current_id)
    assert any("最新一条日志（第 6 条）不是用当前的审计密钥签名的" in p for p in problems(tail))


def test_a_flood_of_separate_breaks_is_capped():
    entries = chain(2 * MAX_MESSAGES + 10)
    forged = [e._replace(object_repr="x") if e.seq % 2 else e for e in entries]
    found = problems(forged)
    assert len(found) == MAX_MESSAGES + 1
    assert found[-1].startswith("……另有")


A, B = "a" * 32, "b" * 32


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        (A, [A]),
        (f"{A},{B}", [A, B]),
        (f"# comment\n{A}\n\n {B} \n", [A, B]),
        (f"{A}, {B},\n{A}", [A, B]),
    ],
)
def test_keyring_text(text, keys):
    keyring = Keyring.from_text(text, source="")
    assert keyring.ids == tuple(key_id_of(k.encode()) for k in keys)
    assert keyring.current_id == key_id_of(keys[-1].encode())


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "没有审计密钥"),
        ("# only\n", "没有审计密钥"),
        (f"{'a' * 32},short", "第 2 个审计密钥太短"),
    ],
)
def test_unusable_keys_are_refused(text, message):
    with pytest.raises(KeyringError, match=message):
        Keyring.from_text(text, source="GONGKAI_AUDIT_KEY ")


def test_the_keyring_never_shows_its_keys():
    secret = "s3cr3t" * 8
    keyring = Keyring.from_text(secret, source="")
    assert secret not in repr(keyring) and keyring.current_id in repr(keyring)


def test_legacy_hash_is_what_earlier_versions_stored():
    entry = chain(1)[0]._replace(key_id="")
    fields = {k: v for k, v in entry_content(entry).items() if k != "key_id"}
    text = json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    assert legacy_hash(entry) == hashlib.sha256(text.encode()).hexdigest()


def test_a_legacy_chain_is_checked_with_its_own_rules():
    entries = []
    for entry in chain(4):
        entry = entry._replace(key_id="", prev_hash=entries[-1].hash if entries else GENESIS_HASH)
        entries.append(entry._replace(hash=legacy_hash(entry)))
    assert verify_legacy_chain(entries, head=head_of(entries)).ok
    edited = [*entries[:1], entries[1]._replace(action="x"), *entries[2:]]
    assert (
        "第 2 条日志的内容与其哈希值不符"
        in (verify_legacy_chain(edited, head=head_of(entries)).problems[0])
    )


# Properties: whatever the chain, a valid one verifies and any single change is found.

small_chains = st.integers(min_value=1, max_value=12).map(chain)


@settings(max_examples=60, deadline=None)
@given(small_chains, st.data())
def test_any_single_field_change_is_found(entries, data):
    index = data.draw(st.integers(0, len(entries) - 1))
    field = data.draw(st.sampled_from(ChainEntry._fields))
    entry = entries[index]
    value = getattr(entry, field)
    if isinstance(value, str):
        changed = f"{value}!"
    else:
        changed = {"seq": entry.seq + 100, "actor_id": None, "unit_id": 99}.get(field, {"x": 1})
    forged = [*entries[:index], entry._replace(**{field: changed}), *entries[index + 1 :]]
    assert problems(forged, head=head_of(entries))


@settings(max_examples=60, deadline=None)
@given(small_chains, st.data())
def test_any_removal_is_found_unless_only_the_newest_go_with_the_head(entries, data):
    removed = data.draw(st.sets(st.integers(0, len(entries) - 1), min_size=1))
    kept = [e for i, e in enumerate(entries) if i not in removed]
    assert problems(kept, head=head_of(entries))
    suffix_only = removed == set(range(min(removed), len(entries)))
    assert bool(problems(kept, head=head_of(kept))) != suffix_only
