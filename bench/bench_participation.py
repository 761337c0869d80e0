"""Benchmark: a consultation page with 5,000 comments, rendered uncached.

Run with ``.venv/bin/python bench/bench_participation.py [--comments N] [--data-dir DIR]
[--fresh] [--repeat R]``.

Setup: a throwaway data directory (default ``/tmp/gongkai-bench-participation``, reused while it
holds the records) is migrated and gets the demo county, then two consultations on a draft of
60 articles in 6 chapters, made through the services: one open, one whose feedback is published.
Each gets ``--comments`` comments (default 5,000) on its articles and on the whole draft, about
2 % hidden by moderation; the published one's are answered in 50 grouped answers. The comments
and answers are inserted straight into their tables with ``bulk_create`` — **bypassing the
comment services** (which take a lock, run the publication gate and write an audit entry for
each): this is setup only, and what is measured is reading.

Measurement: the public pages as an anonymous visitor gets them, through the whole Django stack
(middleware, views, templates; production settings with the portal's page cache turned off, so
every request is rendered), in this process with Django's test client: the consultation page
(first page of comments), a deep page (page 200), the comments on one article, the same pages of
the consultation whose answers are published (each comment with its answer), its
意见采纳情况说明 page (five comments quoted under each answer, linked to the rest) and the
comments of one answer; then the time to make the .docx, which quotes every comment. Each figure is the median and the slowest of ``--repeat`` requests after
one warm-up request, wall time and this process's CPU time (SQLite runs in it). Target (issue
16): ≤ 300 ms. The load average before and after the runs is printed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import time
from datetime import timedelta
from pathlib import Path

COMMENTS = 5_000
ARTICLES_PER_CHAPTER = 10
CHAPTERS = 6
TARGET_SECONDS = 0.3
TITLES = ("基准测试：正在征求意见的办法", "基准测试：已反馈意见的办法")


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--comments", type=int, default=COMMENTS)
    parser.add_argument("--data-dir", default="/tmp/gongkai-bench-participation", type=Path)
    parser.add_argument("--fresh", action="store_true", help="delete the data dir first")
    parser.add_argument("--repeat", type=int, default=20)
    return parser.parse_args()


def _draft() -> str:
    lines = ["示范县基准测试管理办法（征求意见稿）"]
    number = 0
    for chapter in range(1, CHAPTERS + 1):
        lines.append(f"第{chapter}章 第{chapter}部分")
        for _ in range(ARTICLES_PER_CHAPTER):
            number += 1
            lines.append(
                f"第{number}条 本条规定第{number}项管理要求，有关单位应当按照职责分工，"
                "做好组织实施、监督检查和信息公开工作，保障群众的知情权、参与权和监督权。"
            )
    return "\n".join(lines)


def _consultation(title: str, county, published: bool, comments: int):
    from django.utils import timezone

    from gongkai.participation.models import (
        Answer,
        Comment,
        CommentVisibility,
        Feedback,
    )
    from gongkai.participation.services import consultations as services
    from gongkai.participation.services.consultations import ConsultationFacts

    today = timezone.localdate()
    consultation = services.consultation_create(
        actor=None,
        unit=county,
        facts=ConsultationFacts(
            title=title,
            starts_on=today - timedelta(days=40),
            ends_on=today - timedelta(days=10) if published else today + timedelta(days=20),
            background="基准测试用的意见征集。",
            contact_name="县司法局",
            contact_phone="0930-7712388",
        ),
    )
    services.draft_version_save(actor=None, consultation=consultation, text=_draft())
    services.consultation_open(
        actor=None, consultation=consultation, today=today - timedelta(days=40)
    )
    version = consultation.versions.get()
    articles = list(version.articles.all())
    now = timezone.now()
    rows = []
    for n in range(comments):
        article = (
            articles[n % (len(articles) + 1)] if n % (len(articles) + 1) < len(articles) else None
        )
        hidden = n % 50 == 0
        text = f"第{n}条意见：建议对本条的规定作进一步细化，明确责任主体和完成时限，便于群众监督。"
        rows.append(
            Comment(
                consultation=consultation,
                version=version,
                article=article,
                channel="online",
                author_name=f"网民{n}",
                body=text,
                public_body=text,
                visibility=CommentVisibility.HIDDEN if hidden else CommentVisibility.SHOWN,
                hide_category="advertising" if hidden else "",
                received_on=today - timedelta(days=30 - n * 29 // comments),
                submitted_at=now - timedelta(minutes=comments - n),
            )
        )
    Comment.objects.bulk_create(rows, batch_size=1000)
    if published:
        answers = Answer.objects.bulk_create(
            Answer(
                consultation=consultation,
                disposition=("adopted", "partly_adopted", "not_adopted", "out_of_scope")[g % 4],
                summary=f"关于第{g}类问题的意见",
                reason="经研究，已在修改稿中作相应调整；未采纳的部分与上位法规定不一致。",
            )
            for g in range(50)
        )
        ids = list(consultation.comments.order_by("id").values_list("id", flat=True))
        for g, answer in enumerate(answers):
            consultation.comments.filter(id__in=ids[g::50]).update(answer=answer)
        Feedback.objects.create(
            consultation=consultation, summary="基准测试的总体说明。", published_at=now
        )
        type(consultation).objects.filter(pk=consultation.pk).update(phase="feedback_published")
    return consultation


def _prepare(arguments: argparse.Namespace) -> list:
    from django.core.management import call_command

    from gongkai.core.demo import COUNTY
    from gongkai.core.models import Unit
    from gongkai.participation.models import Consultation

    call_command("migrate", verbosity=0)
    # Production settings serve hashed static file names (as `gongkai serve` collects them).
    call_command("collectstatic", interactive=False, verbosity=0)
    found = list(Consultation.objects.filter(title__in=TITLES).order_by("title"))
    if len(found) == 2 and all(c.comments.count() == arguments.comments for c in found):
        return sorted(found, key=lambda c: TITLES.index(c.title))
    Consultation.objects.filter(title__in=TITLES).delete()
    from gongkai.core import demo as core_demo

    core_demo.load(core_demo.DemoContext())
    county = Unit.objects.get(code=COUNTY)
    began = time.perf_counter()
    made = [
        _consultation(title, county, published, arguments.comments)
        for title, published in zip(TITLES, (False, True), strict=True)
    ]
    print(f"setup: {time.perf_counter() - began:.1f} s")
    return made


def _time(client, url: str, repeat: int) -> tuple[float, float, float, int]:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), max(walls), statistics.median(cpus), len(response.content)


def main() -> None:
    arguments = _arguments()
    if arguments.fresh and arguments.data_dir.exists():
        shutil.rmtree(arguments.data_dir)
    arguments.data_dir.mkdir(parents=True, exist_ok=True)
    os.environ["GONGKAI_DATA_DIR"] = str(arguments.data_dir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "gongkai.settings.production"
    os.environ["GONGKAI_PORTAL_CACHE_SECONDS"] = "0"
    os.environ.setdefault("GONGKAI_ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("GONGKAI_LOG_LEVEL", "WARNING")

    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    open_one, answered = _prepare(arguments)
    article = open_one.versions.get().articles.get(position=30).anchor
    first_answer = answered.answers.order_by("id").first().pk
    database = Path(settings.DATABASES["default"]["NAME"])
    print(
        f"\n{arguments.comments:,} comments on each of two consultations (60 articles); SQLite "
        f"{database.stat().st_size / 1e6:,.0f} MB; {os.cpu_count()} CPUs, load average "
        "{:.1f} {:.1f} {:.1f} before the runs; median of {} requests, uncached".format(
            *os.getloadavg(), arguments.repeat
        )
    )
    client = Client()
    pages = (
        ("consultation page, first page of comments", f"/hdjl/yjzj/{open_one.pk}/"),
        ("consultation page, page 200 of comments", f"/hdjl/yjzj/{open_one.pk}/?page=200"),
        ("comments on one article", f"/hdjl/yjzj/{open_one.pk}/?article={article}"),
        ("answered consultation, first page", f"/hdjl/yjzj/{answered.pk}/"),
        ("answered consultation, page 200", f"/hdjl/yjzj/{answered.pk}/?page=200"),
        ("意见采纳情况说明 page", f"/hdjl/yjzj/{answered.pk}/feedback/"),
        ("the comments of one answer", f"/hdjl/yjzj/{answered.pk}/?answer={first_answer}"),
    )
    for label, url in pages:
        median, slowest, cpu, size = _time(client, url, arguments.repeat)
        verdict = (
            "ok" if slowest <= TARGET_SECONDS else f"OVER the {TARGET_SECONDS * 1000:.0f} ms target"
        )
        print(
            f"{label}: median {median * 1000:.0f} ms (CPU {cpu * 1000:.0f} ms), slowest "
            f"{slowest * 1000:.0f} ms, {size / 1024:.0f} KiB — {verdict}"
        )
    # The .docx quotes every shown comment (a download, not a page: no target).
    from gongkai.participation.render import feedback_docx

    began = time.perf_counter()
    size = len(feedback_docx(answered))
    print(f"意见采纳情况说明 .docx: {time.perf_counter() - began:.2f} s, {size / 1024:.0f} KiB")
    print("load average {:.1f} {:.1f} {:.1f} after the runs".format(*os.getloadavg()))


if __name__ == "__main__":
    main()
