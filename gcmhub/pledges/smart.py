"""An explainable SMART check: which criteria a pledge meets and why not. It advises only."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from gcmhub.pledges.models import Pledge

SPECIFIC_ACTION_LENGTH = 80


@dataclass(frozen=True)
class Criterion:
    name: Promise
    is_met: bool
    reason: Promise


@dataclass(frozen=True)
class SmartCheck:
    criteria: list[Criterion]

    @property
    def score(self) -> int:
        return sum(criterion.is_met for criterion in self.criteria)

    @property
    def out_of(self) -> int:
        return len(self.criteria)


def smart_check(pledge: Pledge, *, objectives: int | None = None) -> SmartCheck:
    """Check PLEDGE (OBJECTIVES: how many main objectives, when the caller already knows)."""
    objectives = pledge.main_objectives.count() if objectives is None else objectives
    indicators = [row for row in pledge.indicators or [] if row.get("indicator")]
    complete_indicators = [row for row in indicators if row.get("baseline") and row.get("target")]
    action = (pledge.action or "").strip()
    has_place = bool(pledge.level)
    has_resources = pledge.resources_amount is not None and bool(pledge.resources_currency)
    has_partners = bool(pledge.other_partners.strip()) or (
        pledge.pk and pledge.partner_organisations.exists()
    )
    dated = bool(pledge.start_date and pledge.end_date)
    return SmartCheck(
        [
            Criterion(
                _("Specific"),
                len(action) >= SPECIFIC_ACTION_LENGTH and has_place,
                _("The concrete action is described and the level is set.")
                if len(action) >= SPECIFIC_ACTION_LENGTH and has_place
                else _(
                    "Describe the concrete action in at least %(count)s characters and set the level."
                )
                % {"count": SPECIFIC_ACTION_LENGTH},
            ),
            Criterion(
                _("Measurable"),
                bool(complete_indicators),
                _("%(count)s indicator(s) with a baseline and a target.")
                % {"count": len(complete_indicators)}
                if complete_indicators
                else _("Add at least one indicator with its baseline and its target."),
            ),
            Criterion(
                _("Achievable and resourced"),
                bool(has_resources or has_partners),
                _("Resources or partners are named.")
                if has_resources or has_partners
                else _(
                    "Name the resources committed (an amount and its currency) or the partners."
                ),
            ),
            Criterion(
                _("Relevant"),
                1 <= objectives <= 3,
                _("The pledge names its main GCM objectives.")
                if 1 <= objectives <= 3
                else _("Choose one to three main GCM objectives."),
            ),
            Criterion(
                _("Time-bound"),
                dated,
                _("It has a start date and an end date.")
                if dated
                else _("Give a start date and an end date."),
            ),
        ]
    )
