"""Interface language: our Qt Linguist catalogue plus Qt's own ``qtbase`` one.

French is the source language of every ``tr()`` string; ``dume_en.qm``
translates them to English.  Qt's ``qtbase_<lang>.qm`` (shipped with PySide6)
translates Qt's own words: standard buttons, file dialogs, context menus.

The language follows the system unless the settings choose one.  Switching
installs new translators at once, which affects every widget built
afterwards; widgets already on screen keep their text, so the app rebuilds
its main window after a switch (see ``app/ui/main.py``) rather than asking
each widget to re-translate itself.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

import PySide6
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QObject,
    QTranslator,
    Signal,
)

from app.errors import UserFacingError

log = logging.getLogger("dume.ui.i18n")

SUPPORTED = ("fr", "en")
SOURCE_LANGUAGE = "fr"
CATALOGUE = "dume"
#: where scripts/build_translations writes the .qm files (git-ignored, bundled)
TRANSLATIONS_DIR = Path(__file__).with_name("translations")


def resolve_language(preference: str, system_languages: Sequence[str] | None = None) -> str:
    """``fr`` or ``en``: the preference if supported, else the system's first supported one."""
    if preference in SUPPORTED:
        return preference
    names = QLocale.system().uiLanguages() if system_languages is None else system_languages
    for name in names:
        short = name.replace("_", "-").split("-")[0].lower()
        if short in SUPPORTED:
            return short
    return SOURCE_LANGUAGE


def qt_translations_dirs() -> list[Path]:
    """Where Qt's own catalogues may be (Qt's idea first, then PySide6's folder)."""
    candidates = [
        Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
        Path(PySide6.__file__).parent / "Qt" / "translations",
    ]
    return [c for c in dict.fromkeys(candidates) if c.is_dir()]


class Translations(QObject):
    """The translators installed on the application, switched as a whole."""

    language_changed = Signal(str)

    def __init__(self, app: QCoreApplication, directory: Path | None = None) -> None:
        super().__init__(app)
        self._app = app
        self.directory = directory or TRANSLATIONS_DIR
        self._installed: list[QTranslator] = []
        self.language = SOURCE_LANGUAGE
        #: which catalogues were found for the current language (for the smoke test and logs)
        self.loaded: list[str] = []

    def remove(self) -> None:
        """Uninstall every translator: the interface shows the French sources again."""
        for translator in self._installed:
            self._app.removeTranslator(translator)
        self._installed.clear()
        self.loaded.clear()

    def switch(self, preference: str) -> str:
        """Install the catalogues of *preference* (``system``, ``fr`` or ``en``); returns it."""
        language = resolve_language(preference)
        self.remove()
        ours = QTranslator(self)
        if ours.load(f"{CATALOGUE}_{language}", str(self.directory)):
            self._install(ours, f"{CATALOGUE}_{language}")
        elif language != SOURCE_LANGUAGE:
            # The sources are French: without the catalogue English users get French.
            log.warning("no %s_%s.qm in %s", CATALOGUE, language, self.directory)
        for folder in qt_translations_dirs():
            qt = QTranslator(self)
            if qt.load(f"qtbase_{language}", str(folder)):
                self._install(qt, f"qtbase_{language}")
                break
        else:
            log.info("Qt's own qtbase_%s catalogue not found", language)
        self.language = language
        self.language_changed.emit(language)
        return language

    def _install(self, translator: QTranslator, name: str) -> None:
        self._app.installTranslator(translator)
        self._installed.append(translator)
        self.loaded.append(name)


# ---------------------------------------------------------------- error titles
#: The core (Qt-free) gives each UserFacingError a French title; they are listed
#: here so that lupdate sees them.  tests/ship/test_i18n.py fails when a new
#: error class brings a title missing from this list.
ERROR_TITLES_CONTEXT = "ErrorTitles"
ERROR_TITLES = (
    QT_TRANSLATE_NOOP("ErrorTitles", "Erreur"),
    QT_TRANSLATE_NOOP("ErrorTitles", "Authentification PISTE refusée"),
    QT_TRANSLATE_NOOP("ErrorTitles", "Bibliothèque endommagée"),
    QT_TRANSLATE_NOOP("ErrorTitles", "Bibliothèque locale"),
    QT_TRANSLATE_NOOP("ErrorTitles", "Certificat du serveur refusé"),
    QT_TRANSLATE_NOOP("ErrorTitles", "Clé de signature"),
    QT_TRANSLATE_NOOP("ErrorTitles", "Configuration du service DUME"),
    QT_TRANSLATE_NOOP("ErrorTitles", "Connexion non sécurisée refusée"),
    QT_TRANSLATE_NOOP("ErrorTitles", "DUME introuvable"),
    QT_TRANSLATE_NOOP("ErrorTitles", "DUME refusé par le service"),
    QT_TRANSLATE_NOOP("ErrorTitles", "Disque plein"),
    QT_TRANSLATE_NOOP("ErrorTitles", "Document introuvable"),
    QT_TRANSLATE_NOOP("ErrorTitles", "Document refusé"),
    QT_TRANSLATE_NOOP("ErrorTitles", "Données de confiance"),
    QT_TRANSLATE_NOOP("ErrorTitles", "Dossier en lecture seule"),
    QT_TRANSLATE_NOOP("ErrorTitles", "Envoi à confirmer"),
    QT_TRANSLATE_NOOP("ErrorTitles", "Export impossible"),
    QT_TRANSLATE_NOOP("ErrorTitles", "Fichier non vérifiable"),
    QT_TRANSLATE_NOOP("ErrorTitles", "Horodatage impossible"),
    QT_TRANSLATE_NOOP("ErrorTitles", "Identifiants PISTE manquants"),
    QT_TRANSLATE_NOOP("ErrorTitles", "Paramètre invalide"),
    QT_TRANSLATE_NOOP("ErrorTitles", "Police de caractères introuvable"),
    QT_TRANSLATE_NOOP("ErrorTitles", "Profil d'entreprise"),
    QT_TRANSLATE_NOOP("ErrorTitles", "Refus du service DUME"),
    QT_TRANSLATE_NOOP("ErrorTitles", "Référentiel ESPD absent"),
    QT_TRANSLATE_NOOP("ErrorTitles", "Réponse impossible"),
    QT_TRANSLATE_NOOP("ErrorTitles", "Service DUME"),
    QT_TRANSLATE_NOOP("ErrorTitles", "Service DUME injoignable"),
    QT_TRANSLATE_NOOP("ErrorTitles", "Service DUME saturé"),
    QT_TRANSLATE_NOOP("ErrorTitles", "Service de vérification de signature"),
    QT_TRANSLATE_NOOP("ErrorTitles", "Signature impossible"),
    QT_TRANSLATE_NOOP("ErrorTitles", "Spécification invalide"),
    QT_TRANSLATE_NOOP("ErrorTitles", "Version de la bibliothèque"),
    QT_TRANSLATE_NOOP("ErrorTitles", "Version non prise en charge"),
)


def error_title(error: UserFacingError) -> str:
    """The dialog title of *error*, in the interface language."""
    return QCoreApplication.translate("ErrorTitles", error.title)
