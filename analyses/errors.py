"""The one exception type the analyses raise for bad input: its message is meant for the user."""
from __future__ import annotations


class UrbanTwinError(ValueError):
    """Bad input or an impossible request, described in words a user can act on.

    Raised as UrbanTwinError(template, *values): the template, with {} for each value, is what translators
    see (QT_TRANSLATE_NOOP marks it), so the plugin can show the message in the user's language.
    """

    def __init__(self, template: str, *values: object):
        self.template, self.values = template, tuple(values)
        super().__init__(_sentence(template, self.values))


class Note(str):
    """A warning for the user: the English sentence, with its template and values for the plugin to translate
    (as UrbanTwinError's, so `plugin.i18n.translated_error` serves both)."""

    template: str
    values: tuple

    def __new__(cls, template: str, *values: object) -> Note:
        note = super().__new__(cls, _sentence(template, values))
        note.template, note.values = template, tuple(values)
        return note


def _sentence(template: str, values: tuple) -> str:
    """The English sentence: the template with its values (a template without values is the sentence)."""
    return template.format(*values) if values else template


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name pylupdate5 looks for
    """Mark an error template for translation here, where Qt cannot be imported; the plugin translates it."""
    return text
