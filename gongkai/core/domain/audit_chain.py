"""The audit chain's rules: how an entry is signed and how a chain and its anchors are checked.

Each entry is signed with HMAC-SHA256 under a key that never enters the database; the signature
covers the entry's content, its sequence number, the key's id and the previous entry's
signature. Someone who can write to the database but lacks the key cannot change, insert,
remove or re-order entries, not even by recomputing plain SHA-256 hashes the way the unkeyed
chain of earlier versions allowed. Deleting the newest entries and lowering the chain head
together leaves a shorter valid chain: only an anchor kept outside the server (the head's
sequence number and signature at some moment) shows it, and an anchor also pins everything up to
it against someone who does hold the key.

Pure Python (no Django) so that the rules are tested on their own and the migration that
re-chains the unkeyed entries of earlier versions uses the very same code.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from .errors import DomainError

GENESIS_HASH = "0" * 64
# A generated key has 43 characters (32 random bytes); a key typed into the environment must not
# be much weaker.
KEY_MIN_LENGTH = 32
KEY_ID_LENGTH = 16
ANCHOR_FORMAT = "gongkai-audit-anchor/1"
# A rewritten chain yields one message per range of entries, but an attacker can still make
# thousands of separate breaks; the report names the first ones and counts the rest.
MAX_MESSAGES = 100

SIGNED_FIELDS = (
    "seq",
    "at",
    "actor_id",
    "actor_name",
    "action",
    "object_type",
    "object_id",
    "object_repr",
    "unit_id",
    "changes",
    "prev_hash",
    "key_id",
)
# What the unkeyed SHA-256 chain of earlier versions hashed: the same, without a key id.
LEGACY_FIELDS = SIGNED_FIELDS[:-1]


class ChainEntry(NamedTuple):
    """One entry as stored; ``at`` is the ISO 8601 text of its aware timestamp."""

    seq: int
    at: str
    actor_id: int | None
    actor_name: str
    action: str
    object_type: str
    object_id: str
    object_repr: str
    unit_id: int | None
    changes: Any
    prev_hash: str
    key_id: str
    hash: str


class KeyringError(DomainError):
    """The configured audit keys are unusable."""


class AnchorFormatError(DomainError):
    """An anchor file is not an anchor this platform wrote."""


def canonical(values: Mapping[str, Any]) -> bytes:
    """The one byte string a mapping is signed as, whatever the database did to key order."""
    return json.dumps(values, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def key_id_of(key: bytes) -> str:
    # Derived from the key, so a wrong key is recognised as such (not as a chain edited
    # everywhere); an HMAC output tells nothing about the key that entries do not already tell.
    return hmac.new(key, b"gongkai audit key id", hashlib.sha256).hexdigest()[:KEY_ID_LENGTH]


def entry_content(entry: ChainEntry) -> dict[str, Any]:
    return dict(zip(SIGNED_FIELDS, entry, strict=False))


def legacy_hash(entry: ChainEntry) -> str:
    content = dict(zip(LEGACY_FIELDS, entry, strict=False))
    return hashlib.sha256(canonical(content)).hexdigest()


class Keyring:
    """The audit keys, oldest first; the last one signs new entries, the older ones are kept to
    check the entries they signed. Its ``repr`` shows key ids only, never key material."""

    __slots__ = ("_generation", "_macs", "ids")

    def __init__(self, keys: Iterable[bytes]):
        macs: dict[str, hmac.HMAC] = {}
        for key in keys:
            macs.setdefault(key_id_of(key), hmac.new(key, digestmod=hashlib.sha256))
        if not macs:
            raise KeyringError("没有配置审计密钥。")
        self._macs = macs
        self.ids: tuple[str, ...] = tuple(macs)
        self._generation = {key_id: n for n, key_id in enumerate(self.ids)}

    @classmethod
    def from_text(cls, text: str, *, source: str) -> Keyring:
        """Keys separated by line breaks or commas; ``#`` starts a comment line."""
        keys = [
            part.strip()
            for line in text.splitlines()
            if not line.lstrip().startswith("#")
            for part in line.split(",")
            if part.strip()
        ]
        if not keys:
            raise KeyringError(f"{source}中没有审计密钥。")
        short = [n for n, key in enumerate(keys, 1) if len(key) < KEY_MIN_LENGTH]
        if short:
            numbers = "、".join(map(str, short))
            raise KeyringError(
                f"{source}中的第 {numbers} 个审计密钥太短：每个密钥至少 {KEY_MIN_LENGTH} 个字符"
                "（可用 python3 -c 'import secrets; print(secrets.token_urlsafe(32))' 生成）。"
            )
        return cls(key.encode() for key in keys)

    def __repr__(self) -> str:
        return f"Keyring(ids={self.ids!r})"

    @property
    def current_id(self) -> str:
        return self.ids[-1]

    def knows(self, key_id: str) -> bool:
        return key_id in self._macs

    def generation(self, key_id: str) -> int:
        return self._generation[key_id]

    def sign(self, key_id: str, content: Mapping[str, Any]) -> str:
        mac = self._macs[key_id].copy()
        mac.update(canonical(content))
        return mac.hexdigest()


