"""The template's columns and the status words in them, shared by the template and the reader."""

from dataclasses import dataclass

from lofte.promises.models import Commitment

SHEET_TITLE = "Uppföljning"
MAX_ROWS = 5000  # rows of an upload, header and blank rows not counted
MAX_COLUMNS = 50  # columns read of each row: the template's 15 and room for notes


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: int
    editable: bool = False
    aliases: tuple = ()

    def names(self):
        return {n.casefold() for n in (self.key, self.header, *self.aliases)}


COLUMNS = [
    Column("commitment_id", "Åtagande-id", 12, aliases=("commitment id", "åtagande id")),
    Column("focus_area", "Fokusområde", 16, aliases=("focus area",)),
    Column("commitment", "Åtagande", 40, aliases=("commitment",)),
    Column("actors", "Aktörer", 28, aliases=("actors",)),
    Column("measure_id", "Mått-id", 10, aliases=("measure id", "mått id")),
    Column("measure", "Mått", 28, aliases=("measure",)),
    Column("unit", "Enhet", 10, aliases=("unit",)),
    Column("baseline", "Utgångsvärde", 13, aliases=("baseline",)),
    Column("target", "Målvärde", 11, aliases=("target",)),
    Column("value", "Värde", 11, editable=True, aliases=("value",)),
    Column("status", "Status", 13, editable=True),
    Column("text", "Vad har gjorts", 50, editable=True, aliases=("what was done",)),
    Column("publishable", "Får publiceras", 15, editable=True, aliases=("may be published",)),
    # The period the template was made for, on every row: its figures cannot be saved under
    # another period chosen by mistake. Empty in files made before the column existed.
    Column(
        "period_id",
        "Period-id (ändra inte)",
        12,
        aliases=("period id", "period-id", "period id (do not change)"),
    ),
    # The version of the commitment's update when the template was made; empty if none.
    Column("version", "Version (ändra inte)", 12, aliases=("version (do not change)",)),
]
COLUMN = {c.key: c for c in COLUMNS}
REQUIRED = ["commitment_id", "measure_id", "value", "status", "text"]

# The dropdown in the sheet; the parser also accepts the English values and labels.
STATUS_LABELS = {
    Commitment.Status.PLANNED: "planerat",
    Commitment.Status.ONGOING: "pågår",
    Commitment.Status.DONE: "klart",
    Commitment.Status.DELAYED: "försenat",
    Commitment.Status.CANCELLED: "inställt",
}
