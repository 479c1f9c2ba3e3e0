"""`backup` and `restore` round-trip every row and upload, on SQLite and on PostgreSQL (the
databases that pytest-django creates, through their real settings); refused backups change
nothing."""

import hashlib
import io
import json
import re
import tarfile
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection

from gcmhub.accounts.tests.factories import MembershipFactory
from gcmhub.pledges.tests.factories import PledgeFactory
from gcmhub.practices import services as practices
from gcmhub.practices.tests.factories import PracticeFactory
from gcmhub.web import backup as backups
from gcmhub.workflow.models import State

pytestmark = pytest.mark.django_db(transaction=True)  # pg_dump and pg_restore see committed rows

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


@pytest.fixture
def uploads(settings, tmp_path):
    """Uploads in files under a MEDIA_ROOT of the test's own, as in production."""
    settings.MEDIA_ROOT = tmp_path / "uploads"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    return settings.MEDIA_ROOT


@pytest.fixture
def site(uploads, reference_data):
    """An organisation, its member, a published pledge with objectives, and a draft practice
    with two attachments uploaded as a member uploads them."""
    member = MembershipFactory(user__email="member@example.org").user
    organisation = member.memberships.get().organisation
    pledge = PledgeFactory(organisation=organisation, main_objectives=[5, 6, 23])
    practice = PracticeFactory(organisation=organisation, state=State.DRAFT)
    report = practices.add_attachment(practice, ContentFile(PDF, name="report.pdf"), by=member)
    photo = practices.add_attachment(practice, ContentFile(PNG, name="photo.png"), by=member)
    return pledge, report, photo


def database_rows() -> dict:
    """Every row of every table, in an order that does not depend on how they were written."""
    with connection.cursor() as cursor:
        cursor.execute(backups.TABLES[connection.vendor])
        tables = sorted(name for (name,) in cursor.fetchall())
        rows = {}
        for table in tables:
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            values = [tuple(_comparable(value) for value in row) for row in cursor.fetchall()]
            rows[table] = sorted(values, key=repr)
    return rows


def _comparable(value):
    return bytes(value) if isinstance(value, memoryview) else value


def upload_bytes(root: Path) -> dict:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in root.rglob("*")
        if path.is_file()
    }


def change_everything(pledge, report, photo) -> None:
    """Delete a pledge, add another, delete one upload and overwrite another."""
    pledge.delete()
    PledgeFactory(title="Made after the backup")
    report.file.delete(save=False)
    Path(photo.file.path).write_bytes(PNG[::-1])


def rewrite_manifest(source: Path, target: Path, **changes) -> None:
    with tarfile.open(source) as old, tarfile.open(target, "w:gz") as new:
        for member in old:
            data = old.extractfile(member).read()
            if member.name == backups.MANIFEST:
                data = json.dumps({**json.loads(data), **changes}).encode()
                member.size = len(data)
            new.addfile(member, io.BytesIO(data))


def test_backup_and_restore_round_trip_every_row_and_upload(site, uploads, tmp_path):
    rows, files = database_rows(), upload_bytes(uploads)
    folder = tmp_path / "backups"
    folder.mkdir()
    call_command("backup", folder, stdout=io.StringIO())
    [path] = folder.iterdir()  # and no temporary file left beside it
    change_everything(*site)
    assert (database_rows(), upload_bytes(uploads)) != (rows, files)  # the changes are real
    output = io.StringIO()

    call_command("restore", path, "--no-input", stdout=output)

    assert database_rows() == rows
    assert upload_bytes(uploads) == files
    assert output.getvalue().startswith("Restored ")
    assert re.fullmatch(r"gcmhub-\d{8}T\d{6}Z\.tar\.gz", path.name)
    manifest = backups.inspect(path)
    assert manifest["database"] == connection.vendor
    assert manifest["rows"] == {table: len(values) for table, values in rows.items()}
    assert manifest["rows"]["pledges_pledge_main_objectives"] == 3
    assert manifest["uploads"] == {
        name: hashlib.sha256(data).hexdigest() for name, data in files.items()
    }
    assert len(manifest["uploads"]) == 2


def test_restore_refuses_a_backup_it_cannot_trust_and_changes_nothing(
    site, uploads, tmp_path, monkeypatch
):
    made = tmp_path / "site.tar.gz"
    backups.backup(made)
    change_everything(*site)
    rows, files = database_rows(), upload_bytes(uploads)
    altered = {
        "format": {"format": "another-backup"},
        "database": {"database": "oracle"},
        "version": {"version": 2},
        "migrations": {"migrations": ["pledges.0001_initial"]},
    }
    for name, changes in altered.items():
        rewrite_manifest(made, tmp_path / f"{name}.tar.gz", **changes)
    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(made.read_bytes()[: made.stat().st_size * 2 // 3])
    monkeypatch.setattr("builtins.input", lambda prompt: "no")

    # one test for every case: each transactional test reloads the reference data
    refusals = {name: refusal(tmp_path / f"{name}.tar.gz") for name in [*altered, "truncated"]}
    with pytest.raises(CommandError) as answered_no:
        call_command("restore", made)

    assert refusals["format"] == (
        f"{tmp_path}/format.tar.gz is not a gcmhub backup: its manifest.json is another's."
    )
    assert refusals["database"] == (
        f"{tmp_path}/database.tar.gz was made on oracle; this site uses {connection.vendor}. "
        "Nothing was changed."
    )
    assert refusals["version"] == (
        f"{tmp_path}/version.tar.gz is in backup format version 2; this gcmhub reads version 1. "
        "Nothing was changed."
    )
    assert refusals["migrations"].startswith(
        f"{tmp_path}/migrations.tar.gz was made at other migrations than this code's (only in "
        "the backup: none; only in the code: "
    )
    assert refusals["truncated"].startswith(f"{truncated} is damaged (")
    assert refusals["truncated"].endswith("Nothing was changed.")
    assert str(answered_no.value) == "Restore cancelled; nothing was changed."
    assert database_rows() == rows
    assert upload_bytes(uploads) == files


def refusal(path: Path) -> str:
    with pytest.raises(backups.BackupError) as refused:
        backups.restore(path)
    return str(refused.value)


@pytest.mark.django_db  # refused before any database work: no need to commit
@pytest.mark.parametrize("content", [b"", b"not a backup\n", b"\x1f\x8b\x08 damaged"])
def test_restore_refuses_what_is_not_a_backup_and_changes_nothing(uploads, tmp_path, content):
    PledgeFactory()
    uploads.mkdir()
    (uploads / "kept.pdf").write_bytes(PDF)
    rows, files = database_rows(), upload_bytes(uploads)
    path = tmp_path / "file.tar.gz"
    path.write_bytes(content)

    with pytest.raises(CommandError, match="is not a gcmhub backup"):
        call_command("restore", path, "--no-input")

    assert database_rows() == rows
    assert upload_bytes(uploads) == files


@pytest.mark.django_db
def test_backup_refuses_uploads_it_cannot_read_as_files(tmp_path):
    # settings_test keeps uploads in memory; a backup without them would be incomplete
    with pytest.raises(CommandError, match="Uploads are kept in InMemoryStorage"):
        call_command("backup", tmp_path / "site.tar.gz")

    assert list(tmp_path.iterdir()) == []
