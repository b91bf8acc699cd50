"""The offline mirror of open-data catalogs: dataset and resource metadata in SQLite with a full-text
index that finds Japanese substrings (FTS5 trigram), the downloaded files beside it, and export / import
to carry it to a machine with no network.

The path rule: every file the mirror writes or returns lies inside its files/ folder once resolved
(`_within`); catalog ids become single folder names or are refused, and a URL's file name that is not a
plain name is replaced. Anything else is refused with a message and logged."""
from __future__ import annotations

import datetime as dt
import itertools
import json
import logging
import os
import shutil
import sqlite3
import tempfile
import urllib.parse
import zipfile
import zlib
from typing import Callable, Iterable, Iterator

from .ckan import CanceledError, CatalogError, CkanClient
from .errors import QT_TRANSLATE_NOOP, UrbanTwinError

LOG = logging.getLogger(__name__)
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
COLUMNS = {"catalogs": "url, last_sync",
           "datasets": "id, catalog, name, title, notes, organization, organization_title, tags, formats, license_id, "
                       "license_title, license_url, author, metadata_modified, xmin, ymin, xmax, ymax, raw",
           "resources": "id, dataset_id, name, url, format, size, hash, local_path, downloaded_at"}
#: Datasets one sync fetches at most (a parameter of sync): a server claiming 10⁹ stops here
SYNC_LIMIT = 100_000
#: Datasets per transaction in a sync: a canceled or failed sync keeps the batches before it
SYNC_BATCH = 500
#: The longest file or folder name the mirror makes (bytes of UTF-8; file systems allow 255)
MAX_NAME = 200


