"""The "Vérifier des signatures" view: drop files, read the verdicts, file the reports.

The view only lays out and wires.  Verification, reports and history belong to
the Qt-free core (:mod:`app.signature`); the work runs through the shared
:class:`~app.ui.tasks.TaskRunner`, with progress and cancel.  Every status is a
word *and* a colour *and* an icon shape, never a colour alone.
"""

from __future__ import annotations

import html
import json
import logging
import os
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QDragEnterEvent,
    QDropEvent,
    QIcon,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserFacingError
from app.signature.detect import DetectedFormat, detect_format
from app.signature.errors import SignatureInputError
from app.signature.model import (
    BatchRow,
    BatchSummary,
    CheckStatus,
    FileVerification,
    Indication,
    QualificationStatus,
    RevocationStatus,
    SignatureReport,
)
from app.signature.report import save_reports
from app.signature.verify import Verifier, record_history
from app.storage.atomic import atomic_write_bytes
from app.storage.library import Library
from app.sync.signature_remote import RemoteVerification
from app.ui.errors import error_text
from app.ui.tasks import Task, TaskRunner, show_progress
from app.validation import CancelToken

log = logging.getLogger("dume.ui.verification")

_Index = QModelIndex | QPersistentModelIndex
Progress = Callable[[int, int, str], None]
#: asks the online service about (the listed file, what was signed, the detached signature)
RemoteRequester = Callable[[Path, Path, Path | None], None]

#: status keys beyond the three ETSI indications
UNSIGNED = "UNSIGNED"
UNREADABLE = "UNREADABLE"

SUMMARY_FILE = "synthese-verification.json"


@dataclass(frozen=True)
class StatusLook:
    """How a status is drawn: the colours and the icon's shape (the word is translated)."""

    foreground: str
    background: str
    accent: str
    glyph: str  # "check", "cross", "bang", "dash" or "question"


LOOKS = {
    Indication.TOTAL_PASSED.value: StatusLook("#0b5d1e", "#dcf2e1", "#1e7b34", "check"),
    Indication.INDETERMINATE.value: StatusLook("#6b4100", "#fdefd3", "#b86e00", "bang"),
    Indication.TOTAL_FAILED.value: StatusLook("#8c1d18", "#f9dedc", "#b3261e", "cross"),
    UNSIGNED: StatusLook("#3c4043", "#eceff1", "#5f6368", "dash"),
    UNREADABLE: StatusLook("#3c4043", "#eceff1", "#5f6368", "question"),
}
CHECK_LOOKS = {
    CheckStatus.OK: LOOKS[Indication.TOTAL_PASSED.value],
    CheckStatus.FAILED: LOOKS[Indication.TOTAL_FAILED.value],
    CheckStatus.TO_CHECK: LOOKS[Indication.INDETERMINATE.value],
}
_GLYPH_TEXT = {"check": "✔", "cross": "✘", "bang": "!", "dash": "–", "question": "?"}


# ---------------------------------------------------------------- results
@dataclass(frozen=True)
class VerifiedItem:
    """One verified file: its core result, or why it could not be verified at all."""

    name: str  # relative to the dropped folder or archive
    source: Path  # the file, folder or ZIP the user gave
    result: FileVerification | None
    problem: str | None = None

    @property
    def status(self) -> str:
        if self.result is None:
            return UNREADABLE
        if not self.result.signatures:
            return UNSIGNED
        return self.result.indication.value

    @property
    def on_disk(self) -> Path | None:
        """The verified file itself, when it is a file of its own (not a ZIP entry)."""
        if self.source.is_dir():
            return self.source / _safe_relative(self.name)
        if self.name == self.source.name:
            return self.source
        return None

    def default_report_pdf(self) -> Path:
        """Beside the file; for a ZIP entry, beside the archive, named after both."""
        beside = self.on_disk
        if beside is None:
            flat = "-".join(_safe_relative(self.name).parts)
            beside = self.source.with_name(f"{self.source.stem}-{flat}")
        return report_pdf_beside(beside)

    def batch_row(self) -> BatchRow:
        result = self.result
        if result is None:
            return BatchRow(self.name, "erreur", 0, None, (), (), self.problem)
        return BatchRow(
            file_name=self.name,
            detected_format=result.detected_format,
            signatures=len(result.signatures),
            indication=result.indication if result.signatures else None,
            sub_indications=tuple(s.sub_indication for s in result.signatures if s.sub_indication),
            signers=tuple(_signer_line(s) for s in result.signatures if s.signer is not None),
            problem="; ".join(result.problems) or None,
        )


def report_pdf_beside(file: Path) -> Path:
    """``<name>.verification.pdf`` beside the file (the JSON twin gets ``.json``)."""
    # Not report.default_report_paths: its with_suffix() drops ".verification".
    return file.with_name(f"{file.name}.verification.pdf")


