"""Which models are searchable and how each record becomes a document. Parts register their
models in AppConfig.ready(); the search service reads them from here."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models


@dataclass(frozen=True)
class Document:
    """What the index holds of one record: its title, every other searchable text, its language."""

    title: str
    text: str  # body fields and names of related things (objectives, countries, regions, …)
    language: str


@dataclass(frozen=True)
class Registration:
    model: type[models.Model]
    document: Callable[[models.Model], Document]
    prefetch: tuple[str, ...] = ()


_registry: dict[type[models.Model], Registration] = {}


def kind(model: type[models.Model]) -> str:
    """The name under which MODEL's records are indexed, e.g. "pledges.pledge"."""
    return model._meta.label_lower


def register(
    model: type[models.Model],
    document: Callable[[models.Model], Document],
    *,
    prefetch: tuple[str, ...] = (),
) -> None:
    """Make MODEL searchable: DOCUMENT builds a record's Document; PREFETCH serves reindexing."""
    _registry[model] = Registration(model=model, document=document, prefetch=tuple(prefetch))


def unregister(model: type[models.Model]) -> None:
    """Stop indexing MODEL (tests use it; entries already stored stay until reindexed)."""
    _registry.pop(model, None)


def registered() -> dict[type[models.Model], Registration]:
    """Every registered model with its registration."""
    return dict(_registry)


def is_registered(model: type[models.Model]) -> bool:
    return model in _registry


def registration(model: type[models.Model]) -> Registration | None:
    return _registry.get(model)
