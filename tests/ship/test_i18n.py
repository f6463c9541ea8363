"""French and English: the catalogues built from resources/*.ts, Qt's own qtbase ones, and the
main window rebuilt after each switch (widgets keep the text they were built with)."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

import app
from app.errors import DocumentRefusedError, UserFacingError
from app.storage import documents as stored
from app.storage.library import Library
from app.ui.i18n import ERROR_TITLES, Translations, error_title, resolve_language
from app.ui.main_window import MainWindow

EXPECTED = {
    "en": {
        "file_menu": "&File",
        "help_menu": "&Help",
        "search": "Search a title or a reference…",
        "nav": [
            "Part I – Procedure",
            "Lots",
            "Part III – Exclusion",
            "Part IV – Selection",
            "Verification",
        ],
        "offline": "DUME service: status unknown",
        "cancel": "Cancel",
        "error": "Document refused",
    },
    "fr": {
        "file_menu": "&Fichier",
        "help_menu": "&Aide",
        "search": "Rechercher un titre ou une référence…",
        "nav": [
            "Partie I – Procédure",
            "Lots",
            "Partie III – Exclusion",
            "Partie IV – Sélection",
            "Vérification",
        ],
        "offline": "Service DUME : état inconnu",
        "cancel": "Annuler",
        "error": "Document refusé",
    },
}


@pytest.fixture
def translations(catalogues: Path) -> Iterator[Translations]:
    application = QApplication.instance()
    assert application is not None
    installed = Translations(application, catalogues)
    yield installed
    installed.remove()


def _texts_of_a_new_window(qtbot: QtBot, library: Library, doc_id: str) -> dict[str, object]:
    window = MainWindow(library)
    qtbot.addWidget(window)
    window.open_document(doc_id)
    assert window.editor is not None
    menus = [action.text() for action in window.menuBar().actions()]
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(buttons)
    texts = {
        "file_menu": menus[0],
        "help_menu": menus[-1],
        "search": window.library_panel.search.placeholderText(),
        "nav": [window.editor.nav.item(row).text() for row in range(window.editor.nav.count())],
        "offline": window.sync_indicator.text(),
        "cancel": buttons.button(QDialogButtonBox.StandardButton.Cancel).text(),
        "error": error_title(DocumentRefusedError("fichier illisible")),
    }
    window.close()
    return texts


def test_switching_to_english_and_back(
    qtbot: QtBot, translations: Translations, tmp_path: Path, example_request: Path
) -> None:
    with Library.open(tmp_path / "library.sqlite3") as library:
        doc_id = stored.import_file(library, example_request).id
        assert translations.switch("en") == "en"
        assert translations.loaded[0] == "dume_en"
        assert _texts_of_a_new_window(qtbot, library, doc_id) == EXPECTED["en"]
        assert translations.switch("fr") == "fr"
        assert translations.loaded == ["dume_fr", "qtbase_fr"]
        assert _texts_of_a_new_window(qtbot, library, doc_id) == EXPECTED["fr"]


def test_french_plurals_come_from_the_french_catalogue(translations: Translations) -> None:
    translations.switch("fr")
    one = QCoreApplication.translate("ValidationPanel", "%n erreur(s)", "", 1)
    many = QCoreApplication.translate("ValidationPanel", "%n erreur(s)", "", 3)
    assert (one, many) == ("1 erreur", "3 erreurs")
    translations.switch("en")
    assert QCoreApplication.translate("ValidationPanel", "%n erreur(s)", "", 3) == "3 errors"


def test_the_language_follows_the_system_unless_chosen() -> None:
    assert resolve_language("system", ["en-GB", "fr-FR"]) == "en"
    assert resolve_language("system", ["de-DE", "fr-CA"]) == "fr"
    assert resolve_language("system", ["de-DE"]) == "fr"  # French-first
    assert resolve_language("en", ["fr-FR"]) == "en"


def test_every_error_title_of_the_core_is_translatable() -> None:
    """A new UserFacingError subclass must list its title in app/ui/i18n.py for lupdate."""
    for module in pkgutil.walk_packages(app.__path__, "app."):
        if not module.name.startswith("app.ui"):
            importlib.import_module(module.name)
    titles: set[str] = set()
    pending: list[type[UserFacingError]] = [UserFacingError]
    while pending:
        cls = pending.pop()
        titles.add(cls.title)
        pending += cls.__subclasses__()
    assert titles - set(ERROR_TITLES) == set()
