"""Backups in one file: the database, every upload, and a manifest that a restore is checked against.

SQLite is copied with its online backup API, so the site may keep running and writing meanwhile;
PostgreSQL with pg_dump, in the same snapshot as the row counts. Uploads are read after the
database: a file uploaded meanwhile is at worst an extra file, never a row without its file.
"""

import datetime
import hashlib
import io
import json
import os
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from pathlib import Path

from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connection, transaction
from django.db.migrations.loader import MigrationLoader

FORMAT = "gcmhub-backup"
VERSION = 1
MANIFEST = "manifest.json"
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
UPLOADS = "uploads"
COMPRESSION = 1  # gzip level: 6 takes twice the time (1 GB of SQLite) for a file 13% smaller
TABLES = {
    "sqlite": "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    "postgresql": "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()",
}
UNREADABLE = (tarfile.TarError, EOFError, zlib.error, OSError)  # gzip.BadGzipFile is an OSError


class BackupError(Exception):
    """A backup that cannot be made or restored; the message says why."""


def backup(path: Path) -> dict:
    """Write the database, every upload and a manifest to the archive PATH; return the manifest."""
    path = Path(path)
    if connection.vendor not in DATABASE_FILES:
        raise BackupError(f"Backups handle SQLite and PostgreSQL, not {connection.vendor}.")
    uploads = _uploads_root()
    with tempfile.TemporaryDirectory(dir=path.parent, prefix=".gcmhub-backup-") as work:
        database = Path(work) / DATABASE_FILES[connection.vendor]
        if connection.vendor == "sqlite":
            rows, migrations = _copy_sqlite(database)
        else:
            rows, migrations = _dump_postgresql(database)
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "created_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "database": connection.vendor,
            "migrations": migrations,
            "rows": rows,
            "uploads": _checksums(uploads),
        }
        _write_archive(path, manifest, database, uploads)
    return manifest


def inspect(path: Path) -> dict:
    """The manifest of the backup at PATH, once sure this site can restore it."""
    with _open(path) as archive:
        manifest = _read_manifest(archive, path)
    if manifest.get("version") != VERSION:
        raise BackupError(
            f"{path} is in backup format version {manifest.get('version')}; this gcmhub reads "
            f"version {VERSION}. Nothing was changed."
        )
    if manifest.get("database") != connection.vendor:
        raise BackupError(
            f"{path} was made on {manifest.get('database')}; this site uses "
            f"{connection.vendor}. Nothing was changed."
        )
    code = _code_migrations()
    archived = set(manifest.get("migrations", []))
    if archived != code:
        raise BackupError(
            f"{path} was made at other migrations than this code's (only in the backup: "
            f"{_some(archived - code)}; only in the code: {_some(code - archived)}). Restore it "
            "with the gcmhub version that made it, then upgrade. Nothing was changed."
        )
    return manifest


def restore(path: Path) -> dict:
    """Replace the database and the uploads with the backup at PATH, then check both against its
    manifest; return the manifest."""
    path = Path(path)
    manifest = inspect(path)
    uploads = _uploads_root()
    uploads.parent.mkdir(parents=True, exist_ok=True)
    # The work folder sits beside the uploads, so that swapping them is a rename.
    with tempfile.TemporaryDirectory(dir=uploads.parent, prefix=".gcmhub-restore-") as work:
        work = Path(work)
        try:
            with _open(path) as archive:
                archive.extractall(work, filter="data")
        except UNREADABLE as error:
            raise BackupError(f"{path} is damaged ({error}). Nothing was changed.") from error
        restored = work / UPLOADS
        restored.mkdir(exist_ok=True)  # a backup of a site without uploads has none
        database = work / DATABASE_FILES[connection.vendor]
        if not database.is_file() or _checksums(restored) != manifest["uploads"]:
            raise BackupError(
                f"{path} is damaged: its database or uploads differ from its manifest. "
                "Nothing was changed."
            )
        _restore_database(database)
        if uploads.exists():
            uploads.rename(work / "replaced")  # deleted with the work folder
        restored.rename(uploads)
    _verify(manifest, uploads)
    return manifest


def describe(manifest: dict) -> str:
    """What a backup holds, in a few words."""
    rows = manifest["rows"]
    return (
        f"{sum(rows.values()):,} rows in {len(rows)} tables and {len(manifest['uploads']):,} "
        "uploads"
    )


def _uploads_root() -> Path:
    """Where uploads are, once sure they are files this command can read."""
    if not isinstance(default_storage, FileSystemStorage):
        raise BackupError(
            f"Uploads are kept in {default_storage.__class__.__name__}, not in files under "
            "MEDIA_ROOT; this command backs up files only."
        )
    return Path(default_storage.location)


def _copy_sqlite(target: Path) -> tuple[dict, list]:
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        # All pages in one step: a consistent snapshot, while writers go on (WAL).
        connection.connection.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")  # one file, without -wal and -shm beside it
        return _inventory(copy.cursor())
    finally:
        copy.close()


