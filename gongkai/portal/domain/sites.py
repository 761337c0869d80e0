"""What a site's host name and 网站标识码 may be: pure rules, no Django."""

from __future__ import annotations

import re

from gongkai.core.domain.errors import DomainError

# 政府网站发展指引（国办发〔2017〕47号）附件1 政府网站标识码: each government site is issued a
# ten-character code (县级政府网站 e.g. 4413220001; 部门网站 with a letter prefix, e.g. bm0000001x).
SITE_ID_CODE_LENGTH = 10

_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_HOSTNAME = re.compile(rf"^{_LABEL}(?:\.{_LABEL})*$")
_SITE_ID_CODE = re.compile(rf"^[0-9a-z]{{{SITE_ID_CODE_LENGTH}}}$")


def clean_hostname(text: str) -> str:
    """A host name as a site is registered under: lower case, no scheme, port or path."""
    hostname = text.strip().lower().rstrip(".")
    if not hostname or len(hostname) > 253 or not _HOSTNAME.match(hostname):
        raise DomainError(
            f"“{text.strip()}”不是有效的主机名：只写域名，例如 www.example.gov.cn，不带 http:// 和端口。"
        )
    return hostname


def clean_site_id_code(text: str) -> str:
    code = text.strip().lower()
    if code and not _SITE_ID_CODE.match(code):
        raise DomainError(
            f"网站标识码“{text.strip()}”应为{SITE_ID_CODE_LENGTH}位数字或字母（国办发〔2017〕47号）。"
        )
    return code
