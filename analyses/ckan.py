"""A client of the CKAN action API (Tokyo's open-data catalog, G-space, PLATEAU): searching with paging,
dataset and organization lookups, and downloads that resume, check size and hash, and never leave a
half-written file.

Every answer is checked where it enters (`_search_page`, `_package`): a server that does not answer in
CKAN's shapes gets a sentence, not a traceback. No server can hold a request: an API call has a total
deadline and a download must keep moving (`_Watchdog`), whatever the socket timeout per read allows."""
from __future__ import annotations

import email.message
import hashlib
import http.client
import json
import logging
import os
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Callable, Iterator, cast

from .errors import QT_TRANSLATE_NOOP, UrbanTwinError

LOG = logging.getLogger(__name__)
USER_AGENT = "UrbanTwinWorkbench/0.1 (+QGIS plugin)"
CHUNK = 1 << 16
#: Seconds one API call may take in all, its retries included: a server trickling bytes cannot hold it longer
ANSWER_DEADLINE = 60.0
#: Bytes one API answer may have: a page of 100 datasets is well under 10 MB
MAX_ANSWER_BYTES = 64 << 20
#: A download must receive CHUNK bytes every STALL_SECONDS, else it is dropped (and resumes on the next try)
STALL_SECONDS = 60.0
#: How often a running request asks is_canceled()
CANCEL_POLL = 0.25
#: The fields of a dataset and of a resource that must be text when present
DATASET_TEXT = ("id", "name", "title", "notes", "metadata_modified", "license_id", "license_title", "license_url",
                "author")
RESOURCE_TEXT = ("id", "name", "url", "format", "hash")


class CatalogError(UrbanTwinError):
    """The catalog answered, but not with what the CKAN API promises."""


class OfflineError(UrbanTwinError):
    """The catalog could not be reached at all, or not within the deadline."""


class CanceledError(UrbanTwinError):
    """The user canceled a sync or a download; what was done is kept."""


class _DeadlineExceededError(TimeoutError):
    """The watchdog shut a request's connection: its deadline passed."""


