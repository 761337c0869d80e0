"""The full-text part of the index, which Django's models cannot describe: FTS5 tables on
SQLite (everything, and titles alone), a tsvector column with a GIN index on PostgreSQL."""

from django.db import migrations

SQL = {
    "sqlite": (
        [
            # Contentless (no copy of the text); unicode61 over space-separated words. Never
            # the trigram tokenizer: it finds nothing for two-character words.
            "CREATE VIRTUAL TABLE search_fts USING fts5("
            "title, body, facets, content='', tokenize='unicode61 remove_diacritics 0')",
            "CREATE VIRTUAL TABLE search_title USING fts5("
            "title, facets, content='', tokenize='unicode61 remove_diacritics 0')",
            "CREATE VIRTUAL TABLE search_fts_vocab USING fts5vocab(search_fts, 'col')",
        ],
        ["DROP TABLE search_fts_vocab", "DROP TABLE search_title", "DROP TABLE search_fts"],
    ),
    "postgresql": (
        [
            "ALTER TABLE search_entry ADD COLUMN tsv tsvector NOT NULL DEFAULT ''::tsvector",
            "CREATE INDEX search_entry_tsv ON search_entry USING gin (tsv)",
        ],
        ["DROP INDEX search_entry_tsv", "ALTER TABLE search_entry DROP COLUMN tsv"],
    ),
}


def _run(which: int):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        if vendor not in SQL:
            raise RuntimeError(f"全文检索只支持 SQLite 和 PostgreSQL，当前数据库为 {vendor}。")
        for statement in SQL[vendor][which]:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(_run(0), _run(1))]
