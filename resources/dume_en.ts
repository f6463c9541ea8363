<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="fr">
<context>
    <name>AnswerPage</name>
    <message>
        <source>Motifs d&apos;exclusion : déclarez votre situation pour chacun.</source>
        <translation>Exclusion grounds: state your situation for each one.</translation>
    </message>
    <message>
        <source>Critères de sélection : démontrez que vous remplissez les exigences de l&apos;acheteur.</source>
        <translation>Selection criteria: show that you meet the buyer&apos;s requirements.</translation>
    </message>
    <message>
        <source>Informations complémentaires sur l&apos;opérateur économique.</source>
        <translation>Further information about the economic operator.</translation>
    </message>
    <message>
        <source>Critères à renseigner</source>
        <translation>Criteria to answer</translation>
    </message>
    <message>
        <source>La demande ne contient aucun critère de cette partie.</source>
        <translation>The request contains no criterion of this part.</translation>
    </message>
    <message>
        <source>Autres</source>
        <translation>Other</translation>
    </message>
</context>
<context>
    <name>ApiSettingsDialog</name>
    <message>
        <source>Comptes et API — service DUME</source>
        <translation>Accounts and API — DUME service</translation>
    </message>
    <message>
        <source>Fermer</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>ApiSettingsPage</name>
    <message>
        <source>Profil d&apos;API</source>
        <translation>API profile</translation>
    </message>
    <message>
        <source>Bac à sable PISTE (qualification)</source>
        <translation>PISTE sandbox (qualification)</translation>
    </message>
    <message>
        <source>Production PISTE</source>
        <translation>PISTE production</translation>
    </message>
    <message>
        <source>Adresse du jeton PISTE (OAuth2)</source>
        <translation>PISTE token address (OAuth2)</translation>
    </message>
    <message>
        <source>Adresse des API DUME</source>
        <translation>DUME API address</translation>
    </message>
    <message>
        <source>Type d&apos;identifiant de la plateforme</source>
        <translation>Platform identifier type</translation>
    </message>
    <message>
        <source>SIRET</source>
        <translation>SIRET</translation>
    </message>
    <message>
        <source>TVA intracommunautaire</source>
        <translation>EU VAT number</translation>
    </message>
    <message>
        <source>Identifiant hors UE</source>
        <translation>Non-EU identifier</translation>
    </message>
    <message>
        <source>RIDET</source>
        <translation>RIDET</translation>
    </message>
    <message>
        <source>Numéro Tahiti</source>
        <translation>Tahiti number</translation>
    </message>
    <message>
        <source>Identifiant de la plateforme (idPlateforme)</source>
        <translation>Platform identifier (idPlateforme)</translation>
    </message>
    <message>
        <source>Identifiant technique de la plateforme (idTechniquePlateforme)</source>
        <translation>Platform technical identifier (idTechniquePlateforme)</translation>
    </message>
    <message>
        <source>Identifiant du demandeur (idDemandeur)</source>
        <translation>Requester identifier (idDemandeur)</translation>
    </message>
    <message>
        <source>Raison sociale du demandeur (rsDemandeur)</source>
        <translation>Requester company name (rsDemandeur)</translation>
    </message>
    <message>
        <source>Service de vérification des signatures</source>
        <translation>Signature verification service</translation>
    </message>
    <message>
        <source>Facultatif</source>
        <translation>Optional</translation>
    </message>
    <message>
        <source>Identifiant client PISTE</source>
        <translation>PISTE client ID</translation>
    </message>
    <message>
        <source>Secret PISTE</source>
        <translation>PISTE secret</translation>
    </message>
    <message>
        <source>&amp;Effacer les identifiants</source>
        <translation>&amp;Clear the credentials</translation>
    </message>
    <message>
        <source>&amp;Tester la connexion</source>
        <translation>&amp;Test the connection</translation>
    </message>
    <message>
        <source>Enregistrer et &amp;utiliser ce profil</source>
        <translation>Save and &amp;use this profile</translation>
    </message>
    <message>
        <source>Résultat</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>Profil :</source>
        <translation>Profile:</translation>
    </message>
    <message>
        <source>Adresse du jeton :</source>
        <translation>Token address:</translation>
    </message>
    <message>
        <source>Adresse des API :</source>
        <translation>API address:</translation>
    </message>
    <message>
        <source>Type d&apos;identifiant :</source>
        <translation>Identifier type:</translation>
    </message>
    <message>
        <source>idPlateforme :</source>
        <translation>idPlateforme:</translation>
    </message>
    <message>
        <source>idTechniquePlateforme :</source>
        <translation>idTechniquePlateforme:</translation>
    </message>
    <message>
        <source>idDemandeur :</source>
        <translation>idDemandeur:</translation>
    </message>
    <message>
        <source>rsDemandeur :</source>
        <translation>rsDemandeur:</translation>
    </message>
    <message>
        <source>Vérification des signatures :</source>
        <translation>Signature verification:</translation>
    </message>
    <message>
        <source>Service DUME</source>
        <translation>DUME service</translation>
    </message>
    <message>
        <source>Identifiant client :</source>
        <translation>Client ID:</translation>
    </message>
    <message>
        <source>Secret :</source>
        <translation>Secret:</translation>
    </message>
    <message>
        <source>Identifiants PISTE (gardés dans le trousseau du système)</source>
        <translation>PISTE credentials (kept in the system keyring)</translation>
    </message>
    <message>
        <source>Identifiants enregistrés dans le trousseau du système.</source>
        <translation>Credentials stored in the system keyring.</translation>
    </message>
    <message>
        <source>Identifiants gardés en mémoire pour cette session seulement : ils seront redemandés au prochain lancement.</source>
        <translation>Credentials kept in memory for this session only: they will be asked again at the next start.</translation>
    </message>
    <message>
        <source>Aucun identifiant enregistré pour ce profil.</source>
        <translation>No credentials stored for this profile.</translation>
    </message>
    <message>
        <source>Secret enregistré — laisser vide pour le garder</source>
        <translation>Secret stored — leave empty to keep it</translation>
    </message>
    <message>
        <source>Secret de l&apos;application PISTE</source>
        <translation>PISTE application secret</translation>
    </message>
    <message>
        <source>Profil « %s » enregistré et utilisé.</source>
        <translation>Profile “%s” saved and in use.</translation>
    </message>
    <message>
        <source>Test de la connexion en cours…</source>
        <translation>Testing the connection…</translation>
    </message>
    <message>
        <source>Identifiants effacés du trousseau.</source>
        <translation>Credentials removed from the keyring.</translation>
    </message>
