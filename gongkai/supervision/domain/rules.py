"""Every number the site checker judges by, with where it comes from.

The 单项否决 thresholds are those of 《政府网站与政务新媒体检查指标》(国办秘函〔2019〕19号,
`statutes.md` §4.1); the crawler limits are the platform's own choices (GOV.UK's
link-checker-api and lychee use the same orders of magnitude), marked as such.
"""

from __future__ import annotations

# 19号 单项否决 2 站点无法访问: 「每天间隔性访问20次以上，超过（含）15秒网站仍打不开的次数累计占比
# 超过（含）5%」.
PROBE_SLOW_SECONDS = 15.0
PROBE_FAILED_SHARE = 0.05
PROBES_PER_DAY = 20

# 19号 单项否决 3 首页不更新: 「监测2周，首页无信息更新的」.
HOME_STALE_DAYS = 14

# 19号 单项否决 4 栏目不更新 (1): 「监测时间点前2周内的动态、要闻类栏目，以及监测时间点前6个月内的
# 通知公告、政策文件类一级栏目，累计超过（含）5个未更新」.
NEWS_STALE_DAYS = 14
NOTICE_STALE_MONTHS = 6
STALE_KEY_COLUMNS_VETO = 5
# 19号 单项否决 4 (2): 「应更新但长期未更新的栏目数量超过（含）10个」. "长期" is not defined by the
# indicator: the platform's default for every other column is one year, which an office may change.
OTHER_STALE_DAYS = 365
STALE_COLUMNS_VETO = 10
# 19号 单项否决 4 (3): 「空白栏目数量超过（含）5个」.
EMPTY_COLUMNS_VETO = 5

# 19号 单项否决 5 互动回应差 (2): 「超过3个月未回应有效留言」.
UNANSWERED_MONTHS = 3

# The platform's own crawler limits.
FETCH_TIMEOUT_SECONDS = 15.0  # the same 15 s as 站点无法访问
CONNECTIONS = 8
MAX_PAGES = 5000
MAX_DEPTH = 8
MAX_REDIRECTS = 5
MAX_BODY_BYTES = 5 * 1024 * 1024
