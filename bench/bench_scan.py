"""Throughput of the personal data scan on realistic government text.

Run by hand: ``.venv/bin/python bench/bench_scan.py [--mb 50] [--seed 1]``.
The text is what a county site publishes: notices, budgets and tables full of harmless numbers
(dates, doc numbers, landlines, amounts, credit codes, index numbers), with personal data in
about one document in twenty. MB is 10^6 bytes of UTF-8.
"""

from __future__ import annotations

import argparse
import random
import time

from gongkai.core.domain.personal_data import scan

_UNITS = (
    "县人民政府办公室",
    "县财政局",
    "县自然资源局",
    "县卫生健康局",
    "城关镇人民政府",
    "县教育局",
)
_PHRASES = (
    "为深入贯彻落实党中央、国务院决策部署，进一步推进政务公开标准化规范化工作，",
    "根据《中华人民共和国政府信息公开条例》和上级有关文件精神，结合我县实际，",
    "现将有关事项通知如下，请各乡镇、各部门认真抓好贯彻落实。",
    "各责任单位要明确专人负责，建立工作台账，按时报送工作进展情况。",
    "对工作推进不力、群众反映强烈的，将予以通报批评并追究相关责任。",
    "本项目资金已全部拨付到位，项目实施进展顺利，未发现违规违纪问题。",
    "经审核，现对符合条件的申请人予以公示，公示期为5个工作日。",
    "如对公示内容有异议，请在公示期内以书面形式向我局反映。",
)
# Real region codes: 兰州市 and its districts and counties.
_LANZHOU_REGIONS = ("620100", "620102", "620103", "620104", "620105", "620111", "620121", "620122")
_NAMES = ("张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊", "赵敏", "黄勇")
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def _id_number(rng: random.Random) -> str:
    body = f"6201{rng.randint(1, 30):02d}{rng.randint(1950, 2005)}{rng.randint(1, 12):02d}"
    body += f"{rng.randint(1, 28):02d}{rng.randint(0, 999):03d}"
    return (
        body + "10X98765432"[sum(int(d) * w for d, w in zip(body, _ID_WEIGHTS, strict=True)) % 11]
    )


def _card(rng: random.Random) -> str:
    body = "622202" + "".join(str(rng.randint(0, 9)) for _ in range(12))
    total = 0
    for k, ch in enumerate(reversed(body)):
        d = int(ch) * (2 if k % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    digits = body + str(-total % 10)
    return " ".join(digits[k : k + 4] for k in range(0, len(digits), 4))


def _credit_code(rng: random.Random) -> str:
    """A valid 统一社会信用代码; many are all digits, like an ID number."""
    charset = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    org = rng.choice(("MA7", "013", "000", "438")) + f"{rng.randint(0, 999999):06d}"
    region = rng.choice(_LANZHOU_REGIONS)
    body = rng.choice(("11", "12", "91", "52")) + region + org
    total = sum(charset.index(c) * w for c, w in zip(body, _USCC_WEIGHTS, strict=True))
    return body + charset[-total % 31]


def _paragraph(rng: random.Random) -> str:
    year = rng.randint(2015, 2025)
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    bits = [
        rng.choice(_PHRASES),
        f"依据甘政办发〔{year}〕{rng.randint(1, 150)}号文件，",
        f"{year}年{month}月{day}日，{rng.choice(_UNITS)}下达资金{rng.randint(1, 99999)}.{rng.randint(0, 99):02d}万元，",
        f"截至{year}-{month:02d}-{day:02d}，完成投资{rng.randint(100, 999999)}.{rng.randint(0, 99):02d}元，",
        f"索引号：{rng.choice(('000014349', _credit_code(rng)))}/{year}-{rng.randint(1, 99999):05d}，",
        f"成文日期{year}{month:02d}{day:02d}，",
        f"咨询电话：0931-{rng.randint(2000000, 8999999)}，传真（0931）{rng.randint(2000000, 8999999)}，",
        f"统一社会信用代码{_credit_code(rng)}，",
        f"第{rng.randint(1, 30)}条第{rng.randint(1, 9)}款，附件{rng.randint(1, 5)}。",
        rng.choice(_PHRASES),
    ]
    rng.shuffle(bits)
    return "".join(bits)


def _personal(rng: random.Random) -> str:
    name = rng.choice(_NAMES)
    return rng.choice(
        (
            f"申请人{name}，身份证号码{_id_number(rng)}，",
            f"联系人{name}，手机1{rng.choice('3456789')}{rng.randint(0, 10**9 - 1):09d}，",
            f"{name}的补助资金已打入其银行卡{_card(rng)}，",
            f"联系方式：138 {rng.randint(1000, 9999)} {rng.randint(1000, 9999)}，",
        )
    )


def generate(megabytes: float, seed: int) -> list[str]:
    """Documents of 2–20 kB totalling about ``megabytes`` MB of UTF-8."""
    rng = random.Random(seed)
    target = int(megabytes * 1_000_000)
    documents: list[str] = []
    size = 0
    while size < target:
        paragraphs: list[str] = []
        length = 0
        goal = rng.randint(2_000, 20_000)
        while length < goal:
            paragraph = _paragraph(rng)
            if rng.random() < 0.003:
                paragraph += _personal(rng)
            paragraphs.append(paragraph)
            length += len(paragraph.encode())
        document = "\n".join(paragraphs)
        documents.append(document)
        size += len(document.encode())
    return documents


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=50.0, help="text size in MB (default 50)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    documents = generate(args.mb, args.seed)
    size = sum(len(d.encode()) for d in documents) / 1_000_000
    started = time.perf_counter()
    found = sum(len(scan(d)) for d in documents)
    elapsed = time.perf_counter() - started
    print(
        f"scanned {size:.1f} MB in {elapsed:.2f} s = {size / elapsed:.1f} MB/s (one core), "
        f"{found} findings"
    )


if __name__ == "__main__":
    main()