class CkanClient:
    """The CKAN action API of one catalog (base URL without /api/3).

    timeout bounds each wait for data; deadline bounds a whole API call, retries included; stall is the
    download rule: CHUNK bytes must arrive every `stall` seconds.
    """

    def __init__(self, base_url: str, timeout: float = 15.0, retries: int = 3, backoff: float = 0.5,
                 deadline: float = ANSWER_DEADLINE, stall: float = STALL_SECONDS):
        self.base_url = base_url.rstrip("/")
        self.timeout, self.retries, self.backoff = timeout, retries, backoff
        self.deadline, self.stall = deadline, stall

    def action(self, name: str, is_canceled: Callable[[], bool] | None = None, **params) -> dict | list:
        """Call one action and return its `result`; errors become CatalogError or OfflineError."""
        query = urllib.parse.urlencode({k: v for k, v in params.items() if v is not None})
        url = f"{self.base_url}/api/3/action/{name}" + (f"?{query}" if query else "")
        body = self._get(url, is_canceled)
        try:
            answer = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
            start = body[:200].decode("utf-8", "replace").strip().lower()
            if start.startswith(("<!doctype", "<html")):
                raise CatalogError(QT_TRANSLATE_NOOP(
                    "@default", "{} answered {} with an HTML page: is it a CKAN catalog?"),
                    self.base_url, name) from None
            raise CatalogError(QT_TRANSLATE_NOOP(
                "@default", "{} answered {} with something that is not JSON: is it a CKAN catalog?"),
                self.base_url, name) from None
        if not isinstance(answer, dict) or "success" not in answer:
            raise CatalogError(QT_TRANSLATE_NOOP(
                "@default", "{} answered {} without the CKAN 'success' field"), self.base_url, name)
        if not answer["success"]:
            error = answer.get("error")
            error = error if isinstance(error, dict) else {"message": error}
            raise CatalogError(QT_TRANSLATE_NOOP("@default", "{} refused {}: {}"), self.base_url, name,
                               _excerpt(error.get("message") or error.get("__type") or error))
        return cast("dict | list", answer.get("result"))  # its shape is checked by the callers, where it enters

    def _get(self, url: str, is_canceled: Callable[[], bool] | None = None) -> bytes:
        """GET within the deadline, retrying connection problems, cut answers and 5xx; a CKAN error body is returned."""
        end = time.monotonic() + self.deadline
        last: Exception | None = None
        for attempt in range(self.retries):
            try:
                status, reason, body = self._fetch(url, end - time.monotonic(), is_canceled)
            except (OSError, http.client.HTTPException) as exc:  # unreachable, timed out, reset, cut short
                last = exc
            else:
                if status < 400 or (status < 500 and body.lstrip().startswith(b"{")):
                    return body  # CKAN says what is wrong in its JSON
                if status < 500:
                    raise CatalogError(QT_TRANSLATE_NOOP("@default", "{} answered HTTP {} {}"), url, status, reason)
                last = urllib.error.HTTPError(url, status, reason, email.message.Message(), None)
            pause = self.backoff * (2 ** attempt)
            if attempt + 1 == self.retries or time.monotonic() + pause >= end:
                break
            time.sleep(pause)
        raise self._failure(url, last)

    def _fetch(self, url: str, seconds: float, is_canceled) -> tuple[int, str, bytes]:
        """One GET that ends within `seconds`: (status, reason, body), the body at most MAX_ANSWER_BYTES."""
        with _Watchdog(seconds, is_canceled) as watchdog:
            try:
                response = watchdog.open(self._request(url), self.timeout)
            except urllib.error.HTTPError as exc:
                response = exc  # an HTTP error is an answer too: CKAN puts its reason in the body
            with response:
                body = bytearray()
                while chunk := _read(response):
                    body += chunk
                    if len(body) > MAX_ANSWER_BYTES:
                        raise CatalogError(QT_TRANSLATE_NOOP(
                            "@default", "{} sent more than {} MB for one answer; refused"),
                            url, f"{MAX_ANSWER_BYTES / 1e6:g}")
                _check_complete(response)
                return response.status, str(getattr(response, "reason", "")), bytes(body)

    def _failure(self, url: str, last: Exception | None) -> UrbanTwinError:
        """The sentence for a request that failed every try."""
        if isinstance(last, urllib.error.HTTPError):
            return CatalogError(QT_TRANSLATE_NOOP("@default", "{} answered HTTP {} {} {} times"), url, last.code,
                                last.reason, self.retries)
        if isinstance(last, _DeadlineExceededError):
            return OfflineError(QT_TRANSLATE_NOOP(
                "@default", "{} did not finish answering within {} s: working offline from the local mirror"),
                self.base_url, f"{self.deadline:g}")
        if isinstance(last, http.client.IncompleteRead):
            return OfflineError(QT_TRANSLATE_NOOP(
                "@default", "{} cut its answer short {} times: working offline from the local mirror"),
                self.base_url, self.retries)
        return OfflineError(QT_TRANSLATE_NOOP(
            "@default", "{} cannot be reached ({}): working offline from the local mirror"),
            self.base_url, _reason(last))

    @staticmethod
    def _request(url: str, headers: dict | None = None) -> urllib.request.Request:
        """A GET request; only http and https (a catalog's file:// URL would read this machine's files)."""
        if urllib.parse.urlsplit(url).scheme.lower() not in ("http", "https"):
            raise CatalogError(QT_TRANSLATE_NOOP("@default", "{} is not an http or https address; refused"), url)
        return urllib.request.Request(url, headers={"User-Agent": USER_AGENT, **(headers or {})})

    # --- actions --------------------------------------------------------------------------------
    def package_search(self, q: str = "*:*", fq: str | None = None, rows: int = 100, start: int = 0,
                       sort: str | None = None, is_canceled: Callable[[], bool] | None = None) -> dict:
        """One page of datasets: {'count': n, 'results': [...]}, checked."""
        result = self.action("package_search", is_canceled, q=q, fq=fq, rows=rows, start=start, sort=sort)
        return _search_page(result, self.base_url)

    def iter_packages(self, q: str = "*:*", fq: str | None = None, page: int = 100,
                      sort: str = "metadata_modified asc",
                      is_canceled: Callable[[], bool] | None = None) -> Iterator[dict]:
        """Every dataset matching, page after page (the caller bounds how many it takes)."""
        start = 0
        while True:
            result = self.package_search(q, fq, page, start, sort, is_canceled)
            rows = result["results"]
            yield from rows
            start += len(rows)
            if not rows or start >= result["count"]:
                return

    def package_show(self, dataset_id: str) -> dict:
        """One dataset with its resources."""
        return _package(self.action("package_show", id=dataset_id), self.base_url, "package_show")

    def organization_list(self) -> list:
        """The organizations, with their titles."""
        return _list(self.action("organization_list", all_fields="true"), self.base_url, "organization_list")

    def tag_list(self) -> list:
        """The tags in use."""
        return _list(self.action("tag_list"), self.base_url, "tag_list")

    # --- downloads ------------------------------------------------------------------------------
    def download(self, url: str, path: str, size: int | None = None, checksum: str | None = None,
                 progress: Callable[[float], None] | None = None,
                 is_canceled: Callable[[], bool] | None = None) -> str:
        """Download url to path, resuming a .part file; check size and hash; rename only when complete.

        checksum: 'sha256:…', 'md5:…' or a bare hex digest (its length picks the algorithm); an algorithm
        this plugin does not know is refused before anything is fetched. The stall rule: CHUNK bytes must
        arrive every `stall` seconds, else the connection is dropped and retried from where it stopped.
        """
        part = path + ".part"
        try:
            hasher, digest = _hasher(checksum, url)
        except CatalogError:
            if os.path.exists(part):
                os.remove(part)  # it can never be verified
            raise
        os.makedirs(os.path.dirname(os.path.abspath(path)) or ".", exist_ok=True)
        for attempt in range(self.retries + 1):
            done = os.path.getsize(part) if os.path.exists(part) else 0
            try:
                if self._download_once(url, part, done, size, progress, is_canceled):
                    break
            except urllib.error.HTTPError as exc:
                raise CatalogError(QT_TRANSLATE_NOOP("@default", "{} answered HTTP {} {}"), url, exc.code,
                                   exc.reason) from None
            except CanceledError:
                raise CanceledError(QT_TRANSLATE_NOOP(
                    "@default", "the download was canceled; {} bytes are kept and the next try resumes"),
                    os.path.getsize(part) if os.path.exists(part) else 0) from None
            except (OSError, http.client.HTTPException) as exc:
                if attempt == self.retries:
                    kept = os.path.getsize(part) if os.path.exists(part) else 0
                    if isinstance(exc, _DeadlineExceededError):
                        raise OfflineError(QT_TRANSLATE_NOOP(
                            "@default", "the download of {} stalled (less than {} KiB in {} s); {} bytes are kept "
                                        "and the next try resumes"),
                            url, CHUNK >> 10, f"{self.stall:g}", kept) from None
                    raise OfflineError(QT_TRANSLATE_NOOP(
                        "@default", "the download of {} failed ({}); {} bytes are kept and the next try resumes"),
                        url, _reason(exc), kept) from None
                time.sleep(self.backoff * (2 ** attempt))
        _verify(part, size, hasher, digest, url)
        os.replace(part, path)
        return path

    def _download_once(self, url: str, part: str, done: int, size: int | None, progress, is_canceled) -> bool:
        """One connection's worth of the download, appended to part; True when the file is complete."""
        headers = {"Range": f"bytes={done}-"} if done else {}
        with _Watchdog(self.stall, is_canceled) as watchdog:
            try:
                response = watchdog.open(self._request(url, headers), self.timeout)
            except urllib.error.HTTPError as exc:
                if exc.code == 416:  # the range starts at the end: already complete
                    return True
                raise
            with response:
                if done and response.status != 206:
                    done = 0  # the server ignored the range: start again
                total = _total(response, done) or size
                moved = 0
                with open(part, "ab" if done else "wb") as out:
                    while chunk := _read(response):
                        out.write(chunk)
                        done += len(chunk)
                        moved += len(chunk)
                        if moved >= CHUNK:  # it keeps moving: the stall clock starts again
                            watchdog.extend(self.stall)
                            moved = 0
                        if progress and total:
                            progress(min(100.0, 100.0 * done / total))
                        if size and done > size:
                            return True  # more than the catalog's size: _verify rejects it, no need for the rest
        if total and done < total:
            raise ConnectionError(f"connection closed at {done} of {total} bytes")
        return True


