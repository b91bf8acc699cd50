"""A client of the CKAN action API (Tokyo's open-data catalog, G-space, PLATEAU): searching with paging,
dataset and organization lookups, and downloads that resume, check size and hash, and never leave a
half-written file."""
from __future__ import annotations

import hashlib
import http.client
import json
import os
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Callable, Iterator

from .errors import UrbanTwinError

USER_AGENT = "UrbanTwinWorkbench/0.1 (+QGIS plugin)"
CHUNK = 1 << 16


class CatalogError(UrbanTwinError):
    """The catalog answered, but not with what the CKAN API promises."""


class OfflineError(UrbanTwinError):
    """The catalog could not be reached at all."""


class CkanClient:
    """The CKAN action API of one catalog (base URL without /api/3)."""

    def __init__(self, base_url: str, timeout: float = 15.0, retries: int = 3, backoff: float = 0.5):
        self.base_url = base_url.rstrip("/")
        self.timeout, self.retries, self.backoff = timeout, retries, backoff

    def action(self, name: str, **params) -> dict | list:
        """Call one action and return its `result`; errors become CatalogError or OfflineError."""
        query = urllib.parse.urlencode({k: v for k, v in params.items() if v is not None})
        url = f"{self.base_url}/api/3/action/{name}" + (f"?{query}" if query else "")
        body = self._get(url)
        try:
            answer = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            start = body[:200].decode("utf-8", "replace").strip().lower()
            what = "an HTML page" if start.startswith(("<!doctype", "<html")) else "something that is not JSON"
            raise CatalogError(f"{self.base_url} answered {name} with {what}: is it a CKAN catalog?") from None
        if not isinstance(answer, dict) or "success" not in answer:
            raise CatalogError(f"{self.base_url} answered {name} without the CKAN 'success' field")
        if not answer["success"]:
            error = answer.get("error") or {}
            raise CatalogError(f"{self.base_url} refused {name}: {error.get('message') or error.get('__type') or error}")
        return answer["result"]

    def _get(self, url: str) -> bytes:
        """GET with retries on connection problems and on 5xx answers; a CKAN error body is returned."""
        last: Exception | None = None
        for attempt in range(self.retries):
            try:
                with urllib.request.urlopen(self._request(url), timeout=self.timeout) as response:
                    return response.read()
            except urllib.error.HTTPError as exc:
                body = exc.read()
                if exc.code < 500 and body.lstrip().startswith(b"{"):
                    return body  # CKAN says what is wrong in its JSON
                if exc.code < 500:
                    raise CatalogError(f"{url} answered HTTP {exc.code} {exc.reason}") from None
                last = exc
            except (urllib.error.URLError, socket.timeout, ConnectionError) as exc:
                last = exc
            time.sleep(self.backoff * (2 ** attempt))
        if isinstance(last, urllib.error.HTTPError):
            raise CatalogError(f"{url} answered HTTP {last.code} {last.reason} {self.retries} times") from None
        raise OfflineError(f"{self.base_url} cannot be reached ({_reason(last)}): working offline "
                           "from the local mirror") from None

    @staticmethod
    def _request(url: str, headers: dict | None = None) -> urllib.request.Request:
        return urllib.request.Request(url, headers={"User-Agent": USER_AGENT, **(headers or {})})

    # --- actions --------------------------------------------------------------------------------
    def package_search(self, q: str = "*:*", fq: str | None = None, rows: int = 100, start: int = 0,
                       sort: str | None = None) -> dict:
        """One page of datasets: {'count': n, 'results': [...]}."""
        return self.action("package_search", q=q, fq=fq, rows=rows, start=start, sort=sort)

    def iter_packages(self, q: str = "*:*", fq: str | None = None, page: int = 100,
                      sort: str = "metadata_modified asc") -> Iterator[dict]:
        """Every dataset matching, page after page."""
        start = 0
        while True:
            result = self.package_search(q, fq, page, start, sort)
            rows = result.get("results", [])
            yield from rows
            start += len(rows)
            if not rows or start >= result.get("count", 0):
                return

    def package_show(self, dataset_id: str) -> dict:
        """One dataset with its resources."""
        return self.action("package_show", id=dataset_id)

    def organization_list(self) -> list:
        """The organizations, with their titles."""
        return self.action("organization_list", all_fields="true")

    def tag_list(self) -> list:
        """The tags in use."""
        return self.action("tag_list")

    # --- downloads ------------------------------------------------------------------------------
    def download(self, url: str, path: str, size: int | None = None, checksum: str | None = None,
                 progress: Callable[[float], None] | None = None,
                 is_canceled: Callable[[], bool] | None = None) -> str:
        """Download url to path, resuming a .part file; check size and hash; rename only when complete.

        checksum: 'sha256:…', 'md5:…' or a bare hex digest (its length picks the algorithm).
        """
        part = path + ".part"
        os.makedirs(os.path.dirname(os.path.abspath(path)) or ".", exist_ok=True)
        for attempt in range(self.retries + 1):
            done = os.path.getsize(part) if os.path.exists(part) else 0
            headers = {"Range": f"bytes={done}-"} if done else {}
            try:
                with urllib.request.urlopen(self._request(url, headers), timeout=self.timeout) as response:
                    if done and response.status != 206:
                        done = 0  # the server ignored the range: start again
                    total = _total(response, done) or size
                    with open(part, "ab" if done else "wb") as out:
                        while True:
                            if is_canceled and is_canceled():
                                raise InterruptedError("download canceled")
                            chunk = response.read(CHUNK)
                            if not chunk:
                                break
                            out.write(chunk)
                            done += len(chunk)
                            if progress and total:
                                progress(min(100.0, 100.0 * done / total))
                if total and done < total:
                    raise ConnectionError(f"connection closed at {done} of {total} bytes")
                break
            except urllib.error.HTTPError as exc:
                if exc.code == 416:  # the range starts at the end: already complete
                    break
                raise CatalogError(f"{url} answered HTTP {exc.code} {exc.reason}") from None
            except (urllib.error.URLError, socket.timeout, ConnectionError, http.client.HTTPException) as exc:
                if attempt == self.retries:
                    raise OfflineError(f"the download of {url} failed ({_reason(exc)}); "
                                       f"{done} bytes are kept and the next try resumes") from None
                time.sleep(self.backoff * (2 ** attempt))
        _verify(part, size, checksum, url)
        os.replace(part, path)
        return path