class Mirror:
    """A mirror folder: mirror.sqlite and files/<dataset>/<resource>/<name>."""

    def __init__(self, folder: str):
        self.folder = folder
        os.makedirs(os.path.join(folder, "files"), exist_ok=True)
        database = os.path.join(folder, MIRROR_FILE)
        try:
            self.db = sqlite3.connect(database)
            self.db.row_factory = sqlite3.Row
            self.db.executescript(SCHEMA)
        except sqlite3.DatabaseError as exc:  # OperationalError too: a folder or an unreadable file of that name
            LOG.warning("the mirror database %s cannot be opened: %s", database, exc)
            raise UrbanTwinError(QT_TRANSLATE_NOOP(
                "@default", "{} is damaged or not a mirror database; move it away and sync or import again"),
                database) from None

    def close(self) -> None:
        """Close the database."""
        self.db.close()

    # --- writing -------------------------------------------------------------------------------
    def store(self, catalog: str, packages: Iterable[dict]) -> int:
        """Insert or update CKAN package dicts (package_show / package_search shape), in one transaction."""
        with self.db:
            return self._store(catalog, packages)

    def _store(self, catalog: str, packages: Iterable[dict]) -> int:
        """Insert or update packages inside the caller's transaction; return the count."""
        count = 0
        for package in packages:
            row = _dataset_row(catalog, package)
            self._unindex([row[0]])
            cursor = self.db.execute(f"insert or replace into datasets({COLUMNS['datasets']}) values "
                                     f"({','.join('?' * len(row))})", row)
            self.db.execute("insert into datasets_fts(rowid, title, notes, tags, organization) values (?,?,?,?,?)",
                            (cursor.lastrowid, row[3], row[4], row[7], f"{row[5]} {row[6]}"))
            self.db.execute("delete from resources where dataset_id = ? and local_path is null", (row[0],))
            for resource in package.get("resources") or []:
                if not (resource.get("id") or resource.get("url")):
                    continue  # nothing to name it by, nothing to fetch
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

    def sync(self, client: CkanClient, q: str = "*:*", progress: Callable[[int], None] | None = None,
             is_canceled: Callable[[], bool] | None = None, limit: int = SYNC_LIMIT) -> int:
        """Fetch what changed in a catalog since the last sync (everything the first time); return the count.

        At most `limit` datasets, committed SYNC_BATCH at a time with the sync mark (the newest
        metadata_modified stored), so a sync that is canceled, fails or reaches the limit keeps what it stored
        and the next one continues from there.
        """
        last = self.db.execute("select last_sync from catalogs where url = ?", (client.base_url,)).fetchone()
        newest = last[0] if last else None
        fq = f"metadata_modified:[{newest} TO *]" if newest else None
        packages = itertools.islice(client.iter_packages(q, fq, is_canceled=is_canceled), limit + 1)
        total, over = 0, False
        try:
            for batch in _batches(packages, SYNC_BATCH):
                over, batch = len(batch) > limit - total, batch[:limit - total]  # only the (limit + 1)-th is over
                newest = max([newest or "", *(p.get("metadata_modified") or "" for p in batch)]) or None
                with self.db:
                    self._store(client.base_url, batch)
                    self.db.execute("insert or replace into catalogs values (?, ?)", (client.base_url, newest))
                total += len(batch)
                if progress:
                    progress(total)
        except CanceledError:
            raise CanceledError(QT_TRANSLATE_NOOP(
                "@default", "the sync was canceled after {} datasets; they are kept and the next sync continues "
                            "from there"), total) from None
        if over:
            raise CatalogError(QT_TRANSLATE_NOOP(
                "@default", "{} has more than {} datasets for this search, the most one sync fetches: {} were stored "
                            "and the next sync continues from there"), client.base_url, limit, total)
        with self.db:
            self.db.execute("insert or replace into catalogs values (?, ?)", (client.base_url, newest))
        return total

    def download(self, resource_id: str, client: CkanClient | None = None, **kwargs) -> str:
        """The resource's local file, downloaded now if the mirror does not have it yet."""
        row = self.resource(resource_id)
        if row["local_path"]:
            path = self._file(row["local_path"])
            if os.path.isfile(path):
                return path
        if client is None:
            raise UrbanTwinError(QT_TRANSLATE_NOOP(
                "@default", "{} is not in the mirror and there is no network"), row['name'] or resource_id)
        url = str(row["url"] or "")
        relative = os.path.join("files", _folder_name(row["dataset_id"]), _folder_name(resource_id),
                                _file_name(url, resource_id))
        path = client.download(url, self._file(relative), row["size"], row["hash"], **kwargs)
        with self.db:
            self.db.execute("update resources set local_path = ?, downloaded_at = ? where id = ?",
                            (relative, dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), resource_id))
        return path

    def _file(self, relative: str) -> str:
        """The absolute path of a file of the mirror; refused, and logged, unless it lies inside files/."""
        path = _within(self.folder, relative)
        if path is None:
            LOG.warning("refused a path outside the mirror's files folder %s: %r", self.folder, relative)
            raise CatalogError(QT_TRANSLATE_NOOP(
                "@default", "the mirror's file {} would lie outside its files folder; refused"), relative)
        return path

    # --- reading -------------------------------------------------------------------------------
    def search(self, text: str = "", organization: str | None = None, tag: str | None = None,
               fmt: str | None = None, bbox: tuple[float, float, float, float] | None = None,
               limit: int = 50) -> list[dict]:
        """Datasets matching all the given filters, best matches first; all offline."""
        where: list[str] = []
        args: list[object] = []
        order = "d.metadata_modified desc"
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
        """Merge an exported mirror (folder or .zip) into this one; return the datasets it brought.

        The database is merged in one transaction before any file is copied, so a damaged export leaves the
        mirror as it was. Only regular files under files/ come along; a resource keeps this mirror's file
        unless the export brings that file.
        """
        with tempfile.TemporaryDirectory() as tmp:
            folder = _unzip(source, tmp) if source.lower().endswith(".zip") else source
            database = os.path.join(folder, MIRROR_FILE)
            if not os.path.isfile(database):
                raise UrbanTwinError(QT_TRANSLATE_NOOP(
                    "@default", "{} is not an exported mirror (no {})"), source, MIRROR_FILE)
            brought = self._merge(database, folder, source)
            if os.path.isdir(os.path.join(folder, "files")):  # a metadata-only export has none
                shutil.copytree(os.path.join(folder, "files"), os.path.join(self.folder, "files"),
                                dirs_exist_ok=True, ignore=_links)
        return brought

    def _merge(self, database: str, folder: str, source: str) -> int:
        """Merge an exported database, all or nothing; its local paths only where its folder has the file."""
        self.db.create_function("exported", 1, lambda path: _exported(folder, path), deterministic=True)
        resources = COLUMNS["resources"].replace(
            "local_path, downloaded_at",
            "case when exported(local_path) then local_path end, case when exported(local_path) then downloaded_at end")
        try:
            self.db.execute("attach database ? as other", (database,))
            with self.db:
                brought = self.db.execute("select count(*) from other.datasets").fetchone()[0]
                self.db.execute("delete from datasets_fts where rowid in (select rowid from datasets "
                                "where id in (select id from other.datasets))")
                for table in ("catalogs", "datasets"):
                    self.db.execute(f"insert or replace into {table}({COLUMNS[table]}) "
                                    f"select {COLUMNS[table]} from other.{table}")
                self.db.execute(
                    f"insert into resources({COLUMNS['resources']}) select {resources} from other.resources where true "
                    "on conflict(id) do update set dataset_id=excluded.dataset_id, name=excluded.name, "
                    "url=excluded.url, format=excluded.format, size=excluded.size, hash=excluded.hash, "
                    "local_path=coalesce(excluded.local_path, local_path), "
                    "downloaded_at=iif(excluded.local_path is null, downloaded_at, excluded.downloaded_at)")
                self.db.execute("insert into datasets_fts(rowid, title, notes, tags, organization) "
                                "select rowid, title, notes, tags, organization || ' ' || organization_title "
                                "from datasets where id in (select id from other.datasets)")
        except sqlite3.DatabaseError as exc:
            LOG.warning("import of %s refused: %s", database, exc)
            raise UrbanTwinError(QT_TRANSLATE_NOOP(
                "@default", "{} holds a damaged or foreign {}; nothing was imported and the mirror is unchanged"),
                source, MIRROR_FILE) from None
        finally:
            if any(row[1] == "other" for row in self.db.execute("pragma database_list")):
                self.db.execute("detach database other")
        return brought


