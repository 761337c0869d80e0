"""Benchmark: full-text search over a generated corpus of government documents, on SQLite FTS5
(the embedded default) or PostgreSQL (``--database-url``).

Run with ``.venv/bin/python bench/bench_search.py [--docs N] [--queries Q] [--seed S]
[--data-dir DIR] [--database-url postgres://…] [--build-only]``.

The full target is 1,000,000 documents of about 2,000 characters: two-word queries p50 ≤ 10 ms
and p95 ≤ 50 ms, indexing ≥ 2 MB/s on one core. The default, 100,000 documents, keeps a run
under about ten minutes on a 2-core machine; the output says which size was measured and
scales the index size to 100,000 documents.

A long run is resumable: with ``--data-dir`` (SQLite) or ``--database-url`` the index is kept,
each batch of 1,000 documents is committed together with the running totals (table
``bench_search_progress``), and the documents are generated from a seed per batch, so a run
that was interrupted continues where it stopped, and a larger ``--docs`` extends an index.
A finished index is not rebuilt: the run goes straight to the queries. ``--build-only`` stops
after building (run it under ``nice -n 19``, then time the queries when the machine is quiet).

What is measured:

- indexing: segmentation (normalisation, rjieba search mode with the government dictionary)
  and the writes of ``gongkai.search.backends`` — the same code the application runs, called
  directly on the index tables, not through Django models or the kinds' selectors. MB is 10^6
  bytes of UTF-8 text (title + body); the rate is CPU time on one core: this process's, plus
  on PostgreSQL the server process's (``to_tsvector`` and the GIN index run there).
- queries: normalise, parse, then ``selectors.find`` — count (capped) and one page of 20 keys,
  what ``selectors.search`` does before it loads the records. Two-word queries in three mixes
  (two of the most common words; a common and a medium word; a medium and a rare word), plus
  common words with a unit filter and sorted by date. Each line gives the load average.
- the index on disk: the SQLite database file (it holds only the search tables), by table; on
  PostgreSQL ``search_entry`` with its TOAST and indexes, and the word list.

The corpus: sentences of the five real seed documents, and sentences built from templates
with 26 policy areas, places, units, people, doc numbers, dates and amounts, so that the
vocabulary has a long tail as real text does. Documents belong to 300 units in a county tree
and are dated 2010–2025.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

FULL_TARGET_DOCS = 1_000_000
TARGET_P50_MS, TARGET_P95_MS, TARGET_MB_PER_S = 10, 50, 2.0
BATCH = 1_000

SEEDS = Path(__file__).resolve().parent.parent / "gongkai" / "importer" / "seeds"

_AREAS = [
    "城乡居民最低生活保障", "义务教育", "公共卫生", "安全生产", "生态环境保护", "公共资源交易",
    "重大建设项目", "财政预决算", "保障性住房", "食品药品监管", "乡村振兴", "就业创业",
    "养老服务", "医疗保障", "交通运输", "农田水利", "林业草原", "文化旅游", "市场监管",
    "应急管理", "税收优惠", "社会救助", "户籍管理", "征地补偿", "农村危房改造", "退役军人服务",
]  # fmt: skip
_ACTIONS = ["加强", "推进", "规范", "落实", "完善", "健全", "深化", "优化", "强化", "做好"]
_OBJECTS = [
    "工作机制", "监督检查", "信息公开", "政策解读", "资金管理", "审核审批", "考核评价",
    "宣传培训", "风险防控", "标准化建设", "数据共享", "项目管理", "档案管理", "绩效评价",
]  # fmt: skip
_PLACES = [
    "城关", "东川", "西河", "南山", "北塬", "柳湖", "太平", "安国", "白水", "青龙", "红旗",
    "新华", "长乐", "永丰", "和平", "金山", "石门", "高桥", "龙泉", "松林", "草滩", "杨店",
]  # fmt: skip
_PLACE_KINDS = ["镇", "乡", "街道", "村", "社区"]
_UNITS = [
    "县政府办公室", "县发展和改革局", "县财政局", "县教育局", "县民政局", "县卫生健康局",
    "县人力资源和社会保障局", "县自然资源局", "县住房和城乡建设局", "县农业农村局",
    "县市场监督管理局", "县应急管理局", "县生态环境分局", "县交通运输局", "县水务局",
]  # fmt: skip
_SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾彭吕"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红梅建国志远德海波宁"
_TEMPLATES = [
    "{place}要{action}{area}{obj}，确保各项措施落到实处。",
    "截至{year}年{month}月底，全县共投入{area}资金{amount}万元，惠及群众{count}人。",
    "{unit}要按照{docno}要求，于{year}年{month}月{day}日前报送{area}工作进展情况。",
    "各乡镇、各部门要把{area}作为重点工作，{action}{obj}，及时回应社会关切。",
    "联系人：{person}，联系电话：0930-{phone}，地址：{place}{number}号。",
    "{place}共核查{area}对象{count}户，发现问题{small}个，已全部整改到位。",
    "对{area}中群众反映强烈的问题，{unit}牵头，{action}{obj}，{year}年底前完成。",
    "根据{docno}精神，结合{place}实际，制定{area}{obj}实施细则。",
]
_SUBJECTS = ["0201", "0203", "0301", "0401", "0801", "1001", "1101", "1201", "1301", "1703"]


def _seed_sentences() -> list[str]:
    from gongkai.importer.domain.traditional import is_traditional, to_simplified

    # One seed is a traditional-character web copy; the importer simplifies such uploads.
    texts = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    text = "".join(to_simplified(t) if is_traditional(t) else t for t in texts)
    return [s.strip() + "。" for s in re.split(r"[。！？\n]", text) if len(s.strip()) >= 8]


class Corpus:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.sentences = _seed_sentences()
        self.places = [p + k for p in _PLACES for k in _PLACE_KINDS]

    def _person(self) -> str:
        rng = self.rng
        return rng.choice(_SURNAMES) + "".join(rng.choice(_GIVEN) for _ in range(rng.randint(1, 2)))

    def _templated(self) -> str:
        rng = self.rng
        return rng.choice(_TEMPLATES).format(
            place=rng.choice(self.places),
            action=rng.choice(_ACTIONS),
            area=rng.choice(_AREAS),
            obj=rng.choice(_OBJECTS),
            unit=rng.choice(_UNITS),
            docno=f"示县政发〔{rng.randint(2010, 2025)}〕{rng.randint(1, 150)}号",
            year=rng.randint(2010, 2025),
            month=rng.randint(1, 12),
            day=rng.randint(1, 28),
            amount=f"{rng.randint(1, 99999)}.{rng.randint(0, 99):02d}",
            count=rng.randint(10, 99999),
            small=rng.randint(1, 99),
            person=self._person(),
            phone=rng.randint(1000000, 9999999),
            number=rng.randint(1, 300),
        )

    def document(self) -> tuple[str, str]:
        rng = self.rng
        title = (
            f"{rng.choice(_UNITS)}关于{rng.choice(_ACTIONS)}{rng.choice(_AREAS)}"
            f"{rng.choice(_OBJECTS)}的通知"
        )
        target, parts, length = rng.gauss(2000, 300), [], 0
        while length < target:
            sentence = rng.choice(self.sentences) if rng.random() < 0.5 else self._templated()
            parts.append(sentence)
            length += len(sentence)
        return title, "".join(parts)


def _units(rng: random.Random) -> list[str]:
    """Unit paths of a county: the government, 30 departments and townships, 269 villages."""
    paths = ["/1/"]
    middle = [f"/1/{i}/" for i in range(2, 32)]
    paths += middle
    paths += [f"{rng.choice(middle[15:])}{i}/" for i in range(32, 301)]
    return paths


def _setup_django(data_dir: str, database_url: str | None) -> None:
    os.environ["GONGKAI_DATA_DIR"] = data_dir
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    else:
        os.environ.pop("DATABASE_URL", None)  # SQLite, the embedded default
    os.environ["DJANGO_SETTINGS_MODULE"] = "gongkai.settings.test"
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def _load() -> str:
    return "load {:.1f} {:.1f} {:.1f}".format(*os.getloadavg())


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


# --- Progress, kept in the database itself so that it commits with each batch ---------------

_FIELDS = (
    "done", "cpu", "server_cpu", "wall", "bytes", "load_sum", "batches",
    "optimize_s", "vocabulary_s", "terms",
)  # fmt: skip


def _progress() -> dict[str, float]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE IF NOT EXISTS bench_search_progress (id integer PRIMARY KEY, "
            + ", ".join(f"{name} double precision NOT NULL DEFAULT 0" for name in _FIELDS)
            + ")"
        )
        cursor.execute(
            "INSERT INTO bench_search_progress (id) SELECT 1 WHERE NOT EXISTS "
            "(SELECT 1 FROM bench_search_progress WHERE id = 1)"
        )
        cursor.execute(f"SELECT {', '.join(_FIELDS)} FROM bench_search_progress WHERE id = 1")
        return dict(zip(_FIELDS, cursor.fetchone(), strict=True))


def _save(cursor, progress: dict[str, float]) -> None:
    cursor.execute(
        f"UPDATE bench_search_progress SET {', '.join(f'{n} = %s' for n in _FIELDS)} WHERE id = 1",
        [progress[name] for name in _FIELDS],
    )


class _ServerClock:
    """CPU time of the PostgreSQL process serving this connection, when it runs on this
    machine (read from /proc); zero on SQLite, which runs inside this process."""

    def __init__(self) -> None:
        from django.db import connection

        self.path = None
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                path = Path(f"/proc/{cursor.fetchone()[0]}/stat")
            if path.exists() and "postgres" in path.read_text():
                self.path = path
            else:
                print("  (the server is not on this machine: its CPU time is not counted)")

    def __call__(self) -> float:
        if self.path is None:
            return 0.0
        fields = self.path.read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# --- Building -----------------------------------------------------------------------------


def _index(corpus: Corpus, args: argparse.Namespace, progress: dict[str, float]) -> None:
    """Index documents ``progress["done"] + 1`` … ``args.docs``, one committed batch at a time;
    batch k is generated from its own seed, so a resumed run indexes the same documents."""
    from django.db import connection, transaction

    from gongkai.search.backends import IndexRow, backend
    from gongkai.search.domain.facets import entry_tokens
    from gongkai.search.domain.normalize import normalize_text
    from gongkai.search.domain.segment import index_tokens

    engine, units = backend(), _units(random.Random(args.seed))
    first_day, span = date(2010, 1, 1), (date(2025, 12, 31) - date(2010, 1, 1)).days
    server = _ServerClock()
    begun, begun_done = time.perf_counter(), int(progress["done"])
    for start in range(int(progress["done"]), args.docs, BATCH):
        if start % BATCH:
            raise SystemExit(f"the index holds {start:,} documents, not whole batches")
        batch = start // BATCH
        corpus.rng = random.Random(f"{args.seed}:{batch}")
        rng = random.Random(f"{args.seed}:{batch}:meta")
        docs = [corpus.document() for _ in range(min(BATCH, args.docs - start))]
        size = sum(len(t.encode()) + len(b.encode()) for t, b in docs)
        cpu_began, wall_began, server_began = time.process_time(), time.perf_counter(), server()
        rows = []
        for offset, (title, body) in enumerate(docs):
            day = first_day + timedelta(days=rng.randint(0, span))
            subject = rng.choice(_SUBJECTS)
            facets = entry_tokens(
                kind="document",
                unit_paths=[rng.choice(units)],
                day=day,
                extra={"subject": [subject[:2], subject]},
            )
            rows.append(
                IndexRow(
                    "document",
                    start + offset + 1,
                    day,
                    index_tokens(normalize_text(title)),
                    index_tokens(normalize_text(body)),
                    facets,
                )
            )
        with transaction.atomic(), connection.cursor() as cursor:
            engine.insert(cursor, rows)
            progress["cpu"] += time.process_time() - cpu_began
            progress["server_cpu"] += server() - server_began
            progress["wall"] += time.perf_counter() - wall_began
            progress["bytes"] += size
            progress["done"] = start + len(docs)
            progress["load_sum"] += os.getloadavg()[0]
            progress["batches"] += 1
            progress["optimize_s"] = progress["vocabulary_s"] = progress["terms"] = 0
            _save(cursor, progress)
        done = int(progress["done"])
        rate = (done - begun_done) / (time.perf_counter() - begun)
        print(
            f"\r  indexed {done:,}/{args.docs:,} documents, {rate:,.0f}/s, "
            f"{(args.docs - done) / rate / 60:,.0f} min to go, {_load()}  ",
            end="",
            file=sys.stderr,
            flush=True,
        )
    print(file=sys.stderr)


def _build(corpus: Corpus, args: argparse.Namespace, progress: dict[str, float]) -> None:
    from django.db import connection, transaction

    from gongkai.search.index import refresh_vocabulary

    if progress["done"] < args.docs:
        if progress["done"]:
            print(f"  resuming after {int(progress['done']):,} documents")
        _index(corpus, args, progress)
    size, cpu = progress["bytes"], progress["cpu"] + progress["server_cpu"]
    rate = size / 1e6 / cpu
    print(
        f"Indexing: {size / 1e6:,.0f} MB of text in {cpu:,.0f} s CPU "
        + (
            f"({progress['server_cpu']:,.0f} s of it the server's) "
            if progress["server_cpu"]
            else ""
        )
        + f"= {rate:.2f} MB/s on one core (wall {progress['wall']:,.0f} s = "
        f"{size / 1e6 / progress['wall']:.2f} MB/s; mean load "
        f"{progress['load_sum'] / max(progress['batches'], 1):.1f}); "
        f"{'meets' if rate >= TARGET_MB_PER_S else 'MISSES'} the target of "
        f"{TARGET_MB_PER_S} MB/s"
    )
    if not progress["optimize_s"]:
        began = time.perf_counter()
        if connection.vendor == "sqlite":
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("INSERT INTO search_fts (search_fts) VALUES ('optimize')")
                cursor.execute("INSERT INTO search_title (search_title) VALUES ('optimize')")
            with connection.cursor() as cursor:  # fold the write-ahead log into the file
                cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        else:
            with connection.cursor() as cursor:  # flush GIN's pending list, gather statistics
                cursor.execute("VACUUM (ANALYZE) search_entry")
        progress["optimize_s"] = time.perf_counter() - began
        with connection.cursor() as cursor:
            _save(cursor, progress)
    print(
        f"  {'optimize (merge the index segments, as a rebuild does)' if connection.vendor == 'sqlite' else 'VACUUM ANALYZE'}: "
        f"{progress['optimize_s']:,.0f} s, {_load()}"
    )
    if not progress["vocabulary_s"]:
        began = time.perf_counter()
        progress["terms"] = refresh_vocabulary()
        progress["vocabulary_s"] = time.perf_counter() - began
        with connection.cursor() as cursor:
            _save(cursor, progress)
    print(
        f"  refresh the “did you mean” word list: {int(progress['terms']):,} words in "
        f"{progress['vocabulary_s']:,.1f} s"
    )
    _report_sizes(progress)


def _report_sizes(progress: dict[str, float]) -> None:
    from django.db import connection

    docs = int(progress["done"])
    scale = 100_000 / docs
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA page_count")
            pages = cursor.fetchone()[0]
            cursor.execute("PRAGMA freelist_count")
            free = cursor.fetchone()[0]
            cursor.execute("PRAGMA page_size")
            page_size = cursor.fetchone()[0]
            # Pages freed by merging the index's segments stay in the file for later writes.
            total, free = (pages - free) * page_size, free * page_size
            cursor.execute(
                "SELECT name, sum(pgsize) FROM dbstat WHERE name LIKE 'search%' "
                "GROUP BY name ORDER BY 2 DESC"
            )
        else:
            cursor.execute(
                "SELECT pg_total_relation_size('search_entry') "
                "+ pg_total_relation_size('search_term')"
            )
            total, free = cursor.fetchone()[0], 0
            cursor.execute(
                "SELECT 'search_entry (rows, TOAST: the tsvectors)', "
                "pg_table_size('search_entry') UNION ALL "
                "SELECT c.relname, pg_relation_size(c.oid) FROM pg_index i "
                "JOIN pg_class c ON c.oid = i.indexrelid "
                "WHERE i.indrelid IN ('search_entry'::regclass, 'search_term'::regclass) "
                "UNION ALL SELECT 'search_term', pg_table_size('search_term') ORDER BY 2 DESC"
            )
        parts = cursor.fetchall()
    text = progress["bytes"]
    print(
        f"Index on disk: {total / 1e9:.2f} GB for {docs:,} documents = "
        f"{total * scale / 1e9:.2f} GB per 100,000 documents "
        f"(text itself: {text * scale / 1e9:.2f} GB per 100,000)"
        + (f"; and {free / 1e9:.2f} GB of free pages in the file" if free else "")
    )
    for name, size in parts:
        print(f"  {name:<44} {size * scale / 1e6:9,.0f} MB per 100,000 documents")


# --- Queries ------------------------------------------------------------------------------


def _query_sets(count: int, queries: int, rng: random.Random) -> dict[str, list[str]]:
    from gongkai.search.models import SearchTerm

    # The word list the build refreshed: every Chinese word with its number of documents.
    vocabulary = SearchTerm.objects.values_list("term", "documents")
    words = sorted(
        ((term, df) for term, df in vocabulary if re.fullmatch(r"[\u4e00-\u9fff]{2,4}", term)),
        key=lambda item: (-item[1], item[0]),
    )
    common = [t for t, _ in words[:30]]
    medium = [t for t, df in words if 0.005 * count <= df <= 0.1 * count]
    rare = [t for t, df in words if 3 <= df < 0.005 * count]

    def pairs(a: list[str], b: list[str]) -> list[str]:
        return [f"{rng.choice(a)} {rng.choice(b)}" for _ in range(queries)]

    print(
        f"  query words: {len(common)} common (in {words[29][1]:,}+ documents), "
        f"{len(medium):,} medium, {len(rare):,} rare",
        file=sys.stderr,
    )
    return {
        "common + common": pairs(common, common),
        "common + medium": pairs(common, medium),
        "medium + rare": pairs(medium, rare),
    }


def _time_queries(
    texts: list[str], *, filters: tuple[str, ...] = (), sort: str = "relevance"
) -> tuple[list[float], list[float], float]:
    """Wall and CPU milliseconds of each query, and the server's mean CPU milliseconds (read
    in clock ticks: only the mean over the set is meaningful; 0 on SQLite)."""
    from gongkai.search.domain.normalize import normalize_query
    from gongkai.search.domain.query import parse_query
    from gongkai.search.selectors import PER_PAGE, find

    wall, cpu = [], []
    server = _ServerClock()
    server_began = server()
    for text in texts:
        wall_began, cpu_began = time.perf_counter(), time.process_time()
        parsed = parse_query(normalize_query(text))
        find(parsed, filters, sort=sort, page=1, per_page=PER_PAGE)
        wall.append((time.perf_counter() - wall_began) * 1000)
        cpu.append((time.process_time() - cpu_began) * 1000)
    return wall, cpu, (server() - server_began) * 1000 / len(texts)


def _report(label: str, wall: list[float], cpu: list[float], server: float) -> tuple[float, float]:
    p50, p95 = statistics.median(wall), _percentile(wall, 0.95)
    print(
        f"  {label:<34} p50 {p50:6.2f} ms  p95 {p95:6.2f} ms  max {max(wall):7.2f} ms"
        f"   (CPU p50 {statistics.median(cpu):.2f}, p95 {_percentile(cpu, 0.95):.2f} ms"
        + (f"; server CPU mean {server:.2f} ms" if server else "")
        + f")  {_load()}"
    )
    return p50, p95


def _run_queries(corpus: Corpus, args: argparse.Namespace, docs: int) -> None:
    from django.db import connection

    from gongkai.search import selectors
    from gongkai.search.backends import backend
    from gongkai.search.domain.highlight import snippet

    sets = _query_sets(docs, args.queries, random.Random(f"{args.seed}:queries"))
    print(
        f"Two-word queries, {args.queries} of each mix: count (up to {selectors.COUNT_CAP:,}) "
        f"and the first page of {selectors.PER_PAGE}, as search() does before loading records. "
        "Ranked by relevance while the words have at most "
        f"{min(selectors.RANK_POSTINGS, backend().rank_postings):,} postings, "
        "else title matches first, then the rest, newest first:"
    )
    for texts in sets.values():  # warm the page cache, as a running server has it
        _time_queries(texts[:50])
    overall_wall: list[float] = []
    for label, texts in sets.items():
        wall_ms, cpu_ms, server_ms = _time_queries(texts)
        overall_wall += wall_ms
        _report(f"{label}, by relevance", wall_ms, cpu_ms, server_ms)
    common = sets["common + common"]
    _report("common + common, by date", *_time_queries(common, sort="date"))
    _report("common + common, one township", *_time_queries(common, filters=("unit17",)))
    _report("common + common, one village", *_time_queries(common, filters=("unit200",)))
    p50, p95 = statistics.median(overall_wall), _percentile(overall_wall, 0.95)
    verdict = "meets" if p50 <= TARGET_P50_MS and p95 <= TARGET_P95_MS else "MISSES"
    print(
        f"All two-word queries by relevance: p50 {p50:.2f} ms, p95 {p95:.2f} ms (wall); "
        f"{verdict} the target of p50 ≤ {TARGET_P50_MS} ms and p95 ≤ {TARGET_P95_MS} ms "
        f"at {docs:,} documents on {connection.vendor}, {_load()}"
    )
    corpus.rng = random.Random(f"{args.seed}:snippet")
    _, body = corpus.document()
    began = time.perf_counter()
    for _ in range(selectors.PER_PAGE):
        snippet(body, ["最低生活保障", "政务", "公开"])
    print(
        f"Snippets for a page of {selectors.PER_PAGE} results (≈2,000-character texts): "
        f"{(time.perf_counter() - began) * 1000:.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=300, help="queries in each mix")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--data-dir",
        help="SQLite: keep the index in this directory (outside the repository); a run resumes "
        "or extends the index there, and a finished one only runs the queries",
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL"),
        help="a PostgreSQL database of its own for the benchmark (postgres://user@host:port/db; "
        "default $BENCH_DATABASE_URL); kept, resumed and extended like --data-dir",
    )
    parser.add_argument(
        "--build-only", action="store_true", help="build (or finish) the index, no queries"
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="gongkai-bench-search-") as scratch:
        _setup_django(args.data_dir or scratch, args.database_url)
        from django.db import connection

        from gongkai.search.domain.segment import index_tokens

        index_tokens("预热")  # load the dictionary before timing
        corpus = Corpus(args.seed)
        with connection.cursor() as cursor:
            cursor.execute("SELECT version()" if connection.vendor == "postgresql" else "SELECT 1")
            version = (
                cursor.fetchone()[0].split(" on ")[0]
                if connection.vendor == "postgresql"
                else f"SQLite {connection.Database.sqlite_version}"
            )
        print(
            f"Search benchmark: {args.docs:,} generated documents "
            f"(the full target is {FULL_TARGET_DOCS:,}); {version}; {_load()}"
        )
        progress = _progress()
        if progress["done"] > args.docs:
            raise SystemExit(
                f"the index already holds {int(progress['done']):,} documents: "
                f"use --docs {int(progress['done'])} or a new index"
            )
        _build(corpus, args, progress)
        if not args.build_only:
            _run_queries(corpus, args, int(progress["done"]))


if __name__ == "__main__":
    main()
