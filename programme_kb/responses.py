"""A domain response in one language: which of its variations to say.

Every response in domain.yml has a Swedish variation without a condition (the
default) and a Norwegian one with the condition ``slot language = nb``. The actions,
the REST channel's apology and the secretariat's report all pick the same way, here.
Plain dictionaries as Rasa and rasa_sdk hand them over; no Rasa import.
"""

from __future__ import annotations

from typing import Any, Mapping, Optional, Sequence


def _language_of(variation: Mapping[str, Any]) -> Optional[str]:
    for condition in variation.get("condition") or []:
        if isinstance(condition, Mapping) and condition.get("name") == "language":
            value = condition.get("value")
            return str(value) if value is not None else None
    return None


def variation_text(variations: Sequence[Mapping[str, Any]], lang: str) -> Optional[str]:
    """The text of the variation for ``lang``, else of the one without a condition
    (the default language); None when there is neither."""
    default: Optional[str] = None
    for variation in variations:
        text = variation.get("text")
        if not isinstance(text, str):
            continue
        if _language_of(variation) == lang:
            return text
        if not variation.get("condition") and default is None:
            default = text
    return default
