"""Qt panes and dialogs: thin adapters over ``app.core``."""
