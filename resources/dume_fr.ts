<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="fr">
<context>
    <name>ImportController</name>
    <message numerus="yes">
        <source>%n document(s) importé(s)</source>
        <translation>
            <numerusform>%n document importé</numerusform>
            <numerusform>%n documents importés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, dont %n converti(s) d&apos;une version antérieure</source>
        <translation>
            <numerusform>, dont %n converti d&apos;une version antérieure</numerusform>
            <numerusform>, dont %n convertis d&apos;une version antérieure</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n fichier(s) refusé(s)</source>
        <translation>
            <numerusform>, %n fichier refusé</numerusform>
            <numerusform>, %n fichiers refusés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n fichier(s) n&apos;ont pas pu être importés ; le détail dit pourquoi.</source>
        <translation>
            <numerusform>%n fichier n&apos;a pas pu être importé ; le détail dit pourquoi.</numerusform>
            <numerusform>%n fichiers n&apos;ont pas pu être importés ; le détail dit pourquoi.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>Le document contient %n erreur(s). Les plateformes risquent de le refuser. Exporter quand même ?</source>
        <translation>
            <numerusform>Le document contient %n erreur. Les plateformes risquent de le refuser. Exporter quand même ?</numerusform>
            <numerusform>Le document contient %n erreurs. Les plateformes risquent de le refuser. Exporter quand même ?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ResponseEditor</name>
    <message numerus="yes">
        <source>La réponse n&apos;est pas conforme (%n erreur(s)). Les plateformes la refuseront. Exporter quand même ?</source>
        <translation>
            <numerusform>La réponse n&apos;est pas conforme (%n erreur). Les plateformes la refuseront. Exporter quand même ?</numerusform>
            <numerusform>La réponse n&apos;est pas conforme (%n erreurs). Les plateformes la refuseront. Exporter quand même ?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message numerus="yes">
        <source>%n en attente</source>
        <translation>
            <numerusform>%n en attente</numerusform>
            <numerusform>%n en attente</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n en échec</source>
        <translation>
            <numerusform>%n en échec</numerusform>
            <numerusform>%n en échec</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ValidationPanel</name>
    <message numerus="yes">
        <source>%n erreur(s)</source>
        <translation>
            <numerusform>%n erreur</numerusform>
            <numerusform>%n erreurs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n avertissement(s)</source>
        <translation>
            <numerusform>%n avertissement</numerusform>
            <numerusform>%n avertissements</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>VerificationView</name>
    <message numerus="yes">
        <source>%n fichier(s) vérifié(s).</source>
        <translation>
            <numerusform>%n fichier vérifié.</numerusform>
            <numerusform>%n fichiers vérifiés.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rapport(s) PDF enregistré(s), avec leur double JSON : </source>
        <translation>
            <numerusform>%n rapport PDF enregistré, avec son double JSON : </numerusform>
            <numerusform>%n rapports PDF enregistrés, avec leur double JSON : </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n fichier(s) :</source>
        <translation>
            <numerusform>%n fichier :</numerusform>
            <numerusform>%n fichiers :</numerusform>
        </translation>
    </message>
</context>
</TS>