</context>
<context>
    <name>ArtefactsPage</name>
    <message>
        <source>Référentiel officiel ESPD-EDM %s</source>
        <translation>Official ESPD-EDM %s artefacts</translation>
    </message>
    <message>
        <source>Les schémas, règles, critères et listes de codes publiés par l&apos;Office des publications de l&apos;UE. DUME les vérifie fichier par fichier.</source>
        <translation>The schemas, rules, criteria and code lists published by the EU Publications Office. DUME checks them file by file.</translation>
    </message>
    <message>
        <source>État du référentiel</source>
        <translation>Artefact status</translation>
    </message>
    <message>
        <source>&amp;Installer depuis un dossier…</source>
        <translation>&amp;Install from a folder…</translation>
    </message>
    <message>
        <source>&amp;Vérifier à nouveau</source>
        <translation>&amp;Check again</translation>
    </message>
    <message>
        <source>Le dossier à choisir est celui de la version %s du dépôt officiel ESPD-EDM (il contient «&#xa0;ubl-2.3&#xa0;», «&#xa0;validation&#xa0;», «&#xa0;codelists&#xa0;»…). Les fichiers sont copiés dans le dossier des données de l&apos;application.</source>
        <translation>Choose the folder of version %s of the official ESPD-EDM repository (it contains “ubl-2.3”, “validation”, “codelists”…). The files are copied into the application&apos;s data folder.</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:#1b5e20&apos;&gt;&lt;b&gt;✓ Référentiel installé et vérifié&lt;/b&gt; : %1 fichiers conformes au manifeste.&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;color:#1b5e20&apos;&gt;&lt;b&gt;✓ Artefacts installed and checked&lt;/b&gt;: %1 files match the manifest.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:#b00020&apos;&gt;&lt;b&gt;Référentiel incomplet&lt;/b&gt; : %1 fichier(s) manquant(s), %2 modifié(s).&lt;/p&gt;&lt;p&gt;Par exemple : %3&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;color:#b00020&apos;&gt;&lt;b&gt;Artefacts incomplete&lt;/b&gt;: %1 file(s) missing, %2 altered.&lt;/p&gt;&lt;p&gt;For example: %3&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Dossier du référentiel ESPD-EDM %s</source>
        <translation>ESPD-EDM %s artefact folder</translation>
    </message>
    <message>
        <source>Copie impossible : %s</source>
        <translation>Copy failed: %s</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:#b00020&apos;&gt;&lt;b&gt;Ce dossier ne contient pas le référentiel attendu&lt;/b&gt; : %1 fichier(s) manquant(s), %2 différent(s). Rien n&apos;a été copié.&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;color:#b00020&apos;&gt;&lt;b&gt;This folder does not hold the expected artefacts&lt;/b&gt;: %1 file(s) missing, %2 different. Nothing was copied.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>ConversionBanner</name>
    <message>
        <source>Voir le rapport de conversion</source>
        <translation>Show the conversion report</translation>
    </message>
    <message>
        <source>Document importé depuis %s et converti en ESPD-EDM 4.1.0. </source>
        <translation>Document imported from %s and converted to ESPD-EDM 4.1.0. </translation>
    </message>
</context>
<context>
    <name>ConversionReportDialog</name>
    <message>
        <source>Rapport de conversion</source>
        <translation>Conversion report</translation>
    </message>
    <message>
        <source>Écarts de conversion</source>
        <translation>Conversion differences</translation>
    </message>
    <message>
        <source>Effet</source>
        <translation>Effect</translation>
    </message>
    <message>
        <source>Critère</source>
        <translation>Criterion</translation>
    </message>
    <message>
        <source>Élément</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>Valeur</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>Raison</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>Erreur inattendue</source>
        <translation>Unexpected error</translation>
    </message>
    <message>
        <source>Vos brouillons ont été enregistrés.</source>
        <translation>Your drafts have been saved.</translation>
    </message>
    <message>
        <source>Vos brouillons n&apos;ont pas pu être tous enregistrés ; ne fermez pas l&apos;application avant d&apos;avoir exporté votre travail.</source>
        <translation>Not all your drafts could be saved; do not close the application before exporting your work.</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;DUME a rencontré une erreur inattendue.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;%1&lt;/p&gt;&lt;p&gt;Vous pouvez continuer à travailler, ou quitter l&apos;application. Pour nous aider à corriger ce problème, copiez le rapport ci-dessous et joignez-le à votre signalement : il ne contient ni mot de passe, ni secret, ni le contenu de vos documents.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;DUME ran into an unexpected error.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;%1&lt;/p&gt;&lt;p&gt;You can keep working, or quit the application. To help us fix this problem, copy the report below and attach it to your message: it contains no password, no secret and none of your documents&apos; content.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Rapport d&apos;erreur</source>
        <translation>Error report</translation>
    </message>
    <message>
        <source>&amp;Copier le rapport</source>
        <translation>&amp;Copy the report</translation>
    </message>
    <message>
        <source>Ouvrir le dossier des &amp;journaux</source>
        <translation>Open the &amp;log folder</translation>
    </message>
    <message>
        <source>&amp;Quitter l&apos;application</source>
        <translation>&amp;Quit the application</translation>
    </message>
    <message>
        <source>C&amp;ontinuer</source>
        <translation>C&amp;ontinue</translation>
    </message>
    <message>
        <source>Rapport copié</source>
        <translation>Report copied</translation>
    </message>
</context>
<context>
    <name>CredentialsPage</name>
    <message>
        <source>Service DUME en ligne (facultatif)</source>
        <translation>Online DUME service (optional)</translation>
    </message>
    <message>
        <source>Pour publier vos DUME ou récupérer ceux des acheteurs, saisissez les identifiants de votre application PISTE. Vous pouvez passer cette étape : tout le reste fonctionne hors ligne.</source>
        <translation>To publish your ESPDs or fetch the buyers&apos; ones, enter the credentials of your PISTE application. You can skip this step: everything else works offline.</translation>
    </message>
    <message>
        <source>Profil d&apos;API</source>
        <translation>API profile</translation>
    </message>
    <message>
        <source>Bac à sable PISTE (qualification)</source>
        <translation>PISTE sandbox (qualification)</translation>
    </message>
    <message>
        <source>Production PISTE</source>
        <translation>PISTE production</translation>
    </message>
    <message>
        <source>Identifiant client PISTE</source>
        <translation>PISTE client ID</translation>
    </message>
    <message>
        <source>Secret PISTE</source>
        <translation>PISTE secret</translation>
    </message>
    <message>
        <source>Service :</source>
        <translation>Service:</translation>
    </message>
    <message>
        <source>Identifiant client :</source>
        <translation>Client ID:</translation>
    </message>
    <message>
        <source>Secret :</source>
        <translation>Secret:</translation>
    </message>
    <message>
        <source>Le secret est gardé dans le trousseau du système, jamais dans un fichier. Les adresses et les identifiants de plateforme se règlent dans Outils › Paramètres › Service DUME.</source>
        <translation>The secret is kept in the system keyring, never in a file. Addresses and platform identifiers are set in Tools › Settings › DUME service.</translation>
    </message>
</context>
<context>
    <name>CriterionDetails</name>
    <message>
        <source>Cochez ce critère pour l&apos;exiger et fixer ses exigences.</source>
        <translation>Tick this criterion to require it and set its requirements.</translation>
    </message>
    <message>
        <source>Lots concernés</source>
        <translation>Lots concerned</translation>
    </message>
    <message>
        <source>Exigences de l&apos;acheteur</source>
        <translation>Buyer&apos;s requirements</translation>
    </message>
    <message>
        <source>Ce critère n&apos;a pas d&apos;exigence à fixer.</source>
        <translation>This criterion has no requirement to set.</translation>
    </message>
</context>
<context>
    <name>CriterionForm</name>
    <message>
        <source>Si « Oui » :</source>
        <extracomment>the occurrence in the repeatable group above it (None: not repeated) the repeatable group above it, by id the form was rebuilt (occurrences added or removed, undo)</extracomment>
        <translation>If “Yes”:</translation>
    </message>
    <message>
        <source>Si « Non » :</source>
        <translation>If “No”:</translation>
    </message>
    <message>
        <source>Exigence de l&apos;acheteur</source>
        <translation>Buyer&apos;s requirement</translation>
    </message>
    <message>
        <source>Exigence de l&apos;acheteur : %s</source>
        <translation>Buyer&apos;s requirement: %s</translation>
    </message>
    <message>
        <source>Retirer</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Retirer l&apos;occurrence n° %s</source>
        <translation>Remove occurrence no. %s</translation>
    </message>
    <message>
        <source>+ Ajouter une occurrence</source>
        <translation>+ Add an occurrence</translation>
    </message>
    <message>
        <source>La nouvelle occurrence reprend les réponses oui/non de la précédente (toutes les occurrences suivent la même branche).</source>
        <translation>The new occurrence takes the yes/no answers of the previous one (all occurrences follow the same branch).</translation>
    </message>
    <message>
        <source>Répondre : %s</source>
        <translation>Answer: %s</translation>
    </message>
    <message>
        <source>Retirer une preuve</source>
        <translation>Remove a piece of evidence</translation>
    </message>
    <message>
        <source>Ajouter une preuve</source>
        <translation>Add a piece of evidence</translation>
    </message>
</context>
<context>
    <name>DateEditor</name>
    <message>
        <source>renseignée</source>
        <translation>answered</translation>
    </message>
</context>
<context>
    <name>DetailsPanel</name>
    <message>
        <source>Détails des signatures</source>
        <translation>Signature details</translation>
    </message>
    <message>
        <source>Sélectionnez un fichier dans la liste pour voir le détail de chaque signature : signataire, certificat, format, dates et les cinq contrôles de l&apos;arrêté du 22 mars 2019.</source>
        <translation>Select a file in the list to see the details of each signature: signer, certificate, format, dates and the five checks of the French order of 22 March 2019.</translation>
    </message>
    <message>
        <source>Conforme</source>
        <translation>Compliant</translation>
    </message>
    <message>
        <source>Non conforme</source>
        <translation>Not compliant</translation>
    </message>
    <message>
        <source>À vérifier</source>
        <translation>To check</translation>
    </message>
    <message>
        <source>Valide</source>
        <translation>Valid</translation>
    </message>
    <message>
        <source>Indéterminé</source>
        <translation>Indeterminate</translation>
    </message>
    <message>
        <source>Invalide</source>
        <translation>Invalid</translation>
    </message>
    <message>
        <source>Non signé</source>
        <translation>Not signed</translation>
    </message>
    <message>
        <source>Illisible</source>
        <translation>Unreadable</translation>
    </message>
    <message>
        <source>Identité du signataire</source>
        <translation>Signer&apos;s identity</translation>
    </message>
    <message>
        <source>Catégorie du certificat</source>
        <translation>Certificate category</translation>
    </message>
    <message>
        <source>Format de signature</source>
        <translation>Signature format</translation>
    </message>
    <message>
        <source>Certificat ni expiré ni révoqué à la date de signature</source>
        <translation>Certificate neither expired nor revoked at signing time</translation>
    </message>
    <message>
        <source>Intégrité du document signé</source>
        <translation>Integrity of the signed document</translation>
    </message>
    <message>
        <source>Format reconnu</source>
        <translation>Format recognised</translation>
    </message>
    <message>
        <source>Empreinte SHA-256</source>
        <translation>SHA-256 fingerprint</translation>
    </message>
    <message>
        <source>Vérifié le</source>
        <translation>Checked on</translation>
    </message>
    <message>
        <source>Original détaché</source>
        <translation>Detached original</translation>
    </message>
    <message>
        <source>Données de confiance</source>
        <translation>Trust data</translation>
    </message>
    <message>
        <source>Avis du service en ligne</source>
        <translation>Online service&apos;s opinion</translation>
    </message>
    <message>
        <source>Indicatif : le rapport repose sur la vérification locale.</source>
        <translation>For information: the report rests on the local verification.</translation>
    </message>
    <message>
        <source>Listes de confiance UE du %s</source>
        <translation>EU trusted lists of %s</translation>
    </message>
    <message>
        <source>Listes périmées : à rafraîchir</source>
        <translation>Stale lists: refresh them</translation>
    </message>
    <message>
        <source>Signature n° %d</source>
        <translation>Signature no. %d</translation>
    </message>
    <message>
        <source>absent</source>
        <translation>missing</translation>
    </message>
    <message>
        <source>Signataire</source>
        <translation>Signer</translation>
    </message>
    <message>
        <source>SIREN</source>
        <translation>SIREN</translation>
    </message>
    <message>
        <source>Sujet du certificat</source>
        <translation>Certificate subject</translation>
    </message>
    <message>
        <source>Certificat qualifié</source>
        <translation>Qualified certificate</translation>
    </message>
    <message>
        <source>Format et niveau</source>
        <translation>Format and level</translation>
    </message>
    <message>
        <source>Date de signature déclarée</source>
        <translation>Declared signing time</translation>
    </message>
    <message>
        <source>Horodatage</source>
        <translation>Timestamp</translation>
    </message>
    <message>
        <source>Intégrité</source>
        <translation>Integrity</translation>
    </message>
    <message>
        <source>Révocation</source>
        <translation>Revocation</translation>
    </message>
    <message>
        <source>Portée de la signature</source>
        <translation>Signature scope</translation>
    </message>
    <message>
        <source>Chaîne de certification</source>
        <translation>Certification chain</translation>
    </message>
    <message>
        <source>Oui</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>Non</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Inconnu</source>
        <translation>Unknown</translation>
    </message>
    <message>
        <source>Aucun horodatage (niveau B-B)</source>
        <translation>No timestamp (level B-B)</translation>
    </message>
    <message>
        <source>valide</source>
        <translation>valid</translation>
    </message>
    <message>
        <source>non valide</source>
        <translation>not valid</translation>
    </message>
    <message>
        <source>Non vérifiable</source>
        <translation>Cannot be checked</translation>
    </message>
    <message>
        <source>Intact</source>
        <translation>Intact</translation>
    </message>
    <message>
        <source>Altéré</source>
        <translation>Altered</translation>
    </message>
    <message>
        <source>Non révoqué</source>
        <translation>Not revoked</translation>
    </message>
    <message>
        <source>Révoqué</source>
        <translation>Revoked</translation>
    </message>
    <message>
        <source>Non vérifiable hors ligne</source>
        <translation>Cannot be checked offline</translation>
    </message>
    <message>
        <source>Non vérifiée</source>
        <translation>Not checked</translation>
    </message>
    <message>
        <source>le %s</source>
        <translation>on %s</translation>
    </message>
    <message>
        <source>Modifié après la signature</source>
        <translation>Modified after signing</translation>
    </message>
    <message>
        <source>ancre de confiance : %s</source>
        <translation>trust anchor: %s</translation>
    </message>
    <message>
        <source>aucune ancre de confiance reconnue</source>
        <translation>no recognised trust anchor</translation>
    </message>
</context>
<context>
    <name>ErrorTitles</name>
    <message>
        <source>Erreur</source>
        <extracomment>where scripts/build_translations writes the .qm files (git-ignored, bundled) which catalogues were found for the current language (for the smoke test and logs) The core (Qt-free) gives each UserFacingError a French title; they are listed here so that lupdate sees them. tests/ship/test_i18n.py fails when a new error class brings a title missing from this list.</extracomment>
        <translation>Error</translation>
    </message>
    <message>
        <source>Authentification PISTE refusée</source>
        <translation>PISTE authentication refused</translation>
    </message>
    <message>
        <source>Bibliothèque endommagée</source>
        <translation>Damaged library</translation>
    </message>
    <message>
        <source>Bibliothèque locale</source>
        <translation>Local library</translation>
    </message>
    <message>
        <source>Certificat du serveur refusé</source>
        <translation>Server certificate refused</translation>
    </message>
    <message>
        <source>Clé de signature</source>
        <translation>Signing key</translation>
    </message>
    <message>
        <source>Configuration du service DUME</source>
        <translation>DUME service configuration</translation>
    </message>
    <message>
        <source>Connexion non sécurisée refusée</source>
        <translation>Insecure connection refused</translation>
    </message>
    <message>
        <source>DUME introuvable</source>
        <translation>ESPD not found</translation>
    </message>
    <message>
        <source>DUME refusé par le service</source>
        <translation>ESPD refused by the service</translation>
    </message>
    <message>
        <source>Disque plein</source>
        <translation>Disk full</translation>
    </message>
    <message>
        <source>Document introuvable</source>
        <translation>Document not found</translation>
    </message>
    <message>
        <source>Document refusé</source>
        <translation>Document refused</translation>
    </message>
    <message>
        <source>Données de confiance</source>
        <translation>Trust data</translation>
    </message>
    <message>
        <source>Dossier en lecture seule</source>
        <translation>Read-only folder</translation>
    </message>
    <message>
        <source>Envoi à confirmer</source>
        <translation>Delivery to be confirmed</translation>
    </message>
    <message>
        <source>Export impossible</source>
        <translation>Export failed</translation>
    </message>
    <message>
        <source>Fichier non vérifiable</source>
        <translation>File cannot be checked</translation>
    </message>
    <message>
        <source>Horodatage impossible</source>
        <translation>Timestamping failed</translation>
    </message>
    <message>
        <source>Identifiants PISTE manquants</source>
        <translation>PISTE credentials missing</translation>
    </message>
    <message>
        <source>Paramètre invalide</source>
        <translation>Invalid setting</translation>
    </message>
    <message>
        <source>Police de caractères introuvable</source>
        <translation>Font not found</translation>
    </message>
    <message>
        <source>Profil d&apos;entreprise</source>
        <translation>Company profile</translation>
    </message>
    <message>
        <source>Refus du service DUME</source>
        <translation>Refused by the DUME service</translation>
    </message>
    <message>
        <source>Référentiel ESPD absent</source>
        <translation>ESPD artefacts missing</translation>
    </message>
    <message>
        <source>Réponse impossible</source>
        <translation>Cannot answer</translation>
    </message>
    <message>
        <source>Service DUME</source>
        <translation>DUME service</translation>
    </message>
    <message>
        <source>Service DUME injoignable</source>
        <translation>DUME service unreachable</translation>
    </message>
    <message>
        <source>Service DUME saturé</source>
        <translation>DUME service overloaded</translation>
    </message>
    <message>
        <source>Service de vérification de signature</source>
        <translation>Signature verification service</translation>
    </message>
    <message>
        <source>Signature impossible</source>
        <translation>Signing failed</translation>
    </message>
    <message>
        <source>Spécification invalide</source>
        <translation>Invalid specification</translation>
    </message>
    <message>
        <source>Version de la bibliothèque</source>
        <translation>Library version</translation>
    </message>
    <message>
        <source>Version non prise en charge</source>
        <translation>Unsupported version</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>{name} : le fichier est vide.</source>
        <translation>{name}: the file is empty.</translation>
    </message>
    <message>
        <source>{name} : fichier binaire, pas un document XML.</source>
        <translation>{name}: binary file, not an XML document.</translation>
    </message>
    <message>
        <source>{name} : le document contient une DTD ou des entités, refusées pour votre sécurité.</source>
        <translation>{name}: the document contains a DTD or entities, refused for your safety.</translation>
    </message>
    <message>
        <source>{name} : fichier trop volumineux ({size} Mo, maximum {maximum} Mo).</source>
        <translation>{name}: file too large ({size} MB, at most {maximum} MB).</translation>
    </message>
    <message>
        <source>{name} : XML mal formé : {detail}.</source>
        <translation>{name}: malformed XML: {detail}.</translation>
    </message>
    <message>
        <source>{name} : XML mal formé (ligne {line}) : {detail}.</source>
        <translation>{name}: malformed XML (line {line}): {detail}.</translation>
    </message>
    <message>
        <source>{name} : fichier introuvable.</source>
        <translation>{name}: file not found.</translation>
    </message>
    <message>
        <source>{name} : lecture impossible ({reason}).</source>
        <translation>{name}: cannot be read ({reason}).</translation>
    </message>
    <message>
        <source>{name} : c&apos;est un dossier, pas un fichier.</source>
        <translation>{name}: this is a folder, not a file.</translation>
    </message>
    <message>
        <source>{name} : ce n&apos;est pas un document DUME/ESPD ({what}).</source>
        <translation>{name}: this is not an ESPD document ({what}).</translation>
    </message>
    <message>
        <source>Un DUME est un fichier XML « QualificationApplicationRequest » (demande de l&apos;acheteur) ou « QualificationApplicationResponse » (réponse de l&apos;entreprise).</source>
        <translation>An ESPD is an XML file “QualificationApplicationRequest” (the buyer&apos;s request) or “QualificationApplicationResponse” (the company&apos;s response).</translation>
    </message>
    <message>
        <source>élément racine « {root} » inattendu</source>
        <translation>unexpected root element “{root}”</translation>
    </message>
    <message>
        <source>c&apos;est un avis de marché (eForms)</source>
        <translation>it is a contract notice (eForms)</translation>
    </message>
    <message>
        <source>c&apos;est un avis de préinformation (eForms)</source>
        <translation>it is a prior information notice (eForms)</translation>
    </message>
    <message>
        <source>c&apos;est un avis d&apos;attribution (eForms)</source>
        <translation>it is a contract award notice (eForms)</translation>
    </message>
    <message>
        <source>c&apos;est un avis publié au JOUE (format TED)</source>
        <translation>it is a notice published in the OJEU (TED format)</translation>
    </message>
    <message>
        <source>c&apos;est un avis envoyé au JOUE (format TED eSender)</source>
        <translation>it is a notice sent to the OJEU (TED eSender format)</translation>
    </message>
    <message>
        <source>c&apos;est une facture UBL</source>
        <translation>it is a UBL invoice</translation>
    </message>
    <message>
        <source>c&apos;est un avoir UBL</source>
        <translation>it is a UBL credit note</translation>
    </message>
    <message>
        <source>c&apos;est une signature XML détachée : vérifiez-la avec Outils › Vérifier des signatures</source>
        <translation>it is a detached XML signature: check it with Tools › Verify signatures</translation>
    </message>
    <message>
        <source>c&apos;est une signature d&apos;un conteneur ASiC</source>
        <translation>it is the signature of an ASiC container</translation>
    </message>
    <message>
        <source>{name} : impossible de déterminer la version ESPD-EDM (ni ProfileExecutionID, ni VersionID reconnus).</source>
        <translation>{name}: the ESPD-EDM version cannot be determined (no known ProfileExecutionID or VersionID).</translation>
    </message>
    <message>
        <source>{name} : {label} est un format ancien (2016) que l&apos;application ne lit pas.</source>
        <translation>{name}: {label} is an old format (2016) that the application does not read.</translation>
    </message>
    <message>
        <source>Demandez à l&apos;acheteur ou à la plateforme un DUME au format ESPD-EDM 2.1.1 ou plus récent (4.1.0 de préférence).</source>
        <translation>Ask the buyer or the platform for an ESPD in ESPD-EDM 2.1.1 or newer (4.1.0 preferably).</translation>
    </message>
    <message>
        <source>{name} : archive ZIP illisible ({reason}).</source>
        <translation>{name}: unreadable ZIP archive ({reason}).</translation>
    </message>
    <message>
        <source>{name} : archive trop volumineuse une fois décompressée.</source>
        <translation>{name}: archive too large once unpacked.</translation>
    </message>
    <message>
        <source>{name} : l&apos;archive ne contient aucun DUME (fichier XML ESPD).</source>
        <translation>{name}: the archive holds no ESPD (ESPD XML file).</translation>
    </message>
    <message>
        <source>Le DUME de l&apos;acheteur est un fichier XML ; il est parfois fourni à part du dossier de consultation.</source>
        <translation>The buyer&apos;s ESPD is an XML file; it is sometimes provided apart from the consultation file.</translation>
    </message>
    <message>
        <source>Impossible d&apos;ouvrir le certificat : mot de passe incorrect ou fichier PKCS#12 invalide.</source>
        <translation>The certificate cannot be opened: wrong password or invalid PKCS#12 file.</translation>
    </message>
    <message>
        <source>Service DUME injoignable ({host}) : {cause}.</source>
        <translation>DUME service unreachable ({host}): {cause}.</translation>
    </message>
    <message>
        <source>L&apos;action reste dans la file d&apos;envoi et partira au retour du réseau.</source>
        <translation>The action stays in the outbox and will leave when the network is back.</translation>
    </message>
</context>
<context>
    <name>EvidenceEditor</name>
    <message>
        <source>Adresse web (URL)</source>
        <extracomment>the editors&apos; maximum width: a yes/no or an amount does not need the whole window {&quot;uri&quot;, &quot;issuer_name&quot;, &quot;document_id&quot;} as typed</extracomment>
        <translation>Web address (URL)</translation>
    </message>
    <message>
        <source>Émetteur</source>
        <translation>Issuer</translation>
    </message>
    <message>
        <source>Référence</source>
        <translation>Reference</translation>
    </message>
</context>
<context>
    <name>ExclusionPage</name>
    <message>
        <source>Motifs d&apos;exclusion</source>
        <translation>Exclusion grounds</translation>
    </message>
    <message>
        <source>Description du motif d&apos;exclusion</source>
        <translation>Description of the exclusion ground</translation>
    </message>
    <message>
        <source>Les motifs obligatoires (condamnations, impôts, cotisations sociales) sont toujours inclus.</source>
        <translation>The mandatory grounds (convictions, taxes, social security contributions) are always included.</translation>
    </message>
    <message>
        <source>Motif obligatoire</source>
        <translation>Mandatory ground</translation>
    </message>
    <message>
        <source> (obligatoire)</source>
        <translation> (mandatory)</translation>
    </message>
</context>
<context>
    <name>FirstDocumentPage</name>
    <message>
        <source>Votre premier document</source>
        <translation>Your first document</translation>
    </message>
    <message>
        <source>Ouvrez l&apos;exemple officiel pour découvrir l&apos;application, ou importez un DUME reçu.</source>
        <translation>Open the official example to discover the application, or import an ESPD you received.</translation>
    </message>
    <message>
        <source>Document à importer</source>
        <translation>Document to import</translation>
    </message>
    <message>
        <source>Fichier XML d&apos;un DUME (demande ou réponse)</source>
        <translation>XML file of an ESPD (request or response)</translation>
    </message>
    <message>
        <source>&amp;Parcourir…</source>
        <translation>&amp;Browse…</translation>
    </message>
    <message>
        <source>Ouvrir l&apos;&amp;exemple officiel (une demande de DUME)</source>
        <translation>Open the official &amp;example (an ESPD request)</translation>
    </message>
    <message>
        <source>&amp;Importer un document :</source>
        <translation>&amp;Import a document:</translation>
    </message>
    <message>
        <source>&amp;Commencer avec une bibliothèque vide</source>
        <translation>&amp;Start with an empty library</translation>
    </message>
    <message>
        <source>Importer un DUME</source>
        <translation>Import an ESPD</translation>
    </message>
    <message>
        <source>Documents ESPD (*.xml)</source>
        <translation>ESPD documents (*.xml)</translation>
    </message>
    <message>
        <source>Choisissez un fichier XML existant, ou une autre option.</source>
        <translation>Choose an existing XML file, or another option.</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>Première utilisation de DUME</source>
        <translation>First use of DUME</translation>
    </message>
</context>
<context>
    <name>GeneralPage</name>
    <message>
        <source>Langue de l&apos;interface</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <source>Langue du système</source>
        <translation>System language</translation>
    </message>
    <message>
        <source>Français</source>
        <translation>Français</translation>
    </message>
    <message>
        <source>Votre rôle</source>
        <translation>Your role</translation>
    </message>
    <message>
        <source>Acheteur public</source>
        <translation>Public buyer</translation>
    </message>
    <message>
        <source>Opérateur économique</source>
        <translation>Economic operator</translation>
    </message>
    <message>
        <source>Les deux</source>
        <translation>Both</translation>
    </message>
    <message>
        <source>Dossier des données</source>
        <translation>Data folder</translation>
    </message>
    <message>
        <source>Dossier par défaut</source>
        <translation>Default folder</translation>
    </message>
    <message>
        <source>C&amp;hoisir…</source>
        <translation>C&amp;hoose…</translation>
    </message>
    <message>
        <source>Délai d&apos;enregistrement automatique</source>
        <translation>Autosave delay</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>Langue :</source>
        <translation>Language:</translation>
    </message>
    <message>
        <source>La fenêtre principale est reconstruite dans la nouvelle langue ; votre travail est enregistré avant.</source>
        <translation>The main window is rebuilt in the new language; your work is saved first.</translation>
    </message>
    <message>
        <source>Rôle :</source>
        <translation>Role:</translation>
    </message>
    <message>
        <source>Le rôle ne change que l&apos;écran d&apos;accueil : toutes les fonctions restent disponibles.</source>
        <translation>The role only changes the home screen: every feature stays available.</translation>
    </message>
    <message>
        <source>Dossier des données :</source>
        <translation>Data folder:</translation>
    </message>
    <message>
        <source>La bibliothèque et les artefacts ESPD y sont rangés. Le changement prend effet au prochain démarrage ; déplacez vous-même les fichiers existants.</source>
        <translation>The library and the ESPD artefacts are kept there. The change takes effect at the next start; move the existing files yourself.</translation>
    </message>
    <message>
        <source>La variable %s impose actuellement un autre dossier.</source>
        <translation>The %s variable currently imposes another folder.</translation>
    </message>
    <message>
        <source>Enregistrement automatique après :</source>
        <translation>Autosave after:</translation>
    </message>
    <message>
        <source>Général</source>
        <translation>General</translation>
    </message>
    <message>
        <source>Indiquez le chemin complet du dossier des données.</source>
        <translation>Give the full path of the data folder.</translation>
    </message>
    <message>
        <source>Le dossier « %s » n&apos;est pas accessible en écriture.</source>
        <translation>The folder “%s” is not writable.</translation>
    </message>
</context>
<context>
    <name>HelpWindow</name>
    <message>
        <source>Guide d&apos;utilisation</source>
        <extracomment>beside the app package, in the repository as in the bundle (PyInstaller keeps the layout)</extracomment>
        <translation>User guide</translation>
    </message>
    <message>
        <source># Guide indisponible

Le fichier du guide est introuvable : %s</source>
        <translation># Guide unavailable

The guide file cannot be found: %s</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <source>&lt;h2&gt;Bienvenue&lt;/h2&gt;&lt;p&gt;Rédigez une demande de DUME pour votre consultation : &lt;b&gt;Fichier › Nouvelle demande&lt;/b&gt; (Ctrl+N). Vous pouvez aussi importer une demande existante (Ctrl+O) ou la glisser sur cette fenêtre.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Welcome&lt;/h2&gt;&lt;p&gt;Draft an ESPD request for your procurement procedure: &lt;b&gt;File › New request&lt;/b&gt; (Ctrl+N). You can also import an existing request (Ctrl+O) or drop it on this window.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Bienvenue&lt;/h2&gt;&lt;p&gt;Pour répondre à une consultation, importez la demande de DUME de l&apos;acheteur (&lt;b&gt;Fichier › Importer un DUME&lt;/b&gt;, Ctrl+O) ou glissez-la sur cette fenêtre, puis ouvrez-la pour rédiger votre réponse.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Welcome&lt;/h2&gt;&lt;p&gt;To answer a procurement procedure, import the buyer&apos;s ESPD request (&lt;b&gt;File › Import an ESPD&lt;/b&gt;, Ctrl+O) or drop it on this window, then open it to write your response.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Bienvenue&lt;/h2&gt;&lt;p&gt;Créez une demande de DUME (Ctrl+N), ou importez un document XML — une demande à laquelle répondre, une réponse à vérifier : menu Fichier, ou glissez-le sur cette fenêtre.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Welcome&lt;/h2&gt;&lt;p&gt;Create an ESPD request (Ctrl+N), or import an XML document — a request to answer, a response to check: File menu, or drop it on this window.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>ImportController</name>
    <message>
        <source>Une importation est déjà en cours.</source>
        <translation>An import is already running.</translation>
    </message>
    <message>
        <source>Importation</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Importation annulée : aucun document ajouté.</source>
        <translation>Import cancelled: no document added.</translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) importé(s)</source>
        <translation>
            <numerusform>%n document imported</numerusform>
            <numerusform>%n documents imported</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, dont %n converti(s) d&apos;une version antérieure</source>
        <translation>
            <numerusform>, %n of them converted from an older version</numerusform>
            <numerusform>, %n of them converted from an older version</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n fichier(s) refusé(s)</source>
        <translation>
            <numerusform>, %n file refused</numerusform>
            <numerusform>, %n files refused</numerusform>
        </translation>
    </message>
    <message>
        <source>Fichiers refusés</source>
        <translation>Files refused</translation>
    </message>
    <message numerus="yes">
        <source>%n fichier(s) n&apos;ont pas pu être importés ; le détail dit pourquoi.</source>
        <translation>
            <numerusform>%n file could not be imported; the details say why.</numerusform>
            <numerusform>%n files could not be imported; the details say why.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LibraryModel</name>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Titre</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Référence</source>
        <translation>Reference</translation>
    </message>
    <message>
        <source>Statut</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Modifié</source>
        <translation>Modified</translation>
    </message>
    <message>
        <source>Demande</source>
        <translation>Request</translation>
    </message>
    <message>
        <source>Réponse</source>
        <translation>Response</translation>
    </message>
