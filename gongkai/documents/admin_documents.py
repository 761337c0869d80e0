"""Admin screens for registering, reviewing and publishing documents."""
