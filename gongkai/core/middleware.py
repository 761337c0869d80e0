from django.conf import settings
from django.utils import translation


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
