"""Help for people editing the catalogue: sensible defaults, a suggested id, and problems in plain words.

>>> plain_message("id", "string_pattern_mismatch", "String should match pattern '^[A-Za-z0-9]...'", {})
'An id is letters, digits, dots or dashes, up to 60 characters, starting with a letter or digit (e.g. PI02-10-4).'

Public API

- :func:`form_defaults(catalogue) -> dict`: the most common value of each choice a new requirement offers (activity,
  grade, driver, purpose, modality, actor) in the catalogue as it stands.
- :func:`suggested_requirement_id(catalogue, directive) -> str`: the next free id in the style of that directive's ids.
- :func:`plain_errors(exc) -> dict[str, list[str]]`: a model's validation errors keyed by field, in plain words.
- :func:`percent_text(share)` and :func:`read_percent(text)`: a share shown and typed as a percentage.
- :func:`missing_reason(old, new, reason) -> str | None`: an edit of the business-as-usual share needs a reason.
- :func:`driver_choices(catalogue) -> dict[str, str]`: every driver a requirement may use, built-in and defined,
  with its label.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import Any

from pydantic import ValidationError

from catalogue.models import Catalogue, Requirement
from catalogue.types import Activity, Driver, label

CHOICES = ("activity", "grade", "driver", "purpose", "modality", "actor")


def driver_choices(catalogue: Catalogue) -> dict[str, str]:
    """Return every driver a requirement may use, key to label: the built-in five, then those the catalogue defines.

    A form offering only the built-in ones would save a requirement on a defined driver with another driver.
    """
    choices = {d.value: label(d.value) for d in Driver}
    choices.update({d.key: d.name for d in catalogue.drivers if d.key not in choices})
    return choices


def form_defaults(catalogue: Catalogue) -> dict[str, str]:
    """Return the most common value of each choice of a new requirement (ties: the value met first)."""
    out: dict[str, str] = {}
    for name in CHOICES:
        counts = Counter(str(getattr(r, name)) for r in catalogue.requirements)
        if counts:
            out[name] = counts.most_common(1)[0][0]
    return out


_NUMBERED = re.compile(r"^([A-Za-z]+)\s*(\d+)/(\d{2,4})$")  # PI 02/2010, PC 28/2006
_SEQUENCE = re.compile(r"^(.*?)(\d+)$")


def _prefix_from_reference(reference: str) -> str:
    """Return an id prefix from a reference (PI 02/2010: PI02-10-; AP Handbook 2002: AP-HANDBOOK-2002-)."""
    numbered = _NUMBERED.match(reference.strip())
    if numbered:
        kind, number, year = numbered.groups()
        return f"{kind.upper()}{number}-{year[-2:]}-"
    words = re.findall(r"[A-Za-z0-9]+", reference)
    return "-".join(w.upper() for w in words) + "-" if words else "REQ-"


def _prefix_from_ids(ids: list[str]) -> str | None:
    """Return the part of a directive's ids before their last dash when most share it (PI02-10-HOURS: PI02-10-)."""
    stems = Counter(i.rsplit("-", 1)[0] + "-" for i in ids if "-" in i)
    if not stems:
        return None
    stem, count = stems.most_common(1)[0]
    return stem if count * 2 > len(ids) or len(stems) == 1 else None


def suggested_requirement_id(catalogue: Catalogue, directive: str) -> str:
    """Return a free id for a new requirement of ``directive``, in the style of the ids its requirements have.

    The directive's own requirements (familiarisation aside) give the prefix; else its reference does. The suffix is
    the next number after any numbered id with that prefix.
    """
    own = [r.id for r in catalogue.requirements if r.directive == directive and r.activity != Activity.FAMILIARISATION]
    prefix = _prefix_from_ids(own) or _prefix_from_reference(directive)
    taken = {r.id.casefold() for r in catalogue.requirements}
    numbers = [int(m.group(2)) for i in own if (m := _SEQUENCE.match(i)) and m.group(1) == prefix]
    n = max([len(own), *numbers]) + 1
    while f"{prefix}{n}".casefold() in taken:
        n += 1
    return f"{prefix}{n}"


