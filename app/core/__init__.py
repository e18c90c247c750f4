"""The engine: no Qt imports anywhere under this package."""
