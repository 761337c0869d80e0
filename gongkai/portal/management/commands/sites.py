from django.core.management.base import BaseCommand, CommandError

from gongkai.core.domain.errors import DomainError
from gongkai.core.models import Unit
from gongkai.portal.selectors import portal_sites
from gongkai.portal.services import site_add


class Command(BaseCommand):
    help = "多站点：sites add --unit 代码 --hostname 主机名 [--site-id-code 标识码] / sites list"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="为一个县（市、区）或市人民政府开设网站")
        add.add_argument("--unit", required=True, help="单位代码")
        add.add_argument("--hostname", required=True, help="主机名，例如 www.example.gov.cn")
        add.add_argument("--site-id-code", default="", help="网站标识码（10位）")
        sub.add_parser("list", help="列出已开设的网站")

    def handle(self, *args, **options):
        if options["action"] == "list":
            self._list()
            return
        unit = Unit.objects.filter(code=options["unit"].strip()).first()
        if unit is None:
            raise CommandError(f"没有代码为“{options['unit']}”的单位。", returncode=2)
        try:
            site = site_add(
                actor=None,
                unit=unit,
                hostname=options["hostname"],
                site_id_code=options["site_id_code"],
            )
        except DomainError as error:
            raise CommandError(str(error), returncode=2) from error
        self.stdout.write(
            f"已为“{unit.name}”开设网站：{site.site.hostname}。"
            "网站标识、联系方式等请在后台“设置 → 网站标识”中选择该站点填写。"
        )

    def _list(self):
        sites = list(portal_sites())
        if not sites:
            self.stdout.write("尚未开设按单位划分的网站；所有主机名都显示全部单位。")
            return
        self.stdout.write("单位代码\t单位名称\t主机名\t网站标识码")
        for site in sites:
            identity = getattr(site.site, "siteidentity", None)
            code = identity.site_id_code if identity else ""
            self.stdout.write(
                f"{site.unit.code}\t{site.unit.name}\t{site.site.hostname}\t{code or '—'}"
            )