# What to type, by field, when a value has the wrong form (the rules of catalogue.types in words).
FORMS = {
    "id": "An id is letters, digits, dots or dashes, up to 60 characters, starting with a letter or digit "
    "(e.g. PI02-10-4).",
    "reference": "A reference is 2 to 60 characters, e.g. PI 15/2010.",
    "counted_in": "Name the requirement by its id: letters, digits, dots or dashes, up to 60 characters.",
    "grade": "A grade code is lower-case letters, digits or underscores, e.g. po.",
    "directive": "Choose the directive from the list; a reference is 2 to 60 characters, e.g. PI 15/2010.",
}
FIELD_WORDS = {
    "text": "the requirement's text",
    "title": "the title",
    "issuer": "who issued it",
    "actor": "who does the work (e.g. Offender manager)",
    "counted_in_reason": "why the work is counted in the other requirement",
}
# Model rules whose message names a field by its key: the same rule, in the words of the form.
RULE_WORDS = {
    "minutes must satisfy low <= central <= high": "The minutes must be in order: low, then central, then high "
    "(each at least the one before).",
}
_KEY_IN_BRACKETS = re.compile(r"\s*\([a-z]+(?:_[a-z]+)+\)")


def plain_message(field: str, kind: str, message: str, context: dict[str, Any]) -> str:
    """Return one validation problem of ``field`` as what to type instead, in plain words."""
    name = field.split(".")[-1]
    if kind in ("string_pattern_mismatch", "string_too_long") and name in FORMS:
        return FORMS[name]
    if kind in ("string_pattern_mismatch", "string_too_long", "string_too_short") and field.split(".")[0] in FORMS:
        return FORMS[field.split(".")[0]]
    if kind in ("missing", "string_too_short"):
        what = FIELD_WORDS.get(name, "this field")
        least = context.get("min_length", 1)
        return f"Type {what}." if least <= 1 else f"Type {what}: at least {least} characters."
    if kind == "string_too_long":
        return f"Keep it to {context.get('max_length')} characters."
    if kind == "greater_than_equal":
        return f"Type a number of at least {context.get('ge'):g}."
    if kind == "greater_than":
        return f"Type a number above {context.get('gt'):g}."
    if kind == "less_than_equal":
        return f"Type a number of at most {context.get('le'):g}."
    if kind in ("finite_number", "float_parsing", "float_type", "int_parsing"):
        return "Type a number in figures, e.g. 12 or 7.5."
    if kind == "enum":
        return "Choose one of the options offered."
    text = str(message).removeprefix("Value error, ")
    text = RULE_WORDS.get(text, text)
    text = _KEY_IN_BRACKETS.sub("", text)
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def plain_errors(exc: ValidationError) -> dict[str, list[str]]:
    """Return a validation error's problems keyed by field ("" for the whole record), each in plain words."""
    out: dict[str, list[str]] = {}
    for err in exc.errors():
        field = ".".join(str(p) for p in err["loc"])
        message = plain_message(field, str(err["type"]), str(err["msg"]), dict(err.get("ctx") or {}))
        if message not in out.get(field, []):
            out.setdefault(field, []).append(message)
    return out


def percent_text(share: float) -> str:
    """Return a share as people write it: 0.25 -> "25", 0.125 -> "12.5" (the % is the field's unit)."""
    return f"{share * 100:.4g}"


def read_percent(text: object) -> tuple[float | None, str | None]:
    """Read a percentage typed by a person: ("25", None) -> 0.25; an empty cell -> (None, None); else what is wrong."""
    typed = "" if text is None else str(text).strip().removesuffix("%").strip()
    if not typed or (isinstance(text, float) and math.isnan(text)):
        return None, None
    try:
        value = float(typed)
    except ValueError:
        return None, f'"{text}" is not a percentage: type a number from 0 to 100, e.g. 25.'
    if not math.isfinite(value) or not 0 <= value <= 100:
        return None, f'"{text}" is not a percentage: type a number from 0 to 100, e.g. 25.'
    return value / 100, None


def missing_reason(old: Requirement | None, new: Requirement, reason: str) -> str | None:
    """Return what to say when an edit that needs a reason has none, else None.

    A business-as-usual share moves the headline burden directly, so a change of it (or of its source) is saved only
    with the reason, which the history keeps beside the old and new values.
    """
    before = (old.bau_share, old.bau_provenance) if old is not None else (0.0, None)
    if before != (new.bau_share, new.bau_provenance) and not str(reason or "").strip():
        return "Say why the business-as-usual share changes: the reason is kept in the history."
    return None
