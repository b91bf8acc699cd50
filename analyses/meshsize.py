"""The sizes a 3D model file declares, checked against the bytes it holds before any reader allocates them.

VTK's readers trust a file's header: a PLY claiming 2×10⁹ vertices makes VTK allocate 24 GB and the process
dies. So every count a format declares must fit in the file: PLY element counts (at least their fixed-size
properties' bytes each, 2 bytes a value in ASCII), the triangle count of a binary STL (50 bytes each), and
glTF/GLB buffers, buffer views and accessors (each inside what holds it; external buffers and images only
beside the model, never elsewhere). OBJ and ASCII STL declare no counts: readers grow with the file.
"""
from __future__ import annotations

import base64
import json
import os
import struct
from urllib.parse import unquote

from .errors import QT_TRANSLATE_NOOP, UrbanTwinError

_HEADER_MAX = 1 << 16  # a PLY header is a few hundred bytes
_PLY_BYTES = {"char": 1, "uchar": 1, "int8": 1, "uint8": 1, "short": 2, "ushort": 2, "int16": 2, "uint16": 2,
              "int": 4, "uint": 4, "int32": 4, "uint32": 4, "float": 4, "float32": 4, "double": 8, "float64": 8}
_GLTF_COMPONENT_BYTES = {5120: 1, 5121: 1, 5122: 2, 5123: 2, 5125: 4, 5126: 4}
_GLTF_TYPE_SIZE = {"SCALAR": 1, "VEC2": 2, "VEC3": 3, "VEC4": 4, "MAT2": 4, "MAT3": 9, "MAT4": 16}


def check(path: str) -> None:
    """Refuse a 3D model whose declared sizes exceed its bytes, or whose format is not one checked here."""
    ext = os.path.splitext(path)[1].lower()
    if ext not in FORMATS:
        raise UrbanTwinError(QT_TRANSLATE_NOOP(
            "@default", "{}: 3D models are read as OBJ, PLY, STL, glTF or GLB, not {}"), os.path.basename(path), ext)
    try:
        FORMATS[ext](path, os.path.getsize(path))
    except UrbanTwinError:
        raise
    except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError, struct.error) as exc:
        raise UrbanTwinError(QT_TRANSLATE_NOOP("@default", "{} is not a valid {} file ({})"),
                             os.path.basename(path), ext[1:].upper(), exc) from None


def _too_large(path: str, what: str, needed: int, held: int) -> UrbanTwinError:
    return UrbanTwinError(QT_TRANSLATE_NOOP(
        "@default", "{} declares more than it holds ({} needs at least {} bytes, the file has {}): it is truncated or "
                    "forged, and is not read"), os.path.basename(path), what, needed, held)


def _ply(path: str, size: int) -> None:
    with open(path, "rb") as stream:
        head = stream.read(_HEADER_MAX)
    end = head.find(b"end_header")
    if not head.startswith(b"ply") or end < 0:
        raise ValueError("no PLY header ending in end_header")
    newline = head.find(b"\n", end)
    body = size - (newline + 1 if newline >= 0 else len(head))
    binary = False
    elements: list[list] = []  # name, count, bytes a row needs at least, values a row has at least
    for words in (line.split() for line in head[:end].decode("ascii", "replace").splitlines()):
        if words[:1] == ["format"]:
            binary = words[1] != "ascii"
        elif words[:1] == ["element"]:
            count = int(words[2])
            if count < 0:
                raise ValueError(f"element {words[1]} has a negative count")
            elements.append([words[1], count, 0, 0])
        elif words[:1] == ["property"] and elements:
            # a list costs at least its count (its items may be none)
            elements[-1][2] += _PLY_BYTES[words[2] if words[1] == "list" else words[1]]
            elements[-1][3] += 1
    # ASCII: a value is at least one character and a separator
    needed = sum(count * (row if binary else 2 * values) for _, count, row, values in elements)
    if needed > body + 1:
        what = ", ".join(f"{count} × {name}" for name, count, _, _ in elements)
        raise _too_large(path, what, needed, size)


