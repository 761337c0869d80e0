"""Rules of the task ledger that need no database: task status, unit names, the plan's tree."""
