"""One row per published, searchable record: the text the database's full-text engine indexes."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Entry(models.Model):
    """The searchable text of one record. On SQLite the FTS5 table `search_fts` mirrors it
    (through triggers); on PostgreSQL a GIN index on to_tsvector('simple', text) covers it."""

    kind = models.CharField(_("kind"), max_length=100)  # registry.kind(model)
    record_id = models.PositiveBigIntegerField(_("record"))
    language = models.CharField(_("language"), max_length=10, blank=True)
    title = models.CharField(_("title"), max_length=500)
    text = models.TextField(_("indexed text"))  # normalised title (weighted) and text
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        db_table = "search_entry"  # the content table of search_fts (migration 0002)
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(fields=["kind", "record_id"], name="search_entry_unique_record")
        ]

    def __str__(self):
        return f"{self.kind} {self.record_id}: {self.title}"