</context>
<context>
    <name>LibraryPanel</name>
    <message>
        <source>Rechercher un titre ou une référence…</source>
        <translation>Search a title or a reference…</translation>
    </message>
    <message>
        <source>Recherche dans la bibliothèque</source>
        <translation>Search in the library</translation>
    </message>
    <message>
        <source>Filtrer par type</source>
        <translation>Filter by type</translation>
    </message>
    <message>
        <source>Tous</source>
        <translation>All</translation>
    </message>
    <message>
        <source>Demandes</source>
        <translation>Requests</translation>
    </message>
    <message>
        <source>Réponses</source>
        <translation>Responses</translation>
    </message>
    <message>
        <source>Filtrer par statut</source>
        <translation>Filter by status</translation>
    </message>
    <message>
        <source>Tous statuts</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>Brouillons</source>
        <translation>Drafts</translation>
    </message>
    <message>
        <source>Validés</source>
        <translation>Validated</translation>
    </message>
    <message>
        <source>Exportés</source>
        <translation>Exported</translation>
    </message>
    <message>
        <source>Envoyés</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>Documents de la bibliothèque</source>
        <translation>Library documents</translation>
    </message>
</context>
<context>
    <name>LogWindow</name>
    <message>
        <source>Journal</source>
        <translation>Log</translation>
    </message>
    <message>
        <source>Niveau minimal</source>
        <translation>Minimum level</translation>
    </message>
    <message>
        <source>Tout</source>
        <translation>Everything</translation>
    </message>
    <message>
        <source>Informations</source>
        <translation>Information</translation>
    </message>
    <message>
        <source>Avertissements</source>
        <translation>Warnings</translation>
    </message>
    <message>
        <source>Erreurs</source>
        <translation>Errors</translation>
    </message>
    <message>
        <source>Lignes du journal</source>
        <translation>Log lines</translation>
    </message>
    <message>
        <source>&amp;Copier</source>
        <translation>&amp;Copy</translation>
    </message>
    <message>
        <source>Ouvrir le &amp;dossier des journaux</source>
        <translation>Open the log &amp;folder</translation>
    </message>
    <message>
        <source>&amp;Fermer</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <source>Afficher :</source>
        <translation>Show:</translation>
    </message>
