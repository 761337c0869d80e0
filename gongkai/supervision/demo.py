"""Demo supervision: the platform's own portal and two external sites (sample sites shipped
with the app under ``demo_sites/``, read from files and labelled as demo sites) are registered
and checked, so a fresh demo shows findings, a veto, a monthly page and a bulletin; a dozen
new-media accounts, one unit with two on the same platform and one account not updated, are
checked and warned. Idempotent: nothing is added once the platform's site exists."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from gongkai.core.demo import COUNTY, OFFICE, DemoContext
from gongkai.core.models import Unit

from . import checks, services
from .models import Site

ORDER = 80  # after the portal (its pages) and the messages (the three-month rule)

FINANCE, CIVIL, CHENGGUAN, HEXI = "013901002", "013901003", "013901101", "013901102"
# The platform's own portal is large; the demo reads a sample of it so `gongkai demo` stays quick.
PLATFORM_DEMO_PAGES = 150

# unit code, platform, name, account id, days since the last post, interaction
ACCOUNTS = (
    (COUNTY, "wechat", "示范县发布", "sfx_fabu", 0, True),
    (COUNTY, "weibo", "示范县发布", "sfxfabu", 1, True),
    (COUNTY, "douyin", "示范县发布", "sfx_douyin", 3, True),
    (OFFICE, "wechat", "示范县政务公开", "sfx_zwgk", 2, True),
    (FINANCE, "wechat", "示范县财政", "sfx_czj", 5, True),
    (CIVIL, "wechat", "示范县民政", "sfx_mzj", 6, True),
    (CIVIL, "toutiao", "示范县民政", "sfx_mzj_tt", 40, True),  # stale
    (CHENGGUAN, "wechat", "城关镇发布", "cgz_fabu", 1, True),
    (CHENGGUAN, "wechat", "城关镇便民服务", "cgz_bianmin", 4, True),  # the duplicate
    (CHENGGUAN, "kuaishou", "城关镇", "cgz_ks", 9, False),  # no interaction
    (HEXI, "wechat", "河西乡发布", "hxx_fabu", 3, True),
    (HEXI, "weibo", "河西乡", "hxx_weibo", 8, True),
)


def load(context: DemoContext) -> None:
    if Site.objects.filter(is_platform=True).exists():
        return
    units = {u.code: u for u in Unit.objects.filter(code__startswith="0139")}
    if COUNTY not in units:
        return
    today = timezone.localdate()
    platform = services.site_register(
        actor=None,
        unit=units[OFFICE],
        fields=services.SiteFields(
            name="示范县人民政府门户网站",
            home_url=f"{settings.BASE_URL}/",
            site_code="6201000001",
            contact_name="县政府办政务公开股",
            contact_email="zwgk@sfx.gov.cn",
            is_platform=True,
        ),
    )
    education = services.site_register(
        actor=None,
        unit=units[OFFICE],  # the demo county has no education bureau
        fields=services.SiteFields(
            name="演示县教育局网站（演示站点）",
            home_url="http://jyj.example/",
            site_code="6201000002",
            contact_name="县教育局办公室",
            demo_files="jyj",
        ),
    )
    hexi = services.site_register(
        actor=None,
        unit=units[HEXI],
        fields=services.SiteFields(
            name="演示河西乡人民政府网站（演示站点）",
            home_url="http://yixiang.example/",
            site_code="6201000003",
            contact_name="乡党政办",
            demo_files="yixiang",
        ),
    )
    # Yesterday's run of the education site, so today's shows a finding carried over and a fix
    # staff marked being confirmed by the check.
    checks.site_check(site=education, day=today - timedelta(days=1))
    for site in (education, hexi):
        checks.site_check(site=site, day=today)

    # The platform's own pages are read in process by the checker's threads, which see the
    # demo's records only once they are committed.
    def check_platform() -> None:
        checks.site_check(site=platform, day=today, max_pages=PLATFORM_DEMO_PAGES)

    transaction.on_commit(check_platform, robust=True)
    for code, platform_name, name, account_id, days, interaction in ACCOUNTS:
        services.account_register(
            actor=None,
            unit=units[code],
            fields=services.AccountFields(
                platform=platform_name,
                name=name,
                account_id=account_id,
                responsible="信息员",
                last_post_on=today - timedelta(days=days),
                has_interaction=interaction,
            ),
        )
    services.accounts_check(on=today)
    services.weekly_warnings_send(on=today)
    context.created_anything = True
