"""The navigation list of ESPD parts and its stack of scrollable pages (both editors)."""

from __future__ import annotations

from PySide6.QtWidgets import QListWidget, QScrollArea, QStackedWidget, QWidget


def part_navigation(
    pages: list[tuple[str, QWidget]], accessible_name: str
) -> tuple[QListWidget, QStackedWidget]:
    nav = QListWidget()
    nav.setAccessibleName(accessible_name)
    nav.setMaximumWidth(200)
    nav.setMinimumWidth(140)
    stack = QStackedWidget()
    for title, page in pages:
        nav.addItem(title)
        # Each page scrolls, so large fonts (200 %) and small screens keep every field reachable.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(page)
        stack.addWidget(scroll)
    nav.currentRowChanged.connect(stack.setCurrentIndex)
    nav.setCurrentRow(0)
    return nav, stack