@dataclass(frozen=True)
class Anchor:
    """The chain head at one moment, signed, to be kept where the server cannot change it."""

    seq: int
    hash: str
    key_id: str
    anchored_at: str
    mac: str = ""

    def content(self) -> dict[str, Any]:
        return {
            "format": ANCHOR_FORMAT,
            "seq": self.seq,
            "hash": self.hash,
            "key_id": self.key_id,
            "anchored_at": self.anchored_at,
        }


def anchor_make(*, seq: int, hash: str, anchored_at: str, keyring: Keyring) -> Anchor:
    unsigned = Anchor(seq=seq, hash=hash, key_id=keyring.current_id, anchored_at=anchored_at)
    mac = keyring.sign(keyring.current_id, unsigned.content())
    return Anchor(seq=seq, hash=hash, key_id=keyring.current_id, anchored_at=anchored_at, mac=mac)


def anchor_to_json(anchor: Anchor) -> str:
    return json.dumps({**anchor.content(), "mac": anchor.mac}, ensure_ascii=False, indent=2) + "\n"


def anchor_from_json(text: str) -> Anchor:
    try:
        data = json.loads(text)
    except ValueError:
        raise AnchorFormatError("不是 JSON 文件。") from None
    if not isinstance(data, dict) or data.get("format") != ANCHOR_FORMAT:
        raise AnchorFormatError(f"不是审计锚点（缺少 format: {ANCHOR_FORMAT}）。")
    try:
        anchor = Anchor(
            seq=data["seq"],
            hash=data["hash"],
            key_id=data["key_id"],
            anchored_at=data["anchored_at"],
            mac=data["mac"],
        )
    except KeyError as error:
        raise AnchorFormatError(f"缺少字段 {error.args[0]}。") from None
    if not (
        isinstance(anchor.seq, int)
        and anchor.seq >= 0
        and all(isinstance(v, str) for v in (anchor.hash, anchor.key_id, anchor.anchored_at))
        and isinstance(anchor.mac, str)
    ):
        raise AnchorFormatError("字段的类型不对。")
    return anchor


class Head(NamedTuple):
    """What the chain-head row says: the last entry's sequence number and signature."""

    seq: int
    hash: str


@dataclass
class ChainReport:
    checked: int = 0
    last_seq: int = 0
    last_hash: str = GENESIS_HASH
    last_key_id: str = ""
    anchors_checked: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


