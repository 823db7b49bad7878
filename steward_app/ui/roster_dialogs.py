"""This PC's key and the coordinator's roster work, in the window.

The installed program is a windowed one: nobody on an office PC opens a console for
`steward-app keys show`, `keys trust`, `accept`, `setup-change` or `declare`. Help › This PC's
key… shows the fingerprint to read to the coordinator and the lines to give for the setup;
the Coordinator menu lists a steward's key, accepts held entries, changes the setup and
declares an outcome. Each dialog calls the same service the command calls (services.roster,
services.counting), on the database lane; a refusal is shown in its words and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from steward_app.domain.authority import hold_reason_text
from steward_app.domain.judgement import Outcome
from steward_app.domain.standings import Standings
from steward_app.ui.lane_dialog import LaneDialog
from steward_app.ui.palette import outcome_word

if TYPE_CHECKING:
    from steward_app.services.roster import HeldEntry, MyKey
    from steward_app.ui.session import Session
    from steward_app.ui.window_context import WindowContext


def key_text(k: MyKey) -> str:
    """What `steward-app keys show` says, for the dialog."""
    translate = QCoreApplication.translate
    lines = [
        translate("roster_dialogs", 'This PC\'s key for "{steward}" on "{pc}":').format(
            steward=k.steward, pc=k.pc
        ),
        translate("roster_dialogs", "Fingerprint: {fingerprint}").format(fingerprint=k.fingerprint),
        translate("roster_dialogs", "Public key: {key}").format(key=k.public_key),
        translate("roster_dialogs", "Key file: {file}").format(file=k.key_file),
    ]
    if not k.has_vote:
        lines.append(
            translate(
                "roster_dialogs",
                "No vote yet. Give the public key to the coordinator for the setup's list.",
            )
        )
    elif k.coordinator:
        lines.append(translate("roster_dialogs", "This is the coordinator's key of this vote."))
    elif k.listed is not None:
        lines.append(
            translate(
                "roster_dialogs", "Listed by the coordinator as {name}, for {unions}."
            ).format(name=k.listed.name, unions=", ".join(k.listed.unions))
        )
    elif k.roster_open:
        lines.append(
            translate("roster_dialogs", "This vote's setup lists no keys: any key may report.")
        )
    else:
        lines.append(
            translate(
                "roster_dialogs",
                "Not on the coordinator's list: other PCs hold this key's entries apart.",
            )
        )
    return "\n".join(lines)


def setup_lines(k: MyKey) -> str:
    """The lines the coordinator adds to the setup's list for this key."""
    return f'[[stewards]]\nkey = "{k.public_key}"\nname = "{k.steward}, {k.pc}"\nunions = ["..."]'


class RosterDialog(LaneDialog):
    """A lane dialog for one roster action: its form, a message line, and Close."""

    def __init__(self, owner: RosterActions, title: str) -> None:
        super().__init__(owner.context)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def _on_failed(self, error: BaseException) -> None:
        self._say(str(error), error=True)  # with each problem, as the command prints them

    def run(
        self,
        work: Callable[[Session], tuple[str, Standings | None]],
        then: Callable[[], None] = lambda: None,
    ) -> None:
        """`work` on the lane; its sentence shown here, its standings in the window."""

        def on_lane() -> tuple[str, Standings | None]:
            session = self.session()
            if session is None:
                raise RuntimeError("the database is not open yet")
            return work(session)

        def done(result: tuple[str, Standings | None]) -> None:
            text, standings = result
            self._say(text)
            if standings is not None:
                self.show_standings(standings)
            then()

        self._say(self.tr("Working…"))
        self.lane.submit(on_lane, done, self._on_failed)

    def reason_edit(self, label: str | None = None) -> QLineEdit:
        label = label or self.tr("&Reason")
        edit = QLineEdit()
        edit.setAccessibleName(label.replace("&", ""))
        self.form.addRow(label, edit)
        return edit


