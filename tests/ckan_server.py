"""A CKAN-compatible HTTP server on 127.0.0.1 for the tests: the action API in the shapes CKAN 2.9/2.10
answer (Japanese text as Tokyo's catalog has it), paging, errors, an HTML page, ranged downloads and a
connection that drops half-way through a file.

Under /hostile/<mode>/ the same API answers as a broken or malicious server would (see HOSTILE)."""
from __future__ import annotations

import hashlib
import json
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CSV_SJIS = "名称,住所,緯度,経度\n日比谷公園,千代田区日比谷公園,35.6736,139.7563\n上野恩賜公園,台東区上野公園,35.7153,139.7737\n"
FILES = {
    "parks.csv": CSV_SJIS.encode("cp932"),
    "big.bin": bytes(range(256)) * 4096,  # 1 MiB, sent in two halves: the first try drops
    "bad.csv": b"a,b\n1,2\n",
    "..": CSV_SJIS.encode("cp932"),  # a URL whose file name is ..
}
#: /hostile/<mode>/api/3/action/package_search answers: what each mode does
HOSTILE = {
    "list-result": "'result' is a list",
    "string-count": "'count' is a string",
    "null-results": "'results' is null",
    "string-organization": "a dataset's 'organization' is a string",
    "cut-once": "the first answer stops half-way through its body, the next ones are whole",
    "cut-always": "every answer stops half-way through its body",
    "billion": "claims 10⁹ datasets and makes up every page asked for",
    "trickle": "sends the headers, then one byte of the body every 5 s",
    "trickle-headers": "sends even the status line one byte every 5 s",
    "evil-ids": "dataset and resource ids with ../ and absolute paths, and a URL whose file name is ..",
}
TRICKLE_SECONDS = 5.0


def _resource(rid: str, name: str, fmt: str, file: str, hash_ok: bool = True) -> dict:
    data = FILES[file]
    digest = hashlib.sha256(data).hexdigest() if hash_ok else "0" * 64
    return {"id": rid, "name": name, "format": fmt, "url": f"{{base}}/files/{file}", "size": len(data),
            "hash": f"sha256:{digest}", "mimetype": "text/csv", "package_id": None, "position": 0,
            "created": "2024-04-01T00:00:00.000000", "last_modified": None}


def packages() -> list[dict]:
    """Twelve datasets: three real-looking ones and nine fillers for paging."""
    tokyo = {"id": "org-tokyo", "name": "tokyo", "title": "東京都", "type": "organization"}
    plateau = {"id": "org-mlit", "name": "mlit", "title": "国土交通省", "type": "organization"}
    base = [
        {"id": "ds-parks", "name": "tokyo-parks", "title": "都立公園一覧", "notes": "東京都が管理する都立公園の名称と所在地。",
         "organization": tokyo, "license_id": "cc-by-4.0", "license_title": "クリエイティブ・コモンズ 表示 4.0 国際",
         "license_url": "https://creativecommons.org/licenses/by/4.0/deed.ja", "metadata_modified": "2024-05-01T09:00:00.000000",
         "tags": [{"name": "公園", "display_name": "公園"}, {"name": "parks", "display_name": "parks"}],
         "extras": [{"key": "spatial", "value": json.dumps({"type": "Polygon", "coordinates": [[[139.5, 35.5], [139.9, 35.5], [139.9, 35.8], [139.5, 35.8], [139.5, 35.5]]]})}],
         "resources": [_resource("res-parks", "都立公園一覧 (CSV, Shift_JIS)", "CSV", "parks.csv")]},
        {"id": "ds-big", "name": "big-file", "title": "大きなファイル（再開テスト）", "notes": "Resumable download test.",
         "organization": tokyo, "license_id": "cc-by-4.0", "license_title": "CC BY 4.0", "license_url": "",
         "metadata_modified": "2024-05-02T09:00:00.000000", "tags": [{"name": "test"}],
         "resources": [_resource("res-big", "big", "BIN", "big.bin")]},
        {"id": "ds-bad", "name": "bad-hash", "title": "ハッシュ不一致", "notes": "Wrong hash test.",
         "organization": plateau, "license_id": "cc-by-4.0", "license_title": "CC BY 4.0", "license_url": "",
         "metadata_modified": "2024-05-03T09:00:00.000000", "tags": [{"name": "test"}],
         "resources": [_resource("res-bad", "bad", "CSV", "bad.csv", hash_ok=False)]},
    ]
    fillers = [{"id": f"ds-{i:02d}", "name": f"plateau-{i:02d}", "title": f"3D都市モデル（PLATEAU）区域{i:02d}",
                "notes": "建築物 LOD2, CityGML", "organization": plateau, "license_id": "plateau",
                "license_title": "PLATEAU Site Policy", "license_url": "https://www.mlit.go.jp/plateau/site-policy/",
                "metadata_modified": f"2024-04-{i + 1:02d}T00:00:00.000000",
                "tags": [{"name": "3D都市モデル"}, {"name": "PLATEAU"}],
                "resources": [{"id": f"res-{i:02d}", "name": "CityGML", "format": "CityGML",
                               "url": f"{{base}}/files/none-{i}.zip", "size": None, "hash": ""}]}
               for i in range(9)]
    return base + fillers