def _safe_relative(name: str) -> PurePosixPath:
    """A relative path that stays inside its folder (ZIP entries may say "../")."""
    parts = [p for p in PurePosixPath(name.replace("\\", "/")).parts if p not in ("", ".", "..")]
    parts = [p for p in parts if p != "/"]
    return PurePosixPath(*parts) if parts else PurePosixPath("fichier")


def _signer_line(signature: SignatureReport) -> str:
    who = signature.signer
    if who is None:
        return ""
    return who.common_name + (f" ({who.organisation})" if who.organisation else "")


class VerifierHolder:
    """Creates the verifier (loading the trust data takes time) once, on a worker thread."""

    def __init__(self, factory: Callable[[], Verifier]) -> None:
        self._factory = factory
        self._verifier: Verifier | None = None
        self._lock = threading.Lock()

    def get(self) -> Verifier:
        with self._lock:
            if self._verifier is None:
                self._verifier = self._factory()
            return self._verifier

    def reset(self) -> None:
        """Reload the trust data at the next verification (after a refresh)."""
        with self._lock:
            self._verifier = None


def _is_plain_zip(path: Path) -> bool:
    """A ZIP to open as a batch (ASiC containers are ZIPs too, but are signatures)."""
    with path.open("rb") as stream:
        if stream.read(4) != b"PK\x03\x04":
            return False
    return detect_format(path.read_bytes()) is DetectedFormat.ZIP


def _count(source: Path) -> int:
    if source.is_dir():
        return sum(1 for p in source.rglob("*") if p.is_file())
    return 1


def verify_sources(
    verifier: Verifier, sources: Sequence[Path], progress: Progress, cancel: CancelToken
) -> list[VerifiedItem]:
    """Verify dropped files, folders and ZIPs (worker side: no Qt here)."""
    plan = [(source, _count(source)) for source in sources]
    total = sum(count for _, count in plan)
    done_before = 0
    items: list[VerifiedItem] = []
    for source, count in plan:
        cancel.check()
        progress(done_before, total, source.name)
        try:
            if source.is_dir() or _is_plain_zip(source):
                base = done_before

                def step(done: int, _total: int, what: str, base: int = base) -> None:
                    progress(min(base + done, total), total, what)

                summary = verifier.verify_batch(source, progress=step, cancel=cancel)
                items.extend(_items_of(summary, source))
            else:
                items.append(VerifiedItem(source.name, source, verifier.verify_file(source)))
        except SignatureInputError as error:
            items.append(VerifiedItem(source.name, source, None, error_text(error)))
        except OSError as error:
            message = f"{source.name} : lecture impossible ({error.strerror})."
            items.append(VerifiedItem(source.name, source, None, message))
        done_before += count
    progress(total, total, "")
    return items


def _items_of(summary: BatchSummary, source: Path) -> list[VerifiedItem]:
    results = {result.file_name: result for result in summary.results}
    return [
        VerifiedItem(
            row.file_name,
            source,
            results.get(row.file_name),
            None if row.file_name in results else row.problem,
        )
        for row in summary.rows
    ]


def report_targets(items: Sequence[VerifiedItem], folder: Path) -> list[tuple[Path, Path]]:
    """(pdf target, json twin) of each verified item, keeping sub-folders inside ``folder``."""
    targets = []
    for item in items:
        relative = _safe_relative(item.name)
        pdf = folder.joinpath(*relative.parts).with_name(f"{relative.name}.verification.pdf")
        targets.append((pdf, pdf.with_suffix(".json")))
    return targets


def save_item_reports(
    items: Sequence[VerifiedItem],
    targets: Sequence[Path],
    summary_path: Path | None,
    progress: Progress,
    cancel: CancelToken,
) -> list[Path]:
    """Write each PDF report and its JSON twin (atomically), then the batch summary."""
    written: list[Path] = []
    for done, (item, pdf) in enumerate(zip(items, targets, strict=True)):
        cancel.check()
        progress(done, len(items), item.name)
        assert item.result is not None
        _make_folder(pdf.parent)
        written.extend(save_reports(item.result, pdf))
    if summary_path is not None:
        summary = BatchSummary(
            source=", ".join(sorted({str(item.source) for item in items})),
            rows=tuple(item.batch_row() for item in items),
            results=tuple(item.result for item in items if item.result is not None),
        )
        data = json.dumps(summary.to_json(), ensure_ascii=False, indent=2).encode("utf-8")
        atomic_write_bytes(summary_path, data, action="Enregistrement de la synthèse")
        written.append(summary_path)
    progress(len(items), len(items), "")
    return written


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise SignatureInputError(
            f"Impossible de créer le dossier {folder.name} ({error.strerror})."
        ) from None


