"""The document model of a printed report: a header for every page and a flow of blocks.

Builders (summary.coalition_summary, notice.union_notice, tally_sheet.tally_sheets) turn the
standings into a Document; layout.py cuts it into pages and renderer.py paints them, so the
preview, the printer and the PDF get the same pages. Everything here is plain frozen data:
no Qt, nothing measured yet.

The reports sit beside services/ in the layers, so what they need from services (the
overrides) comes in through the protocol below, which that class satisfies. The
declarations (domain.declared.Declared) and the charts' bars (domain.chart_data) are the
domain's, as the window shows them.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from steward_app.domain.chart_data import Bar
from steward_app.domain.counts import SlotKey
from steward_app.domain.declared import Declared
from steward_app.domain.language import N_, _, date_time
from steward_app.domain.standings import Standings
from steward_app.domain.tally import Outcome
from steward_app.domain.vote import Mode, Vote

# --- what comes in from services ------------------------------------------------------------


class OverrideData(Protocol):
    """A count that replaced another key's count (services.overrides.Override)."""

    @property
    def slot(self) -> SlotKey: ...
    @property
    def by(self) -> str: ...
    @property
    def replaced(self) -> tuple[str, ...]: ...
    @property
    def reason(self) -> str: ...


# what the reports call the code of the data they show (translated where printed)
STATE_CODE = N_("state code")


@dataclass(frozen=True)
class ReportData:
    """Everything a report is built from.

    `fingerprint` is the state code of the data shown (services.exchange.state_code): the
    window's status bar and `steward-app state` show the same code, so a printout can be
    matched to a PC's data by reading it aloud; `fingerprint_label` names it.
    """

    standings: Standings
    declared: Sequence[Declared]
    as_of: dt.datetime
    fingerprint: str
    fingerprint_label: str = STATE_CODE
    overrides: Sequence[OverrideData] = ()  # counts that replaced another key's count


class NotInVote(LookupError):
    """A union or unit asked for that the vote does not have (the message says which)."""


# --- blocks ---------------------------------------------------------------------------------


class Align(enum.Enum):
    LEFT = "left"
    RIGHT = "right"
    CENTER = "center"


class Tone(enum.Enum):
    """What a banner or a chart segment stands for; picks a pattern as well as a colour."""

    APPROVED = "approved"
    REJECTED = "rejected"
    PENDING = "pending"
    NEUTRAL = "neutral"


OUTCOME_TONE = {Outcome.APPROVED: Tone.APPROVED, Outcome.REJECTED: Tone.REJECTED}


def chart_legend() -> tuple[tuple[Tone, str], ...]:
    """What each pattern of a chart stands for, in the current language."""
    return (
        (Tone.APPROVED, _("approved / yes: solid")),
        (Tone.PENDING, _("pending: dotted")),
        (Tone.REJECTED, _("rejected / no: hatched")),
    )


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1  # 1: report title, 2: section, 3: sub-section


@dataclass(frozen=True)
class Paragraph:
    text: str
    scale: float = 1.0  # times the document's type size
    bold: bool = False
    boxed: bool = False  # a framed notice (e.g. a declared outcome that differs)


@dataclass(frozen=True)
class Banner:
    """The status in large letters, framed, with a pattern strip for its tone."""

    text: str  # "PENDING · NOT DECIDED"
    detail: str
    tone: Tone


@dataclass(frozen=True)
class KeyValues:
    pairs: tuple[tuple[str, str], ...]
    csv_title: str = ""  # written to the CSV under this title (none: printed only)
    csv_pairs: tuple[tuple[str, str], ...] = ()  # the CSV's (plain numbers); empty: the pairs


@dataclass(frozen=True)
class Column:
    title: str
    weight: float = 1.0  # share of the table's width
    align: Align = Align.LEFT


@dataclass(frozen=True)
class Row:
    cells: tuple[str, ...]
    raw: tuple[str, ...] = ()  # the CSV's values (plain numbers); empty: the cells
    strong: bool = False  # bold, e.g. a totals row