</context>
<context>
    <name>LotChoicePage</name>
    <message>
        <source>Cochez les lots pour lesquels vous soumissionnez. Une réponse (un DUME) couvre exactement un lot : celle-ci porte sur le lot en gras ; l&apos;application peut préparer les réponses des autres lots cochés, avec les mêmes réponses.</source>
        <extracomment>create one response for each of these other lots</extracomment>
        <translation>Tick the lots you bid for. A response (an ESPD) covers exactly one lot: this one covers the lot in bold; the application can prepare the responses for the other ticked lots, with the same answers.</translation>
    </message>
    <message>
        <source>Lots de la consultation</source>
        <translation>Lots of the procedure</translation>
    </message>
    <message>
        <source>Cette réponse porte sur le lot sélectionné</source>
        <translation>This response covers the selected lot</translation>
    </message>
    <message>
        <source>Préparer une réponse pour chaque autre lot coché</source>
        <translation>Prepare a response for each other ticked lot</translation>
    </message>
    <message>
        <source>Ce que demande le lot</source>
        <translation>What the lot requires</translation>
    </message>
    <message>
        <source>La demande à laquelle répond ce document n&apos;est pas dans la bibliothèque : le lot ne peut pas être changé.</source>
        <translation>The request this document answers is not in the library: the lot cannot be changed.</translation>
    </message>
    <message>
        <source>Lots</source>
        <translation>Lots</translation>
    </message>
    <message>
        <source>  (cette réponse)</source>
        <translation>  (this response)</translation>
    </message>
    <message>
        <source>%s motif(s) d&apos;exclusion, communs à tous les lots.</source>
        <translation>%s exclusion ground(s), common to all lots.</translation>
    </message>
    <message>
        <source>Critères de sélection de ce lot :</source>
        <translation>Selection criteria of this lot:</translation>
    </message>
    <message>
        <source>Aucun critère de sélection pour ce lot.</source>
        <translation>No selection criterion for this lot.</translation>
    </message>
