"""The word list of “您是不是要找” is read from the index once a day (and after a rebuild):
reading every token is too slow for a request, and a day-old list only misses new words."""

from gongkai.core.periodic import periodic_job

from .index import refresh_vocabulary


@periodic_job(minutes=24 * 60, name="search.refresh_vocabulary")
def refresh_search_vocabulary() -> None:
    refresh_vocabulary()
