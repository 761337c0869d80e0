"""The API's own numbers (not statutory): page sizes and request limits per client."""

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100

# Requests per hour (the window of gongkai.core.ratelimit). An anonymous client is counted by
# address; a key has its own limit, set when it is created, this one by default.
ANONYMOUS_PER_HOUR = 3600
KEY_PER_HOUR = 36000
MAX_KEY_PER_HOUR = 1_000_000