</context>
<context>
    <name>LotsPage</name>
    <message>
        <source>Lots de la consultation</source>
        <translation>Lots of the procedure</translation>
    </message>
    <message>
        <source>&amp;Ajouter un lot</source>
        <translation>&amp;Add a lot</translation>
    </message>
    <message>
        <source>&amp;Supprimer</source>
        <translation>&amp;Delete</translation>
    </message>
    <message>
        <source>Monter</source>
        <translation>Move up</translation>
    </message>
    <message>
        <source>Descendre</source>
        <translation>Move down</translation>
    </message>
    <message>
        <source>Double-cliquez sur un lot (ou F2) pour le renommer. Sans allotissement, gardez un seul lot LOT-0000.</source>
        <translation>Double-click a lot (or press F2) to rename it. Without lots, keep a single lot LOT-0000.</translation>
    </message>
    <message>
        <source>Lots</source>
        <translation>Lots</translation>
    </message>
    <message>
        <source>Nouveau lot</source>
        <translation>New lot</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>DUME</source>
        <extracomment>the criteria of the French &quot;DUME simplifié&quot;: turnover and headcount only keys of settings changed in the settings dialog (the app reacts: language ...)</extracomment>
        <translation>DUME</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Bienvenue&lt;/h2&gt;&lt;p&gt;Créez une demande de DUME (Ctrl+N), ou importez un document XML : menu Fichier, ou glissez-le sur cette fenêtre.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Welcome&lt;/h2&gt;&lt;p&gt;Create an ESPD request (Ctrl+N), or import an XML document: File menu, or drop it on this window.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Annuler la suppression</source>
        <translation>Undo the deletion</translation>
    </message>
    <message>
        <source>Annuler %s</source>
        <translation>Undo %s</translation>
    </message>
    <message>
        <source>Annuler</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>Rétablir %s</source>
        <translation>Redo %s</translation>
    </message>
    <message>
        <source>Rétablir</source>
        <translation>Redo</translation>
    </message>
    <message>
        <source>Mis en file d&apos;envoi : %s</source>
        <translation>Queued for sending: %s</translation>
    </message>
    <message>
        <source>&amp;Nouvelle demande</source>
        <translation>&amp;New request</translation>
    </message>
    <message>
        <source>&amp;Importer un DUME…</source>
        <translation>&amp;Import an ESPD…</translation>
    </message>
    <message>
        <source>&amp;Exporter (XML, PDF, ZIP)…</source>
        <translation>&amp;Export (XML, PDF, ZIP)…</translation>
    </message>
    <message>
        <source>&amp;Dupliquer</source>
        <translation>&amp;Duplicate</translation>
    </message>
    <message>
        <source>&amp;Supprimer</source>
        <translation>&amp;Delete</translation>
    </message>
    <message>
        <source>&amp;Répondre à cette demande…</source>
        <translation>&amp;Answer this request…</translation>
    </message>
    <message>
        <source>Profil de l&apos;&amp;entreprise…</source>
        <translation>Company &amp;profile…</translation>
    </message>
    <message>
        <source>&amp;Quitter</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;Fichier</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>É&amp;dition</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>&amp;Valider (règles officielles)</source>
        <translation>&amp;Validate (official rules)</translation>
    </message>
    <message>
        <source>&amp;Outils</source>
        <translation>&amp;Tools</translation>
    </message>
    <message>
        <source>Vérifier des &amp;signatures…</source>
        <translation>Verify &amp;signatures…</translation>
    </message>
    <message>
        <source>Si&amp;gner un fichier…</source>
        <translation>Si&amp;gn a file…</translation>
    </message>
    <message>
        <source>&amp;Paramètres…</source>
        <translation>&amp;Settings…</translation>
    </message>
    <message>
        <source>&amp;Publier</source>
        <translation>&amp;Publish</translation>
    </message>
    <message>
        <source>&amp;Récupérer par numéro…</source>
        <translation>&amp;Fetch by number…</translation>
    </message>
    <message>
        <source>File d&apos;&amp;envoi…</source>
        <translation>&amp;Outbox…</translation>
    </message>
    <message>
        <source>&amp;Comptes et API…</source>
        <translation>&amp;Accounts and API…</translation>
    </message>
    <message>
        <source>Service &amp;DUME</source>
        <translation>&amp;DUME service</translation>
    </message>
    <message>
        <source>&amp;Aide</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;Guide d&apos;utilisation</source>
        <translation>User &amp;guide</translation>
    </message>
    <message>
        <source>&amp;Journal</source>
        <translation>&amp;Log</translation>
    </message>
    <message>
        <source>À &amp;propos</source>
        <translation>&amp;About</translation>
    </message>
    <message>
        <source>Nouvelle demande</source>
        <translation>New request</translation>
    </message>
    <message>
        <source>DUME — %s</source>
        <translation>DUME — %s</translation>
    </message>
    <message>
        <source>Enregistré</source>
        <translation>Saved</translation>
    </message>
    <message>
        <source>Enregistrement impossible</source>
        <translation>Cannot save</translation>
    </message>
    <message>
        <source>Importé : %s</source>
        <translation>Imported: %s</translation>
    </message>
    <message>
        <source>Importer des DUME</source>
        <translation>Import ESPDs</translation>
    </message>
    <message>
        <source>Documents ESPD ou dossiers de consultation (*.xml *.zip)</source>
        <translation>ESPD documents or consultation files (*.xml *.zip)</translation>
    </message>
    <message>
        <source>Document placé dans la corbeille.</source>
        <translation>Document moved to the trash.</translation>
    </message>
    <message>
        <source>Préréglage DUME simplifié</source>
        <translation>“Simplified ESPD” preset</translation>
    </message>
    <message>
        <source>Aucune demande</source>
        <translation>No request</translation>
    </message>
    <message>
        <source>La bibliothèque ne contient pas d&apos;autre demande.</source>
        <translation>The library holds no other request.</translation>
    </message>
    <message>
        <source>Repartir d&apos;une demande</source>
        <translation>Start from a request</translation>
    </message>
    <message>
        <source>Demande :</source>
        <translation>Request:</translation>
    </message>
    <message>
        <source>Reprendre les critères d&apos;une demande</source>
        <translation>Take the criteria of a request</translation>
    </message>
    <message>
        <source>Exporter le DUME</source>
        <translation>Export the ESPD</translation>
    </message>
    <message>
        <source>XML ESPD-EDM 4.1.0 (*.xml)</source>
        <translation>ESPD-EDM 4.1.0 XML (*.xml)</translation>
    </message>
    <message>
        <source>PDF lisible (*.pdf)</source>
        <translation>Readable PDF (*.pdf)</translation>
    </message>
    <message>
        <source>XML et PDF dans un ZIP (*.zip)</source>
        <translation>XML and PDF in a ZIP (*.zip)</translation>
    </message>
    <message>
        <source>XML ESPD-EDM 2.1.1, version de l&apos;acheteur (*.xml)</source>
        <translation>ESPD-EDM 2.1.1 XML, the buyer&apos;s version (*.xml)</translation>
    </message>
    <message>
        <source>Document non conforme</source>
        <translation>Non-compliant document</translation>
    </message>
    <message numerus="yes">
        <source>Le document contient %n erreur(s). Les plateformes risquent de le refuser. Exporter quand même ?</source>
        <translation>
            <numerusform>The document contains %n error. Platforms may refuse it. Export anyway?</numerusform>
            <numerusform>The document contains %n errors. Platforms may refuse it. Export anyway?</numerusform>
        </translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>Exporté : %s</source>
        <translation>Exported: %s</translation>
    </message>
    <message>
        <source>Récupérer par numéro</source>
        <translation>Fetch by number</translation>
    </message>
    <message>
        <source>Numéro du DUME acheteur (8 lettres ou chiffres) :</source>
        <translation>Buyer&apos;s DUME number (8 letters or digits):</translation>
    </message>
    <message>
        <source>Le DUME %s est déjà dans la bibliothèque : il est sélectionné.</source>
        <translation>DUME %s is already in the library: it is selected.</translation>
    </message>
    <message>
        <source>DUME %s récupéré dans la bibliothèque.</source>
        <translation>DUME %s fetched into the library.</translation>
    </message>
    <message>
        <source>Document récupéré après un arrêt inattendu : %s</source>
        <translation>Document recovered after an unexpected stop: %s</translation>
    </message>
    <message>
        <source>À propos</source>
        <translation>About</translation>
    </message>
    <message>
        <source>DUME — application hors ligne pour le Document unique de marché européen (ESPD-EDM 4.1.0).
Critères et listes de codes : Office des publications de l&apos;UE (EUPL 1.2, CC BY 4.0).</source>
        <translation>DUME — offline application for the European Single Procurement Document (ESPD-EDM 4.1.0).
Criteria and code lists: EU Publications Office (EUPL 1.2, CC BY 4.0).</translation>
    </message>
</context>
<context>
    <name>MergeReviewDialog</name>
    <message>
        <source>Reprendre une réponse précédente</source>
        <translation>Reuse a previous response</translation>
    </message>
    <message>
        <source>Réponses reprises</source>
        <translation>Reused answers</translation>
    </message>
    <message>
        <source>%s — %s réponse(s)</source>
        <translation>%s — %s answer(s)</translation>
    </message>
    <message>
        <source>Nouveau : à compléter</source>
        <translation>New: to complete</translation>
    </message>
    <message>
        <source>%s — %s question(s)</source>
        <translation>%s — %s question(s)</translation>
    </message>
    <message>
        <source>Repris (%s réponses)</source>
        <translation>Reused (%s answers)</translation>
    </message>
    <message>
        <source>Nouveau, à compléter (%s questions)</source>
        <translation>New, to complete (%s questions)</translation>
    </message>
    <message>
        <source>Reprendre ces réponses</source>
        <translation>Reuse these answers</translation>
    </message>
    <message>
        <source>%s réponse(s) déjà données ici sont conservées.</source>
        <translation>%s answer(s) already given here are kept.</translation>
    </message>
</context>
<context>
    <name>NetworkPage</name>
    <message>
        <source>Utiliser le proxy du système</source>
        <translation>Use the system proxy</translation>
    </message>
    <message>
        <source>Aucun proxy (connexion directe)</source>
        <translation>No proxy (direct connection)</translation>
    </message>
    <message>
        <source>Proxy manuel :</source>
        <translation>Manual proxy:</translation>
    </message>
    <message>
        <source>Adresse du proxy</source>
        <translation>Proxy address</translation>
    </message>
    <message>
        <source>Utilisateur du proxy</source>
        <translation>Proxy user</translation>
    </message>
    <message>
        <source>Mot de passe du proxy</source>
        <translation>Proxy password</translation>
    </message>
    <message>
        <source>&amp;Oublier le mot de passe</source>
        <translation>&amp;Forget the password</translation>
    </message>
    <message>
        <source>Adresse :</source>
        <translation>Address:</translation>
    </message>
    <message>
        <source>Utilisateur :</source>
        <translation>User:</translation>
    </message>
    <message>
        <source>Mot de passe :</source>
        <translation>Password:</translation>
    </message>
    <message>
        <source>Le mot de passe est gardé dans le trousseau du système, jamais dans un fichier. Les changements prennent effet au prochain démarrage.</source>
        <translation>The password is kept in the system keyring, never in a file. Changes take effect at the next start.</translation>
    </message>
    <message>
        <source>Réseau</source>
        <translation>Network</translation>
    </message>
    <message>
        <source>Enregistré — laisser vide pour le garder</source>
        <translation>Stored — leave empty to keep it</translation>
    </message>
    <message>
        <source>Indiquez l&apos;adresse du proxy manuel.</source>
        <translation>Give the address of the manual proxy.</translation>
    </message>
    <message>
        <source>Un mot de passe de proxy demande un nom d&apos;utilisateur.</source>
        <translation>A proxy password needs a user name.</translation>
    </message>
    <message>
        <source>Aucun trousseau système disponible : le mot de passe du proxy n&apos;a pas été enregistré.</source>
        <translation>No system keyring available: the proxy password was not stored.</translation>
    </message>
    <message>
        <source>Mot de passe du proxy enregistré dans le trousseau du système.</source>
        <translation>Proxy password stored in the system keyring.</translation>
    </message>
</context>
<context>
    <name>NumberEditor</name>
    <message>
        <source>an(s)</source>
        <translation>year(s)</translation>
    </message>
</context>
<context>
    <name>OperatorForm</name>
    <message>
        <source>Prénom</source>
        <translation>First name</translation>
    </message>
    <message>
        <source>Nom</source>
        <translation>Last name</translation>
    </message>
    <message>
        <source>Qualité</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Pouvoirs</source>
        <translation>Powers</translation>
    </message>
    <message>
        <source>Courriel</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Téléphone</source>
        <translation>Telephone</translation>
    </message>
    <message>
        <source>Pays (FRA…)</source>
        <translation>Country (FRA…)</translation>
    </message>
    <message>
        <source>SIRET ou SIREN</source>
        <translation>SIRET or SIREN</translation>
    </message>
    <message>
        <source>N° de TVA intracommunautaire</source>
        <translation>EU VAT number</translation>
    </message>
    <message>
        <source>LEI</source>
        <translation>LEI</translation>
    </message>
    <message>
        <source>N° DUNS</source>
        <translation>DUNS number</translation>
    </message>
    <message>
        <source>EUID (registre européen)</source>
        <translation>EUID (European register)</translation>
    </message>
    <message>
        <source>Raison sociale</source>
        <translation>Company name</translation>
    </message>
    <message>
        <source>Site internet</source>
        <translation>Website</translation>
    </message>
    <message>
        <source>Adresse</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Code postal</source>
        <translation>Postcode</translation>
    </message>
    <message>
        <source>Ville</source>
        <translation>City</translation>
    </message>
    <message>
        <source>Personne à contacter</source>
        <translation>Contact person</translation>
    </message>
    <message>
        <source>Taille de l&apos;entreprise</source>
        <translation>Company size</translation>
    </message>
    <message>
        <source>Taille de l&apos;entreprise (PME…)</source>
        <translation>Company size (SME…)</translation>
    </message>
    <message>
        <source>Rôle dans la candidature</source>
        <translation>Role in the bid</translation>
    </message>
    <message>
        <source>Identification</source>
        <translation>Identification</translation>
    </message>
    <message>
        <source>Pays</source>
        <translation>Country</translation>
    </message>
    <message>
        <source>Adresse et contact</source>
        <translation>Address and contact</translation>
    </message>
    <message>
        <source>Étendue de la représentation (pouvoir général, signature des marchés…)</source>
        <translation>Scope of the representation (general power, signing contracts…)</translation>
    </message>
    <message>
        <source>Pays de résidence, code ISO à trois lettres (FRA, BEL…)</source>
        <translation>Country of residence, three-letter ISO code (FRA, BEL…)</translation>
    </message>
    <message>
        <source>Représentants</source>
        <translation>Representatives</translation>
    </message>
    <message>
        <source>Ajouter un représentant</source>
        <translation>Add a representative</translation>
    </message>
    <message>
        <source>Retirer</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Représentants habilités à engager l&apos;entreprise</source>
        <translation>Representatives empowered to bind the company</translation>
    </message>
    <message>
        <source>✓ %s valide</source>
        <translation>✓ %s valid</translation>
    </message>
