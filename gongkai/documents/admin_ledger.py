"""Admin screens for the publication ledger and the yearly review of withheld documents."""
