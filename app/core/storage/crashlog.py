"""A rotating log of unexpected errors in the user data dir (``logs/mingjing.log``)."""

from __future__ import annotations

import logging
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path

from app.core.storage.private import create_private_file

LOG_NAME = "mingjing"
MAX_BYTES = 512 * 1024
BACKUPS = 3


def log_file(user_dir: Path) -> Path:
    return user_dir / "logs" / "mingjing.log"


def crash_logger(user_dir: Path) -> logging.Logger:
    """The logger writing to ``log_file(user_dir)``; set up once per folder."""
    logger = logging.getLogger(f"{LOG_NAME}.{abs(hash(str(user_dir)))}")
    logger.propagate = False
    logger.setLevel(logging.INFO)
    if not logger.handlers:
        path = log_file(user_dir)
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            create_private_file(path)
            handler: logging.Handler = RotatingFileHandler(
                path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True)
        except OSError:
            handler = logging.NullHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        logger.addHandler(handler)
    return logger


def log_exception(logger: logging.Logger, exc_type, exc, tb, where: str = "") -> str:
    """Log one uncaught exception; returns the formatted traceback."""
    text = "".join(traceback.format_exception(exc_type, exc, tb))
    try:
        logger.error("uncaught exception%s\n%s", f" in {where}" if where else "", text)
    except Exception:
        pass
    return text