</context>
<context>
    <name>OperatorPage</name>
    <message>
        <source>Nom du groupement</source>
        <translation>Group name</translation>
    </message>
    <message>
        <source>seulement pour une candidature groupée</source>
        <translation>only for a joint bid</translation>
    </message>
    <message>
        <source>Reprendre le profil de l&apos;entreprise…</source>
        <translation>Take the company profile…</translation>
    </message>
    <message>
        <source>Enregistrer dans le profil de l&apos;entreprise…</source>
        <translation>Save to the company profile…</translation>
    </message>
</context>
<context>
    <name>OperatorPages</name>
    <message>
        <source>Annuler</source>
        <translation>Undo</translation>
    </message>
</context>
<context>
    <name>OutboxDialog</name>
    <message>
        <source>File d&apos;envoi — service DUME</source>
        <translation>Send queue — DUME service</translation>
    </message>
    <message>
        <source>Fermer</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>OutboxModel</name>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>État</source>
        <translation>State</translation>
    </message>
    <message>
        <source>N° DUME</source>
        <translation>DUME no.</translation>
    </message>
    <message>
        <source>Tentatives</source>
        <translation>Attempts</translation>
    </message>
    <message>
        <source>Mis à jour</source>
        <translation>Updated</translation>
    </message>
    <message>
        <source>Dernière erreur</source>
        <translation>Last error</translation>
    </message>
</context>
<context>
    <name>OutboxView</name>
    <message>
        <source>File d&apos;envoi vers le service DUME</source>
        <translation>Send queue to the DUME service</translation>
    </message>
    <message>
        <source>Rien n&apos;attend d&apos;être envoyé : toutes les actions sont parvenues au service.</source>
        <translation>Nothing waits to be sent: every action reached the service.</translation>
    </message>
    <message>
        <source>Détail de l&apos;envoi sélectionné</source>
        <translation>Details of the selected delivery</translation>
    </message>
    <message>
        <source>&amp;Réessayer</source>
        <translation>&amp;Retry</translation>
    </message>
    <message>
        <source>Remettre l&apos;envoi refusé dans la file d&apos;envoi.</source>
        <translation>Put the refused delivery back in the send queue.</translation>
    </message>
    <message>
        <source>&amp;Abandonner</source>
        <translation>&amp;Abandon</translation>
    </message>
    <message>
        <source>Ne pas envoyer cette action ; le document reste dans la bibliothèque.</source>
        <translation>Do not send this action; the document stays in the library.</translation>
    </message>
    <message>
        <source>&amp;Synchroniser maintenant</source>
        <translation>&amp;Synchronise now</translation>
    </message>
    <message>
        <source>Afficher les envois terminés</source>
        <translation>Show finished deliveries</translation>
    </message>
    <message>
        <source>Numéro attribué par le service : %s</source>
        <translation>Number given by the service: %s</translation>
    </message>
    <message>
        <source>Message du service : %s</source>
        <translation>Service message: %s</translation>
    </message>
    <message>
        <source>Abandonner l&apos;envoi</source>
        <translation>Abandon the delivery</translation>
    </message>
    <message>
        <source>« %s » ne sera pas envoyé au service DUME. Le document reste dans la bibliothèque : vous pourrez le publier de nouveau. Abandonner cet envoi ?</source>
        <translation>“%s” will not be sent to the DUME service. The document stays in the library: you can publish it again. Abandon this delivery?</translation>
    </message>
</context>
<context>
    <name>PeriodEditor</name>
    <message>
        <source>du</source>
        <translation>from</translation>
    </message>
    <message>
        <source>au</source>
        <translation>to</translation>
    </message>
</context>
<context>
    <name>ProcedurePage</name>
    <message>
        <source>Nom officiel de l&apos;acheteur</source>
        <translation>Official name of the buyer</translation>
    </message>
    <message>
        <source>SIRET, SIREN ou n° de TVA</source>
        <translation>SIRET, SIREN or VAT number</translation>
    </message>
    <message>
        <source>Adresse</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Code postal</source>
        <translation>Postcode</translation>
    </message>
    <message>
        <source>Ville</source>
        <translation>City</translation>
    </message>
    <message>
        <source>Pays</source>
        <translation>Country</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>Téléphone</source>
        <translation>Telephone</translation>
    </message>
    <message>
        <source>Courriel</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Type de procédure</source>
        <translation>Procedure type</translation>
    </message>
    <message>
        <source>Référence de la consultation</source>
        <translation>Procurement reference</translation>
    </message>
    <message>
        <source>Intitulé</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Partie I – Procédure et acheteur</source>
        <translation>Part I – Procedure and buyer</translation>
    </message>
    <message>
        <source>✓ identifiant accepté</source>
        <translation>✓ identifier accepted</translation>
    </message>
    <message>
        <source>✓ %s valide</source>
        <translation>✓ %s valid</translation>
    </message>
    <message>
        <source>✗ </source>
        <translation>✗ </translation>
    </message>
</context>
<context>
    <name>ProcedureSummaryPage</name>
    <message>
        <source>Résumé de la procédure</source>
        <translation>Procedure summary</translation>
    </message>
    <message>
        <source>Reprendre les réponses d&apos;une réponse précédente…</source>
        <translation>Take the answers of a previous response…</translation>
    </message>
</context>
<context>
    <name>ProcedureTypes</name>
    <message>
        <source>Procédure ouverte</source>
        <translation>Open procedure</translation>
    </message>
    <message>
        <source>Procédure restreinte</source>
        <translation>Restricted procedure</translation>
    </message>
    <message>
        <source>Procédure négociée avec mise en concurrence préalable</source>
        <translation>Negotiated procedure with prior call for competition</translation>
    </message>
    <message>
        <source>Procédure négociée sans publicité ni mise en concurrence</source>
        <translation>Negotiated procedure without prior publication</translation>
    </message>
    <message>
        <source>Dialogue compétitif</source>
        <translation>Competitive dialogue</translation>
    </message>
    <message>
        <source>Partenariat d&apos;innovation</source>
        <translation>Innovation partnership</translation>
    </message>
    <message>
        <source>Procédure concurrentielle avec négociation</source>
        <translation>Competitive procedure with negotiation</translation>
    </message>
    <message>
        <source>Autre procédure à une étape</source>
        <translation>Other single-stage procedure</translation>
    </message>
    <message>
        <source>Autre procédure à plusieurs étapes</source>
        <translation>Other multiple-stage procedure</translation>
    </message>
</context>
<context>
    <name>ProfileDialog</name>
    <message>
        <source>Profil de l&apos;entreprise</source>
        <translation>Company profile</translation>
    </message>
    <message>
        <source>Année</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>Chiffre d&apos;affaires</source>
        <translation>Turnover</translation>
    </message>
    <message>
        <source>Devise (%s…)</source>
        <translation>Currency (%s…)</translation>
    </message>
    <message>
        <source>Effectif moyen</source>
        <translation>Average workforce</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Montant (EUR)</source>
        <translation>Amount (EUR)</translation>
    </message>
    <message>
        <source>Début (JJ/MM/AAAA)</source>
        <translation>Start (DD/MM/YYYY)</translation>
    </message>
    <message>
        <source>Fin</source>
        <translation>End</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Réponses enregistrées</source>
        <translation>Stored answers</translation>
    </message>
    <message>
        <source>Oublier la réponse sélectionnée</source>
        <translation>Forget the selected answer</translation>
    </message>
    <message>
        <source>Réponses reprises automatiquement dans chaque nouvelle réponse (par critère et par question).</source>
        <translation>Answers reused automatically in each new response (per criterion and per question).</translation>
    </message>
    <message>
        <source>Identité</source>
        <translation>Identity</translation>
    </message>
    <message>
        <source>Effectifs</source>
        <translation>Workforce</translation>
    </message>
    <message>
        <source>Références</source>
        <translation>References</translation>
    </message>
    <message>
        <source>Enregistrer</source>
        <translation>Save</translation>
    </message>
</context>
<context>
    <name>RequestEditor</name>
    <message>
        <source>Partie I – Procédure</source>
        <translation>Part I – Procedure</translation>
    </message>
    <message>
        <source>Lots</source>
        <translation>Lots</translation>
    </message>
    <message>
        <source>Partie III – Exclusion</source>
        <translation>Part III – Exclusion</translation>
    </message>
    <message>
        <source>Partie IV – Sélection</source>
        <translation>Part IV – Selection</translation>
    </message>
    <message>
        <source>Vérification</source>
        <translation>Verification</translation>
    </message>
    <message>
        <source>Parties du DUME</source>
        <translation>Parts of the ESPD</translation>
    </message>
</context>
<context>
    <name>ResponseEditor</name>
    <message>
        <source>Procédure</source>
        <extracomment>the response was written to this path the company profile (id) was saved from this response documents were added to the library (responses for other lots) a short message for the status bar</extracomment>
        <translation>Procedure</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>Lot</translation>
    </message>
    <message>
        <source>Partie II – Opérateur</source>
        <translation>Part II – Operator</translation>
    </message>
    <message>
        <source>Partie II – Compléments</source>
        <translation>Part II – Additional information</translation>
    </message>
    <message>
        <source>Partie III – Exclusion</source>
        <translation>Part III – Exclusion</translation>
    </message>
    <message>
        <source>Partie IV – Sélection</source>
        <translation>Part IV – Selection</translation>
    </message>
    <message>
        <source>Vérification</source>
        <translation>Verification</translation>
    </message>
    <message>
        <source>Parties de la réponse</source>
        <translation>Parts of the response</translation>
    </message>
    <message>
        <source>Réponses obligatoires données</source>
        <translation>Mandatory answers given</translation>
    </message>
    <message>
        <source>%s sur %s réponses obligatoires</source>
        <translation>%s of %s mandatory answers</translation>
    </message>
    <message>
        <source>sans lot</source>
        <translation>no lot</translation>
    </message>
    <message>
        <source>opérateur à renseigner</source>
        <translation>operator to fill in</translation>
    </message>
    <message>
        <source>&lt;b&gt;Réponse&lt;/b&gt; à « %s » — lot %s — %s</source>
        <translation>&lt;b&gt;Response&lt;/b&gt; to “%s” — lot %s — %s</translation>
    </message>
    <message>
        <source>%s réponse(s) préparée(s) pour les autres lots.</source>
        <translation>%s response(s) prepared for the other lots.</translation>
    </message>
    <message>
        <source>Profil de l&apos;entreprise</source>
        <translation>Company profile</translation>
    </message>
    <message>
        <source>Profil :</source>
        <translation>Profile:</translation>
    </message>
    <message>
        <source>Enregistrer dans le profil</source>
        <translation>Save to the profile</translation>
    </message>
    <message>
        <source>Enregistrer les réponses de ce DUME dans le profil « %s » ?
%s</source>
        <translation>Save the answers of this ESPD to the profile “%s”?
