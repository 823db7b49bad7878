"""Report documents built from standings, rendered to PDF or a printer.

Build: summary.coalition_summary(data), notice.union_notice(data, union_id),
tally_sheet.tally_sheets(data, unit_ids) with a document.ReportData. Print, preview or write a
PDF: printing.render_to(device, document), printing.write_pdf(path, document, ...). CSV:
csv_export. Importing this package loads no Qt; the modules that paint do.
"""
