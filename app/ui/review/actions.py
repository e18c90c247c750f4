"""The menu items this package adds to 文件: 新建相互批评意见… and 审核材料…."""

from __future__ import annotations

REVIEW_TEXT = "审核材料(&V)…"


def add_review_actions(window, menu, add_action) -> None:
    """Register both actions on ``menu`` with the menus' ``add_action``; ``window`` is the
    MainWindow (files, draft, editor, services)."""
    from app.ui.dialogs.criticism_new import MENU_TEXT, new_criticism

    add_action(menu, window, MENU_TEXT, lambda: new_criticism(window), None,
               "按班子成员逐一列出，撰写相互批评意见")
    add_action(menu, window, REVIEW_TEXT, lambda: open_review(window), None,
               "一次审核一个单位的全部材料：字数、缺项、错漏、雷同")


def open_review(window) -> None:
    from app.ui.review.review_window import start_review

    start_review(window)


def maybe_new_criticism(window, template) -> bool:
    """新建 with the 相互批评意见 template asks for the colleagues (True when handled here)."""
    from app.core.document.criticism import TEMPLATE_ID
    from app.ui.dialogs.criticism_new import ask_and_load

    if template.id != TEMPLATE_ID:
        return False
    ask_and_load(window)
    return True