%s</translation>
    </message>
    <message>
        <source>Profil « %s » mis à jour.</source>
        <translation>Profile “%s” updated.</translation>
    </message>
    <message>
        <source>Aucun profil d&apos;entreprise : créez-le depuis le menu Outils.</source>
        <translation>No company profile: create it from the Tools menu.</translation>
    </message>
    <message>
        <source>Profil appliqué : %s réponse(s) reprise(s), %s à compléter.</source>
        <translation>Profile applied: %s answer(s) reused, %s to complete.</translation>
    </message>
    <message>
        <source>Reprendre une réponse</source>
        <translation>Reuse a response</translation>
    </message>
    <message>
        <source>Réponse :</source>
        <translation>Response:</translation>
    </message>
    <message>
        <source>La bibliothèque ne contient pas d&apos;autre réponse.</source>
        <translation>The library holds no other response.</translation>
    </message>
    <message>
        <source>Exporter malgré les erreurs ?</source>
        <translation>Export despite the errors?</translation>
    </message>
    <message numerus="yes">
        <source>La réponse n&apos;est pas conforme (%n erreur(s)). Les plateformes la refuseront. Exporter quand même ?</source>
        <translation>
            <numerusform>The response is not compliant (%n error). Platforms will refuse it. Export anyway?</numerusform>
            <numerusform>The response is not compliant (%n errors). Platforms will refuse it. Export anyway?</numerusform>
        </translation>
    </message>
    <message>
        <source>Exporté : %s</source>
        <translation>Exported: %s</translation>
    </message>
</context>
<context>
    <name>RolePage</name>
    <message>
        <source>Bienvenue dans DUME</source>
        <extracomment>a document to import and open now (the sample or the user&apos;s file), if any</extracomment>
        <translation>Welcome to DUME</translation>
    </message>
    <message>
        <source>Cette application rédige, vérifie et signe le Document unique de marché européen, sans connexion. Quelques réglages, et vous êtes prêt.</source>
        <translation>This application drafts, checks and signs the European Single Procurement Document, offline. A few settings, and you are ready.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Vous utilisez DUME en tant que :&lt;/b&gt;</source>
        <translation>&lt;b&gt;You use DUME as:&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&amp;Acheteur public</source>
        <translation>Public &amp;buyer</translation>
    </message>
    <message>
        <source>Vous rédigez les demandes de DUME de vos consultations.</source>
        <translation>You draft the ESPD requests of your procurement procedures.</translation>
    </message>
    <message>
        <source>&amp;Opérateur économique</source>
        <translation>Economic &amp;operator</translation>
    </message>
    <message>
        <source>Vous répondez aux demandes des acheteurs avec le profil de votre entreprise.</source>
        <translation>You answer the buyers&apos; requests with your company profile.</translation>
    </message>
    <message>
        <source>Les &amp;deux</source>
        <translation>Bot&amp;h</translation>
    </message>
    <message>
        <source>Vous rédigez des demandes et vous y répondez, ou vous vérifiez des réponses.</source>
        <translation>You draft requests and answer them, or you check responses.</translation>
    </message>
    <message>
        <source>Ce choix ne change que l&apos;écran d&apos;accueil : toutes les fonctions restent disponibles.</source>
        <translation>This choice only changes the home screen: every feature stays available.</translation>
    </message>
</context>
<context>
    <name>SelectionPage</name>
    <message>
        <source>Rechercher un critère…</source>
        <translation>Search a criterion…</translation>
    </message>
    <message>
        <source>Rechercher un critère de sélection</source>
        <translation>Search a selection criterion</translation>
    </message>
    <message>
        <source>Critères de sélection</source>
        <translation>Selection criteria</translation>
    </message>
    <message>
        <source>Préréglage « DUME simplifié »</source>
        <translation>“Simplified ESPD” preset</translation>
    </message>
    <message>
        <source>Chiffre d&apos;affaires et effectifs seulement</source>
        <translation>Turnover and workforce only</translation>
    </message>
    <message>
        <source>Repartir d&apos;une demande précédente…</source>
        <translation>Start from a previous request…</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Service DUME</source>
        <translation>DUME service</translation>
    </message>
    <message>
        <source>Paramètres</source>
        <extracomment>keys of the settings whose value changed (e.g. ``app/language``) after « Enregistrer »</extracomment>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Rubriques des paramètres</source>
        <translation>Settings sections</translation>
    </message>
    <message>
        <source>Erreur de saisie</source>
        <translation>Input error</translation>
    </message>
</context>
<context>
    <name>SignaturePage</name>
    <message>
        <source>Service d&apos;horodatage</source>
        <translation>Timestamping service</translation>
    </message>
    <message>
        <source>https://… (facultatif)</source>
        <translation>https://… (optional)</translation>
    </message>
    <message>
        <source>Actualisation des listes de confiance</source>
        <translation>Trusted list refresh</translation>
    </message>
    <message>
        <source> jour(s)</source>
        <translation> day(s)</translation>
    </message>
    <message>
        <source>Jamais (à la demande)</source>
        <translation>Never (on demand)</translation>
    </message>
    <message>
        <source>Vérifier en ligne quand c&apos;est possible (révocation, listes de confiance)</source>
        <translation>Check online when possible (revocation, trusted lists)</translation>
    </message>
    <message>
        <source>Service d&apos;horodatage (TSA) :</source>
        <translation>Timestamping service (TSA):</translation>
    </message>
    <message>
        <source>Utilisé pour horodater vos signatures (niveau B-T). Sans adresse, les signatures ne sont pas horodatées.</source>
        <translation>Used to timestamp your signatures (level B-T). Without an address, signatures are not timestamped.</translation>
    </message>
    <message>
        <source>Actualiser les listes de confiance tous les :</source>
        <translation>Refresh the trusted lists every:</translation>
    </message>
    <message>
        <source>Les listes de confiance européennes servent à vérifier les signatures ; hors ligne, la dernière copie est utilisée et signalée comme périmée.</source>
        <translation>The European trusted lists are used to check signatures; offline, the last copy is used and flagged as stale.</translation>
    </message>
    <message>
        <source>Télécharge les listes de révocation (CRL) des certificats et actualise les listes de confiance à l&apos;échéance choisie. Sans réseau, la vérification se fait avec ce qui est déjà enregistré.</source>
        <translation>Downloads the certificates&apos; revocation lists (CRLs) and refreshes the trusted lists when due. Without a network, verification uses what is already stored.</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Signature</translation>
    </message>
