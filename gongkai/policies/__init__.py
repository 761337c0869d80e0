"""Policies for enterprises (惠企政策, 不来即享): policy items, enterprise profiles and the matching
of one to the other (docs/subsystems/policies.md)."""
