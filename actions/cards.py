"""Which FAQ entries each topic card already answers in full.

Its own module because the place reply (``actions.place``), which the composer
imports, needs it as much as the topic actions do (``actions.programme``).
"""

from __future__ import annotations

from typing import Dict, FrozenSet

COVERED_BY_CARD: Dict[str, FrozenSet[str]] = {
    "ask_partner": frozenset(
        {"partner_other_country", "partner_pairing", "partner_eu"}
    ),
    "ask_budget": frozenset({"cofinancing_shares", "own_budget_each_side"}),
    "ask_managing": frozenset(
        {"managing_authority", "secretariat_and_website", "official_name"}
    ),
    "ask_cross_border": frozenset(
        {"why_interreg", "cross_border_added_value", "why_partner_other_side"}
    ),
    "ask_project_types": frozenset({"project_types_overview"}),
    "ask_calls": frozenset({"application_windows"}),
    "ask_programme_area": frozenset({"programme_area"}),
}
"""FAQ entries whose answer a topic's card already gives in full: for these the card
is shown; any other confident FAQ entry answers the more specific question asked."""