class _Watchdog:
    """Shuts a request's sockets when its deadline passes or the user cancels.

    The socket timeout bounds only each wait for data, so a server sending a byte every few seconds could
    hold a request for ever; shutting the socket from this thread ends the blocked read at once.
    """

    def __init__(self, seconds: float, is_canceled: Callable[[], bool] | None = None):
        self.deadline = time.monotonic() + seconds
        self.is_canceled = is_canceled
        self.expired = self.canceled = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="urban_twin-request-watchdog", daemon=True)

    def __enter__(self) -> _Watchdog:
        if self.is_canceled and self.is_canceled():
            raise CanceledError(QT_TRANSLATE_NOOP("@default", "canceled"))
        self._thread.start()
        return self

    def __exit__(self, *_exc) -> None:
        self._done.set()
        self._thread.join()
        if self.canceled:
            raise CanceledError(QT_TRANSLATE_NOOP("@default", "canceled"))
        if self.expired:  # whatever the shut socket made the reader raise (or not), this is what happened
            raise _DeadlineExceededError("deadline passed")

    def extend(self, seconds: float) -> None:
        """Move the deadline to `seconds` from now."""
        self.deadline = time.monotonic() + seconds

    def open(self, request: urllib.request.Request, timeout: float):
        """urlopen, with every connection (redirects too) watched."""
        opener = urllib.request.build_opener(_WatchedHTTP(self), _WatchedHTTPS(self))
        return opener.open(request, timeout=timeout)

    def connection(self, http_class):
        """A connection factory for urllib whose sockets this watchdog can shut."""
        def make(host, **kwargs):
            connection = http_class(host, **kwargs)
            connect = connection.connect

            def connect_and_watch():
                connect()
                with self._lock:
                    self._sockets.append(connection.sock)
                if self.expired or self.canceled:
                    self._shut()
            connection.connect = connect_and_watch
            return connection
        return make

    def _watch(self) -> None:
        while True:
            wait = self.deadline - time.monotonic()
            if self.is_canceled:
                wait = min(wait, CANCEL_POLL)
            if self._done.wait(max(wait, 0.0)):
                return
            if self.is_canceled and self.is_canceled():
                self.canceled = True
            elif time.monotonic() >= self.deadline:
                self.expired = True
            else:
                continue
            self._shut()
            return

    def _shut(self) -> None:
        with self._lock:
            for sock in self._sockets:
                try:
                    socket.socket.shutdown(sock, socket.SHUT_RDWR)  # the plain socket's: TLS state is left alone
                except OSError:
                    pass


