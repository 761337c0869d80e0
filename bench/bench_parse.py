"""Benchmark: parse generated plain-text work-plan notices, on one core.

Run with ``.venv/bin/python bench/bench_parse.py [COUNT]`` (default 2,000). Each document is
a realistic 3–8 KB 公文: 版头, doc number, title, recipients, a signed notice, the disclosure
note, then a work plan of numbered items whose units and deadlines are written in the three
usual ways, and the 版记. A fifth of them are GB18030 with CRLF line ends and one in twenty is
in traditional characters, as uploads are. The documents are built before timing, so only
`parse_bytes` is measured. Target: ≥ 400 documents per second, so that a full import (with its
database writes) stays above 100 per second.
"""

import random
import sys
import time

import opencc

from gongkai.importer.domain.numerals import counting_name
from gongkai.importer.domain.parse import parse_bytes
from gongkai.importer.domain.traditional import is_traditional

TARGET_PER_SECOND = 400

_PLACES = ["甘肃省", "平凉市", "积石山县", "兰州市", "临夏州", "庆阳市", "天水市", "张掖市"]
_OFFICES = ["人民政府办公厅", "人民政府办公室"]
_UNITS = [
    "市政府办公室", "市政务公开办", "市发展改革委", "市财政局", "市人社局", "市卫生健康委",
    "市市场监管局", "市融媒体中心", "市委网信办", "市司法局", "市教育局", "市民政局",
    "各县（市、区）人民政府", "平凉工业园区（高新区）管委会", "市直各部门", "中、省驻平有关单位",
]  # fmt: skip
_TOPICS = [
    "推进法定主动公开", "提高政策解读质量", "规范依申请公开办理", "加强政府网站管理",
    "强化政务新媒体监管", "推进基层政务公开标准化", "做好政务舆情回应", "规范政府公报发布",
    "推进重大建设项目信息公开", "做好财政预决算公开", "加强公共卫生信息公开", "推进决策公开",
]  # fmt: skip
_CLAUSES = [
    "对照《中华人民共和国政府信息公开条例》规定，及时规范、全面准确公开履职依据",
    "遵循“依法、及时、高效、准确”原则，做好重点领域信息公开工作",
    "优化门户网站“政府信息公开”栏目，集中对试点领域目录进行查缺补漏",
    "严格落实政策文件与解读材料“三同步”管理要求，丰富解读形式",
    "健全舆情收集、研判、处置和回应机制，及时回应社会关切",
    "建立主动公开文件工作台账，定期核对、通报上网发布情况",
    "推动公开内容进一步聚焦重点政务信息，公开方式更加统一规范",
    "加强与申请人沟通联系，确保在规定时限内准确规范答复",
]  # fmt: skip
_DEADLINES = ["2024年6月底前", "年底前", "2024年12月31日前", "9月底前", "持续推进", "长期坚持"]


def _paragraph(rng: random.Random, sentences: int) -> str:
    return "".join(rng.choice(_CLAUSES) + "。" for _ in range(sentences))


def _assignment(rng: random.Random) -> list[str]:
    lead = "、".join(rng.sample(_UNITS[:12], rng.randint(1, 2)))
    responsible = "，".join(rng.sample(_UNITS[12:], rng.randint(1, 3)))
    deadline = rng.choice(_DEADLINES)
    style = rng.randrange(3)
    if style == 0:
        return [f"（牵头单位：{lead}；责任单位：{responsible}；完成时限：{deadline}）"]
    if style == 1:
        return [f"（{lead}牵头落实）"]
    return ["", f"牵头单位：{lead}", f"责任单位：{responsible}", f"完成时限：{deadline}"]


def make_document(rng: random.Random, target_bytes: int) -> str:
    issuer = rng.choice(_PLACES) + rng.choice(_OFFICES)
    plan = f"{rng.choice(_PLACES)}2024年政务公开工作要点"
    lines = [
        f"{issuer}文件",
        f"甘政办发〔2024〕{rng.randint(1, 150)}号",
        f"{issuer}关于印发{plan}的通知",
        "各市、自治州人民政府，兰州新区管委会，省政府各部门：",
        f"现将《{plan}》印发给你们，请结合实际，认真抓好贯彻落实。",
        issuer,
        f"2024年{rng.randint(1, 12)}月{rng.randint(1, 28)}日",
        "（此件公开发布）",
        plan,
        _paragraph(rng, 3),
    ]
    section = item = 0
    while len("\n".join(lines).encode()) < target_bytes - 300:
        if item % 4 == 0:
            section += 1
            lines.append(f"{counting_name(section)}、围绕{rng.choice(_TOPICS)}加强公开")
        item += 1
        lines.append(f"（{counting_name(item)}）{rng.choice(_TOPICS)}。{_paragraph(rng, 2)}")
        if rng.random() < 0.4:
            lines[-1] += "\n"  # a page break in mid-sentence, as web copies of PDFs have
        assignment = _assignment(rng)
        lines[-1] += assignment[0]
        lines.extend(assignment[1:])
    lines += ["抄送：省委办公厅，省人大常委会办公厅，省政协办公厅。", f"{issuer}  2024年6月3日印发"]
    return "\n\n".join(lines)


def make_corpus(count: int) -> list[tuple[bytes, str]]:
    rng = random.Random(20240601)
    to_traditional = opencc.OpenCC("s2t")
    corpus = []
    for number in range(count):
        text = make_document(rng, rng.randint(3_000, 8_000))
        if number % 20 == 19:
            text = to_traditional.convert(text)
        if number % 5 == 4:
            data = text.replace("\n", "\r\n").encode("gb18030")
        else:
            data = text.encode("utf-8")
        corpus.append((data, f"{number}.txt"))
    return corpus


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2_000
    corpus = make_corpus(count)
    size = sum(len(data) for data, _ in corpus)
    # Build OpenCC's tables before timing: a long-running importer pays this once.
    is_traditional("")

    began = time.perf_counter()
    tasks = 0
    for data, filename in corpus:
        tasks += len(parse_bytes(data, filename).tasks)
    elapsed = time.perf_counter() - began

    rate = count / elapsed
    verdict = "meets" if rate >= TARGET_PER_SECOND else "MISSES"
    print(
        f"parsed {count:,} plain-text documents in {elapsed:.2f} s = {rate:,.0f} docs/s "
        f"(one core; {size / count / 1024:.1f} KB and {tasks / count:.1f} tasks each); "
        f"{verdict} the target of {TARGET_PER_SECOND:,} per second"
    )


if __name__ == "__main__":
    main()