</context>
<context>
    <name>SigningDialog</name>
    <message>
        <source>Signer un fichier</source>
        <extracomment>the signed file was written: (Path of the signed file, SignedOutput) a signing task ended, whatever its outcome (the dialog is ready again)</extracomment>
        <translation>Sign a file</translation>
    </message>
    <message>
        <source>Fichier à signer</source>
        <translation>File to sign</translation>
    </message>
    <message>
        <source>Parcourir…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>Fichier de certificat PKCS#12 (.p12, .pfx)</source>
        <translation>PKCS#12 certificate file (.p12, .pfx)</translation>
    </message>
    <message>
        <source>Carte à puce ou jeton (PKCS#11)</source>
        <translation>Smart card or token (PKCS#11)</translation>
    </message>
    <message>
        <source>Fichier PKCS#12</source>
        <translation>PKCS#12 file</translation>
    </message>
    <message>
        <source>Module PKCS#11</source>
        <translation>PKCS#11 module</translation>
    </message>
    <message>
        <source>bibliothèque du fabricant (.so, .dll, .dylib)</source>
        <translation>vendor library (.so, .dll, .dylib)</translation>
    </message>
    <message>
        <source>facultatif</source>
        <translation>optional</translation>
    </message>
    <message>
        <source>Certificat de signature</source>
        <translation>Signing certificate</translation>
    </message>
    <message>
        <source>Le mot de passe ou le code PIN est demandé à chaque signature ; il n&apos;est jamais enregistré.</source>
        <translation>The password or PIN is asked at each signature; it is never stored.</translation>
    </message>
    <message>
        <source>Format de signature</source>
        <translation>Signature format</translation>
    </message>
    <message>
        <source>Autorité d&apos;horodatage</source>
        <translation>Timestamping authority</translation>
    </message>
    <message>
        <source>URL de l&apos;autorité d&apos;horodatage : facultatif, niveau B-T (en ligne)</source>
        <translation>Timestamping authority URL: optional, level B-T (online)</translation>
    </message>
    <message>
        <source>Fichier signé</source>
        <translation>Signed file</translation>
    </message>
    <message>
        <source>&amp;Fichier à signer :</source>
        <translation>&amp;File to sign:</translation>
    </message>
    <message>
        <source>F&amp;ormat :</source>
        <translation>F&amp;ormat:</translation>
    </message>
    <message>
        <source>&amp;Horodatage :</source>
        <translation>&amp;Timestamp:</translation>
    </message>
    <message>
        <source>Fi&amp;chier :</source>
        <translation>Fi&amp;le:</translation>
    </message>
    <message>
        <source>&amp;Module :</source>
        <translation>&amp;Module:</translation>
    </message>
    <message>
        <source>&amp;Jeton (libellé) :</source>
        <translation>&amp;Token (label):</translation>
    </message>
    <message>
        <source>&amp;Clé (libellé) :</source>
        <translation>&amp;Key (label):</translation>
    </message>
    <message>
        <source>Fichier si&amp;gné :</source>
        <translation>Si&amp;gned file:</translation>
    </message>
    <message>
        <source>Signature en cours</source>
        <translation>Signing</translation>
    </message>
    <message>
        <source>Erreur</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>&amp;Signer</source>
        <translation>&amp;Sign</translation>
    </message>
    <message>
        <source>Fermer</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Remplacer le fichier ?</source>
        <translation>Replace the file?</translation>
    </message>
    <message>
        <source>%s existe déjà. Le remplacer par le fichier signé ?</source>
        <translation>%s already exists. Replace it with the signed file?</translation>
    </message>
    <message>
        <source>PAdES — signature intégrée au PDF</source>
        <translation>PAdES — signature inside the PDF</translation>
    </message>
    <message>
        <source>CAdES détachée — fichier .p7s à joindre</source>
        <translation>Detached CAdES — .p7s file to attach</translation>
    </message>
    <message>
        <source>XAdES enveloppée — signature dans le XML</source>
        <translation>Enveloped XAdES — signature inside the XML</translation>
    </message>
    <message>
        <source>XAdES détachée — jeton .xades.xml à joindre</source>
        <translation>Detached XAdES — .xades.xml token to attach</translation>
    </message>
    <message>
        <source>Tous les fichiers (*)</source>
        <translation>All files (*)</translation>
    </message>
    <message>
        <source>Certificat PKCS#12</source>
        <translation>PKCS#12 certificate</translation>
    </message>
    <message>
        <source>Certificats PKCS#12 (*.p12 *.pfx)</source>
        <translation>PKCS#12 certificates (*.p12 *.pfx)</translation>
    </message>
    <message>
        <source>Bibliothèques (*.so *.dll *.dylib)</source>
        <translation>Libraries (*.so *.dll *.dylib)</translation>
    </message>
    <message>
        <source>Choisissez le fichier à signer.</source>
        <translation>Choose the file to sign.</translation>
    </message>
    <message>
        <source>Choisissez le fichier de certificat PKCS#12.</source>
        <translation>Choose the PKCS#12 certificate file.</translation>
    </message>
    <message>
        <source>Indiquez le module PKCS#11 de la carte ou du jeton.</source>
        <translation>Give the PKCS#11 module of the card or token.</translation>
    </message>
    <message>
        <source>Indiquez où enregistrer le fichier signé.</source>
        <translation>Give where to save the signed file.</translation>
    </message>
    <message>
        <source>Le fichier signé ne peut pas remplacer l&apos;original.</source>
        <translation>The signed file cannot replace the original.</translation>
    </message>
    <message>
        <source>Mot de passe du certificat</source>
        <translation>Certificate password</translation>
    </message>
    <message>
        <source>Mot de passe de %s :</source>
        <translation>Password of %s:</translation>
    </message>
    <message>
        <source>Code PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Code PIN de la carte :</source>
        <translation>Card PIN:</translation>
    </message>
    <message>
        <source>Annuler</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>Fichier signé : %s — %s %s, signataire : %s, SHA-256 %s.</source>
        <translation>Signed file: %s — %s %s, signer: %s, SHA-256 %s.</translation>
    </message>
    <message>
        <source>Erreur inattendue (%s) : aucun fichier n&apos;a été écrit.</source>
        <translation>Unexpected error (%s): no file was written.</translation>
    </message>
    <message>
        <source>Signature annulée : aucun fichier n&apos;a été écrit.</source>
        <translation>Signing cancelled: no file was written.</translation>
    </message>
</context>
<context>
    <name>StartResponseDialog</name>
    <message>
        <source>Répondre à cette demande</source>
        <translation>Answer this request</translation>
    </message>
    <message>
        <source>Résumé de la procédure</source>
        <translation>Procedure summary</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>Lot</translation>
    </message>
    <message>
        <source>Profil de l&apos;entreprise</source>
        <translation>Company profile</translation>
    </message>
    <message>
        <source>Aucun (réponse vierge)</source>
        <translation>None (blank response)</translation>
    </message>
    <message>
        <source>Lot pour lequel vous répondez</source>
        <translation>Lot you are answering for</translation>
    </message>
    <message>
        <source>Préremplir avec le profil</source>
        <translation>Prefill with the profile</translation>
    </message>
    <message>
        <source>Commencer la réponse</source>
        <translation>Start the response</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <source>Service DUME : état inconnu</source>
        <extracomment>dot colours, chosen to stay distinct for the common colour-vision deficiencies (and the words say the same thing anyway)</extracomment>
        <translation>DUME service: status unknown</translation>
    </message>
    <message>
        <source>En ligne</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Hors ligne</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>Synchronisation…</source>
        <translation>Synchronising…</translation>
    </message>
    <message>
        <source>Service DUME à configurer</source>
        <translation>DUME service not set up</translation>
    </message>
    <message numerus="yes">
        <source>%n en attente</source>
        <translation>
            <numerusform>%n pending</numerusform>
            <numerusform>%n pending</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n en échec</source>
        <translation>
            <numerusform>%n failed</numerusform>
            <numerusform>%n failed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncStatusIndicator</name>
    <message>
        <source>État de la synchronisation avec le service DUME</source>
        <translation>Synchronisation status with the DUME service</translation>
    </message>
    <message>
        <source>Dernière erreur : %s</source>
        <translation>Last error: %s</translation>
    </message>
    <message>
        <source>Dernière réponse du service : %s</source>
        <translation>Last answer from the service: %s</translation>
    </message>
    <message>
        <source>Cliquez pour ouvrir la file d&apos;envoi.</source>
        <translation>Click to open the send queue.</translation>
    </message>
</context>
<context>
    <name>TaskProgress</name>
    <message>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ValidationPanel</name>
    <message>
        <source>Résultats de la vérification</source>
        <extracomment>a finding was activated: jump to its subject the official validation finished (report) — used before export</extracomment>
        <translation>Verification results</translation>
    </message>
    <message>
        <source>Lancer la &amp;validation officielle</source>
        <translation>Run the official &amp;validation</translation>
    </message>
    <message>
        <source>Annuler</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>Progression de la validation</source>
        <translation>Validation progress</translation>
    </message>
    <message>
        <source>Validation officielle : non lancée</source>
        <translation>Official validation: not run</translation>
    </message>
    <message>
        <source>Validation officielle : conforme</source>
        <translation>Official validation: compliant</translation>
    </message>
    <message>
        <source>Validation officielle : non conforme</source>
        <translation>Official validation: not compliant</translation>
    </message>
    <message numerus="yes">
        <source>%n erreur(s)</source>
        <translation>
            <numerusform>%n error</numerusform>
            <numerusform>%n errors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n avertissement(s)</source>
        <translation>
            <numerusform>%n warning</numerusform>
            <numerusform>%n warnings</numerusform>
        </translation>
    </message>
    <message>
        <source>La validation n&apos;a pas pu s&apos;exécuter : %s</source>
        <translation>The validation could not run: %s</translation>
    </message>
</context>
<context>
    <name>ValueEditor</name>
    <message>
        <source>Oui</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>Non</source>
        <translation>No</translation>
    </message>
</context>
<context>
    <name>VerificationTableModel</name>
    <message>
        <source>Valide</source>
        <extracomment>asks the online service about (the listed file, what was signed, the detached signature) status keys beyond the three ETSI indications the status key (&quot;TOTAL_PASSED&quot; ... &quot;UNSIGNED&quot;) of a row, for tests and delegates</extracomment>
        <translation>Valid</translation>
    </message>
    <message>
        <source>Indéterminé</source>
        <translation>Indeterminate</translation>
    </message>
    <message>
        <source>Invalide</source>
        <translation>Invalid</translation>
    </message>
    <message>
        <source>Non signé</source>
        <translation>Not signed</translation>
    </message>
    <message>
        <source>Illisible</source>
        <translation>Unreadable</translation>
    </message>
    <message>
        <source>Statut</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Fichier</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Signatures</source>
        <translation>Signatures</translation>
    </message>
    <message>
        <source>Signataire(s)</source>
        <translation>Signer(s)</translation>
    </message>
    <message>
        <source>Remarque</source>
        <translation>Remark</translation>
    </message>
    <message>
        <source>Aucune signature trouvée.</source>
        <translation>No signature found.</translation>
    </message>
    <message>
        <source>Toutes les signatures sont valides ; identité à contrôler.</source>
        <translation>All signatures are valid; identity to check.</translation>
    </message>
</context>
<context>
    <name>VerificationView</name>
    <message>
        <source>Vérifier des signatures</source>
        <extracomment>a verification finished: the new list[VerifiedItem] reports were written: list[Path]</extracomment>
        <translation>Check signatures</translation>
    </message>
    <message>
        <source>Ajouter des &amp;fichiers…</source>
        <translation>Add &amp;files…</translation>
    </message>
    <message>
        <source>Ajouter un &amp;dossier…</source>
        <translation>Add a &amp;folder…</translation>
    </message>
    <message>
        <source>Annuler</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>Progression</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>Enregistrer le &amp;rapport…</source>
        <translation>Save the &amp;report…</translation>
    </message>
    <message>
        <source>Rapport PDF du fichier sélectionné et son double JSON, à côté du fichier.</source>
        <translation>PDF report of the selected file and its JSON copy, next to the file.</translation>
    </message>
    <message>
        <source>Enregistrer &amp;tous les rapports…</source>
        <translation>Save &amp;all the reports…</translation>
    </message>
    <message>
        <source>&amp;Effacer la liste</source>
        <translation>&amp;Clear the list</translation>
    </message>
    <message>
        <source>Vérifier en &amp;ligne</source>
        <translation>Verify &amp;online</translation>
    </message>
    <message>
        <source>Demande aussi l&apos;avis du service de vérification en ligne configuré ; le rapport repose sur la vérification locale.</source>
        <translation>Also asks the configured online verification service for its opinion; the report rests on the local verification.</translation>
    </message>
    <message>
        <source>Déposez ici des fichiers signés, un dossier ou une archive ZIP (dossier de consultation, offres reçues). Le format est reconnu d&apos;après le contenu, pas d&apos;après l&apos;extension.</source>
        <translation>Drop signed files, a folder or a ZIP archive here (procurement documents, bids received). The format is recognised from the content, not from the extension.</translation>
    </message>
    <message>
        <source>Résultats de la vérification</source>
        <translation>Verification results</translation>
    </message>
    <message>
        <source>État</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Fichiers à vérifier</source>
        <translation>Files to check</translation>
    </message>
    <message>
        <source>Tous les fichiers (*)</source>
        <translation>All files (*)</translation>
    </message>
    <message>
        <source>Dossier à vérifier</source>
        <translation>Folder to check</translation>
    </message>
    <message>
        <source>Enregistrer le rapport</source>
        <translation>Save the report</translation>
    </message>
    <message>
        <source>Rapport PDF (*.pdf)</source>
        <translation>PDF report (*.pdf)</translation>
    </message>
    <message>
        <source>Dossier des rapports</source>
        <translation>Report folder</translation>
    </message>
    <message>
        <source>Erreur inattendue (%s) : consultez le journal.</source>
        <translation>Unexpected error (%s): see the log.</translation>
    </message>
    <message>
        <source>Aucun fichier à vérifier.</source>
        <translation>No file to check.</translation>
    </message>
    <message>
        <source>Une tâche est déjà en cours : patientez ou annulez-la.</source>
        <translation>A task is already running: wait or cancel it.</translation>
    </message>
    <message>
        <source>Vérification en cours…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>Vérification annulée : aucun résultat ajouté.</source>
        <translation>Verification cancelled: no result added.</translation>
    </message>
    <message numerus="yes">
        <source>%n fichier(s) vérifié(s).</source>
        <translation>
            <numerusform>%n file checked.</numerusform>
            <numerusform>%n files checked.</numerusform>
        </translation>
    </message>
    <message>
        <source>Sélectionnez un fichier vérifié.</source>
        <translation>Select a checked file.</translation>
    </message>
    <message>
        <source>Aucun fichier vérifié.</source>
        <translation>No file checked.</translation>
    </message>
    <message>
        <source>Enregistrement des rapports…</source>
        <translation>Saving the reports…</translation>
    </message>
    <message>
        <source>Enregistrement annulé : les rapports déjà écrits sont complets, les autres n&apos;ont pas été écrits.</source>
        <translation>Saving cancelled: the reports already written are complete, the others were not written.</translation>
    </message>
    <message numerus="yes">
        <source>%n rapport(s) PDF enregistré(s), avec leur double JSON : </source>
        <translation>
            <numerusform>%n PDF report saved, with its JSON copy: </numerusform>
            <numerusform>%n PDF reports saved, with their JSON copies: </numerusform>
        </translation>
    </message>
    <message>
        <source>La tâche a échoué.</source>
        <translation>The task failed.</translation>
    </message>
    <message>
        <source>Demande envoyée au service de vérification en ligne…</source>
        <translation>Request sent to the online verification service…</translation>
    </message>
    <message>
        <source>Service en ligne : %s</source>
        <translation>Online service: %s</translation>
    </message>
    <message>
        <source>Aucun fichier vérifié pour l&apos;instant.</source>
        <translation>No file checked yet.</translation>
    </message>
    <message numerus="yes">
        <source>%n fichier(s) :</source>
        <translation>
            <numerusform>%n file:</numerusform>
            <numerusform>%n files:</numerusform>
        </translation>
    </message>
    <message>
        <source>aucune liste UE</source>
        <translation>no EU list</translation>
    </message>
    <message>
        <source>données de confiance : %s</source>
        <translation>trust data: %s</translation>
    </message>
    <message>
        <source>(PÉRIMÉES : à rafraîchir)</source>
        <translation>(STALE: refresh them)</translation>
    </message>
</context>
<context>
    <name>_SyncWorker</name>
    <message>
        <source>Synchronisation</source>
        <extracomment>done entries shown when the outbox view asks for its history (newest kept)</extracomment>
        <translation>Synchronisation</translation>
    </message>
    <message>
        <source>Publier</source>
        <translation>Publish</translation>
    </message>
    <message>
        <source>Réessayer</source>
        <translation>Retry</translation>
    </message>
    <message>
        <source>Abandonner</source>
        <translation>Abandon</translation>
    </message>
    <message>
        <source>Récupérer par numéro</source>
        <translation>Fetch by number</translation>
    </message>
    <message>
        <source>Vérifier en ligne</source>
        <translation>Verify online</translation>
    </message>
    <message>
        <source>Pré-remplir depuis le SIRET</source>
        <translation>Prefill from the SIRET</translation>
    </message>
    <message>
        <source>Connexion réussie : le service DUME répond (API %s).</source>
        <translation>Connection succeeded: the DUME service answers (API %s).</translation>
    </message>
</context>
<context>
    <name>_Table</name>
    <message>
        <source>Ajouter une ligne</source>
        <translation>Add a row</translation>
    </message>
    <message>
        <source>Retirer la ligne</source>
        <translation>Remove the row</translation>
    </message>
</context>
</TS>
