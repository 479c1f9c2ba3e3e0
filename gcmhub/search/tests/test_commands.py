"""The reindex command: a progress bar, then the totals."""

import io

import pytest
from django.core.management import CommandError, call_command

from gcmhub.search import services
from gcmhub.search.models import Entry
from gcmhub.workflow.models import State
from gcmhub.workflow.tests.factories import NoteFactory

pytestmark = pytest.mark.django_db


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_reindex_prints_progress_lines_and_totals(searchable_notes, monkeypatch):
    monkeypatch.setattr(services, "CHUNK_SIZE", 2)
    NoteFactory.create_batch(5, state=State.PUBLISHED)
    out = io.StringIO()

    call_command("reindex", "testapp.note", stdout=out)

    assert out.getvalue().splitlines() == [
        "testapp.note  0/5  0%",
        "testapp.note  2/5  40%",
        "testapp.note  4/5  80%",
        "testapp.note  5/5  100%",
        "Indexed 5 records (testapp.note 5).",
    ]
    assert Entry.objects.count() == 5


def test_reindex_redraws_one_line_on_a_terminal(searchable_notes):
    NoteFactory.create_batch(2, state=State.PUBLISHED)
    out = Terminal()

    call_command("reindex", "testapp.note", stdout=out)

    assert out.getvalue() == (
        "\rtestapp.note  0/2  0%\rtestapp.note  2/2  100%\nIndexed 2 records (testapp.note 2).\n"
    )


def test_reindex_refuses_a_model_that_is_not_searchable(db):
    with pytest.raises(CommandError):
        call_command("reindex", "testapp.note", stdout=io.StringIO())