# Entry-level problems, reported once per run of consecutive entries: "第 5 至 9 条日志……".
LINK = "{where}日志与前一条的链接不符（前一条日志被修改、删除或替换）。"
MAC = "{where}日志的内容与其签名不符（内容被修改，或签名不是用本系统的审计密钥算出的）。"
LEGACY_MAC = "{where}日志的内容与其哈希值不符（内容被修改）。"
UNSIGNED = "{where}日志没有审计密钥签名（只有早期版本的未加密哈希，或被人改写）。"
UNKNOWN_KEY = (
    "{where}日志由编号为 {key_id} 的审计密钥签名，本机没有这个密钥：请检查 GONGKAI_AUDIT_KEY "
    "或数据目录中的 audit_keys 文件是否与写入日志的服务器一致。"
)
RETIRED_KEY = (
    "{where}日志由已停用的审计密钥（编号 {key_id}）签名，而更早的日志已改用较新的密钥"
    "（日志可能被人用旧密钥改写）。"
)


class _Problems:
    """Collects the messages of a walk. Entry-level problems of one kind on consecutive entries
    become one message; the first ``MAX_MESSAGES`` are kept, in sequence order, and the rest
    counted (an attacker can make a million separate breaks)."""

    _LAST = float("inf")

    def __init__(self, messages: list[str]):
        self.messages = messages
        self.count = 0
        self._kept: list[tuple[float, int, str]] = []
        self._runs: dict[tuple[str, tuple[tuple[str, str], ...]], list[int]] = {}

    def entry(self, template: str, seq: int, **values: str) -> None:
        key = (template, tuple(values.items()))
        run = self._runs.get(key)
        if run is not None and run[1] == seq - 1:
            run[1] = seq
            return
        if run is not None:
            self._close(key)
        self._runs[key] = [seq, seq]

    def add(self, message: str, seq: float = _LAST) -> None:
        self._keep(seq, message)

    def finish(self) -> None:
        for key in list(self._runs):
            self._close(key)
        self._kept.sort()
        self.messages.extend(message for _, _, message in self._kept)
        if self.count > MAX_MESSAGES:
            self.messages.append(f"……另有 {self.count - MAX_MESSAGES} 处问题未列出。")

    def _close(self, key: tuple[str, tuple[tuple[str, str], ...]]) -> None:
        first, last = self._runs.pop(key)
        template, values = key
        where = f"第 {first} 条" if first == last else f"第 {first} 至 {last} 条"
        self._keep(first, template.format(where=where, **dict(values)))

    def _keep(self, seq: float, message: str) -> None:
        self.count += 1
        if self.count <= MAX_MESSAGES:
            self._kept.append((seq, self.count, message))


def _check_keyed(keyring: Keyring) -> Callable[[ChainEntry, _Problems, list[int]], None]:
    """Checks an entry's key and signature; ``newest`` holds the newest key generation seen."""

    def check(entry: ChainEntry, problems: _Problems, newest: list[int]) -> None:
        key_id = entry.key_id
        if not key_id:
            problems.entry(UNSIGNED, entry.seq)
            return
        if not keyring.knows(key_id):
            problems.entry(UNKNOWN_KEY, entry.seq, key_id=key_id)
            return
        generation = keyring.generation(key_id)
        if generation < newest[0]:
            problems.entry(RETIRED_KEY, entry.seq, key_id=key_id)
        newest[0] = max(newest[0], generation)
        if not hmac.compare_digest(keyring.sign(key_id, entry_content(entry)), entry.hash):
            problems.entry(MAC, entry.seq)

    return check


def _check_legacy(entry: ChainEntry, problems: _Problems, newest: list[int]) -> None:
    if legacy_hash(entry) != entry.hash:
        problems.entry(LEGACY_MAC, entry.seq)


def verify_chain(
    entries: Iterable[ChainEntry],
    *,
    keyring: Keyring,
    head: Head | None,
    anchors: Mapping[str, Anchor] | None = None,
) -> ChainReport:
    """Walk the entries in sequence order (those up to the head) and report every break."""
    anchors = anchors or {}
    report, problems, found = _walk(
        entries, _check_keyed(keyring), head, anchored={a.seq for a in anchors.values()}
    )
    if report.checked and report.last_key_id != keyring.current_id:
        problems.add(
            f"最新一条日志（第 {report.last_seq} 条）不是用当前的审计密钥签名的：如果刚换了密钥，"
            "请运行 gongkai audit rotate-key 记录这次更换；否则日志可能被人用旧密钥改写。"
        )
    for name, anchor in sorted(anchors.items(), key=lambda item: (item[1].seq, item[0])):
        if _check_anchor(name, anchor, report, found, keyring, problems):
            report.anchors_checked += 1
    problems.finish()
    return report