def _stl(path: str, size: int) -> None:
    with open(path, "rb") as stream:
        head = stream.read(256)
    # VTK reads a file as ASCII STL when it starts like one; anything else as binary: 80 bytes, a count,
    # then 50 bytes a triangle.
    if head.lstrip().startswith(b"solid") and max(head, default=0) < 128:
        return
    if size < 84:
        raise ValueError("shorter than a binary STL header")
    count = struct.unpack_from("<I", head, 80)[0]
    if 84 + 50 * count > size:
        raise _too_large(path, f"{count} triangles", 84 + 50 * count, size)


def _gltf(path: str, size: int) -> None:
    """A glTF, binary (GLB: header, JSON chunk, BIN chunk) or JSON, whatever its extension says (VTK looks)."""
    with open(path, "rb") as stream:
        if stream.read(4) != b"glTF":
            stream.seek(0)
            _gltf_document(path, size, json.load(stream), 0)
            return
        _, _, json_length, json_type = struct.unpack("<IIII", stream.read(16))
        if json_type != 0x4E4F534A:
            raise ValueError("the first chunk of a GLB is not JSON")
        if 20 + json_length > size:
            raise _too_large(path, "its JSON chunk", 20 + json_length, size)
        document = json.loads(stream.read(json_length))
        chunk = stream.read(8)
        binary = min(struct.unpack("<I", chunk[:4])[0], size - stream.tell()) if len(chunk) == 8 else 0
    _gltf_document(path, size, document, binary)


def _gltf_document(path: str, size: int, document: dict, binary: int) -> None:
    """Check a glTF's buffers against the bytes behind them, its views and accessors against their holders."""
    folder = os.path.dirname(os.path.abspath(path))
    held = []
    for i, buffer in enumerate(document.get("buffers", [])):
        uri = buffer.get("uri")
        if uri is None:
            available = binary
        elif uri.startswith("data:"):
            available = len(base64.b64decode(uri.partition(",")[2]))
        else:
            target = _beside(path, folder, uri)
            available = os.path.getsize(target) if os.path.isfile(target) else 0
        if int(buffer["byteLength"]) > available:
            raise _too_large(path, f"buffer {i}", int(buffer["byteLength"]), available)
        held.append(int(buffer["byteLength"]))
    views = []
    for i, view in enumerate(document.get("bufferViews", [])):
        end = int(view.get("byteOffset", 0)) + int(view["byteLength"])
        if end > held[int(view["buffer"])]:
            raise _too_large(path, f"buffer view {i}", end, held[int(view["buffer"])])
        views.append(view)
    for i, accessor in enumerate(document.get("accessors", [])):
        element = _GLTF_COMPONENT_BYTES[int(accessor["componentType"])] * _GLTF_TYPE_SIZE[accessor["type"]]
        count = int(accessor["count"])
        if "bufferView" in accessor:
            view = views[int(accessor["bufferView"])]
            stride = int(view.get("byteStride") or element)
            needed = int(accessor.get("byteOffset", 0)) + stride * max(count - 1, 0) + element
            if needed > int(view["byteLength"]):
                raise _too_large(path, f"accessor {i} ({count} values)", needed, int(view["byteLength"]))
        elif count * element > size + sum(held):  # zeros (or sparse values) a reader would still allocate
            raise _too_large(path, f"accessor {i} ({count} values)", count * element, size + sum(held))
    for image in document.get("images", []):
        if "uri" in image and not image["uri"].startswith("data:"):
            _beside(path, folder, image["uri"])


def _beside(path: str, folder: str, uri: str) -> str:
    """The file a relative URI names, refused unless it lies in the model's folder (or below it)."""
    target = os.path.realpath(os.path.join(folder, unquote(uri)))
    if "://" in uri or os.path.commonpath([target, os.path.realpath(folder)]) != os.path.realpath(folder):
        raise UrbanTwinError(QT_TRANSLATE_NOOP(
            "@default", "{} refers to a file outside its folder ({}): refused"), os.path.basename(path), uri)
    return target


#: The 3D formats read, each with the check of what it declares (OBJ declares nothing).
FORMATS = {".obj": lambda path, size: None, ".ply": _ply, ".stl": _stl, ".gltf": _gltf, ".glb": _gltf}