class KeyDialog(RosterDialog):
    def __init__(self, owner: RosterActions) -> None:
        super().__init__(owner, QCoreApplication.translate("KeyDialog", "This PC's key"))
        self.text = QLabel(self.tr("Reading the key…"))
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setWordWrap(True)
        self.form.addRow(self.text)
        self.copy = QPushButton(self.tr("&Copy the lines for the coordinator"))
        self.copy.setEnabled(False)
        self.form.addRow(self.copy)
        self.lines = ""
        self.copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.lines))

    def load(self) -> None:
        from steward_app.services.roster import my_key

        author = self.author

        def work(session: Session) -> tuple[str, Standings | None]:
            k = my_key(session.store, author)
            self.lines = setup_lines(k)
            return key_text(k), None

        self.run(work, lambda: self.copy.setEnabled(True))


class TrustDialog(RosterDialog):
    """`steward-app keys trust KEY --unions ... --name ... --reason ...`"""

    def __init__(self, owner: RosterActions, unions: list[tuple[str, str]]) -> None:
        super().__init__(owner, QCoreApplication.translate("TrustDialog", "List a steward's key"))
        self.key = QLineEdit()
        self.key.setAccessibleName(self.tr("Public key"))
        self.key.setPlaceholderText(
            self.tr("the 52 characters the steward's PC shows (or a fingerprint)")
        )
        self.name = QLineEdit()
        self.name.setAccessibleName(self.tr("Name"))
        self.unions = QListWidget()
        self.unions.setAccessibleName(self.tr("Unions this key reports for"))
        for union_id, name in unions:
            item = QListWidgetItem(f"{name} ({union_id})")
            item.setData(Qt.ItemDataRole.UserRole, union_id)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.unions.addItem(item)
        self.form.addRow(self.tr("Public &key"), self.key)
        self.form.addRow(self.tr("&Name"), self.name)
        self.form.addRow(self.tr("&Unions"), self.unions)
        self.reason = self.reason_edit()
        self.ok = self.buttons.addButton(
            self.tr("&List the key"), QDialogButtonBox.ButtonRole.ApplyRole
        )
        self.ok.clicked.connect(self.submit)

    def chosen_unions(self) -> list[str]:
        out = []
        for row in range(self.unions.count()):
            item = self.unions.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return out

    def submit(self) -> None:
        from steward_app.services import roster

        key, name, reason = self.key.text().strip(), self.name.text().strip(), self.reason.text()
        unions, author = self.chosen_unions(), self.author
        if not key or not name or not unions:
            self._say(self.tr("Give the key, a name and at least one union."), error=True)
            return

        def work(session: Session) -> tuple[str, Standings | None]:
            shown, _changes = roster.trust_key(
                session.store, author, key, unions, name, reason=reason
            )
            return (
                self.tr(
                    "Listed {name} ({key}) for {unions}: a setup change that every PC receives "
                    "with this PC's next export. Their held entries now apply here."
                ).format(name=name, key=shown, unions=", ".join(unions)),
                session.cache.refresh_all(),
            )

        self.run(work)


