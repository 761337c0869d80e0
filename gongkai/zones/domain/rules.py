"""The zones app's own numbers. The inspection period and the fix period are deadline rules of
the calendar (``zone-inspection``, ``zone-finding-fix`` in ``gongkai.calendar.domain.rules``)."""

from gongkai.core.domain.file_kinds import FileKind

# A photo of the zone for its public page: a picture, not a scan bundle.
PHOTO_KINDS = frozenset({FileKind.JPEG, FileKind.PNG})
PHOTO_MAX_BYTES = 5 * 1024 * 1024

# The unit hears of an inspection this many days before it is due (platform default).
REMIND_DAYS_BEFORE = 7

# The kiosk of a 电子查阅点 goes back to the home page after this long without a touch; a
# platform default that GONGKAI_KIOSK_IDLE_SECONDS overrides.
KIOSK_IDLE_SECONDS = 180