class _Watched:
    """A urllib handler whose connections a _Watchdog watches."""

    def __init__(self, watchdog: _Watchdog):
        super().__init__()
        self.watchdog = watchdog

    def do_open(self, http_class, req, **kwargs):
        """Open with a watched connection."""
        return super().do_open(self.watchdog.connection(http_class), req, **kwargs)


class _WatchedHTTP(_Watched, urllib.request.HTTPHandler):
    pass


class _WatchedHTTPS(_Watched, urllib.request.HTTPSHandler):
    pass


def _read(response) -> bytes:
    """What has arrived (at most CHUNK bytes), without waiting to fill the chunk: the watchdog checks between reads."""
    stream = _stream(response)
    if stream is None:
        return b""
    return stream.read1(CHUNK) if hasattr(stream, "read1") else stream.read(CHUNK)


def _check_complete(response) -> None:
    """Raise IncompleteRead when the connection ended before the Content-Length promised (read1 does not)."""
    missing = getattr(_stream(response), "length", None)
    if missing:
        raise http.client.IncompleteRead(b"", missing)


def _stream(response):
    """The http.client response under urllib's answer (an HTTPError wraps one)."""
    return getattr(response, "fp", None) if isinstance(response, urllib.error.HTTPError) else response


# --- checking what the catalog answers ---------------------------------------------------------------
def _search_page(result, catalog: str) -> dict:
    """A package_search result as CKAN gives it: {'count': whole number, 'results': [dataset, ...]}."""
    if not isinstance(result, dict):
        raise CatalogError(QT_TRANSLATE_NOOP(
            "@default", "{} answered package_search with {} instead of an object with 'count' and 'results'"),
            catalog, _excerpt(result))
    count, rows = result.get("count"), result.get("results")
    if not isinstance(count, int) or isinstance(count, bool) or count < 0:
        raise CatalogError(QT_TRANSLATE_NOOP(
            "@default", "{} answered package_search with a 'count' that is not a whole number: {}"),
            catalog, _excerpt(count))
    if not isinstance(rows, list):
        raise CatalogError(QT_TRANSLATE_NOOP(
            "@default", "{} answered package_search with 'results' that are not a list: {}"), catalog, _excerpt(rows))
    return {**result, "results": [_package(row, catalog, "package_search") for row in rows]}


