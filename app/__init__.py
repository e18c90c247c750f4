"""明镜 (Mingjing): a writing assistant for 对照检查材料."""

__version__ = "0.1.0"
APP_NAME = "明镜"
