"""Undoable library operations (delete goes to the trash; undo restores it)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from app.storage import documents as stored
from app.storage.library import Library


class DeleteDocument(QUndoCommand):
    def __init__(self, library: Library, doc_id: str, refresh: Callable[[], None]) -> None:
        super().__init__("Supprimer le document")
        self._library, self._doc_id, self._refresh = library, doc_id, refresh

    def redo(self) -> None:
        self._library.delete(self._doc_id)
        self._refresh()

    def undo(self) -> None:
        self._library.restore(self._doc_id)
        self._refresh()


class DuplicateDocument(QUndoCommand):
    def __init__(self, library: Library, doc_id: str, refresh: Callable[[], None]) -> None:
        super().__init__("Dupliquer le document")
        self._library, self._doc_id, self._refresh = library, doc_id, refresh
        self.copy_id: str | None = None

    def redo(self) -> None:
        if self.copy_id is None:
            self.copy_id = stored.save_new(
                self._library, stored.fresh_copy(self._library, self._doc_id)
            )
        else:
            self._library.restore(self.copy_id)
        self._refresh()

    def undo(self) -> None:
        if self.copy_id is not None:
            self._library.delete(self.copy_id)
        self._refresh()
