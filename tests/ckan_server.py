"""A CKAN-compatible HTTP server on 127.0.0.1 for the tests: the action API in the shapes CKAN 2.9/2.10
answer (Japanese text as Tokyo's catalog has it), paging, errors, an HTML page, ranged downloads and a
connection that drops half-way through a file."""
from __future__ import annotations

import hashlib
import json
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CSV_SJIS = "名称,住所,緯度,経度\n日比谷公園,千代田区日比谷公園,35.6736,139.7563\n上野恩賜公園,台東区上野公園,35.7153,139.7737\n"
FILES = {
    "parks.csv": CSV_SJIS.encode("cp932"),
    "big.bin": bytes(range(256)) * 4096,  # 1 MiB, sent in two halves: the first try drops
    "bad.csv": "a,b\n1,2\n".encode(),
}


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

    def start(self) -> "CkanServer":
        Handler.drops = {}
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
