"""How the interface shows a user-facing error: its text in the interface language, one dialog.

The core writes its messages in French.  Those it fills from the templates of
:mod:`app.messages` keep the template and its parameters; :func:`error_text`
shows them translated (a parameter that is itself a template, such as what a
look-alike document is, is translated too).  The templates are repeated below
for lupdate; ``tests/ship/test_i18n.py`` checks the two lists match.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from app.errors import UserFacingError
from app.ui.i18n import error_title

ERROR_MESSAGES = (
    QT_TRANSLATE_NOOP("Errors", "{name} : le fichier est vide."),  # EMPTY_FILE
    QT_TRANSLATE_NOOP("Errors", "{name} : fichier binaire, pas un document XML."),  # BINARY_FILE
    QT_TRANSLATE_NOOP(
        "Errors",
        "{name} : le document contient une DTD ou des entités, refusées pour votre sécurité.",
    ),  # DTD_REFUSED
    QT_TRANSLATE_NOOP(
        "Errors", "{name} : fichier trop volumineux ({size} Mo, maximum {maximum} Mo)."
    ),  # TOO_BIG
    QT_TRANSLATE_NOOP("Errors", "{name} : XML mal formé : {detail}."),  # MALFORMED
    QT_TRANSLATE_NOOP(
        "Errors", "{name} : XML mal formé (ligne {line}) : {detail}."
    ),  # MALFORMED_AT_LINE
    QT_TRANSLATE_NOOP("Errors", "{name} : fichier introuvable."),  # NOT_FOUND
    QT_TRANSLATE_NOOP("Errors", "{name} : lecture impossible ({reason})."),  # UNREADABLE
    QT_TRANSLATE_NOOP("Errors", "{name} : c'est un dossier, pas un fichier."),  # A_FOLDER
    QT_TRANSLATE_NOOP(
        "Errors", "{name} : ce n'est pas un document DUME/ESPD ({what})."
    ),  # NOT_ESPD
    QT_TRANSLATE_NOOP(
        "Errors",
        "Un DUME est un fichier XML « QualificationApplicationRequest » (demande de l'acheteur) ou « QualificationApplicationResponse » (réponse de l'entreprise).",
    ),  # NOT_ESPD_HINT
    QT_TRANSLATE_NOOP("Errors", "élément racine « {root} » inattendu"),  # UNEXPECTED_ROOT
    QT_TRANSLATE_NOOP("Errors", "c'est un avis de marché (eForms)"),  # CONTRACT_NOTICE
    QT_TRANSLATE_NOOP(
        "Errors", "c'est un avis de préinformation (eForms)"
    ),  # PRIOR_INFORMATION_NOTICE
    QT_TRANSLATE_NOOP("Errors", "c'est un avis d'attribution (eForms)"),  # AWARD_NOTICE
    QT_TRANSLATE_NOOP("Errors", "c'est un avis publié au JOUE (format TED)"),  # TED_NOTICE
    QT_TRANSLATE_NOOP("Errors", "c'est un avis envoyé au JOUE (format TED eSender)"),  # TED_ESENDER
    QT_TRANSLATE_NOOP("Errors", "c'est une facture UBL"),  # INVOICE
    QT_TRANSLATE_NOOP("Errors", "c'est un avoir UBL"),  # CREDIT_NOTE
    QT_TRANSLATE_NOOP(
        "Errors",
        "c'est une signature XML détachée : vérifiez-la avec Outils › Vérifier des signatures",
    ),  # DETACHED_SIGNATURE
    QT_TRANSLATE_NOOP("Errors", "c'est une signature d'un conteneur ASiC"),  # ASIC_SIGNATURES
    QT_TRANSLATE_NOOP(
        "Errors",
        "{name} : impossible de déterminer la version ESPD-EDM (ni ProfileExecutionID, ni VersionID reconnus).",
    ),  # UNKNOWN_VERSION
    QT_TRANSLATE_NOOP(
        "Errors", "{name} : {label} est un format ancien (2016) que l'application ne lit pas."
    ),  # TOO_OLD
    QT_TRANSLATE_NOOP(
        "Errors",
        "Demandez à l'acheteur ou à la plateforme un DUME au format ESPD-EDM 2.1.1 ou plus récent (4.1.0 de préférence).",
    ),  # TOO_OLD_HINT
    QT_TRANSLATE_NOOP("Errors", "{name} : archive ZIP illisible ({reason})."),  # ARCHIVE_UNREADABLE
    QT_TRANSLATE_NOOP(
        "Errors", "{name} : archive trop volumineuse une fois décompressée."
    ),  # ARCHIVE_TOO_BIG
    QT_TRANSLATE_NOOP(
        "Errors", "{name} : l'archive ne contient aucun DUME (fichier XML ESPD)."
    ),  # ARCHIVE_WITHOUT_DUME
    QT_TRANSLATE_NOOP(
        "Errors",
        "Le DUME de l'acheteur est un fichier XML ; il est parfois fourni à part du dossier de consultation.",
    ),  # ARCHIVE_WITHOUT_DUME_HINT
    QT_TRANSLATE_NOOP(
        "Errors",
        "Impossible d'ouvrir le certificat : mot de passe incorrect ou fichier PKCS#12 invalide.",
    ),  # WRONG_PASSWORD
    QT_TRANSLATE_NOOP(
        "Errors", "Service DUME injoignable ({host}) : {cause}."
    ),  # SERVICE_UNREACHABLE
    QT_TRANSLATE_NOOP(
        "Errors", "L'action reste dans la file d'envoi et partira au retour du réseau."
    ),  # STAYS_QUEUED
)


def _translated(text: str) -> str:
    return QCoreApplication.translate("Errors", text)


def error_text(error: UserFacingError) -> str:
    """The error's one line, in the interface language when the core made it from a template."""
    if error.template is None:
        return error.one_line()
    params = {key: _translated(value) for key, value in error.params.items()}
    text = _translated(error.template).format(**params)
    if error.hint_template is not None:
        text += " " + _translated(error.hint_template).format(**params)
    elif error.hint:
        text += " " + error.hint
    return " ".join(text.split())


def show_error(parent: QWidget | None, error: UserFacingError) -> None:
    """The one presenter of user-facing errors: a warning with its title and text."""
    QMessageBox.warning(parent, error_title(error), error_text(error))
