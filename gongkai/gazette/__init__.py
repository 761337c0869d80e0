"""The government gazette (政府公报): issues, their articles and PDF editions
(docs/subsystems/gazette.md)."""
