"""The shapes of the API's answers and questions (pydantic, through django-ninja).

Each public shape is built from the model's own `to_dict()` where it has one, so the JSON
page, the API and the data package say the same. Nothing here carries an e-mail address, a
phone number or who wrote what.
"""

import datetime
from decimal import Decimal
from typing import Literal

from ninja import Field, Schema

from lofte.followup.models import Update
from lofte.promises.models import Commitment, Promise

MAX_LIMIT = 100
MAX_OFFSET = 100_000
MAX_ID = 2**31 - 1
SLUG_PATTERN = r"^[-a-zA-Z0-9_]{1,200}$"

CommitmentStatus = Literal[tuple(Commitment.Status.values)]
PromiseStatus = Literal[tuple(Promise.Status.values)]


class Error(Schema):
    detail: str
    errors: dict[str, list[str]] = Field(
        default_factory=dict, description="Per field (or `__all__`), what is wrong."
    )


class Page(Schema):
    count: int = Field(description="How many items there are in all.")
    limit: int
    offset: int
    next: str | None = Field(description="The next page's address, if any.")
    previous: str | None


class Kommun(Schema):
    code: str = Field(description="SCB's four-digit kommun code.")
    name: str
    county: str


class KommunPage(Page):
    items: list[Kommun]


class Area(Schema):
    name: str
    kind: str
    code: str


class Actor(Schema):
    slug: str
    name: str
    kind: str
    website: str
    description: str
    is_example: bool = Field(description="True for fictional actors of demo data.")
    url: str


class ActorPage(Page):
    items: list[Actor]


class Measure(Schema):
    id: int
    name: str
    unit: str
    baseline: float | None
    target: float | None
    higher_is_better: bool


class Factor(Schema):
    kind: str
    text: str


class Commitment(Schema):
    id: int
    promise: str = Field(description="The promise's slug.")
    focus_area: str = Field(description="The focus area's slug.")
    title: str
    description: str
    target_group: str
    status: CommitmentStatus
    actors: list[str] = Field(description="The actors' slugs.")
    goals: list[int]
    factor: Factor | None
    starts_on: datetime.date | None
    ends_on: datetime.date | None
    measures: list[Measure]
    url: str


class CommitmentPage(Page):
    items: list[Commitment]


class Goal(Schema):
    id: int
    title: str
    description: str


class FocusArea(Schema):
    slug: str
    name: str
    why: str


class Period(Schema):
    id: int
    name: str
    starts_on: datetime.date
    ends_on: datetime.date
    due_on: datetime.date


class Links(Schema):
    page: str
    api: str
    data_package: str


class PromiseSummary(Schema):
    slug: str
    title: str
    status: PromiseStatus
    kommun: Kommun | None
    area: Area
    period_start: datetime.date
    period_end: datetime.date
    summary: str
    updated_at: datetime.datetime
    links: Links


class PromisePage(Page):
    items: list[PromiseSummary]


class Promise(PromiseSummary):
    background: str
    follows: str | None = Field(description="The slug of the public promise this one follows.")
    goals: list[Goal]
    focus_areas: list[FocusArea]
    actors: list[str] = Field(description="The slugs of the actors with a commitment.")
    periods: list[Period] = Field(description="The reporting periods.")


class MeasureValue(Schema):
    measure: int
    value: Decimal


class PublishedUpdate(Schema):
    id: int
    commitment: int
    period: int
    period_name: str
    status: CommitmentStatus | Literal[""]
    text: str
    evidence_url: str
    evidence_file: str | None = Field(description="Where the evidence file can be downloaded.")
    approved_at: datetime.datetime | None
    values: list[MeasureValue]


class UpdatePage(Page):
    items: list[PublishedUpdate]


class Event(Schema):
    id: int
    promise: str
    title: str
    description: str
    place_name: str
    address: str
    coordinates: list[float] | None = Field(description="[latitude, longitude] in WGS84.")
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    audience: str
    url: str


class EventPage(Page):
    items: list[Event]


# Reporting: the editor's own view of an update, drafts included.

UpdateState = Literal[tuple(Update.State.values)]


class ReportableCommitment(Schema):
    id: int
    promise: str
    title: str
    status: CommitmentStatus
    actors: list[str]
    measures: list[Measure]


class ReportableCommitmentPage(Page):
    items: list[ReportableCommitment]


class OwnUpdate(Schema):
    commitment: int
    period: int
    exists: bool = Field(description="False when nothing has been reported yet.")
    version: int = Field(description="Send it back with a change; 0 before the first report.")
    state: UpdateState | None
    status: CommitmentStatus | Literal[""]
    text: str
    evidence_url: str
    is_publishable: bool
    review_comment: str = Field(description="The coordinator's comment when it was returned.")
    editable: bool = Field(description="False once approved, for everyone but a coordinator.")
    values: list[MeasureValue]


class MeasureValueIn(Schema):
    measure: int = Field(ge=1, le=MAX_ID)
    value: Decimal | None = Field(
        description="At least 0, at most 12 digits with 2 decimals; null removes the value."
    )


class UpdateIn(Schema):
    version: int = Field(
        ge=0,
        le=MAX_ID,
        description="The version you last read (0 for a first report); a stale one is a 409.",
    )
    submit: bool = Field(False, description="Submit for approval; otherwise save as a draft.")
    status: CommitmentStatus | Literal[""] = ""
    text: str = Field("", max_length=20_000)
    evidence_url: str = Field("", max_length=20_000)
    is_publishable: bool = True
    values: list[MeasureValueIn] = Field(
        default_factory=list,
        max_length=500,
        description="Every measure's value; a measure left out has no value afterwards.",
    )


class Conflict(Error):
    current: OwnUpdate
