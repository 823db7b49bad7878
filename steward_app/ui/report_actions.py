"""File › Print preview, Print and Export PDF: one of the reports of the current standings.

The controller gets the window's context (ui/window_context.py) and asks the window only which
union is selected. The printing code (ui/print_actions.py) is imported when first used: the
window's cold start does not wait for it (bench/bench_window.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

if TYPE_CHECKING:
    from steward_app.reports.document import ReportData
    from steward_app.ui.window_context import WindowContext


class ReportActions(QObject):
    """Reports for one main window: gathered on the database lane, built and shown here."""

    def __init__(self, context: WindowContext, selected_union: Callable[[], str]) -> None:
        super().__init__(context)
        self.context = context
        self.selected_union = selected_union  # the union the window shows ("" for none)

    def report(self, how: str) -> None:
        """Print preview ("preview"), print ("print") or export ("pdf") a report the steward
        chooses."""
        context = self.context
        standings, session = context.standings, context.session
        if standings is None or session is None:
            return
        from steward_app.ui import print_actions  # printing is loaded when first used

        parent = context.window
        chosen = print_actions.choose_report(parent)
        if chosen is None:
            return
        kind, code = chosen  # the report, and its language (a Spanish notice, say)
        union_id = self.selected_union() or standings.vote.unions[0].id

        def work() -> ReportData:
            return print_actions.gather(session.store, session.cache, code)

        def done(data: ReportData) -> None:
            try:
                document = print_actions.build_in(code, kind, data, union_id)
            except Exception as exc:
                print_actions.explain(parent, exc)
                return
            if how == "preview":
                print_actions.preview(parent, document, code)
            elif how == "print":
                print_actions.print_document(parent, document, code)
            else:
                name = print_actions.default_pdf_name(
                    kind, data.standings.vote.id, union_id, dt.datetime.now()
                )
                print_actions.export_pdf(parent, document, self.write, name, code)

        context.run(work, done, lambda e: print_actions.explain(parent, e))

    def write(self, write: Callable[[], object]) -> None:
        """Write the PDF on the database lane; where it went, in the status bar."""
        from steward_app.ui import print_actions

        self.context.run(
            write,
            lambda path: self.context.say(self.tr("PDF written: {file}").format(file=path), 15000),
            lambda e: print_actions.explain(self.context.window, e),
        )
