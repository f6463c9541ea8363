"""The one background-task helper: run work off the GUI thread, deliver on it.

Workers never touch widgets.  The task's result or error comes back through
Qt signals, which queue onto the GUI thread.  Cancel sets a flag the work
checks (:class:`app.validation.CancelToken`); a cancelled task ends with
:class:`app.errors.Interrupted`, which is reported as ``cancelled``, never as an error.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget

from app.errors import Interrupted
from app.validation import CancelToken

log = logging.getLogger("dume.ui.tasks")

# work(progress, cancel) -> result; progress(done, total, text)
Work = Callable[[Callable[[int, int, str], None], CancelToken], Any]


class Task(QObject):
    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)  # the exception
    cancelled = Signal()
    finished = Signal()

    def __init__(self, name: str, work: Work) -> None:
        super().__init__()
        self.name = name
        self.token = CancelToken()
        self._work = work
        self.running = False

    def cancel(self) -> None:
        self.token.cancel()

    def _run(self) -> None:
        try:
            result = self._work(self.progressed.emit, self.token)
        except Interrupted:
            self.cancelled.emit()
        except Exception as exc:  # every error is handed back to the GUI thread
            log.info("task %s failed: %s", self.name, type(exc).__name__)
            self.failed.emit(exc)
        else:
            self.succeeded.emit(result)
        finally:
            self.running = False
            self.finished.emit()


class _Runnable(QRunnable):
    def __init__(self, task: Task) -> None:
        super().__init__()
        self._task = task

    def run(self) -> None:
        self._task._run()


class TaskRunner(QObject):
    """Starts tasks on a private pool; keeps them alive until they finish."""

    def __init__(self, parent: QObject | None = None, max_threads: int = 2) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._tasks: set[Task] = set()

    def start(self, name: str, work: Work) -> Task:
        task = Task(name, work)
        task.running = True
        self._tasks.add(task)
        task.finished.connect(lambda: self._tasks.discard(task))
        # Started from the event loop, not here: the caller connects to the task's
        # signals after start() returns, and a quick task must not finish before that.
        QTimer.singleShot(0, lambda: self._launch(task))
        return task

    def _launch(self, task: Task) -> None:
        if task.token.cancelled:  # cancelled before it could start (e.g. the window closed)
            task.running = False
            task.cancelled.emit()
            task.finished.emit()
            return
        self._pool.start(_Runnable(task))

    def wait(self, msecs: int = 30000) -> bool:
        return self._pool.waitForDone(msecs)

    def cancel_all(self) -> None:
        for task in list(self._tasks):
            task.cancel()


def show_progress(bar: QProgressBar, done: int, total: int, what: str = "") -> None:
    """How every progress bar shows a task's report: "3 / 12 — what is being done"."""
    bar.setRange(0, total)
    bar.setValue(done)
    bar.setFormat(f"%v / %m — {what}" if what else "%v / %m")


class TaskProgress(QWidget):
    """A progress bar and a cancel button that follow one task at a time (status bars)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self)
        self.bar = QProgressBar(self)
        self.bar.setMaximumWidth(240)
        self.cancel_button = QToolButton(self)
        self.cancel_button.setText(self.tr("Annuler"))
        self.cancel_button.clicked.connect(self.cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self.task: Task | None = None
        self.hide()

    def track(self, task: Task, label: str) -> None:
        self.task = task
        self.label.setText(label)
        self.bar.setRange(0, 0)  # busy until the first progress report
        self.bar.setFormat("%v / %m")
        task.progressed.connect(self._progressed)
        task.finished.connect(lambda: self._finished(task))
        self.show()

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def _progressed(self, done: int, total: int, what: str) -> None:
        show_progress(self.bar, done, total, what)

    def _finished(self, task: Task) -> None:
        if task is self.task:
            self.task = None
            self.hide()
