#!/usr/bin/env python
"""Developer entry point; the same as the ``gongkai`` command with development settings."""

import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
