"""The public side of messages (政民互动), plain Django views under ``/hdjl/``."""
