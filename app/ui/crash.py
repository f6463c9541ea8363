"""Bugs reach the user as a French crash dialog, after every open draft is saved.

:class:`CrashHandler` takes over ``sys.excepthook`` (exceptions in slots and
event handlers land there), ``threading.excepthook`` (worker threads: passed
to the GUI thread) and Qt's message handler (Qt's own warnings go to the
``dume.qt`` logger).  On a bug it:

1. logs it (the rotating log file keeps the traceback);
2. calls ``save_all`` so no draft is lost, whatever happens next;
3. shows :class:`CrashDialog`, which says whether the drafts were saved and
   offers to copy a report: versions, traceback, last log lines, harmless
   settings, passed through :func:`app.logs.redact_report` with every secret
   of the keyring as known values, so no secret and no document content
   leaves the machine.

A :class:`UserFacingError` that escaped its presenter is shown as the plain
warning it is; :class:`Interrupted` is ignored.
"""

from __future__ import annotations

import faulthandler
import logging
import platform
import sys
import threading
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import IO, Any

import keyring
import PySide6
from PySide6.QtCore import (
    QObject,
    QThread,
    QtMsgType,
    QUrl,
    Signal,
    qInstallMessageHandler,
    qVersion,
)
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import __version__
from app.errors import Interrupted, UserFacingError
from app.logs import current_setup, redact_report
from app.paths import user_log_dir
from app.settings import PROXY_KEYRING_ENTRY, PROXY_KEYRING_SERVICE, Settings

log = logging.getLogger("dume.crash")
qt_log = logging.getLogger("dume.qt")

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]
FAULT_FILE_NAME = "crash-natif.log"
REPORT_LOG_LINES = 60

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


# ---------------------------------------------------------------- secrets to hide
def keyring_secrets() -> list[str]:
    """Every secret this app keeps in the keyring, to be masked in a report."""
    from app.sync.credentials import CredentialStore
    from app.sync.profiles import PRODUCTION, SANDBOX

    secrets: list[str] = []
    services = {SANDBOX.keyring_service, PRODUCTION.keyring_service}
    try:
        for service in sorted(services):
            credentials = CredentialStore(service).load()
            if credentials is not None:
                secrets += [credentials.client_secret, credentials.cpro_account or ""]
        password = keyring.get_password(PROXY_KEYRING_SERVICE, PROXY_KEYRING_ENTRY)
        if password:
            secrets.append(password)
    except Exception as exc:  # a locked or broken keyring must not stop the report
        log.warning("keyring unreadable while building a report: %s", type(exc).__name__)
    return [s for s in secrets if s]


# ---------------------------------------------------------------- the report
def _short_path(text: str) -> str:
    """Source paths without the install folder or the user's home."""
    roots = sorted(
        {str(Path(__file__).resolve().parents[2]), str(Path(PySide6.__file__).parents[1])},
        key=len,
        reverse=True,
    )
    for root in roots:
        text = text.replace(root + "/", "")
    return text.replace(str(Path.home()), "~")


def build_report(
    exc_info: ExcInfo,
    *,
    drafts_saved: bool,
    save_problem: str | None = None,
    known_secrets: Iterable[str] = (),
    log_lines: Iterable[str] = (),
    settings: Settings | None = None,
) -> str:
    """The text offered to the user: redacted, nothing else is ever copied."""
    exc_type, exc, tb = exc_info
    lines = [
        f"Rapport d'erreur — DUME Desktop {__version__}",
        f"Date : {datetime.now().astimezone().isoformat(timespec='seconds')}",
        f"Système : {platform.system()} {platform.release()} ({platform.machine()})",
        f"Python {platform.python_version()}, Qt {qVersion()}, PySide6 {PySide6.__version__}",
        f"Application empaquetée : {'oui' if getattr(sys, 'frozen', False) else 'non'}",
        f"Brouillons enregistrés : {'oui' if drafts_saved else 'non'}"
        + (f" ({save_problem})" if save_problem else ""),
    ]
    if settings is not None:
        lines.append("Paramètres :")
        lines += [f"  {key} = {value}" for key, value in settings.summary().items()]
    lines += ["", "Erreur :"]
    lines += [
        _short_path(line.rstrip("\n"))
        for chunk in traceback.format_exception(exc_type, exc, tb)
        for line in chunk.splitlines()
    ]
    tail = list(log_lines)[-REPORT_LOG_LINES:]
    if tail:
        lines += ["", f"Journal ({len(tail)} dernières lignes) :", *tail]
    return redact_report("\n".join(lines), known_secrets)


