"""The left pane: the live section tree of the draft, which the user can reorganise.

The pane only shows the outline and turns clicks, drags and its context menu into requests
(signals); the window hands them to the document, whose new outline comes back here.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QByteArray,
    QMimeData,
    QModelIndex,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QBrush,
    QColor,
    QKeySequence,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QMenu,
    QMessageBox,
    QTreeView,
)

from app.core.document.outline import NodeKind, Outline, OutlineNode
from app.ui.panes.outline_rows import EMPTY_COLOUR, NUMBERED, SECTION, is_empty, subtree_shape
from app.ui.panes.outline_rows import key as key_of
from app.ui.panes.outline_rows import label as label_of
from app.ui.panes.outline_rows import shown as shown_of

NODE_ROLE = Qt.ItemDataRole.UserRole + 1
NODE_MIME = "application/x-mingjing-outline-node"
EMPTY_MARK = "待填写"
LOADING_MARK = "正在打开……"
REBUILD_SLICE_ROWS = 500  # a slice of a sliced rebuild stops after making this many rows
class _OutlineModel(QStandardItemModel):
    """Drags carry our own format, so only drags of outline rows are taken as moves."""

    def mimeTypes(self) -> list[str]:
        return [NODE_MIME]

    def mimeData(self, indexes) -> QMimeData:
        data = QMimeData()
        rows = [str(i.data(NODE_ROLE)) for i in indexes if i.column() == 0]
        data.setData(NODE_MIME, QByteArray(",".join(rows).encode()))
        return data


class OutlinePane(QTreeView):
    """Shows the outline; emits requests to go to, move, delete, rename and add nodes."""

    nodeSelected = Signal(tuple)  # (block, offset): a single click, focus stays in the tree
    nodeActivated = Signal(tuple)  # (block, offset): Enter or a double-click, into the text
    moveRequested = Signal(object, object, int)  # node, new parent (None = top level), row
    deleteRequested = Signal(object)
    renameRequested = Signal(object, str)
    addPointRequested = Signal(object)
    settled = Signal()  # every row is made: no rebuild in slices is under way

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._following = False  # select_at is following the editor's cursor
        self.setObjectName("outline")
        self.setAccessibleName("大纲")
        self.model_ = _OutlineModel(0, 2, self)
        self._set_up_model()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setUniformRowHeights(True)
        self.setWordWrap(False)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self._shapes: list[tuple] = []  # per top-level node: the shape of its subtree
        self._roots: list[list[list]] = []  # per top-level node: its rows (see _items)
        self._by_serial: dict[int, list] = {}  # a row's NODE_ROLE serial → the row
        self._serial = 0
        self.outline: Outline | None = None
        self._building = 0  # bumped by every rebuild: a sliced one still under way stops
        self._pending: set[tuple] | None = None  # collapsed rows, while a sliced rebuild is under way
        self._placeholder = False  # show_loading's row is shown
        self.rebuild_slices: list[int] = []  # rows made per slice by the last rebuild (tests, bench)
        # As Word's navigation pane: a click selects the node (the text scrolls there, the
        # keyboard stays here for Delete, F2, Alt+↑/↓); Enter or a double-click goes into the text.
        self.clicked.connect(self._on_selected)
        self.doubleClicked.connect(self._on_activated)
        self.customContextMenuRequested.connect(self._show_menu)
        self._build_actions()

    def _set_up_model(self) -> None:
        self.model_.setHorizontalHeaderLabels(["大纲", "字数"])
        self.setModel(self.model_)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # A fixed count column: ResizeToContents re-measures every row on each count change.
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(1, self.fontMetrics().horizontalAdvance("待填写 ") + 12)

    def _empty(self) -> None:
        """Remove every row.  A long tree (15,000 rows take 90 ms to delete) is swapped for
        an empty model at once and the old one is emptied a slice of top-level rows a turn."""
        sizes = [len(rows) for rows in self._roots]
        self._by_serial.clear()
        self._roots, self._shapes = [], []
        if sum(sizes) <= REBUILD_SLICE_ROWS:
            self.model_.removeRows(0, self.model_.rowCount())
            return
        old, old_selection = self.model_, self.selectionModel()
        self.model_ = _OutlineModel(0, 2, self)
        self._set_up_model()
        old_selection.deleteLater()

        def drop() -> None:
            count = rows = 0
            while sizes and (count == 0 or rows + sizes[-1] <= REBUILD_SLICE_ROWS):
                rows += sizes.pop()
                count += 1
            old.removeRows(old.rowCount() - count, count)
            if sizes:
                QTimer.singleShot(0, old, drop)
            else:
                old.deleteLater()

        QTimer.singleShot(0, old, drop)

    # --- showing the outline ---------------------------------------------------------------
    def set_outline(self, outline: Outline) -> None:
        """Show ``outline``, touching as little as possible.

        While typing the tree keeps its shape and rows are only relabelled.  When a top-level
        part gains or loses a heading or point, only that part's rows are made again (what the
        user collapsed there stays collapsed); only a new or removed top-level part rebuilds
        the whole list (a long one a slice of rows per turn of the event loop).
        """
        self.outline = outline
        roots = outline.sections
        shapes = [subtree_shape(r) for r in roots]
        if self._pending is not None or self._placeholder or len(shapes) != len(self._shapes):
            self._rebuild_all(roots, shapes)
            return
        self.settled.emit()
        for i, (root, shape) in enumerate(zip(roots, shapes, strict=True)):
            if shape == self._shapes[i]:
                for row, node in zip(self._roots[i], root.walk(), strict=True):
                    row[2] = node
                    shown = shown_of(node)
                    if shown != row[3]:
                        self._fill(row[0], row[1], node)
                        row[3] = shown
            else:
                self._replace_root(i, root)
                self._shapes[i] = shape

    def show_loading(self, message: str = LOADING_MARK) -> None:
        """While a long document loads: the previous draft's outline gives way to ``message``."""
        self._building += 1  # a sliced rebuild under way stops
        self._pending = None
        self.outline = None
        if not self._placeholder:
            self._empty()
        self.model_.removeRows(0, self.model_.rowCount())
        item = QStandardItem(message)
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        item.setForeground(QBrush(QColor("#808080")))
        self.model_.invisibleRootItem().appendRow([item, QStandardItem()])
        self._placeholder = True

    @property
    def _items(self) -> list[list]:
        """Every row, top to bottom: [title item, count item, node, what it shows]."""
        return [row for rows in self._roots for row in rows]

    def _rebuild_all(self, roots: list[OutlineNode], shapes: list[tuple]) -> None:
        """Make every row again.  A long outline (a 5 MB report has 15,000 rows: over half a
        second in one piece) is made ``REBUILD_SLICE_ROWS`` rows per turn of the event loop,
        top to bottom, so the window keeps answering; a new outline meanwhile starts over."""
        collapsed = self._pending if self._pending is not None else self._collapsed(self._items)
        scrolled = self.verticalScrollBar().value()
        self._building += 1
        self._pending = collapsed
        self.setUpdatesEnabled(False)
        self._empty()
        self.model_.removeRows(0, self.model_.rowCount())  # show_loading's row
        self._placeholder = False
        self.rebuild_slices = []
        steps = self._build_roots(roots, shapes, collapsed)
        self._next_slice(steps, self._building, scrolled)

    def _next_slice(self, steps, generation: int, scrolled: int) -> None:
        if generation != self._building:
            return
        self.setUpdatesEnabled(False)
        made = 0
        for count in steps:
            made += count
            if made >= REBUILD_SLICE_ROWS:
                self.rebuild_slices.append(made)
                self.setUpdatesEnabled(True)
                QTimer.singleShot(0, self, lambda: self._next_slice(steps, generation, scrolled))
                return
        self.rebuild_slices.append(made)
        self._pending = None
        self.verticalScrollBar().setValue(scrolled)
        self.setUpdatesEnabled(True)
        self.settled.emit()

    @property
    def building(self) -> bool:
        """A rebuild of every row is being made a slice at a time."""
        return self._pending is not None

    def _build_roots(self, roots: list[OutlineNode], shapes: list[tuple], collapsed: set[tuple]):
        """Makes the rows of ``roots`` in order; yields how many rows each step made."""
        top = self.model_.invisibleRootItem()
        for root, shape in zip(roots, shapes, strict=True):
            rows: list[list] = []
            self._roots.append(rows)
            self._shapes.append(shape)
            yield from self._make_in_steps(root, len(shape), rows, top.appendRow, collapsed)

    def _make_in_steps(self, node: OutlineNode, size: int, rows: list[list], attach, collapsed: set[tuple]):
        """``node``'s rows (``size`` of them), a subtree at a time; a subtree of more than
        ``REBUILD_SLICE_ROWS`` rows is made as its row and then each child's subtree."""
        if size <= REBUILD_SLICE_ROWS:
            first = len(rows)
            attach(self._make(node, rows))
            self._expand(rows[first:], collapsed)
            yield size
            return
        items = self._make(node, rows, with_children=False)
        attach(items)
        yield 1
        for child in node.children:
            yield from self._make_in_steps(child, sum(1 for _ in child.walk()), rows, items[0].appendRow,
                                           collapsed)
        self.setExpanded(items[0].index(), key_of(node) not in collapsed)

    def _replace_root(self, i: int, root: OutlineNode) -> None:
        old = self._roots[i]
        collapsed = self._collapsed(old)
        scrolled = self.verticalScrollBar().value()
        self.setUpdatesEnabled(False)
        for row in old:
            self._by_serial.pop(row[0].data(NODE_ROLE), None)
        self.model_.removeRow(i)
        rows: list[list] = []
        self.model_.insertRow(i, self._make(root, rows))
        self._roots[i] = rows
        self._expand(rows, collapsed)
        self.verticalScrollBar().setValue(scrolled)
        self.setUpdatesEnabled(True)

    def _collapsed(self, rows: list[list]) -> set[tuple]:
        return {key_of(row[2]) for row in rows if row[0].hasChildren() and not self.isExpanded(row[0].index())}

    def _expand(self, rows: list[list], collapsed: set[tuple]) -> None:
        for row in rows:
            if row[0].hasChildren():
                self.setExpanded(row[0].index(), key_of(row[2]) not in collapsed)

    def _make(self, node: OutlineNode, rows: list[list], with_children: bool = True) -> list[QStandardItem]:
        """The row items of ``node`` with its children attached (built before joining the model)."""
        title_item, count_item = QStandardItem(), QStandardItem()
        count_item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        movable = node.kind in NUMBERED
        title_item.setDragEnabled(movable)
        title_item.setDropEnabled(node.kind == SECTION)
        count_item.setDragEnabled(False)
        count_item.setDropEnabled(False)
        self._serial += 1
        title_item.setData(self._serial, NODE_ROLE)
        self._fill(title_item, count_item, node)
        row = [title_item, count_item, node, shown_of(node)]
        self._by_serial[self._serial] = row
        rows.append(row)
        for child in node.children if with_children else ():
            title_item.appendRow(self._make(child, rows))
        return [title_item, count_item]

    @staticmethod
    def _fill(title_item: QStandardItem, count_item: QStandardItem, node: OutlineNode) -> None:
        label = label_of(node)
        if title_item.text() != label:
            title_item.setText(label)
        tip = f"{node.part}" + (f" · {'、'.join(node.topics)}" if node.topics else "")
        title_item.setToolTip(f"{label}\n{tip}\n{node.chars} 字")
        if is_empty(node):
            count_item.setText(EMPTY_MARK)
            count_item.setForeground(QBrush(EMPTY_COLOUR))
            count_item.setToolTip("这一部分还没有内容")
        else:
            count_item.setText(str(node.chars))
            count_item.setForeground(QBrush())
            count_item.setToolTip("")

    def labels(self) -> list[tuple[int, str]]:
        """(depth, label) of every row, top to bottom (for tests and accessibility)."""
        out: list[tuple[int, str]] = []

        def visit(item: QStandardItem, depth: int) -> None:
            for row in range(item.rowCount()):
                child = item.child(row, 0)
                out.append((depth, child.text()))
                visit(child, depth + 1)

        visit(self.model_.invisibleRootItem(), 0)
        return out

    def node_at(self, index: QModelIndex) -> OutlineNode | None:
        if not index.isValid():
            return None
        row = self._by_serial.get(index.siblingAtColumn(0).data(NODE_ROLE))
        return row[2] if row is not None else None

    def parent_of(self, index: QModelIndex) -> OutlineNode | None:
        return self.node_at(index.siblingAtColumn(0).parent())

    def select_at(self, pos: tuple[int, int]) -> None:
        """Highlight the deepest node containing the cursor position, without emitting."""
        best = None
        for title_item, _, node, _ in self._items:
            if node.contains(pos):
                best = title_item
        if best is not None and self.currentIndex() != best.index():
            self.blockSignals(True)
            self._following = True
            try:
                self.setCurrentIndex(best.index())
            finally:
                self._following = False
                self.blockSignals(False)

    def index_for_label(self, label: str) -> QModelIndex:
        for title_item, *_ in self._items:
            if title_item.text() == label:
                return title_item.index()
        return QModelIndex()

    def _on_selected(self, index: QModelIndex) -> None:
        node = self.node_at(index)
        if node is not None:
            self.nodeSelected.emit(tuple(node.start))

    def _on_activated(self, index: QModelIndex) -> None:
        node = self.node_at(index)
        if node is not None:
            self.nodeActivated.emit(tuple(node.start))

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._on_activated(self.currentIndex())
            return
        super().keyPressEvent(event)

    def currentChanged(self, current: QModelIndex, previous: QModelIndex) -> None:
        """Arrow keys in the tree scroll the text along, as a click does."""
        super().currentChanged(current, previous)
        if self.hasFocus() and not self._following and current.isValid():
            self._on_selected(current)

    # --- drag and drop -----------------------------------------------------------------
    def drop_target(self, source: QModelIndex, target: QModelIndex, where: str):
        """(parent node or None, row) for dropping ``source`` at ``where`` of ``target``.

        ``where`` is "above", "on" or "below"; None when the drop makes no sense there.
        """
        node, over = self.node_at(source), self.node_at(target)
        if node is None or over is None or node.kind not in (NodeKind.SECTION, NodeKind.POINT):
            return None
        if node.kind == NodeKind.POINT:
            if over.kind == NodeKind.POINT:
                parent = self.parent_of(target)
                points = [c for c in parent.children if c.kind == NodeKind.POINT] if parent else []
                row = points.index(over) + (0 if where == "above" else 1)
                return (parent, row) if parent else None
            if over.kind != NodeKind.SECTION:
                return None
            if where == "above":  # the end of whatever is shown just above this heading
                above = self.indexAbove(target)
                return self.drop_target(source, above, "below") if above.isValid() else None
            if where == "below":
                return over, 0
            return over, sum(1 for c in over.children if c.kind == NodeKind.POINT)
        # a section: find the node at its own level that the drop is next to
        if over.kind == NodeKind.SECTION and over.level == node.level - 1:
            if where == "above":  # the end of whatever is shown just above this heading
                above = self.indexAbove(target)
                return self.drop_target(source, above, "below") if above.isValid() else None
            sections = [c for c in over.children if c.kind == NodeKind.SECTION]
            return over, (0 if where == "below" else len(sections))
        def is_peer(index: QModelIndex) -> bool:
            candidate = self.node_at(index)
            return candidate is not None and candidate.kind == NodeKind.SECTION and candidate.level == node.level

        index = target
        while index.isValid() and not is_peer(index):
            index = index.parent()
        peer = self.node_at(index) if index.isValid() else None
        if peer is None:
            return None
        if index != target:  # dropped inside another section's rows: after that section
            where = "below"
        parent = self.parent_of(index)
        pool = parent.children if parent else (self.outline.sections if self.outline else [])
        sections = [c for c in pool if c.kind == NodeKind.SECTION]
        row = sections.index(peer)
        if where == "below" or (where == "on" and node.start < peer.start):
            row += 1
        return parent, row

    def _where(self, pos: QPoint, index: QModelIndex) -> str:
        rect = self.visualRect(index)
        if pos.y() < rect.top() + rect.height() / 4:
            return "above"
        if pos.y() > rect.bottom() - rect.height() / 4:
            return "below"
        return "on"

    def _drop_at(self, event):
        """Where a drag of one of our rows would land, or None (also for foreign drags)."""
        data = event.mimeData()
        if not data.hasFormat(NODE_MIME) or event.source() not in (self, None):
            return None
        rows = bytes(data.data(NODE_MIME)).decode()
        row = self._by_serial.get(int(rows)) if rows.isdigit() else None
        if row is None:
            return None
        source = row[0].index()
        pos = event.position().toPoint()
        index = self.indexAt(pos)
        if not index.isValid():
            return None
        return source, self.drop_target(source, index, self._where(pos, index))

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasFormat(NODE_MIME) and event.source() in (self, None):
            self.setState(QAbstractItemView.State.DraggingState)
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        super().dragMoveEvent(event)
        found = self._drop_at(event)
        if found is not None and found[1] is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event) -> None:
        """Ask for the move instead of letting the model move rows: the text must move."""
        found = self._drop_at(event)
        event.setDropAction(Qt.DropAction.IgnoreAction)
        event.accept()
        self.setState(QAbstractItemView.State.NoState)
        self.viewport().update()
        if found is None or found[1] is None:
            return
        node = self.node_at(found[0])
        parent, row = found[1]
        # after the drag has finished: the move rebuilds this very model
        QTimer.singleShot(0, lambda: self.moveRequested.emit(node, parent, row))

    # --- context menu and keys -----------------------------------------------------------
    def _build_actions(self) -> None:
        def action(text: str, slot, keys: tuple[str, ...] = (), shown: str = "") -> QAction:
            # The menu shows Word's way of writing the key (Alt+↑), not Qt's translated
            # "Alt+上方向": the text after a tab is what a menu prints as the shortcut.
            act = QAction(f"{text}\t{shown}" if shown else text, self)
            if keys:
                act.setShortcuts([QKeySequence(k) for k in keys])
                act.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
                self.addAction(act)
            act.triggered.connect(slot)
            return act

        self.add_point_action = action("添加要点", lambda: self._request("add"))
        self.rename_action = action("重命名…", lambda: self._request("rename"), ("F2",), "F2")
        self.delete_action = action("删除…", lambda: self._request("delete"), ("Delete",), "Delete")
        self.up_action = action("上移", lambda: self._request("up"), ("Alt+Up", "Alt+Shift+Up"), "Alt+↑")
        self.down_action = action("下移", lambda: self._request("down"), ("Alt+Down", "Alt+Shift+Down"),
                                  "Alt+↓")

    def build_menu(self, node: OutlineNode) -> QMenu:
        numbered = node.kind in NUMBERED
        menu = QMenu(self)
        for act in (self.add_point_action, self.rename_action, self.up_action, self.down_action,
                    self.delete_action):
            act.setEnabled(numbered)
        menu.addAction(self.add_point_action)
        menu.addAction(self.rename_action)
        menu.addSeparator()
        menu.addAction(self.up_action)
        menu.addAction(self.down_action)
        menu.addSeparator()
        menu.addAction(self.delete_action)
        return menu

    def _show_menu(self, pos: QPoint) -> None:
        index = self.indexAt(pos)
        node = self.node_at(index)
        if node is None:
            return
        self.setCurrentIndex(index.siblingAtColumn(0))
        menu = self.build_menu(node)
        menu.exec(self.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def _request(self, what: str) -> None:
        index = self.currentIndex()
        node = self.node_at(index)
        if node is None or node.kind not in NUMBERED:
            return
        if what == "add":
            self.addPointRequested.emit(node)
        elif what == "rename":
            title = self.ask_title(node)
            if title:
                self.renameRequested.emit(node, title)
        elif what == "delete":
            if self.confirm_delete(node):
                self.deleteRequested.emit(node)
        else:
            parent = self.parent_of(index)
            pool = parent.children if parent else (self.outline.sections if self.outline else [])
            siblings = [c for c in pool if c.kind == node.kind]
            row = siblings.index(node)
            if what == "up" and row > 0:
                self.moveRequested.emit(node, parent, row - 1)
            elif what == "down" and row + 1 < len(siblings):
                self.moveRequested.emit(node, parent, row + 2)

    def ask_title(self, node: OutlineNode) -> str:
        from app.ui.dialogs.fit import text_width

        what = "标题" if node.kind == NodeKind.SECTION else "要点的首句"
        dialog = QInputDialog(self)
        dialog.setWindowTitle("重命名")
        dialog.setLabelText(f"新的{what}（编号不变）：")
        dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
        dialog.setTextValue(node.title)
        # wide enough for the whole heading (（一）带头强化政治忠诚、提高政治能力方面)
        edit = dialog.findChild(QLineEdit)
        if edit is not None:
            edit.setMinimumWidth(max(320, text_width(edit, [node.title + "字字"], 24)))
        ok = dialog.exec() == QInputDialog.DialogCode.Accepted
        text = dialog.textValue()
        dialog.deleteLater()
        return text.strip() if ok else ""

    def confirm_delete(self, node: OutlineNode) -> bool:
        box = QMessageBox(QMessageBox.Icon.Warning, "删除",
                          f"删除“{label_of(node)}”及其下的全部文字（{node.chars} 字）？\n删除后可用“撤销”恢复。",
                          parent=self)
        delete = box.addButton("删除", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is delete
