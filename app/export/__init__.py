"""Readable exports (Qt-free): the PDF twin of an ESPD document, and the signature report.

Modules, imported on demand (this package stays light so ``dume`` starts fast):

- :mod:`app.export.pdf`: :func:`~app.export.pdf.render_document` (ESPD parts I–VI);
- :mod:`app.export.report_pdf`: :class:`~app.export.report_pdf.VerificationReportData`
  and :func:`~app.export.report_pdf.render_verification_report`;
- :mod:`app.export.files`: :func:`~app.export.files.export_pdf` and
  :func:`~app.export.files.export_zip` (XML + PDF), written atomically;
- :mod:`app.export.cli`: ``dume export FILE --pdf OUT [--zip OUT] [--lang fr|en]``.
"""