@dataclass
class CrashReport:
    text: str
    drafts_saved: bool
    save_problem: str | None
    error_name: str


# ---------------------------------------------------------------- the dialog
class CrashDialog(QDialog):
    """Tells what happened, whether the drafts are safe, and offers the report."""

    def __init__(self, report: CrashReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.quit_requested = False
        self.setWindowTitle(self.tr("Erreur inattendue"))
        self.setMinimumWidth(560)
        if report.drafts_saved:
            saved = self.tr("Vos brouillons ont été enregistrés.")
        else:
            saved = self.tr(
                "Vos brouillons n'ont pas pu être tous enregistrés ; ne fermez pas l'application "
                "avant d'avoir exporté votre travail."
            )
        self.message = QLabel(
            self.tr(
                "<p><b>DUME a rencontré une erreur inattendue.</b></p><p>%1</p><p>Vous pouvez "
                "continuer à travailler, ou quitter l'application. Pour nous aider à corriger ce "
                "problème, copiez le rapport ci-dessous et joignez-le à votre signalement : il ne "
                "contient ni mot de passe, ni secret, ni le contenu de vos documents.</p>"
            ).replace("%1", saved)
        )
        self.message.setWordWrap(True)
        self.details = QPlainTextEdit(report.text)
        self.details.setReadOnly(True)
        self.details.setAccessibleName(self.tr("Rapport d'erreur"))
        self.details.setMinimumHeight(220)
        self.copy_button = QPushButton(self.tr("&Copier le rapport"))
        self.copy_button.clicked.connect(self.copy_report)
        self.folder_button = QPushButton(self.tr("Ouvrir le dossier des &journaux"))
        self.folder_button.clicked.connect(self._open_log_folder)
        self.quit_button = QPushButton(self.tr("&Quitter l'application"))
        self.quit_button.clicked.connect(self._quit)
        self.continue_button = QPushButton(self.tr("C&ontinuer"))
        self.continue_button.setDefault(True)
        self.continue_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.folder_button)
        buttons.addStretch(1)
        buttons.addWidget(self.quit_button)
        buttons.addWidget(self.continue_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.details, 1)
        layout.addLayout(buttons)

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.report.text)
        self.copy_button.setText(self.tr("Rapport copié"))

    def _open_log_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(user_log_dir())))

    def _quit(self) -> None:
        self.quit_requested = True
        self.reject()


def show_crash_dialog(report: CrashReport) -> None:
    """The default presenter: the modal dialog; quits the app if the user asks to."""
    dialog = CrashDialog(report, QApplication.activeWindow())
    dialog.exec()
    if dialog.quit_requested:
        QApplication.exit(70)  # EX_SOFTWARE
    dialog.deleteLater()


def show_escaped_error(error: UserFacingError) -> None:
    from app.ui.errors import show_error

    show_error(QApplication.activeWindow(), error)


