"""Disclosure zones (政务公开专区): the registry of zones, their 五统一 inspections and the kiosk mode
of the portal for the 电子查阅点 (docs/subsystems/zones.md)."""
