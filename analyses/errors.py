"""The one exception type the analyses raise for bad input: its message is meant for the user."""


class UrbanTwinError(ValueError):
    """Bad input or an impossible request, described in words a user can act on."""