def _batches(items: Iterable, size: int) -> Iterator[list]:
    """Lists of `size` items (the last one shorter)."""
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _within(folder: str, relative) -> str | None:
    """folder/relative resolved (links too), when it lies inside folder/files; None otherwise."""
    if not isinstance(relative, str) or not relative or "\0" in relative or os.path.isabs(relative):
        return None
    files = os.path.realpath(os.path.join(folder, "files"))
    path = os.path.realpath(os.path.join(folder, relative))
    return path if path != files and os.path.commonpath([files, path]) == files else None


def _exported(folder: str, relative) -> bool:
    """Whether an export's local path names a regular file inside its files folder (a hostile one is logged)."""
    if relative is None:
        return False
    path = _within(folder, relative)
    if path is None:
        LOG.warning("an imported mirror names a file outside its files folder: %r; ignored", relative)
    return path is not None and os.path.isfile(path)


def _is_name(text: str) -> bool:
    """A plain file or folder name: no separator, not . or .., not too long."""
    return (bool(text) and text not in (".", "..") and not any(c in text for c in "/\\:\0")
            and len(text.encode("utf-8", "surrogatepass")) <= MAX_NAME)


def _folder_name(value) -> str:
    """A catalog id as one folder name of the mirror; refused (and logged) when it is not a plain name."""
    text = str(value)
    if not _is_name(text):
        LOG.warning("refused a catalog id that is not a plain folder name: %r", text)
        raise CatalogError(QT_TRANSLATE_NOOP(
            "@default", "the catalog's id {} is not a plain name (it holds a path, or is too long); the mirror does "
                        "not store its files"), text)
    return text


def _file_name(url: str, resource_id: str) -> str:
    """The file name of a download: the URL's own when it is a plain name, else <resource id>.dat."""
    name = urllib.parse.unquote(os.path.basename(urllib.parse.urlsplit(url).path))
    return name if _is_name(name) else f"{resource_id}.dat"


def _unzip(source: str, folder: str) -> str:
    """Extract an exported .zip into folder (zipfile keeps every member inside it); a sentence if it is broken."""
    try:
        with zipfile.ZipFile(source) as archive:
            archive.extractall(folder)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
        LOG.warning("import of %s refused: %s", source, exc)
        raise UrbanTwinError(QT_TRANSLATE_NOOP(
            "@default", "{} is not a readable zip file; nothing was imported and the mirror is unchanged"),
            source) from None
    return folder


def _links(folder: str, names: list[str]) -> list[str]:
    """The symbolic links among names (an import brings regular files only)."""
    return [name for name in names if os.path.islink(os.path.join(folder, name))]


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
            west, south, east, north = (float(extras[k] or "nan") for k in ("bbox-west-long", "bbox-south-lat",
                                                                          "bbox-east-long", "bbox-north-lat"))
            return west, south, east, north
    except (ValueError, TypeError, AttributeError, RecursionError):
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