def _package(package, catalog: str, action: str) -> dict:
    """A dataset as CKAN gives it: an id or name, text where text belongs, lists of objects where lists belong."""
    if not isinstance(package, dict) or not isinstance(package.get("id") or package.get("name"), str):
        raise CatalogError(QT_TRANSLATE_NOOP("@default", "{} answered {} with a dataset that has no id: {}"),
                           catalog, action, _excerpt(package))
    name = package.get("id") or package.get("name")
    shapes: list[tuple[dict, str, type]] = [(package, key, str) for key in DATASET_TEXT]
    shapes += [(package, "organization", dict), (package, "tags", list), (package, "resources", list),
               (package, "extras", list)]
    if isinstance(package.get("organization"), dict):
        shapes += [(package["organization"], key, str) for key in ("name", "title")]
    if isinstance(package.get("tags"), list):
        shapes += [(tag, key, str) for tag in package["tags"] if isinstance(tag, dict)
                   for key in ("name", "display_name")]
    for resource in package.get("resources") or []:
        if not isinstance(resource, dict):
            raise CatalogError(QT_TRANSLATE_NOOP(
                "@default", "{} answered {} with dataset {} whose resource is not an object: {}"),
                catalog, action, name, _excerpt(resource))
        shapes += [(resource, key, str) for key in RESOURCE_TEXT]
    for owner, key, kind in shapes:
        if owner.get(key) is not None and not isinstance(owner[key], kind):
            raise CatalogError(QT_TRANSLATE_NOOP(
                "@default", "{} answered {} with dataset {} whose '{}' is {}, which CKAN does not give"),
                catalog, action, name, key, _excerpt(owner[key]))
    return package


def _list(result, catalog: str, action: str) -> list:
    """A list result (organization_list, tag_list)."""
    if not isinstance(result, list):
        raise CatalogError(QT_TRANSLATE_NOOP("@default", "{} answered {} with {} instead of a list"),
                           catalog, action, _excerpt(result))
    return result


def _excerpt(value) -> str:
    """A value as JSON, cut to 60 characters, to name it in a message."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:59] + "…"


# --- downloads ---------------------------------------------------------------------------------------
def _total(response, done: int) -> int | None:
    """The full size of the resource, from Content-Range or Content-Length (None when neither makes sense)."""
    try:
        content_range = response.headers.get("Content-Range")
        if content_range and "/" in content_range and not content_range.endswith("/*"):
            return int(content_range.rsplit("/", 1)[1])
        length = response.headers.get("Content-Length")
        return int(length) + done if length else None
    except ValueError:
        return None


def _hasher(checksum, url: str) -> tuple[object | None, str]:
    """A hash object and the expected hex digest for the catalog's checksum; refuse what cannot be checked."""
    if not checksum:
        return None, ""
    algorithm, _, digest = str(checksum).strip().rpartition(":")
    algorithm = algorithm.strip().lower() or {32: "md5", 40: "sha1", 64: "sha256"}.get(len(digest), "")
    try:
        hasher = hashlib.new(algorithm)
    except ValueError:
        raise CatalogError(QT_TRANSLATE_NOOP(
            "@default", "{}: the catalog's hash {} uses an algorithm this plugin does not know (it knows sha256, sha1, "
                        "md5 and the other SHA hashes); the file cannot be verified and is not downloaded"),
            url, _excerpt(checksum)) from None
    digest = digest.strip().lower()
    if len(digest) != 2 * hasher.digest_size or any(c not in "0123456789abcdef" for c in digest):
        raise CatalogError(QT_TRANSLATE_NOOP(
            "@default", "{}: the catalog's hash {} is not a {} digest; the file cannot be verified and is not "
                        "downloaded"), url, _excerpt(checksum), algorithm)
    return hasher, digest


def _verify(part: str, size: int | None, hasher, digest: str, url: str) -> None:
    """Reject (and delete) a file whose size or hash is not the catalog's."""
    actual = os.path.getsize(part)
    if size and actual != size:
        os.remove(part)
        raise CatalogError(QT_TRANSLATE_NOOP(
            "@default", "{}: got {} bytes, the catalog says {}; the file was rejected"), url, actual, size)
    if hasher is not None:
        with open(part, "rb") as stream:
            for chunk in iter(lambda: stream.read(CHUNK), b""):
                hasher.update(chunk)
        if hasher.hexdigest() != digest:
            os.remove(part)
            raise CatalogError(QT_TRANSLATE_NOOP(
                "@default", "{}: the {} hash does not match the catalog's; the file was rejected"), url, hasher.name)


def _reason(exc: Exception | None) -> str:
    reason = getattr(exc, "reason", None) or exc
    return str(reason)