def evil_packages() -> list[dict]:
    """Datasets whose ids are paths, and a resource whose URL ends in /.. (its file is parks.csv)."""
    good = _resource("res-ok", "ok", "CSV", "parks.csv")
    return [{"id": dataset, "name": f"evil-{n}", "title": f"悪意のある ID {n}",
             "metadata_modified": f"2024-06-0{n + 1}", "resources": [{**good, "id": resource, "url": url}]}
            for n, (dataset, resource, url) in enumerate([
                ("../../outside", "res-up", "{base}/files/parks.csv"),
                ("/tmp/urban_twin_hostile_abs", "res-abs", "{base}/files/parks.csv"),
                ("ds-ok", "../../../escape", "{base}/files/parks.csv"),
                ("ds-ok2", "/tmp/urban_twin_hostile_res", "{base}/files/parks.csv"),
                ("ds-dots", "res-dots", "{base}/files/.."),
            ])]


def billion_page(start: int, rows: int) -> dict:
    """A page of a catalog claiming 10⁹ datasets, made up on the spot."""
    return {"count": 10 ** 9, "results": [
        {"id": f"ds-{n:010d}", "name": f"n-{n:010d}", "title": f"データセット {n}",
         "metadata_modified": f"2024-01-01T00:00:00.{n:010d}", "resources": []}
        for n in range(start, start + min(rows, 1000))]}


