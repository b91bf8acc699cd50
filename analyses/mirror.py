"""The offline mirror of open-data catalogs: dataset and resource metadata in SQLite with a full-text
index that finds Japanese substrings (FTS5 trigram), the downloaded files beside it, and export / import
to carry it to a machine with no network."""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import tempfile
import zipfile
from typing import Callable, Iterable

from .ckan import CkanClient
from .errors import QT_TRANSLATE_NOOP, UrbanTwinError

SCHEMA = """
create table if not exists catalogs(url text primary key, last_sync text);
create table if not exists datasets(
    id text primary key, catalog text, name text, title text, notes text, organization text,
    organization_title text, tags text, formats text, license_id text, license_title text, license_url text,
    author text, metadata_modified text, xmin real, ymin real, xmax real, ymax real, raw text);
create table if not exists resources(
    id text primary key, dataset_id text, name text, url text, format text, size integer, hash text,
    local_path text, downloaded_at text);
create index if not exists resources_dataset on resources(dataset_id);
-- One row per dataset, rowid = the dataset's rowid (kept in step by Mirror, not by triggers).
create virtual table if not exists datasets_fts using fts5(title, notes, tags, organization, tokenize='trigram');
"""
MIRROR_FILE = "mirror.sqlite"


class Mirror:
    """A mirror folder: mirror.sqlite and files/<dataset>/<resource>/<name>."""

    def __init__(self, folder: str):
        self.folder = folder
        os.makedirs(os.path.join(folder, "files"), exist_ok=True)
        self.db = sqlite3.connect(os.path.join(folder, MIRROR_FILE))
        self.db.row_factory = sqlite3.Row
        self.db.executescript(SCHEMA)

    def close(self) -> None:
        """Close the database."""
        self.db.close()

    # --- writing -------------------------------------------------------------------------------
    def store(self, catalog: str, packages: Iterable[dict]) -> int:
        """Insert or update CKAN package dicts (package_show / package_search shape); return the count."""
        count = 0
        with self.db:
            for package in packages:
                row = _dataset_row(catalog, package)
                self._unindex([row[0]])
                cursor = self.db.execute("insert or replace into datasets values (" + ",".join("?" * len(row)) + ")",
                                         row)
                self.db.execute("insert into datasets_fts(rowid, title, notes, tags, organization) values (?,?,?,?,?)",
                                (cursor.lastrowid, row[3], row[4], row[7], f"{row[5]} {row[6]}"))
                self.db.execute("delete from resources where dataset_id = ? and local_path is null", (row[0],))
                for resource in package.get("resources") or []:
                    self.db.execute(
                        "insert into resources(id, dataset_id, name, url, format, size, hash) values (?,?,?,?,?,?,?) "
                        "on conflict(id) do update set name=excluded.name, url=excluded.url, format=excluded.format, "
                        "size=excluded.size, hash=excluded.hash",
                        (resource.get("id") or resource.get("url"), row[0], resource.get("name") or "",
                         resource.get("url") or "", (resource.get("format") or "").upper(), _int(resource.get("size")),
                         resource.get("hash") or None))
                count += 1
        return count

    def _unindex(self, ids: list[str]) -> None:
        """Drop the full-text rows of these datasets (before they are replaced)."""
        for (rowid,) in self.db.execute(f"select rowid from datasets where id in ({','.join('?' * len(ids))})", ids):
            self.db.execute("delete from datasets_fts where rowid = ?", (rowid,))

    def sync(self, client: CkanClient, q: str = "*:*", progress: Callable[[int], None] | None = None) -> int:
        """Fetch what changed in a catalog since the last sync (everything the first time)."""
        last = self.db.execute("select last_sync from catalogs where url = ?", (client.base_url,)).fetchone()
        fq = f"metadata_modified:[{last[0]} TO *]" if last and last[0] else None
        newest, total = last[0] if last else None, 0

        def fetched():
            nonlocal newest, total
            for package in client.iter_packages(q, fq):
                modified = package.get("metadata_modified")
                if modified and (newest is None or modified > newest):
                    newest = modified
                total += 1
                if progress:
                    progress(total)
                yield package

        self.store(client.base_url, fetched())
        with self.db:
            self.db.execute("insert or replace into catalogs values (?, ?)", (client.base_url, newest))
        return total

    def download(self, resource_id: str, client: CkanClient | None = None, **kwargs) -> str:
        """The resource's local file, downloaded now if the mirror does not have it yet."""
        row = self.resource(resource_id)
        if row["local_path"] and os.path.exists(os.path.join(self.folder, row["local_path"])):
            return os.path.join(self.folder, row["local_path"])
        if client is None:
            raise UrbanTwinError(QT_TRANSLATE_NOOP(
                "@default", "{} is not in the mirror and there is no network"), row['name'] or resource_id)
        name = os.path.basename(row["url"].split("?")[0]) or f"{resource_id}.dat"
        relative = os.path.join("files", row["dataset_id"], resource_id, name)
        client.download(row["url"], os.path.join(self.folder, relative), row["size"], row["hash"], **kwargs)
        with self.db:
            self.db.execute("update resources set local_path = ?, downloaded_at = ? where id = ?",
                            (relative, dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), resource_id))
        return os.path.join(self.folder, relative)

    # --- reading -------------------------------------------------------------------------------
    def search(self, text: str = "", organization: str | None = None, tag: str | None = None,
               fmt: str | None = None, bbox: tuple[float, float, float, float] | None = None,
               limit: int = 50) -> list[dict]:
        """Datasets matching all the given filters, best matches first; all offline."""
        where, args, order = [], [], "d.metadata_modified desc"
        text = text.strip()
        if len(text) >= 3:  # the trigram index needs three characters
            where.append("d.rowid in (select rowid from datasets_fts where datasets_fts match ?)")
            args.append(" AND ".join('"' + word.replace('"', '""') + '"' for word in text.split()))
        elif text:
            where.append("(d.title like ? or d.notes like ? or d.tags like ?)")
            args += [f"%{text}%"] * 3
        if organization:
            where.append("(d.organization = ? or d.organization_title = ?)")
            args += [organization, organization]
        if tag:
            where.append("exists (select 1 from json_each(d.tags) where value = ?)")
            args.append(tag)
        if fmt:
            where.append("exists (select 1 from resources r where r.dataset_id = d.id and r.format = ?)")
            args.append(fmt.upper())
        if bbox:
            where.append("d.xmin <= ? and d.xmax >= ? and d.ymin <= ? and d.ymax >= ?")
            args += [bbox[2], bbox[0], bbox[3], bbox[1]]
        sql = ("select d.id, d.name, d.title, d.notes, d.organization_title, d.tags, d.formats, d.license_title, "
               "d.license_url, d.author, d.metadata_modified, d.catalog, "
               "(select count(*) from resources r where r.dataset_id = d.id and r.local_path is not null) as local "
               f"from datasets d {'where ' + ' and '.join(where) if where else ''} order by {order} limit ?")
        return [dict(row) for row in self.db.execute(sql, (*args, limit))]

    def dataset(self, dataset_id: str) -> dict:
        """One dataset with its resources."""
        row = self.db.execute("select * from datasets where id = ? or name = ?", (dataset_id, dataset_id)).fetchone()
        if row is None:
            raise UrbanTwinError(QT_TRANSLATE_NOOP("@default", "dataset {} is not in the mirror"), dataset_id)
        result = dict(row)
        result["tags"] = json.loads(result["tags"] or "[]")
        result["resources"] = [dict(r) for r in self.db.execute(
            "select * from resources where dataset_id = ? order by name", (row["id"],))]
        return result

    def resource(self, resource_id: str) -> dict:
        """One resource row."""
        row = self.db.execute("select * from resources where id = ?", (resource_id,)).fetchone()
        if row is None:
            raise UrbanTwinError(QT_TRANSLATE_NOOP("@default", "resource {} is not in the mirror"), resource_id)
        return dict(row)

    def facets(self) -> dict[str, list[str]]:
        """Organizations, tags and formats present, for filter lists."""
        organizations = [r[0] for r in self.db.execute(
            "select distinct organization_title from datasets where organization_title != '' order by 1")]
        tags = [r[0] for r in self.db.execute(
            "select distinct value from datasets, json_each(datasets.tags) order by 1")]
        formats = [r[0] for r in self.db.execute("select distinct format from resources where format != '' order by 1")]
        return {"organizations": organizations, "tags": tags, "formats": formats}

    def count(self) -> int:
        """How many datasets the mirror holds."""
        return self.db.execute("select count(*) from datasets").fetchone()[0]

    # --- carrying it ----------------------------------------------------------------------------
    def export(self, destination: str) -> str:
        """Copy the mirror (database and files) to a folder, or a .zip when destination ends so."""
        self.db.commit()
        with tempfile.TemporaryDirectory() as tmp:
            snapshot = os.path.join(tmp, MIRROR_FILE)
            with sqlite3.connect(snapshot) as copy:
                self.db.backup(copy)
            if destination.lower().endswith(".zip"):
                with zipfile.ZipFile(destination, "w", zipfile.ZIP_DEFLATED) as archive:
                    archive.write(snapshot, MIRROR_FILE)
                    for root, _, files in os.walk(os.path.join(self.folder, "files")):
                        for name in files:
                            full = os.path.join(root, name)
                            archive.write(full, os.path.relpath(full, self.folder))
            else:
                os.makedirs(destination, exist_ok=True)
                shutil.copy2(snapshot, os.path.join(destination, MIRROR_FILE))
                shutil.copytree(os.path.join(self.folder, "files"), os.path.join(destination, "files"),
                                dirs_exist_ok=True)
        return destination

    def import_from(self, source: str) -> int:
        """Merge an exported mirror (folder or .zip) into this one; return the datasets it brought."""
        with tempfile.TemporaryDirectory() as tmp:
            if source.lower().endswith(".zip"):
                with zipfile.ZipFile(source) as archive:
                    archive.extractall(tmp)
                source = tmp
            database = os.path.join(source, MIRROR_FILE)
            if not os.path.isfile(database):
                raise UrbanTwinError(QT_TRANSLATE_NOOP(
                    "@default", "{} is not an exported mirror (no {})"), source, MIRROR_FILE)
            shutil.copytree(os.path.join(source, "files"), os.path.join(self.folder, "files"), dirs_exist_ok=True)
            self.db.execute("attach database ? as other", (database,))
            with self.db:
                ids = [r[0] for r in self.db.execute("select id from other.datasets")]
                self._unindex(ids)
                for table in ("catalogs", "datasets", "resources"):
                    self.db.execute(f"insert or replace into {table} select * from other.{table}")
                self.db.execute("insert into datasets_fts(rowid, title, notes, tags, organization) "
                                "select rowid, title, notes, tags, organization || ' ' || organization_title "
                                "from datasets where id in (select id from other.datasets)")
            self.db.execute("detach database other")
            brought = len(ids)
        return brought