class AcceptDialog(RosterDialog):
    """`steward-app held` and `steward-app accept ID... --reason ...`"""

    def __init__(self, owner: RosterActions) -> None:
        super().__init__(owner, QCoreApplication.translate("AcceptDialog", "Held entries"))
        self.entries = QListWidget()
        self.entries.setAccessibleName(self.tr("Entries held apart"))
        self.entries.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.form.addRow(self.entries)
        self.reason = self.reason_edit()
        self.ok = self.buttons.addButton(
            self.tr("&Accept the selected entries"), QDialogButtonBox.ButtonRole.ApplyRole
        )
        self.ok.clicked.connect(self.submit)

    def load(self) -> None:
        from steward_app.services.roster import held_entries

        def work() -> list[HeldEntry]:
            session = self.session()
            assert session is not None
            return held_entries(session.store)

        self.lane.submit(work, self._show_held, self._on_failed)

    def _show_held(self, held: list[HeldEntry]) -> None:
        self.entries.clear()
        for h in held:
            e = h.entry
            item = QListWidgetItem(
                self.tr("{kind} by {steward} on {pc}: {reason}, {detail} (from {source})").format(
                    kind=e.type.value,
                    steward=e.steward,
                    pc=e.pc,
                    reason=hold_reason_text(h.reason),
                    detail=h.detail,
                    source=h.source,
                )
            )
            item.setData(Qt.ItemDataRole.UserRole, e.id)
            self.entries.addItem(item)
        self.ok.setEnabled(bool(held))
        if not held:
            self._say(self.tr("No entries are held apart."))

    def submit(self) -> None:
        from steward_app.services import roster

        ids = [str(i.data(Qt.ItemDataRole.UserRole)) for i in self.entries.selectedItems()]
        reason, author = self.reason.text(), self.author
        if not ids:
            self._say(self.tr("Select the entries to accept."), error=True)
            return

        def work(session: Session) -> tuple[str, Standings | None]:
            n, _changes = roster.accept_held(session.store, author, ids, reason)
            text = self.tr("Accepted %Ln held entry(s); every PC applies them alike.", None, n)
            return text, session.cache.refresh_all()

        self.run(work)
        self.load()  # behind the acceptance on the lane: the list without them


class SetupChangeDialog(RosterDialog):
    """`steward-app setup-change FILE --reason ...`"""

    def __init__(self, owner: RosterActions) -> None:
        super().__init__(owner, QCoreApplication.translate("SetupChangeDialog", "Change the setup"))
        self.path = QLineEdit()
        self.path.setAccessibleName(self.tr("Corrected setup file"))
        browse = QPushButton(self.tr("&Choose…"))
        browse.clicked.connect(self.choose)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.form.addRow(self.tr("Corrected &setup file"), row)
        self.reason = self.reason_edit()
        self.ok = self.buttons.addButton(
            self.tr("C&hange the setup"), QDialogButtonBox.ButtonRole.ApplyRole
        )
        self.ok.clicked.connect(self.submit)

    def choose(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("The corrected setup file"),
            self.path.text(),
            self.tr("Setup files (*.toml);;All (*)"),
        )
        if name:
            self.path.setText(name)

    def submit(self) -> None:
        from steward_app.domain.setup_file import SetupError
        from steward_app.services import roster
        from steward_app.services.errors import Refused

        path, reason, author = Path(self.path.text().strip()), self.reason.text(), self.author
        if not self.path.text().strip():
            self._say(self.tr("Choose the corrected setup file."), error=True)
            return

        def work(session: Session) -> tuple[str, Standings | None]:
            try:
                text = path.read_text(encoding="utf-8-sig")
            except OSError as exc:
                raise Refused(
                    self.tr("cannot read {file}: {error}").format(
                        file=path, error=exc.strerror or exc
                    )
                ) from exc
            except UnicodeDecodeError as exc:
                raise Refused(
                    self.tr("{file} is not UTF-8 text; save it as UTF-8").format(file=path)
                ) from exc
            try:
                roster.change_setup(session.store, author, text, reason)
            except SetupError as exc:
                raise Refused(
                    self.tr(
                        "the setup file has %n problem(s); nothing was changed:",
                        None,
                        len(exc.problems),
                    )
                    + "\n"
                    + "\n".join(f"  {p}" for p in exc.problems)
                ) from exc
            return (
                self.tr("The setup is changed; other PCs receive it with this PC's next export."),
                session.cache.refresh_all(),
            )

        self.run(work)


