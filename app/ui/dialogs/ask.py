"""Message boxes built as objects (not Qt's static helpers), so tests can answer them."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox


def tell(parent, title: str, text: str, warning: bool = False) -> None:
    icon = QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information
    QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent).exec()


def ask(parent, title: str, text: str, yes: str = "是", no: str = "否") -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.YesRole)
    box.addButton(no, QMessageBox.ButtonRole.NoRole)
    box.exec()
    return box.clickedButton() is yes_button
