"""An open document: its model, its undo stack and its autosave, in one place.

Every edit arrives as an :class:`app.models.editing.Operation`, wrapped in one
generic undo command; after each one the document is marked dirty for the
autosaver (persisted within a second, off the GUI thread).
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from app.models.document import EspdDocument
from app.models.editing import Operation
from app.models.events import Change
from app.storage import documents as stored
from app.storage.autosave import Autosaver
from app.storage.library import Library

log = logging.getLogger("dume.ui.session")

_MERGE_ID = 1


class OperationCommand(QUndoCommand):
    def __init__(self, session: DocumentSession, operation: Operation) -> None:
        super().__init__(operation.label)
        self._session = session
        self._operation = operation
        self._inverse: Operation | None = None
        self._first_inverse: Operation | None = None

    def redo(self) -> None:
        replay = self._first_inverse is not None
        self._inverse = self._operation.apply(self._session.document)
        if self._first_inverse is None:
            self._first_inverse = self._inverse
        self._session.touched()
        if replay:
            self._session.replayed.emit()

    def undo(self) -> None:
        assert self._first_inverse is not None
        self._first_inverse.apply(self._session.document)
        self._session.touched()
        self._session.replayed.emit()

    def id(self) -> int:
        return _MERGE_ID if self._operation.merge_key() else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        # Typing in one field is one undo step: keep our inverse, take their new value.
        if not isinstance(other, OperationCommand):
            return False
        if other._operation.merge_key() != self._operation.merge_key():
            return False
        self._operation = other._operation
        return True


class DocumentSession(QObject):
    #: a model change, with what changed (from the model's event bus)
    changed = Signal(object)
    #: persisted by autosave (emitted on the GUI thread)
    saved = Signal()
    save_failed = Signal(str)
    #: an undo or redo changed the document behind the views' back: show it again
    replayed = Signal()

    def __init__(
        self, library: Library, doc_id: str, document: EspdDocument, autosave_delay: float = 0.5
    ) -> None:
        super().__init__()
        self.library = library
        self.doc_id = doc_id
        self.document = document
        self.undo_stack = QUndoStack(self)
        self._unsubscribe = document.events.subscribe(self._on_model_change)
        self._meta = (document.display_title(), document.procedure.reference)
        library.begin_editing(doc_id)
        self._autosaver = Autosaver(
            self._persist,
            delay=0.1,
            max_latency=0.5,
            on_saved=lambda *_: self._saved_from_worker.emit(),
            on_error=lambda error, *_: self._failed_from_worker.emit(str(error)),
        )
        self._saved_from_worker.connect(self.saved)
        self._failed_from_worker.connect(self.save_failed)
        # The model is snapshotted on the GUI thread (it is not thread-safe), a
        # short while after the last keystroke; the autosaver writes it off-thread.
        self._snapshot_timer = QTimer(self)
        self._snapshot_timer.setSingleShot(True)
        self._snapshot_timer.setInterval(int(autosave_delay * 1000))
        self._snapshot_timer.timeout.connect(self._snapshot)

    _saved_from_worker = Signal()
    _failed_from_worker = Signal(str)

    def _on_model_change(self, change: Change) -> None:
        self.changed.emit(change)

    def push(self, operation: Operation) -> None:
        self.undo_stack.push(OperationCommand(self, operation))

    def touched(self) -> None:
        self._snapshot_timer.start()

    def _snapshot(self) -> None:
        self._meta = (self.document.display_title(), self.document.procedure.reference)
        self._autosaver.mark_dirty(self.document.model_dump_json())

    def _persist(self, payload: str) -> int:
        title, reference = self._meta
        return self.library.save(
            self.doc_id, payload, title=title, reference=reference, autosave=True
        )

    def flush(self) -> None:
        """Persist now (before export, close or quit)."""
        if self._snapshot_timer.isActive():
            self._snapshot_timer.stop()
            self._snapshot()
        self._autosaver.flush()

    def close(self) -> None:
        # The views are going away: they must not hear the stack being torn down.
        self.undo_stack.blockSignals(True)
        self.blockSignals(True)
        self._unsubscribe()
        try:
            self.flush()
            self._autosaver.close()
        except Exception as exc:  # the last save failed: already reported via save_failed
            log.warning("autosave on close failed: %s", type(exc).__name__)
        if not self.library.closed:
            self.library.end_editing(self.doc_id)


def open_session(library: Library, doc_id: str, **options: Any) -> DocumentSession:
    return DocumentSession(library, doc_id, stored.load(library, doc_id), **options)
