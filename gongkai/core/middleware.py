import codecs

from django.conf import settings
from django.http.multipartparser import MultiPartParser
from django.shortcuts import render
from django.utils import translation
from django.utils.http import parse_header_parameters


class ChineseFirstLocaleMiddleware:
    """The portal speaks Chinese unless the visitor chose English (language cookie).

    Django's LocaleMiddleware would follow the browser's Accept-Language and show an English
    page to a Chinese citizen whose browser happens to be set to English.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return response


class RejectUndecodablePostMiddleware:
    """A form body the platform cannot read is refused with the Chinese 400 page, before
    anything (CSRF, the view, an error report) tries to parse it.

    Every page and form of the platform is UTF-8, so a body declared in another encoding
    (``charset=gb2312``) did not come from them, and a multipart body without a valid boundary
    cannot be split into fields. Django would raise while parsing either, deep in a view.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in _BODY_METHODS and not _readable_body(request.META):
            return render(request, "400.html", status=400)
        return self.get_response(request)


_BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})


def _readable_body(meta) -> bool:
    content_type, params = parse_header_parameters(meta.get("CONTENT_TYPE", ""))
    charset = params.get("charset")
    if charset is not None:
        try:
            if codecs.lookup(charset).name != "utf-8":
                return False
        except LookupError:
            return False
    if content_type == "multipart/form-data":
        boundary = params.get("boundary", "")
        return bool(boundary) and bool(MultiPartParser.boundary_re.match(boundary))
    return True
