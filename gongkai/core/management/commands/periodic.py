import logging
import signal
import time
from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections

from gongkai.core.periodic import JOBS, claim, runner_name

log = logging.getLogger("gongkai.periodic")


def discover_jobs() -> None:
    for config in apps.get_app_configs():
        if config.name.startswith("gongkai."):
            try:
                import_module(f"{config.name}.periodic")
            except ModuleNotFoundError as error:
                if error.name != f"{config.name}.periodic":
                    raise


class Command(BaseCommand):
    help = "运行定时任务（定时发布、到期提醒、检查）；--loop 按各任务的间隔持续运行"

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="持续运行，直到收到停止信号")
        parser.add_argument("--list", action="store_true", help="只列出已登记的定时任务")

    def handle(self, *args, **options):
        discover_jobs()
        if options["list"]:
            for job in JOBS.values():
                self.stdout.write(f"{job.name}\t每 {job.minutes} 分钟")
            return
        if not options["loop"]:
            for job in JOBS.values():
                self._run(job)
            return
        stopping = False

        def stop(signum, frame):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        # Every server runs this loop; the database says which of them runs a due job.
        runner = runner_name()
        while not stopping:
            for job in JOBS.values():
                if stopping:
                    break
                close_old_connections()
                try:
                    claimed = claim(job, runner=runner)
                except DatabaseError:
                    log.exception("periodic job %s could not be claimed", job.name)
                    continue
                if claimed:
                    self._run(job)
            time.sleep(1)

    def _run(self, job) -> None:
        close_old_connections()
        try:
            job.run()
        except Exception:
            # One failing job must not stop the others; it is retried at its next interval.
            log.exception("periodic job %s failed", job.name)