def _dump_postgresql(target: Path) -> tuple[dict, list]:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        inventory = _inventory(cursor)
        # pg_dump reads the snapshot counted above, which stays open until it is done.
        _postgresql_client(
            ["pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={target}"]
        )
    return inventory


def _restore_database(source: Path) -> None:
    """Replace the whole database in one transaction: on failure, the old one stays."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        archived = sqlite3.connect(source)
        try:
            archived.backup(connection.connection)
        finally:
            archived.close()
    else:
        _postgresql_client(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                str(source),
            ]
        )


def _postgresql_client(command: list[str]) -> None:
    """Run pg_dump or pg_restore on the configured database; libpq reads the details (and any
    password) from the environment, so they never appear in the process list."""
    settings = connection.settings_dict
    env = dict(os.environ)
    for variable, value in [
        ("PGHOST", settings["HOST"]),
        ("PGPORT", settings["PORT"]),
        ("PGUSER", settings["USER"]),
        ("PGPASSWORD", settings["PASSWORD"]),
        ("PGSSLMODE", settings["OPTIONS"].get("sslmode")),
    ]:
        if value:
            env[variable] = str(value)
    result = subprocess.run(
        [*command, f"--dbname={settings['NAME']}"], env=env, capture_output=True, text=True
    )
    if result.returncode:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def _inventory(cursor) -> tuple[dict, list]:
    """Rows per table and the applied migrations, as a DB-API CURSOR sees them."""
    cursor.execute(TABLES[connection.vendor])
    rows = {}
    for (table,) in sorted(cursor.fetchall()):
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
        rows[table] = cursor.fetchone()[0]
    cursor.execute("SELECT app, name FROM django_migrations")
    return rows, sorted(f"{app}.{name}" for app, name in cursor.fetchall())


def _code_migrations() -> set[str]:
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return {f"{app}.{name}" for app, name in loader.disk_migrations}


def _checksums(root: Path) -> dict:
    """The SHA-256 of every file under ROOT, by its path relative to ROOT."""
    checksums = {}
    for folder, _folders, files in os.walk(root):
        for name in files:
            path = Path(folder) / name
            with path.open("rb") as file:
                checksums[path.relative_to(root).as_posix()] = hashlib.file_digest(
                    file, "sha256"
                ).hexdigest()
    return dict(sorted(checksums.items()))


def _write_archive(path: Path, manifest: dict, database: Path, uploads: Path) -> None:
    """Write under a temporary name, then rename: a crash never leaves half a backup at PATH."""
    with tempfile.NamedTemporaryFile(
        dir=path.parent, prefix=f".{path.name}.", delete=False
    ) as file:
        try:
            with tarfile.open(fileobj=file, mode="w:gz", compresslevel=COMPRESSION) as archive:
                data = json.dumps(manifest, indent=2).encode()
                info = tarfile.TarInfo(MANIFEST)  # first, so a restore refuses without reading on
                info.size, info.mode = len(data), 0o600
                info.mtime = int(datetime.datetime.now(datetime.UTC).timestamp())
                archive.addfile(info, io.BytesIO(data))
                archive.add(database, arcname=database.name)
                for name in manifest["uploads"]:
                    archive.add(uploads / name, arcname=f"{UPLOADS}/{name}")
            file.flush()
            os.fsync(file.fileno())
        except BaseException:
            os.unlink(file.name)
            raise
    os.replace(file.name, path)  # the temporary file is 0600: backups hold personal data
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)  # and the rename itself survives a crash
    finally:
        os.close(folder)


def _open(path: Path) -> tarfile.TarFile:
    try:
        return tarfile.open(path, "r:gz")
    except UNREADABLE as error:
        raise BackupError(f"{path} is not a gcmhub backup ({error}).") from error


def _read_manifest(archive: tarfile.TarFile, path: Path) -> dict:
    try:
        member = archive.next()
        if member is None or member.name != MANIFEST:
            raise BackupError(f"{path} is not a gcmhub backup: it has no {MANIFEST} first.")
        manifest = json.load(archive.extractfile(member))
    except (*UNREADABLE, ValueError) as error:
        raise BackupError(f"{path} is not a gcmhub backup ({error}).") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{path} is not a gcmhub backup: its {MANIFEST} is another's.")
    return manifest


def _verify(manifest: dict, uploads: Path) -> None:
    """Fail loudly if the restored database or uploads differ from what the backup recorded."""
    with connection.cursor() as cursor:
        rows, _migrations = _inventory(cursor)
    checksums = _checksums(uploads)
    problems = [
        f"{name}: {found.get(name)} instead of {expected.get(name)}"
        for expected, found in [(manifest["rows"], rows), (manifest["uploads"], checksums)]
        for name in sorted(expected.keys() | found.keys())
        if expected.get(name) != found.get(name)
    ]
    if problems:
        raise BackupError(
            "The restored site differs from the backup's manifest: " + "; ".join(problems[:20])
        )


def _some(names: set[str]) -> str:
    listed = sorted(names)
    if len(listed) > 5:
        return ", ".join(listed[:5]) + f" and {len(listed) - 5} more"
    return ", ".join(listed) or "none"