class Handler(BaseHTTPRequestHandler):
    """CKAN's action API and file downloads."""

    server_version = "CKAN-test/2.10"
    drops: dict = {}

    def log_message(self, *args):  # quiet tests
        pass

    def do_GET(self):  # noqa: N802
        url = urllib.parse.urlparse(self.path)
        query = {k: v[0] for k, v in urllib.parse.parse_qs(url.query).items()}
        base = f"http://{self.headers['Host']}"
        if url.path.startswith("/hostile/"):
            _, _, mode, rest = url.path.split("/", 3)
            return self._hostile(mode, "/" + rest, query, base)
        if url.path == "/files/trickle.bin":
            return self._trickle(b"x" * 1000, headers_too=False)
        if url.path.startswith("/html/"):
            return self._send(200, b"<!DOCTYPE html><html><body>Portal</body></html>", "text/html")
        if url.path.startswith("/files/"):
            return self._file(url.path.rsplit("/", 1)[1])
        if not url.path.startswith("/api/3/action/"):
            return self._send(404, b"not found", "text/plain")
        action = url.path.rsplit("/", 1)[1]
        data = json.loads(json.dumps(packages()).replace("{base}", base))
        if action == "package_search":
            since = query.get("fq", "")
            if since.startswith("metadata_modified:["):
                after = since.split("[", 1)[1].split(" TO", 1)[0]
                data = [p for p in data if p["metadata_modified"] >= after]
            data.sort(key=lambda p: p["metadata_modified"])
            start, rows = int(query.get("start", 0)), int(query.get("rows", 10))
            return self._ok({"count": len(data), "results": data[start:start + rows], "sort": "metadata_modified asc",
                             "facets": {}, "search_facets": {}})
        if action == "package_show":
            found = [p for p in data if query.get("id") in (p["id"], p["name"])]
            if not found:
                return self._json(404, {"help": f"{base}/api/3/action/help_show?name=package_show", "success": False,
                                        "error": {"message": "見つかりません", "__type": "Not Found Error"}})
            return self._ok(found[0])
        if action == "organization_list":
            return self._ok([{"name": "tokyo", "title": "東京都"}, {"name": "mlit", "title": "国土交通省"}])
        if action == "tag_list":
            return self._ok(sorted({t["name"] for p in data for t in p["tags"]}))
        return self._json(400, {"success": False, "error": {"message": f"Action name not known: {action}",
                                                            "__type": "Validation Error"}})

    def _hostile(self, mode: str, path: str, query: dict, base: str):
        """The API as a broken or malicious server answers it (HOSTILE)."""
        page = {"count": 12, "results": [], "sort": "metadata_modified asc"}
        if mode == "evil-ids":
            evil = json.loads(json.dumps(evil_packages()).replace("{base}", base))
            return self._ok({"count": len(evil), "results": evil})
        if mode == "billion":
            return self._ok(billion_page(int(query.get("start", 0)), int(query.get("rows", 10))))
        if mode in ("list-result", "string-count", "null-results", "string-organization"):
            broken = {"list-result": [page], "string-count": {**page, "count": "12"},
                      "null-results": {**page, "results": None},
                      "string-organization": {**page, "results": [{**packages()[0], "organization": "東京都"}]}}
            return self._ok(broken[mode])
        self.path = path + ("?" + urllib.parse.urlencode(query) if query else "")
        if mode.startswith("trickle"):
            body = json.dumps({"success": True, "result": page}).encode()
            return self._trickle(body, headers_too=mode == "trickle-headers")
        if mode == "cut-always" or (mode == "cut-once" and not self.drops.get(mode)):
            self.drops[mode] = True
            self._cut = True  # _send sends half of the body and drops the connection
        return self.do_GET()

    def _trickle(self, body: bytes, headers_too: bool):
        """Send an answer one byte every TRICKLE_SECONDS (the headers at once unless headers_too)."""
        head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(body)
        data = head + body if headers_too else body
        try:
            if not headers_too:
                self.wfile.write(head)
            for byte in data:
                self.wfile.write(bytes([byte]))
                time.sleep(TRICKLE_SECONDS)
        except OSError:  # the client gave up
            pass
        self.close_connection = True

    def _ok(self, result):
        self._json(200, {"help": "http://localhost/api/3/action/help_show", "success": True, "result": result})

    def _json(self, status: int, body: dict):
        self._send(status, json.dumps(body, ensure_ascii=False).encode("utf-8"), "application/json;charset=utf-8")

    def _send(self, status: int, body: bytes, mime: str, headers: dict | None = None):
        self.send_response(status)
        self.send_header("Content-Type", mime)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if getattr(self, "_cut", False):
            self.wfile.write(body[: len(body) // 2])
            self.close_connection = True
            return
        self.wfile.write(body)

    def _file(self, name: str):
        data = FILES.get(name)
        if data is None:
            return self._send(404, b"no such file", "text/plain")
        start = 0
        if self.headers.get("Range", "").startswith("bytes="):
            start = int(self.headers["Range"][6:].split("-")[0])
        if start >= len(data):
            return self._send(416, b"", "text/plain")
        if name == "big.bin" and not self.drops.get(name):
            # First request: promise the whole file, send half, drop the connection.
            self.drops[name] = True
            self.send_response(200)
            self.send_header("Content-Type", "application/octet-stream")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data[: len(data) // 2])
            self.wfile.flush()
            self.close_connection = True
            return
        body = data[start:]
        headers = {"Content-Range": f"bytes {start}-{len(data) - 1}/{len(data)}"} if start else {}
        self._send(206 if start else 200, body, "application/octet-stream", headers)


class CkanServer:
    """Start and stop the server; `url` is its base URL."""

    def __init__(self):
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def start(self) -> CkanServer:
        Handler.drops = {}
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