# ---------------------------------------------------------------- the handler
class CrashHandler(QObject):
    """Installs the hooks; one per application."""

    #: exception info from a worker thread, handled on the GUI thread
    _from_thread = Signal(object)

    def __init__(
        self,
        save_all: Callable[[], None],
        *,
        settings: Settings | None = None,
        secrets: Callable[[], Iterable[str]] | None = None,
        present: Callable[[CrashReport], None] = show_crash_dialog,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.save_all = save_all
        self.settings = settings
        self._secrets = secrets or keyring_secrets
        self._present = present
        self._busy = False
        self._previous_hooks: tuple[Any, Any, Any] | None = None
        self._fault_file: IO[str] | None = None
        self.last_report: CrashReport | None = None
        self._from_thread.connect(self._handle_queued)

    # ------------------------------------------------------------ install
    def install(self, fault_log_dir: Path | None = None) -> None:
        """Take over the hooks; with *fault_log_dir*, hard crashes (segfaults) are written there."""
        if self._previous_hooks is not None:
            return
        previous_qt = qInstallMessageHandler(self._qt_message)
        self._previous_hooks = (sys.excepthook, threading.excepthook, previous_qt)
        sys.excepthook = self._excepthook
        threading.excepthook = self._thread_excepthook
        if fault_log_dir is not None:
            self._enable_faulthandler(fault_log_dir)

    def uninstall(self) -> None:
        if self._previous_hooks is None:
            return
        sys.excepthook, threading.excepthook, previous_qt = self._previous_hooks
        qInstallMessageHandler(previous_qt)
        self._previous_hooks = None
        if self._fault_file is not None:
            faulthandler.disable()
            self._fault_file.close()
            self._fault_file = None

    def _enable_faulthandler(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / FAULT_FILE_NAME
        if path.is_file() and path.stat().st_size:
            log.warning(
                "the previous session stopped on a native crash:\n%s",
                path.read_text(encoding="utf-8", errors="replace")[-4000:],
            )
        self._fault_file = path.open("w", encoding="utf-8")
        faulthandler.enable(self._fault_file)

    # ------------------------------------------------------------ hooks
    def _qt_message(self, mode: QtMsgType, context: Any, message: str) -> None:
        qt_log.log(_QT_LEVELS.get(mode, logging.WARNING), "%s", message)
        previous = self._previous_hooks[2] if self._previous_hooks else None
        if previous is not None:
            previous(mode, context, message)

    def _excepthook(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        self.handle((exc_type, exc, tb))

    def _thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or args.exc_type is SystemExit:
            return
        exc_info = (args.exc_type, args.exc_value, args.exc_traceback)
        if QThread.currentThread() is self.thread():
            self.handle(exc_info)
        else:
            self._from_thread.emit(exc_info)

    def _handle_queued(self, exc_info: ExcInfo) -> None:
        self.handle(exc_info)

    # ------------------------------------------------------------ handling
    def handle(self, exc_info: ExcInfo) -> CrashReport | None:
        exc_type, exc, _tb = exc_info
        if issubclass(exc_type, Interrupted):
            return None
        if issubclass(exc_type, KeyboardInterrupt):
            QApplication.exit(130)
            return None
        if isinstance(exc, UserFacingError):
            log.warning("user-facing error reached the hook: %s", exc.one_line())
            show_escaped_error(exc)
            return None
        log.critical("unexpected error", exc_info=exc_info)
        if self._busy:
            return None  # an error inside the crash dialog: logged, not stacked
        self._busy = True
        try:
            report = self._report(exc_info)
            self.last_report = report
            self._present(report)
            return report
        finally:
            self._busy = False

    def _report(self, exc_info: ExcInfo) -> CrashReport:
        drafts_saved, problem = True, None
        try:
            self.save_all()
        except Exception as exc:
            drafts_saved, problem = False, type(exc).__name__
            log.exception("saving the drafts after a crash failed")
        setup = current_setup()
        text = build_report(
            exc_info,
            drafts_saved=drafts_saved,
            save_problem=problem,
            known_secrets=self._secrets(),
            log_lines=setup.tail.lines() if setup is not None else (),
            settings=self.settings,
        )
        return CrashReport(text, drafts_saved, problem, exc_info[0].__name__)
