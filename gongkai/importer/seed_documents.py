"""The five real policy documents the project was founded on (public documents of 甘肃 and 广东
governments, as found on the web, with their flaws): test data for the parser and the texts of
the demo province's published documents."""

from pathlib import Path

SEED_DIR = Path(__file__).parent / "seeds"


def seed_paths() -> list[Path]:
    return sorted(SEED_DIR.glob("*.txt"))
