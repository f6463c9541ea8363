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


def test_every_error_template_of_the_core_is_listed_for_lupdate() -> None:
    """app/messages.py and app/ui/errors.py must list the same templates."""
    from app import messages
    from app.ui.errors import ERROR_MESSAGES

    assert set(messages.templates().values()) == set(ERROR_MESSAGES)


def test_bad_input_errors_read_in_the_interface_language(
    translations: Translations, tmp_path: Path
) -> None:
    """A malformed file, a 1.0.2 document, a notice instead of a DUME, a wrong certificate
    password and an unreachable service: French in the CLI and logs, English in an English UI."""
    from app.espdxml import safe
    from app.espdxml.detect import detect, require_readable
    from app.signature.errors import KeyAccessError
    from app.signature.sign import load_pkcs12
    from app.ui.errors import error_text

    def read(data: bytes) -> None:
        require_readable(detect(safe.parse_bytes(data, "offre.xml"), "offre.xml"), "offre.xml")

    def refusal(data: bytes) -> UserFacingError:
        with pytest.raises(UserFacingError) as caught:
            read(data)
        return caught.value

    malformed = refusal(b"<QualificationApplicationRequest")
    too_old = refusal(
        b'<ESPDRequest xmlns="urn:grow:names:specification:ubl:schema:xsd:ESPDRequest-1"/>'
    )
    notice = refusal(
        b'<ContractNotice xmlns="urn:oasis:names:specification:ubl:schema:xsd:ContractNotice-2"/>'
    )
    p12 = tmp_path / "cle.p12"
    p12.write_bytes(b"not a PKCS#12 file")
    with pytest.raises(KeyAccessError) as wrong_password:
        load_pkcs12(p12, "mauvais")

    assert malformed.one_line().startswith("offre.xml : XML mal formé (ligne 1) :")
    translations.switch("en")
    assert error_text(malformed).startswith("offre.xml: malformed XML (line 1): ")
    assert error_text(too_old) == (
        "offre.xml: ESPD-EDM 1.0.2 is an old format (2016) that the application does not read. "
        "Ask the buyer or the platform for an ESPD in ESPD-EDM 2.1.1 or newer (4.1.0 preferably)."
    )
    assert error_text(notice).startswith(
        "offre.xml: this is not an ESPD document (it is a contract notice (eForms)). An ESPD is"
    )
    assert error_text(wrong_password.value) == (
        "The certificate cannot be opened: wrong password or invalid PKCS#12 file."
    )
    translations.switch("fr")
    assert error_text(too_old) == too_old.one_line()  # the French catalogue: the core's own text
    untemplated = DocumentRefusedError("Message libre.", hint="Conseil.")
    assert error_text(untemplated) == "Message libre. Conseil."
