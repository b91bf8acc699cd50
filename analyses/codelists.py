"""PLATEAU code lists (gml:Dictionary files under a dataset's codelists/ folder)."""
from __future__ import annotations

import os
from functools import lru_cache

from lxml import etree

_GML = "{http://www.opengis.net/gml}"


@lru_cache(maxsize=512)
def load_codelist(path: str) -> dict[str, str]:
    """Return code -> label of a gml:Dictionary file; empty when the file is missing or unreadable."""
    if not os.path.isfile(path):
        return {}
    try:
        root = etree.parse(path).getroot()
    except (etree.XMLSyntaxError, OSError):
        return {}
    table = {}
    for definition in root.iter(f"{_GML}Definition"):
        code = definition.findtext(f"{_GML}name")
        label = definition.findtext(f"{_GML}description")
        if code is not None and label is not None:
            table[code.strip()] = label.strip()
    return table


def resolve(base_dir: str, code_space: str, code: str) -> str:
    """Return the label of a code through its codeSpace (relative to the GML file), else the code."""
    return _table(base_dir, code_space).get(code, code)


@lru_cache(maxsize=512)
def _table(base_dir: str, code_space: str) -> dict[str, str]:
    return load_codelist(os.path.normpath(os.path.join(base_dir, code_space)))