# ---------------------------------------------------------------- icons
def status_icon(key: str, size: int = 16) -> QIcon:
    """A filled disc with a drawn glyph: the shape differs per status, not only the hue."""
    look = LOOKS[key]
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(QColor(look.accent)))
    painter.drawEllipse(1, 1, size - 2, size - 2)
    pen = QPen(QColor("white"), max(1.6, size / 8))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    s = size / 16
    path = QPainterPath()
    if look.glyph == "check":
        path.moveTo(QPointF(4.5 * s, 8.5 * s))
        path.lineTo(QPointF(7 * s, 11 * s))
        path.lineTo(QPointF(11.5 * s, 5.5 * s))
    elif look.glyph == "cross":
        path.moveTo(QPointF(5 * s, 5 * s))
        path.lineTo(QPointF(11 * s, 11 * s))
        path.moveTo(QPointF(11 * s, 5 * s))
        path.lineTo(QPointF(5 * s, 11 * s))
    elif look.glyph == "bang":
        path.moveTo(QPointF(8 * s, 4 * s))
        path.lineTo(QPointF(8 * s, 9 * s))
        path.moveTo(QPointF(8 * s, 11.8 * s))
        path.lineTo(QPointF(8 * s, 12 * s))
    elif look.glyph == "question":
        path.moveTo(QPointF(5.8 * s, 6 * s))
        path.cubicTo(QPointF(6 * s, 3 * s), QPointF(11 * s, 3.5 * s), QPointF(10 * s, 6.5 * s))
        path.cubicTo(QPointF(9.5 * s, 8 * s), QPointF(8 * s, 8 * s), QPointF(8 * s, 9.5 * s))
        path.moveTo(QPointF(8 * s, 11.8 * s))
        path.lineTo(QPointF(8 * s, 12 * s))
    else:
        path.moveTo(QPointF(5 * s, 8 * s))
        path.lineTo(QPointF(11 * s, 8 * s))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(path)
    painter.end()
    return QIcon(pixmap)


# ---------------------------------------------------------------- table model
class VerificationTableModel(QAbstractTableModel):
    """Adapter from the core's results to Qt's table interface (read-only)."""

    COLUMNS = ("status", "file", "format", "signatures", "signers", "remark")
    #: the status key ("TOTAL_PASSED" ... "UNSIGNED") of a row, for tests and delegates
    StatusRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[VerifiedItem] = []
        self._icons: dict[str, QIcon] = {}

    # ------------------------------------------------------------ content
    def add_items(self, items: Sequence[VerifiedItem]) -> None:
        if not items:
            return
        first = len(self._items)
        self.beginInsertRows(QModelIndex(), first, first + len(items) - 1)
        self._items.extend(items)
        self.endInsertRows()

    def clear(self) -> None:
        self.beginResetModel()
        self._items = []
        self.endResetModel()

    def item(self, row: int) -> VerifiedItem:
        return self._items[row]

    def items(self) -> list[VerifiedItem]:
        return list(self._items)

    # ------------------------------------------------------------ words
    def status_word(self, key: str) -> str:
        return {
            Indication.TOTAL_PASSED.value: self.tr("Valide"),
            Indication.INDETERMINATE.value: self.tr("Indéterminé"),
            Indication.TOTAL_FAILED.value: self.tr("Invalide"),
            UNSIGNED: self.tr("Non signé"),
            UNREADABLE: self.tr("Illisible"),
        }[key]

    def headers(self) -> list[str]:
        return [
            self.tr("Statut"),
            self.tr("Fichier"),
            self.tr("Format"),
            self.tr("Signatures"),
            self.tr("Signataire(s)"),
            self.tr("Remarque"),
        ]

    def _format(self, item: VerifiedItem) -> str:
        result = item.result
        if result is None:
            return "—"
        if result.signatures:
            levels = dict.fromkeys(f"{s.format}-{s.level}" for s in result.signatures)
            return ", ".join(levels)
        try:
            return DetectedFormat(result.detected_format).label_fr
        except ValueError:
            return result.detected_format

    def _remark(self, item: VerifiedItem) -> str:
        result = item.result
        if result is None:
            return item.problem or ""
        if not result.signatures:
            return "; ".join(result.problems) or self.tr("Aucune signature trouvée.")
        failing = [s for s in result.signatures if not s.passed]
        if not failing:
            return self.tr("Toutes les signatures sont valides ; identité à contrôler.")
        return " ; ".join(
            f"{s.sub_indication or s.indication.value} : {s.explanation}" for s in failing
        )

    def _icon(self, key: str) -> QIcon:
        if key not in self._icons:
            self._icons[key] = status_icon(key)
        return self._icons[key]

    # ------------------------------------------------------------ Qt interface
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        item = self._items[index.row()]
        column = self.COLUMNS[index.column()]
        key = item.status
        if role == self.StatusRole:
            return key
        if column == "status":
            look = LOOKS[key]
            if role == Qt.ItemDataRole.DecorationRole:
                return self._icon(key)
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(QColor(look.background))
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor(look.foreground))
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return f"{self.status_word(key)} : {self._remark(item)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return (
                self._remark(item) if column in ("status", "remark") else self._text(item, column)
            )
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(item, column)
        return None

    def _text(self, item: VerifiedItem, column: str) -> str:
        if column == "status":
            return self.status_word(item.status)
        if column == "file":
            return item.name
        if column == "format":
            return self._format(item)
        if column == "signatures":
            return str(len(item.result.signatures)) if item.result else "—"
        if column == "signers":
            if item.result is None:
                return ""
            return ", ".join(
                dict.fromkeys(_signer_line(s) for s in item.result.signatures if s.signer)
            )
        return self._remark(item)