def _dataset_row(catalog: str, package: dict) -> tuple:
    organization = package.get("organization") or {}
    tags = [t.get("display_name") or t.get("name") for t in package.get("tags") or [] if isinstance(t, dict)]
    formats = sorted({(r.get("format") or "").upper() for r in package.get("resources") or [] if r.get("format")})
    bbox = _bbox(package)
    return (package.get("id") or package.get("name"), catalog, package.get("name") or "", package.get("title") or "",
            package.get("notes") or "", organization.get("name") or "", organization.get("title") or "",
            json.dumps(tags, ensure_ascii=False), ",".join(formats), package.get("license_id") or "",
            package.get("license_title") or "", package.get("license_url") or "",
            package.get("author") or organization.get("title") or "", package.get("metadata_modified") or "",
            *bbox, json.dumps(package, ensure_ascii=False))


def _bbox(package: dict) -> tuple:
    """(xmin, ymin, xmax, ymax) from the 'spatial' extra (GeoJSON) or bbox extras; NULLs when absent."""
    extras = {e.get("key"): e.get("value") for e in package.get("extras") or [] if isinstance(e, dict)}
    spatial = package.get("spatial") or extras.get("spatial")
    try:
        if spatial:
            geometry = json.loads(spatial) if isinstance(spatial, str) else spatial
            coords = _flatten(geometry.get("coordinates"))
            xs, ys = coords[0::2], coords[1::2]
            return min(xs), min(ys), max(xs), max(ys)
        if "bbox-west-long" in extras:
            return tuple(float(extras[k]) for k in ("bbox-west-long", "bbox-south-lat", "bbox-east-long",
                                                    "bbox-north-lat"))
    except (ValueError, TypeError, AttributeError):
        pass
    return None, None, None, None


def _flatten(value) -> list[float]:
    if isinstance(value, (int, float)):
        return [float(value)]
    return [x for item in value or [] for x in _flatten(item)]


def _int(value) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None
