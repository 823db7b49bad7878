"""Report documents built from standings, rendered to PDF or a printer."""
