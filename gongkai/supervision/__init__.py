"""Website and new-media supervision (网站与政务新媒体监管): the registry of the area's sites and
accounts, their daily checks, monthly statistics and quarterly bulletins (docs/subsystems/supervision.md)."""
