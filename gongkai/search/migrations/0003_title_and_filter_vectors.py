"""PostgreSQL: the filter tokens become lexemes no word can be (``@unit12``, weight D as 0002
stored them) and the title gets a vector of its own with them, with a GIN index. So no query
needs a weight-restricted operand (which makes PostgreSQL re-read the stored vector of every
candidate row), and “every word in the title” is answered by an index, as SQLite's title-only
table does (0002). Existing entries are carried over. Nothing to do on SQLite."""

from django.db import migrations

# The filter tokens of an 0002 vector (weight D), as lexemes with @ in front.
_FILTERS = (
    "array_to_tsvector(ARRAY(SELECT '@' || lexeme "
    "FROM unnest(tsvector_to_array(ts_filter(tsv, '{d}'))) AS lexeme))"
)
FORWARDS = [
    "ALTER TABLE search_entry ADD COLUMN title_tsv tsvector NOT NULL DEFAULT ''::tsvector",
    f"UPDATE search_entry SET title_tsv = ts_filter(tsv, '{{a}}') || {_FILTERS}, "
    f"tsv = ts_filter(tsv, '{{a,b}}') || {_FILTERS}",
    "CREATE INDEX search_entry_title_tsv ON search_entry USING gin (title_tsv)",
]
BACKWARDS = [
    "UPDATE search_entry SET tsv = ts_filter(tsv, '{a,b}') || setweight(array_to_tsvector("
    "ARRAY(SELECT substr(lexeme, 2) FROM unnest(tsvector_to_array(tsv)) AS lexeme "
    "WHERE lexeme LIKE '@%')), 'D')",
    "DROP INDEX search_entry_title_tsv",
    "ALTER TABLE search_entry DROP COLUMN title_tsv",
]


def _run(statements: list[str]):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext")]

    operations = [migrations.RunPython(_run(FORWARDS), _run(BACKWARDS))]