def verify_legacy_chain(entries: Iterable[ChainEntry], *, head: Head | None) -> ChainReport:
    """The unkeyed SHA-256 chain of earlier versions, checked before it is re-chained."""
    report, problems, _ = _walk(entries, _check_legacy, head, anchored=set())
    problems.finish()
    return report


def _walk(
    entries: Iterable[ChainEntry],
    check: Callable[[ChainEntry, _Problems, list[int]], None],
    head: Head | None,
    *,
    anchored: set[int],
) -> tuple[ChainReport, _Problems, dict[int, str]]:
    """The checks every chain gets: no gaps, every link right, the head on the last entry.
    Returns the signatures found at the ``anchored`` sequence numbers."""
    report = ChainReport()
    problems = _Problems(report.problems)
    found: dict[int, str] = {}
    prev_hash = GENESIS_HASH
    expected = 1
    newest = [0]
    last: ChainEntry | None = None
    for entry in entries:
        seq = entry.seq
        if seq != expected:
            problems.add(f"第 {expected} 至 {seq - 1} 条日志缺失（被删除）。", expected)
        if entry.prev_hash != prev_hash:
            problems.entry(LINK, seq)
        check(entry, problems, newest)
        prev_hash = entry.hash
        expected = seq + 1
        report.checked += 1
        if seq in anchored:
            found[seq] = prev_hash
        last = entry
    if last is not None:
        report.last_seq, report.last_hash, report.last_key_id = last.seq, last.hash, last.key_id
    _check_head(report, head, problems)
    return report, problems, found


def _check_head(report: ChainReport, head: Head | None, problems: _Problems) -> None:
    if head is None:
        if report.checked:
            problems.add("日志链头记录缺失（数据库中的链头被删除）。")
        return
    if head.seq > report.last_seq:
        if report.checked == 0:
            problems.add(f"链头记录有 {head.seq} 条日志，但日志全部缺失（被删除）。")
        else:
            problems.add(
                f"链头记录最后一条是第 {head.seq} 条，日志却只到第 {report.last_seq} 条"
                "（末尾的日志被删除）。"
            )
    elif head.hash != report.last_hash:
        problems.add(
            f"链头记录的最后一条日志签名与第 {report.last_seq} 条日志不符（末尾的日志被替换，"
            "或链头被改动）。"
        )


def _check_anchor(
    name: str,
    anchor: Anchor,
    report: ChainReport,
    found: Mapping[int, str],
    keyring: Keyring,
    problems: _Problems,
) -> bool:
    """Compares one anchor with the chain; False when the anchor itself cannot be trusted."""
    if not keyring.knows(anchor.key_id):
        problems.add(
            f"锚点 {name} 由编号为 {anchor.key_id} 的审计密钥签名，本机没有这个密钥，无法核对。"
        )
        return False
    if not hmac.compare_digest(keyring.sign(anchor.key_id, anchor.content()), anchor.mac):
        problems.add(
            f"锚点 {name} 的签名不符（锚点文件被修改，或不是本系统生成的），未用它核对日志。"
        )
        return False
    when = f"锚点 {name}（{anchor.anchored_at}）"
    if anchor.seq > report.last_seq:
        problems.add(
            f"{when}记录日志已到第 {anchor.seq} 条，现在只到第 {report.last_seq} 条："
            "其后的日志被删除（链头也被改小）。"
        )
    elif anchor.seq and anchor.seq not in found:
        problems.add(f"{when}记录的第 {anchor.seq} 条日志已不存在（被删除）。")
    elif found.get(anchor.seq, GENESIS_HASH) != anchor.hash:
        problems.add(
            f"第 {anchor.seq} 条日志与{when}记录的不符：该条或更早的日志在锚定之后被改写。"
        )
    return True