class DeclareDialog(RosterDialog):
    """`steward-app declare OUTCOME --question ... --union ... --note ...`"""

    def __init__(self, owner: RosterActions, standings: Standings) -> None:
        super().__init__(owner, QCoreApplication.translate("DeclareDialog", "Declare the outcome"))
        vote = standings.vote
        self.question = QComboBox()
        self.question.setAccessibleName(self.tr("Question"))
        for q in vote.questions:
            self.question.addItem(q.text, q.id)
        self.union = QComboBox()
        self.union.setAccessibleName(self.tr("Declared by"))
        self.union.addItem(self.tr("The coalition"), None)
        for u in vote.unions:
            self.union.addItem(u.name, u.id)
        self.outcome = QComboBox()
        self.outcome.setAccessibleName(self.tr("Outcome"))
        for word in (Outcome.APPROVED, Outcome.REJECTED, Outcome.PENDING):
            self.outcome.addItem(outcome_word(word).capitalize(), word.value)
        self.note = QPlainTextEdit()
        self.note.setAccessibleName(self.tr("Note"))
        self.note.setPlaceholderText(self.tr("where and when it was announced"))
        self.note.setMaximumHeight(80)
        self.form.addRow(self.tr("&Question"), self.question)
        self.form.addRow(self.tr("&Declared by"), self.union)
        self.form.addRow(self.tr("&Outcome"), self.outcome)
        self.form.addRow(self.tr("&Note"), self.note)
        self.ok = self.buttons.addButton(self.tr("&Record"), QDialogButtonBox.ButtonRole.ApplyRole)
        self.ok.clicked.connect(self.submit)

    def submit(self) -> None:
        from steward_app.services.counting import declare_outcome

        question, union = self.question.currentData(), self.union.currentData()
        outcome, note = self.outcome.currentData(), self.note.toPlainText().strip()
        author = self.author

        def work(session: Session) -> tuple[str, Standings | None]:
            changes = declare_outcome(
                session.store, author, question, outcome, union_id=union, note=note
            )
            said = self.tr("Recorded the declared outcome: {outcome}").format(
                outcome=outcome_word(Outcome(outcome))
            )
            return said, session.cache.refresh(changes)

        self.run(work)


class RosterActions(QObject):
    """Help › This PC's key…, and the Coordinator menu before Help."""

    def __init__(self, context: WindowContext, help_menu: QMenu) -> None:
        super().__init__(context)
        self.context = context
        self.window = window = context.window
        self.lane = context.lane
        self.dialogs: dict[str, RosterDialog] = {}
        key = QAction(self.tr("This PC's &key…"), self)
        key.triggered.connect(self.show_key)
        if help_menu.actions():
            help_menu.insertAction(help_menu.actions()[0], key)
        else:
            help_menu.addAction(key)
        menu = QMenu(self.tr("Coordina&tor"), window)
        window.menuBar().insertMenu(help_menu.menuAction(), menu)
        self.menu = menu
        for text, slot in (
            (self.tr("&List a steward's key…"), self.trust),
            (self.tr("&Held entries and accepting them…"), self.accept),
            (self.tr("&Change the setup…"), self.change_setup),
            (self.tr("&Declare the outcome…"), self.declare),
        ):
            action = QAction(text, self)
            action.triggered.connect(slot)
            menu.addAction(action)

    def _open(self, name: str, make: Callable[[], RosterDialog]) -> Any:
        dialog = self.dialogs.get(name)
        if dialog is None:
            dialog = self.dialogs[name] = make()
        dialog.show()
        dialog.raise_()
        return dialog

    def _needs_vote(self) -> Standings | None:
        if self.context.standings is None:
            self.context.say(
                self.tr(
                    "There is no vote yet: create it from the setup file, or import a tally file."
                ),
                8000,
            )
        return self.context.standings

    def show_key(self) -> None:
        self._open("key", lambda: KeyDialog(self)).load()

    def trust(self) -> None:
        standings = self._needs_vote()
        if standings is not None:
            unions = [(u.id, u.name) for u in standings.vote.unions]
            self._open("trust", lambda: TrustDialog(self, unions))

    def accept(self) -> None:
        if self._needs_vote() is not None:
            self._open("accept", lambda: AcceptDialog(self)).load()

    def change_setup(self) -> None:
        if self._needs_vote() is not None:
            self._open("setup", lambda: SetupChangeDialog(self))

    def declare(self) -> None:
        standings = self._needs_vote()
        if standings is not None:
            self._open("declare", lambda: DeclareDialog(self, standings))
