"""The banner over a document converted from an older ESPD-EDM version, and its report."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.models.document import EspdDocument

IMPACT_FR = {"lost": "Perdu", "changed": "Modifié", "to_complete": "À compléter", "info": "Info"}


class ConversionReportDialog(QDialog):
    COLUMNS = ("impact", "criterion", "label", "value", "reason")

    def __init__(self, report: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Rapport de conversion"))
        self.resize(1000, 560)
        summary = QLabel(str(report.get("summary", "")))
        summary.setWordWrap(True)
        entries: list[dict[str, Any]] = list(report.get("entries", []))
        self.table = QTableWidget(len(entries), len(self.COLUMNS))
        self.table.setAccessibleName(self.tr("Écarts de conversion"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Effet"),
                self.tr("Critère"),
                self.tr("Élément"),
                self.tr("Valeur"),
                self.tr("Raison"),
            ]
        )
        for row, entry in enumerate(entries):
            cells = [
                IMPACT_FR.get(str(entry.get("impact", "")), str(entry.get("impact", ""))),
                str(entry.get("target_criterion") or entry.get("criterion") or ""),
                str(entry.get("label") or entry.get("source_id") or ""),
                str(entry.get("value", "")),
                str(entry.get("reason", "")),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(f"{entry.get('source_path', '')}\n{text}")
                self.table.setItem(row, column, item)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.resizeColumnsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.table)
        layout.addWidget(buttons)


class ConversionBanner(QWidget):
    """Hidden for native 4.1.0 documents; names the source version otherwise."""

    def __init__(self, document: EspdDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._report = document.conversion_report
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.button = QPushButton(self.tr("Voir le rapport de conversion"))
        self.button.clicked.connect(self.show_report)
        layout = QHBoxLayout(self)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        self.setStyleSheet("background: #fff4ce; border: 1px solid #e0b400;")
        self.dialog: ConversionReportDialog | None = None
        if self._report is None:
            self.setVisible(False)
            return
        self.label.setText(
            self.tr("Document importé depuis %s et converti en ESPD-EDM 4.1.0. ")
            % self._report.get("source_label", self._report.get("source_version", ""))
            + str(self._report.get("summary", ""))
        )

    def show_report(self) -> ConversionReportDialog | None:
        if self._report is None:
            return None
        self.dialog = ConversionReportDialog(self._report, self)
        self.dialog.show()
        return self.dialog
