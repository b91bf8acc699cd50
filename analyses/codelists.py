"""PLATEAU code lists (gml:Dictionary files under a dataset's codelists/ folder, or inside its zip)."""
from __future__ import annotations

import os
import posixpath
import zipfile
from functools import lru_cache

from lxml import etree

from . import xmlsafe

_GML_NAMESPACES = ("{http://www.opengis.net/gml}", "{http://www.opengis.net/gml/3.2}")
# Code lists come with downloaded data: no DTD, no entities, no network.
_PARSER = etree.XMLParser(**xmlsafe.OPTIONS)


@lru_cache(maxsize=512)
def load_codelist(path: str) -> dict[str, str]:
    """Return code -> label of a gml:Dictionary file; empty when the file is missing or unreadable.

    A code list that declares entities is refused (UrbanTwinError), not read as empty: it is hostile.
    """
    if not os.path.isfile(path):
        return {}
    with open(path, "rb") as stream:
        return _read(stream, os.path.basename(path))


def _read(stream, name: str) -> dict[str, str]:
    """The table of a code list stream; empty when it is not XML, an error when it declares entities."""
    try:
        root = etree.parse(stream, _PARSER).getroot()
    except etree.XMLSyntaxError as exc:
        if xmlsafe.is_entity_error(exc):
            raise xmlsafe.declares_entities(name) from None
        return {}
    except OSError:
        return {}
    xmlsafe.check_doctype(root, name)
    return _table_of(root)


def resolve(base_dir: str, code_space: str, code: str) -> str:
    """Return the label of a code through its codeSpace (relative to the GML file), else the code."""
    return _table(base_dir, code_space).get(code, code)


def resolve_in_zip(archive: str, base_dir: str, code_space: str, code: str) -> str:
    """Return the label of a code through a codeSpace relative to base_dir inside a zip, else the code."""
    member = posixpath.normpath(posixpath.join(base_dir, code_space))
    return _zip_table(archive, member).get(code, code)


def _table_of(root) -> dict[str, str]:
    table = {}
    for gml in _GML_NAMESPACES:
        for definition in root.iter(f"{gml}Definition"):
            code = definition.findtext(f"{gml}name")
            label = definition.findtext(f"{gml}description")
            if code is not None and label is not None:
                table[code.strip()] = label.strip()
    return table


@lru_cache(maxsize=512)
def _table(base_dir: str, code_space: str) -> dict[str, str]:
    return load_codelist(os.path.normpath(os.path.join(base_dir, code_space)))


@lru_cache(maxsize=512)
def _zip_table(archive: str, member: str) -> dict[str, str]:
    if member.startswith(("../", "/")) or member == "..":
        return {}  # outside the zip: nothing to read
    try:
        with zipfile.ZipFile(archive) as opened, opened.open(member) as stream:
            return _read(stream, posixpath.basename(member))
    except (KeyError, zipfile.BadZipFile, OSError):
        return {}
