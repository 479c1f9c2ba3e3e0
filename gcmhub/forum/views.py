"""Programme pages (being written)."""

from django.http import Http404


def forum_home(request, *args, **kwargs):
    raise Http404


def agenda(request, *args, **kwargs):
    raise Http404


def agenda_link(request, *args, **kwargs):
    raise Http404


def agenda_calendar(request, *args, **kwargs):
    raise Http404


def programme(request, *args, **kwargs):
    raise Http404


def edition_calendar(request, *args, **kwargs):
    raise Http404


def summaries(request, *args, **kwargs):
    raise Http404


def session_create(request, *args, **kwargs):
    raise Http404


def session_detail(request, *args, **kwargs):
    raise Http404


def session_calendar(request, *args, **kwargs):
    raise Http404


def session_edit(request, *args, **kwargs):
    raise Http404


def session_delete(request, *args, **kwargs):
    raise Http404


def star(request, *args, **kwargs):
    raise Http404


def summary_edit(request, *args, **kwargs):
    raise Http404


def session_document(request, *args, **kwargs):
    raise Http404