# ---------------------------------------------------------------- details
def _when(moment: datetime | None) -> str:
    if moment is None:
        return "—"
    return moment.astimezone(UTC).strftime("%d/%m/%Y à %H:%M UTC")


def _common_name(name: str) -> str:
    """The CN of a distinguished name as the core writes it ("Common Name: X, ..."), or all."""
    found = re.search(r"Common Name: ([^,]+)", name)
    return found.group(1) if found else name


def _esc(text: object) -> str:
    return html.escape(str(text))


class DetailsPanel(QTextBrowser):
    """Per-signature details of the selected file: every field of the core's report."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(False)  # drops go to the view
        self.setOpenLinks(False)
        self.setAccessibleName(self.tr("Détails des signatures"))
        self.show_nothing()

    def show_nothing(self) -> None:
        self.setHtml(
            "<p>"
            + _esc(
                self.tr(
                    "Sélectionnez un fichier dans la liste pour voir le détail de chaque "
                    "signature : signataire, certificat, format, dates et les cinq contrôles "
                    "de l'arrêté du 22 mars 2019."
                )
            )
            + "</p>"
        )

    # ------------------------------------------------------------ words
    def _badge(self, key: str, word: str) -> str:
        look = LOOKS[key]
        return (
            f'<span style="background-color:{look.background}; color:{look.foreground}; '
            f'font-weight:bold;">&nbsp;{_GLYPH_TEXT[look.glyph]} {_esc(word)}&nbsp;</span>'
        )

    def _check_badge(self, status: CheckStatus) -> str:
        look = CHECK_LOOKS[status]
        word = {
            CheckStatus.OK: self.tr("Conforme"),
            CheckStatus.FAILED: self.tr("Non conforme"),
            CheckStatus.TO_CHECK: self.tr("À vérifier"),
        }[status]
        return (
            f'<span style="background-color:{look.background}; color:{look.foreground}; '
            f'font-weight:bold;">&nbsp;{_GLYPH_TEXT[look.glyph]} {_esc(word)}&nbsp;</span>'
        )

    def _status_word(self, key: str) -> str:
        return {
            Indication.TOTAL_PASSED.value: self.tr("Valide"),
            Indication.INDETERMINATE.value: self.tr("Indéterminé"),
            Indication.TOTAL_FAILED.value: self.tr("Invalide"),
            UNSIGNED: self.tr("Non signé"),
            UNREADABLE: self.tr("Illisible"),
        }[key]

    def _check_label(self, key: str) -> str:
        return {
            "identity": self.tr("Identité du signataire"),
            "category": self.tr("Catégorie du certificat"),
            "format": self.tr("Format de signature"),
            "validity": self.tr("Certificat ni expiré ni révoqué à la date de signature"),
            "integrity": self.tr("Intégrité du document signé"),
        }[key]

    # ------------------------------------------------------------ content
    def show_item(self, item: VerifiedItem, remote: RemoteVerification | None = None) -> None:
        self.setHtml(self.item_html(item, remote))

    def item_html(self, item: VerifiedItem, remote: RemoteVerification | None = None) -> str:
        key = item.status
        parts = [
            f"<h3>{_esc(item.name)}</h3>",
            f"<p>{self._badge(key, self._status_word(key))}</p>",
        ]
        if remote is not None:
            parts.append(self._remote_html(remote))
        result = item.result
        if result is None:
            parts.append(f"<p>{_esc(item.problem or '')}</p>")
            return "".join(parts)
        rows = [
            (self.tr("Format reconnu"), self._detected(result.detected_format)),
            (self.tr("Empreinte SHA-256"), f"<tt>{_esc(result.sha256)}</tt>"),
            (self.tr("Vérifié le"), _esc(_when(result.verified_at))),
        ]
        if result.original_file:
            rows.append(
                (
                    self.tr("Original détaché"),
                    _esc(f"{result.original_file} (SHA-256 {result.original_sha256})"),
                )
            )
        rows.append((self.tr("Données de confiance"), self._trust(result)))
        parts.append(self._table(rows))
        for problem in result.problems:
            parts.append(f"<p>{_esc(problem)}</p>")
        for signature in result.signatures:
            parts.append(self._signature_html(signature))
        return "".join(parts)

    def _remote_html(self, remote: RemoteVerification) -> str:
        look = LOOKS.get(remote.indication, LOOKS[Indication.INDETERMINATE.value])
        title = self.tr("Avis du service en ligne")
        caveat = self.tr("Indicatif : le rapport repose sur la vérification locale.")
        return (
            f"<p><b>{_esc(title)}</b> "
            f"<span style='color:{look.foreground}'>{_esc(remote.summary)}</span><br>"
            f"<i>{_esc(caveat)}</i></p>"
        )

    def _detected(self, value: str) -> str:
        try:
            return _esc(DetectedFormat(value).label_fr)
        except ValueError:
            return _esc(value)

    def _trust(self, result: FileVerification) -> str:
        trust = result.trust
        text = _esc(trust.summary_fr)
        if trust.lotl_issued is not None:
            date = self.tr("Listes de confiance UE du %s") % trust.lotl_issued.strftime("%d/%m/%Y")
            text = f"<b>{_esc(date)}</b><br>{text}"
        if trust.stale:
            text += "<br>" + self._badge(
                Indication.INDETERMINATE.value, self.tr("Listes périmées : à rafraîchir")
            )
        for problem in trust.problems:
            text += f"<br>{_esc(problem)}"
        return text

    def _table(self, rows: Sequence[tuple[str, str]]) -> str:
        body = "".join(
            f'<tr><td valign="top" style="padding-right:8px;"><b>{_esc(label)}</b></td>'
            f'<td valign="top">{value}</td></tr>'
            for label, value in rows
        )
        return f'<table cellspacing="0" cellpadding="2">{body}</table>'

    def _signature_html(self, sig: SignatureReport) -> str:
        key = sig.indication.value
        verdict = self._status_word(key)
        heading = sig.label or self.tr("Signature n° %d") % sig.index
        indication = key + (f" / {sig.sub_indication}" if sig.sub_indication else "")
        parts = [
            f"<hr><h4>{_esc(heading)}</h4>",
            f"<p>{self._badge(key, verdict)} <tt>{_esc(indication)}</tt><br>"
            f"{_esc(sig.explanation)}</p>",
        ]
        who = sig.signer
        signer = subject = siren = "—"
        if who is not None:
            signer = "<br>".join(
                _esc(x) for x in (who.common_name, who.organisation, who.email) if x
            )
            subject = f"<small>{_esc(who.subject)}</small>"
            siren = _esc(who.siren or who.organisation_identifier or self.tr("absent"))
        rows = [
            (self.tr("Signataire"), signer),
            (self.tr("SIREN"), siren),
            (self.tr("Sujet du certificat"), subject),
            (self.tr("Certificat qualifié"), self._qualified(sig)),
            (self.tr("Format et niveau"), _esc(f"{sig.format}-{sig.level} ({sig.packaging})")),
            (self.tr("Date de signature déclarée"), _esc(_when(sig.claimed_signing_time))),
            (self.tr("Horodatage"), self._timestamp(sig)),
            (self.tr("Intégrité"), self._integrity(sig)),
            (self.tr("Révocation"), self._revocation(sig)),
            (self.tr("Portée de la signature"), self._scope(sig)),
            (self.tr("Chaîne de certification"), self._chain(sig)),
        ]
        parts.append(self._table(rows))
        parts.append(f"<h4>{_esc(self.tr('Les cinq contrôles de l’arrêté du 22 mars 2019'))}</h4>")
        checks = [
            (
                self._check_label(check.key.value),
                f"{self._check_badge(check.status)}<br>{_esc(check.evidence)}",
            )
            for check in sig.checks
        ]
        parts.append(self._table(checks))
        if sig.warnings:
            items = "".join(f"<li>{_esc(w)}</li>" for w in sig.warnings)
            parts.append(f"<p><b>{_esc(self.tr('Avertissements'))}</b></p><ul>{items}</ul>")
        return "".join(parts)

    def _qualified(self, sig: SignatureReport) -> str:
        q = sig.qualification
        word = {
            QualificationStatus.QUALIFIED: self.tr("Oui"),
            QualificationStatus.NOT_QUALIFIED: self.tr("Non"),
            QualificationStatus.UNKNOWN: self.tr("Inconnu"),
        }[q.status]
        extra = [x for x in (q.territory, q.service_name, q.detail) if x]
        return f"<b>{_esc(word)}</b>" + (f" — {_esc(', '.join(extra))}" if extra else "")

    def _timestamp(self, sig: SignatureReport) -> str:
        stamp = sig.timestamp
        if stamp is None:
            return _esc(self.tr("Aucun horodatage (niveau B-B)"))
        state = self.tr("valide") if stamp.valid else self.tr("non valide")
        text = f"{_when(stamp.time)} — {stamp.tsa} ({state})"
        return _esc(text + (f". {stamp.detail}" if stamp.detail else ""))

    def _integrity(self, sig: SignatureReport) -> str:
        info = sig.integrity
        if info.intact is None or info.signature_value_ok is None:
            word = self.tr("Non vérifiable")
        elif info.intact and info.signature_value_ok:
            word = self.tr("Intact")
        else:
            word = self.tr("Altéré")
        return f"<b>{_esc(word)}</b>" + (f" — {_esc(info.detail)}" if info.detail else "")

    def _revocation(self, sig: SignatureReport) -> str:
        cert = sig.certificate
        word = {
            RevocationStatus.GOOD: self.tr("Non révoqué"),
            RevocationStatus.REVOKED: self.tr("Révoqué"),
            RevocationStatus.NOT_VERIFIABLE_OFFLINE: self.tr("Non vérifiable hors ligne"),
            RevocationStatus.NOT_CHECKED: self.tr("Non vérifiée"),
        }[cert.revocation]
        if cert.revocation_date is not None:
            word += " " + self.tr("le %s") % _when(cert.revocation_date)
        if cert.detail.startswith(word):  # the core's detail already begins with the verdict
            return f"<b>{_esc(word)}</b>{_esc(cert.detail[len(word) :])}"
        return f"<b>{_esc(word)}</b>" + (f" — {_esc(cert.detail)}" if cert.detail else "")

    def _scope(self, sig: SignatureReport) -> str:
        info = sig.integrity
        text = _esc(info.coverage)
        if info.covered_files:
            text += "<br>" + _esc(", ".join(info.covered_files))
        if info.modified_after_signing:
            text += "<br>" + self._badge(
                Indication.TOTAL_FAILED.value, self.tr("Modifié après la signature")
            )
        return text

    def _chain(self, sig: SignatureReport) -> str:
        cert = sig.certificate
        chain = " → ".join(_common_name(name) for name in cert.chain) if cert.chain else "—"
        anchor = (
            self.tr("ancre de confiance : %s") % _common_name(cert.trust_anchor)
            if cert.trusted and cert.trust_anchor
            else self.tr("aucune ancre de confiance reconnue")
        )
        return _esc(f"{chain} ({anchor})")


# ---------------------------------------------------------------- the view
class VerificationView(QWidget):
    """Drop or pick files, folders or ZIPs; one table of verdicts; details; reports."""

    #: a verification finished: the new list[VerifiedItem]
    verification_done = Signal(object)
    #: reports were written: list[Path]
    reports_saved = Signal(object)

    def __init__(
        self,
        runner: TaskRunner,
        library: Library | None = None,
        *,
        verifier_factory: Callable[[], Verifier] = Verifier,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._library = library
        self.verifier = VerifierHolder(verifier_factory)
        self.task: Task | None = None
        self._cancel_message = ""
        self.setWindowTitle(self.tr("Vérifier des signatures"))
        self.setAcceptDrops(True)

        self.add_files_button = QPushButton(self.tr("Ajouter des &fichiers…"))
        self.add_files_button.clicked.connect(self._pick_files)
        self.add_folder_button = QPushButton(self.tr("Ajouter un &dossier…"))
        self.add_folder_button.clicked.connect(self._pick_folder)
        self.cancel_button = QPushButton(self.tr("Annuler"))
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.progress.setAccessibleName(self.tr("Progression"))
        self.save_button = QPushButton(self.tr("Enregistrer le &rapport…"))
        self.save_button.setToolTip(
            self.tr("Rapport PDF du fichier sélectionné et son double JSON, à côté du fichier.")
        )
        self.save_button.clicked.connect(self.save_selected_report)
        self.save_all_button = QPushButton(self.tr("Enregistrer &tous les rapports…"))
        self.save_all_button.clicked.connect(self.save_all_reports)
        self.clear_button = QPushButton(self.tr("&Effacer la liste"))
        self.clear_button.clicked.connect(self.clear)
        self.remote_button = QPushButton(self.tr("Vérifier en &ligne"))
        self.remote_button.setToolTip(
            self.tr(
                "Demande aussi l'avis du service de vérification en ligne configuré ; "
                "le rapport repose sur la vérification locale."
            )
        )
        self.remote_button.clicked.connect(self.verify_selected_remotely)
        self.remote_button.setVisible(False)
        self._remote_requester: RemoteRequester | None = None
        self._remote: dict[str, RemoteVerification] = {}

        buttons = QHBoxLayout()
        for widget in (self.add_files_button, self.add_folder_button, self.cancel_button):
            buttons.addWidget(widget)
        buttons.addWidget(self.progress, 1)
        for widget in (
            self.remote_button,
            self.save_button,
            self.save_all_button,
            self.clear_button,
        ):
            buttons.addWidget(widget)

        self.hint = QLabel(
            self.tr(
                "Déposez ici des fichiers signés, un dossier ou une archive ZIP (dossier de "
                "consultation, offres reçues). Le format est reconnu d'après le contenu, pas "
                "d'après l'extension."
            )
        )
        self.hint.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)

        self.model = VerificationTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Résultats de la vérification"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((125, 150, 90, 80, 150)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)

        self.details = DetailsPanel()
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([780, 480])
        splitter.setChildrenCollapsible(False)

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("État"))

        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.hint)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        self._update_summary()
        self._update_buttons()

    # ------------------------------------------------------------ prompts (overridable)
    def ask_files(self) -> list[Path]:
        names, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Fichiers à vérifier"),
            "",
            self.tr("Tous les fichiers (*)"),
        )
        return [Path(n) for n in names]

    def ask_folder(self) -> Path | None:
        name = QFileDialog.getExistingDirectory(self, self.tr("Dossier à vérifier"))
        return Path(name) if name else None

    def ask_report_path(self, default: Path) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Enregistrer le rapport"), str(default), self.tr("Rapport PDF (*.pdf)")
        )
        return Path(name) if name else None

    def ask_report_folder(self, default: Path) -> Path | None:
        name = QFileDialog.getExistingDirectory(self, self.tr("Dossier des rapports"), str(default))
        return Path(name) if name else None

    def present_error(self, error: Exception) -> None:
        if isinstance(error, UserFacingError):
            # Imported here: the main window imports this module to open the view.
            from app.ui.errors import show_error

            show_error(self, error)
            return
        log.error("unexpected %s in the verification view", type(error).__name__)
        self.status.setText(
            self.tr("Erreur inattendue (%s) : consultez le journal.") % type(error).__name__
        )

    # ------------------------------------------------------------ verification
    def _pick_files(self) -> None:
        paths = self.ask_files()
        if paths:
            self.verify_paths(paths)

    def _pick_folder(self) -> None:
        folder = self.ask_folder()
        if folder is not None:
            self.verify_paths([folder])

    def busy(self) -> bool:
        return self.task is not None and self.task.running

    def verify_paths(self, paths: Sequence[Path]) -> Task | None:
        """Verify files, folders and ZIP archives in the background; rows are added."""
        sources = list(dict.fromkeys(p for p in paths if p.exists()))
        if not sources:
            self.status.setText(self.tr("Aucun fichier à vérifier."))
            return None
        if self.busy():
            self.status.setText(self.tr("Une tâche est déjà en cours : patientez ou annulez-la."))
            return None
        holder = self.verifier

        def work(progress: Progress, cancel: CancelToken) -> list[VerifiedItem]:
            progress(0, 0, "")
            return verify_sources(holder.get(), sources, progress, cancel)

        self.status.setText(self.tr("Vérification en cours…"))
        task = self._start(
            "verification", work, self.tr("Vérification annulée : aucun résultat ajouté.")
        )
        task.succeeded.connect(self._verified)
        return task

    def _verified(self, items: list[VerifiedItem]) -> None:
        first = self.model.rowCount()
        self.model.add_items(items)
        self._record_history(items)
        self._update_summary()
        if items:
            self.table.selectRow(first)
        self.status.setText(self.tr("%n fichier(s) vérifié(s).", "", len(items)))
        self.verification_done.emit(items)

    def _record_history(self, items: Sequence[VerifiedItem]) -> None:
        if self._library is None:
            return
        try:
            for item in items:
                if item.result is not None and item.result.signatures:
                    record_history(self._library, item.result)
        except UserFacingError as error:
            self.present_error(error)

    # ------------------------------------------------------------ reports
    def selected_item(self) -> VerifiedItem | None:
        index = self.table.currentIndex()
        return self.model.item(index.row()) if index.isValid() else None

    def save_selected_report(self) -> Task | None:
        item = self.selected_item()
        if item is None or item.result is None:
            self.status.setText(self.tr("Sélectionnez un fichier vérifié."))
            return None
        target = self.ask_report_path(item.default_report_pdf())
        if target is None:
            return None
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        return self._save([item], [target], None)

    def save_all_reports(self) -> Task | None:
        items = [item for item in self.model.items() if item.result is not None]
        if not items:
            self.status.setText(self.tr("Aucun fichier vérifié."))
            return None
        sources = {item.source if item.source.is_dir() else item.source.parent for item in items}
        default = next(iter(sources)) if len(sources) == 1 else Path.home()
        folder = self.ask_report_folder(default)
        if folder is None:
            return None
        targets = [pdf for pdf, _json in report_targets(items, folder)]
        return self._save(items, targets, folder / SUMMARY_FILE)

    def _save(
        self, items: list[VerifiedItem], targets: list[Path], summary: Path | None
    ) -> Task | None:
        if self.busy():
            self.status.setText(self.tr("Une tâche est déjà en cours : patientez ou annulez-la."))
            return None

        def work(progress: Progress, cancel: CancelToken) -> list[Path]:
            return save_item_reports(items, targets, summary, progress, cancel)

        self.status.setText(self.tr("Enregistrement des rapports…"))
        cancelled = self.tr(
            "Enregistrement annulé : les rapports déjà écrits sont complets, les autres "
            "n'ont pas été écrits."
        )
        task = self._start("rapports de vérification", work, cancelled)
        task.succeeded.connect(self._saved)
        return task

    def _saved(self, paths: list[Path]) -> None:
        pdfs = [p for p in paths if p.suffix == ".pdf"]
        where = os.path.commonpath(pdfs) if len(pdfs) > 1 else str(pdfs[0]) if pdfs else ""
        self.status.setText(
            self.tr("%n rapport(s) PDF enregistré(s), avec leur double JSON : ", "", len(pdfs))
            + where
        )
        self.reports_saved.emit(paths)

    # ------------------------------------------------------------ tasks
    def _start(
        self, name: str, work: Callable[[Progress, CancelToken], object], cancelled: str
    ) -> Task:
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        task = self._runner.start(name, work)
        self.task = task
        task.progressed.connect(self._progressed)
        task.failed.connect(self._failed)
        self._cancel_message = cancelled
        task.cancelled.connect(self._cancelled)  # a bound slot: disconnected if the view goes
        task.finished.connect(self._finished)
        self._update_buttons()
        return task

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def _progressed(self, done: int, total: int, what: str) -> None:
        show_progress(self.progress, done, total, what)

    def _failed(self, error: Exception) -> None:
        self.status.setText(self.tr("La tâche a échoué."))
        self.present_error(error)

    def _cancelled(self) -> None:
        self.status.setText(self._cancel_message)

    def _finished(self) -> None:
        self.progress.setVisible(False)
        self.task = None
        self._update_buttons()

    # ------------------------------------------------------------ display
    def clear(self) -> None:
        self.model.clear()
        self.details.show_nothing()
        self._update_summary()
        self._update_buttons()

    # ------------------------------------------------------------ online verification
    def set_remote(self, requester: RemoteRequester | None) -> None:
        """Offer « Vérifier en ligne » (when a service is configured) through *requester*."""
        self._remote_requester = requester
        self.remote_button.setVisible(requester is not None)
        self._update_buttons()

    def verify_selected_remotely(self) -> bool:
        item = self.selected_item()
        path = item.on_disk if item is not None else None
        if item is None or path is None or self._remote_requester is None:
            return False
        original = item.result.original_file if item.result is not None else None
        if original:
            self._remote_requester(path, path.with_name(original), path)
        else:
            self._remote_requester(path, path, None)
        self.status.setText(self.tr("Demande envoyée au service de vérification en ligne…"))
        return True

    def show_remote(self, item_path: str, result: RemoteVerification) -> None:
        """The service's verdict on a file of the list: kept, and shown when it is selected."""
        self._remote[item_path] = result
        self.status.setText(self.tr("Service en ligne : %s") % result.summary)
        item = self.selected_item()
        if item is not None and str(item.on_disk) == item_path:
            self.details.show_item(item, result)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            item = self.model.item(current.row())
            self.details.show_item(item, self._remote.get(str(item.on_disk)))
        else:
            self.details.show_nothing()
        self._update_buttons()

    def _update_buttons(self) -> None:
        busy = self.busy()
        has_rows = self.model.rowCount() > 0
        item = self.selected_item()
        self.cancel_button.setEnabled(busy)
        self.add_files_button.setEnabled(not busy)
        self.add_folder_button.setEnabled(not busy)
        self.save_button.setEnabled(not busy and item is not None and item.result is not None)
        self.save_all_button.setEnabled(not busy and has_rows)
        self.clear_button.setEnabled(not busy and has_rows)
        self.remote_button.setEnabled(
            self._remote_requester is not None
            and item is not None
            and item.result is not None
            and item.on_disk is not None
        )

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(LOOKS, 0)
        for item in self.model.items():
            counts[item.status] += 1
        return counts

    def _update_summary(self) -> None:
        items = self.model.items()
        if not items:
            self.summary.setText(self.tr("Aucun fichier vérifié pour l'instant."))
            return
        parts = [
            f"{count} {self.model.status_word(key)}"
            for key, count in self.counts().items()
            if count
        ]
        text = self.tr("%n fichier(s) :", "", len(items)) + " " + " · ".join(parts)
        trusts = [item.result.trust for item in items if item.result is not None]
        if trusts:
            trust = trusts[-1]
            date = (
                trust.lotl_issued.strftime("%d/%m/%Y")
                if trust.lotl_issued
                else self.tr("aucune liste UE")
            )
            text += " — " + self.tr("données de confiance : %s") % date
            if trust.stale:
                text += " " + self.tr("(PÉRIMÉES : à rafraîchir)")
        self.summary.setText(text)

    # ------------------------------------------------------------ drag and drop
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if urls and all(url.isLocalFile() for url in urls) and not self.busy():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        event.acceptProposedAction()
        self.verify_paths(paths)
