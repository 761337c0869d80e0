"""The annual assessment of units (政务公开年度考核), computed from the indicators the modules
register (docs/subsystems/assessment.md)."""
