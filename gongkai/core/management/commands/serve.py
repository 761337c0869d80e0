import os
import signal
import subprocess
import sys
import time

from django.core.management.base import BaseCommand

from gongkai.core.mail import MAIL_OFF, mail_configured
from gongkai.core.staticfiles import collect_static, static_outdated


class Command(BaseCommand):
    help = "启动正式服务器（gunicorn + whitenoise），以及后台任务进程和定时任务进程"

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1）")
        parser.add_argument("--port", type=int, default=8000, help="监听端口（默认 8000）")
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("GONGKAI_WORKERS", "0")) or None,
            help="gunicorn 工作进程数（默认：CPU 核数 + 1）",
        )
        parser.add_argument("--no-worker", action="store_true", help="不启动后台任务和定时任务进程")

    def handle(self, *args, **options):
        if static_outdated() or options["verbosity"] > 1:
            self.stdout.write("正在收集静态文件……")
            collect_static()
        workers = options["workers"] or (os.cpu_count() or 1) + 1
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": os.environ["DJANGO_SETTINGS_MODULE"]}
        bind = f"{options['host']}:{options['port']}"
        commands = [
            [
                sys.executable,
                "-m",
                "gunicorn",
                "gongkai.wsgi:application",
                "--bind",
                bind,
                "--workers",
                str(workers),
                "--threads",
                "4",
                "--worker-class",
                "gthread",
                "--access-logfile",
                "-",
                "--graceful-timeout",
                "10",
                # Each server keeps to its own data dir; a shared control socket in $HOME would
                # make a second instance (tests, benchmarks) fight the first for it.
                "--no-control-socket",
            ],
        ]
        if not options["no_worker"]:
            cli = [sys.executable, "-m", "gongkai.cli"]
            commands += [[*cli, "db_worker"], [*cli, "periodic", "--loop"]]
        if not mail_configured():
            self.stdout.write(MAIL_OFF)
        processes = [subprocess.Popen(c, env=env) for c in commands]
        self.stdout.write(
            f"gongkai 已启动：http://{bind}/ （后台管理 http://{bind}/admin/），按 Ctrl+C 停止。"
        )
        self.stdout.flush()

        def stop(signum=None, frame=None):
            for p in processes:
                if p.poll() is None:
                    p.send_signal(signal.SIGTERM)

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        try:
            # If any part stops, stop the rest: a server without its worker is half a platform.
            while all(p.poll() is None for p in processes):
                time.sleep(0.5)
        finally:
            stop()
            for p in processes:
                try:
                    p.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    p.kill()
        codes = [p.returncode for p in processes]
        if any(c not in (0, -signal.SIGTERM, -signal.SIGINT) for c in codes):
            raise SystemExit(1)
