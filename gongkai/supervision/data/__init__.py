"""Data files of the supervision module (a package so that they ship in the wheel)."""