@dataclass(frozen=True)
class Table:
    """A table; on a page break its title and header row are repeated."""

    title: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    csv_columns: tuple[str, ...] = ()  # the CSV's header (when `raw` has other columns)
    empty_text: str = "none"
    scale: float = 1.0  # type size, times the document's table size


@dataclass(frozen=True)
class ChartSegment:
    label: str
    value: float
    tone: Tone


@dataclass(frozen=True)
class ChartBar:
    title: str
    segments: tuple[ChartSegment, ...]
    maximum: float
    threshold: float | None
    threshold_label: str
    state: str
    unit: str

    @classmethod
    def of(cls, bar: Bar) -> ChartBar:
        return cls(
            bar.title,
            tuple(ChartSegment(s.label, s.value, _tone(s.kind)) for s in bar.segments),
            bar.maximum,
            bar.threshold,
            bar.threshold_label,
            bar.state,
            bar.unit,
        )


def _tone(kind: str) -> Tone:
    if kind in ("approved", "yes"):
        return Tone.APPROVED
    if kind in ("rejected", "no"):
        return Tone.REJECTED
    if kind == "pending":
        return Tone.PENDING
    return Tone.NEUTRAL


@dataclass(frozen=True)
class Chart:
    title: str
    bars: tuple[ChartBar, ...]
    legend: tuple[tuple[Tone, str], ...] = ()  # each pattern used, in words


@dataclass(frozen=True)
class FillInField:
    """A labelled box to write in by hand; `choices` draws tick boxes instead."""

    label: str
    hint: str = ""
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class FillIn:
    title: str
    fields: tuple[FillInField, ...]


@dataclass(frozen=True)
class Signatures:
    """Lines where people certify: a statement, then name, signature and date for each."""

    statement: str
    roles: tuple[str, ...]


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True)
class RunningTitle:
    """From here on, a page that begins in the middle of this part opens with
    "<text> (continued)"; an empty text stops it. Prints nothing where it stands."""

    text: str


Block = (
    Heading
    | Paragraph
    | Banner
    | KeyValues
    | Table
    | Chart
    | FillIn
    | Signatures
    | PageBreak
    | RunningTitle
)


@dataclass(frozen=True)
class PageHeader:
    """Printed on every page: which vote, when, how official, and the data's fingerprint."""

    vote_title: str
    coalition: str
    report_title: str
    as_of: str
    stamp: str  # "OFFICIAL", "UNOFFICIAL" or "PRACTICE · UNOFFICIAL"
    practice: bool
    fingerprint: str
    fingerprint_label: str = STATE_CODE


@dataclass(frozen=True)
class Document:
    kind: str  # "coalition", "union", "tally-sheets"
    header: PageHeader
    blocks: tuple[Block, ...]
    type_size: float = 10.0  # body text in points


# --- shared by the builders -------------------------------------------------------------------


def as_of_text(moment: dt.datetime) -> str:
    """ "2011-06-20 21:05 UTC-04:00" (the offset only for an aware time)."""
    text = date_time(moment)
    offset = moment.utcoffset()
    if offset is not None:
        minutes = int(offset.total_seconds() // 60)
        sign = "+" if minutes >= 0 else "-"
        text += f" UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    return text


def stamp_text(vote: Vote, official: bool) -> str:
    """PRACTICE always goes with UNOFFICIAL: a practice vote never has official results."""
    if vote.mode is Mode.PRACTICE:
        return _("PRACTICE · UNOFFICIAL")
    return _("OFFICIAL") if official else _("UNOFFICIAL")


def page_header(data: ReportData, report_title: str, official: bool) -> PageHeader:
    vote = data.standings.vote
    return PageHeader(
        vote_title=vote.title,
        coalition=vote.coalition_name,
        report_title=report_title,
        as_of=as_of_text(data.as_of),
        stamp=stamp_text(vote, official),
        practice=vote.mode is Mode.PRACTICE,
        fingerprint=data.fingerprint,
        fingerprint_label=_(data.fingerprint_label),
    )
