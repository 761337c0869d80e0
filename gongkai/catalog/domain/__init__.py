"""Rules of the standard catalog that need no database."""