def _total(response, done: int) -> int | None:
    """The full size of the resource, from Content-Range or Content-Length."""
    content_range = response.headers.get("Content-Range")
    if content_range and "/" in content_range and not content_range.endswith("/*"):
        return int(content_range.rsplit("/", 1)[1])
    length = response.headers.get("Content-Length")
    return int(length) + done if length else None


def _verify(part: str, size: int | None, checksum: str | None, url: str) -> None:
    """Reject (and delete) a file whose size or hash is not the catalog's."""
    actual = os.path.getsize(part)
    if size and actual != size:
        os.remove(part)
        raise CatalogError(f"{url}: got {actual} bytes, the catalog says {size}; the file was rejected")
    if checksum:
        algorithm, _, digest = checksum.rpartition(":")
        algorithm = algorithm.lower() or {32: "md5", 40: "sha1", 64: "sha256"}.get(len(digest), "sha256")
        hasher = hashlib.new(algorithm)
        with open(part, "rb") as stream:
            for chunk in iter(lambda: stream.read(CHUNK), b""):
                hasher.update(chunk)
        if hasher.hexdigest().lower() != digest.lower():
            os.remove(part)
            raise CatalogError(f"{url}: the {algorithm} hash does not match the catalog's; the file was rejected")


def _reason(exc: Exception | None) -> str:
    reason = getattr(exc, "reason", None) or exc
    return str(reason)
