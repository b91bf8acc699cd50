"""XML as downloaded data: no DTD, no entities, no network, libxml2's size limits on; a DOCTYPE is refused.

PLATEAU's CityGML and code lists never have a DOCTYPE. One in a downloaded file can only serve to read
other files into it (an external DTD declaring `<!ENTITY x SYSTEM "file:///etc/passwd">`) or to blow
up in memory (nested entities, "billion laughs"), so such a file is refused, not read in part.
"""
from __future__ import annotations

from lxml import etree

from .errors import QT_TRANSLATE_NOOP, UrbanTwinError

#: The parser options for every XML file the analyses read. huge_tree=False keeps libxml2's limits (10 MB
#: per text node, depth 256, its checks on entity amplification): a 200 MB PLATEAU file is well inside them.
OPTIONS = {"resolve_entities": False, "load_dtd": False, "no_network": True, "huge_tree": False}
#: libxml2's error for entities that expand without end or beyond its limits (XML_ERR_ENTITY_LOOP).
_ENTITY_LOOP = etree.ErrorTypes.ERR_ENTITY_LOOP


def declares_entities(name: str) -> UrbanTwinError:
    """The refusal of a file that has a DOCTYPE (a DTD, entities)."""
    return UrbanTwinError(QT_TRANSLATE_NOOP(
        "@default", "{} declares entities or a DTD (<!DOCTYPE …>); PLATEAU files do not, so it is not read"), name)


def check_doctype(element, name: str) -> None:
    """Refuse a document with a DOCTYPE, given any of its elements (its root at the first 'start' event)."""
    if element.getroottree().docinfo.doctype:
        raise declares_entities(name)


def is_entity_error(error: etree.XMLSyntaxError) -> bool:
    """Whether a parse failed on entities that expand too far (a "billion laughs")."""
    return error.code == _ENTITY_LOOP
