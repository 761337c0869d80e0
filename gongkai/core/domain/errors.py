"""Domain errors: raised by rules and services, shown to people as they are (in Chinese)."""


class DomainError(Exception):
    """A rule was broken. ``str(error)`` is a complete Chinese sentence for the user."""


class PermissionDeniedError(DomainError):
    """The acting user holds no role that allows this action on this unit."""
