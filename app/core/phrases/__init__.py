"""phrases."""
