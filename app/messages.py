"""French templates of the user-facing errors met most: bad files, versions, passwords, network.

The Qt-free core fills them (``translatable``) and keeps the template and its
parameters on the error; the interface shows them in its language
(``app.ui.errors.error_text``), the CLI and logs in French.  Every template here
is repeated in ``app/ui/errors.py`` for lupdate; a test checks both lists match.
"""

from __future__ import annotations

# ---------------------------------------------------------------- files and XML
EMPTY_FILE = "{name} : le fichier est vide."
BINARY_FILE = "{name} : fichier binaire, pas un document XML."
DTD_REFUSED = "{name} : le document contient une DTD ou des entités, refusées pour votre sécurité."
TOO_BIG = "{name} : fichier trop volumineux ({size} Mo, maximum {maximum} Mo)."
MALFORMED = "{name} : XML mal formé : {detail}."
MALFORMED_AT_LINE = "{name} : XML mal formé (ligne {line}) : {detail}."
NOT_FOUND = "{name} : fichier introuvable."
UNREADABLE = "{name} : lecture impossible ({reason})."
A_FOLDER = "{name} : c'est un dossier, pas un fichier."

# ---------------------------------------------------------------- what the document is
NOT_ESPD = "{name} : ce n'est pas un document DUME/ESPD ({what})."
NOT_ESPD_HINT = (
    "Un DUME est un fichier XML « QualificationApplicationRequest » (demande de "
    "l'acheteur) ou « QualificationApplicationResponse » (réponse de l'entreprise)."
)
UNEXPECTED_ROOT = "élément racine « {root} » inattendu"
CONTRACT_NOTICE = "c'est un avis de marché (eForms)"
PRIOR_INFORMATION_NOTICE = "c'est un avis de préinformation (eForms)"
AWARD_NOTICE = "c'est un avis d'attribution (eForms)"
TED_NOTICE = "c'est un avis publié au JOUE (format TED)"
TED_ESENDER = "c'est un avis envoyé au JOUE (format TED eSender)"
INVOICE = "c'est une facture UBL"
CREDIT_NOTE = "c'est un avoir UBL"
DETACHED_SIGNATURE = (
    "c'est une signature XML détachée : vérifiez-la avec Outils › Vérifier des signatures"
)
ASIC_SIGNATURES = "c'est une signature d'un conteneur ASiC"
UNKNOWN_VERSION = (
    "{name} : impossible de déterminer la version ESPD-EDM "
    "(ni ProfileExecutionID, ni VersionID reconnus)."
)
TOO_OLD = "{name} : {label} est un format ancien (2016) que l'application ne lit pas."
TOO_OLD_HINT = (
    "Demandez à l'acheteur ou à la plateforme un DUME au format ESPD-EDM 2.1.1 "
    "ou plus récent (4.1.0 de préférence)."
)

# ---------------------------------------------------------------- archives
ARCHIVE_UNREADABLE = "{name} : archive ZIP illisible ({reason})."
ARCHIVE_TOO_BIG = "{name} : archive trop volumineuse une fois décompressée."
ARCHIVE_WITHOUT_DUME = "{name} : l'archive ne contient aucun DUME (fichier XML ESPD)."
ARCHIVE_WITHOUT_DUME_HINT = (
    "Le DUME de l'acheteur est un fichier XML ; il est parfois fourni à part du "
    "dossier de consultation."
)

# ---------------------------------------------------------------- signature and network
WRONG_PASSWORD = (
    "Impossible d'ouvrir le certificat : mot de passe incorrect ou fichier PKCS#12 invalide."
)
SERVICE_UNREACHABLE = "Service DUME injoignable ({host}) : {cause}."
STAYS_QUEUED = "L'action reste dans la file d'envoi et partira au retour du réseau."


def templates() -> dict[str, str]:
    """Every template of this module, by name."""
    return {name: value for name, value in globals().items() if name.isupper()}
