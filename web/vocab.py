"""Words for the data model's vocabularies, in the chosen language.

The graph stores codes (``City``, ``MEMBER_OF``, ``sister_city``, ``dormant``);
pages show words. Every code of :mod:`graph.model` has an English phrase here,
marked for translation, and :func:`term` returns it in the request's language
(a code not listed is shown with its underscores turned into spaces).
"""

from __future__ import annotations

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

KINDS = {
    "City": _l("City"),
    "Network": _l("Network"),
    "Organization": _l("Organisation"),
    "Agreement": _l("Agreement"),
    "Project": _l("Project"),
    "Theme": _l("Theme"),
    "Country": _l("Country"),
    "Event": _l("Event"),
    "Plan": _l("Plan"),
    "Stage": _l("Stage"),
    "Committee": _l("Committee"),
    "Activity": _l("Activity"),
    "Indicator": _l("Indicator"),
    "Measurement": _l("Measurement"),
}

KINDS_PLURAL = {
    "City": _l("Cities"),
    "Network": _l("Networks"),
    "Organization": _l("Organisations"),
    "Agreement": _l("Agreements"),
    "Project": _l("Projects"),
    "Theme": _l("Themes"),
    "Country": _l("Countries"),
    "Event": _l("Events"),
    "Plan": _l("Plans"),
    "Stage": _l("Stages"),
    "Committee": _l("Committees"),
    "Activity": _l("Activities"),
    "Indicator": _l("Indicators"),
    "Measurement": _l("Measurements"),
}

#: Relationship types, read from start to end ("Antalya — member of — Cittaslow").
RELATIONS = {
    "MEMBER_OF": _l("member of"),
    "PARTY_TO": _l("party to"),
    "PARTNER_IN": _l("partner in"),
    "HAS_THEME": _l("works on"),
    "STAKEHOLDER_OF": _l("stakeholder of"),
    "PART_OF": _l("part of"),
    "LOCATED_IN": _l("located in"),
    "PARTICIPATED_IN": _l("took part in"),
    "STAGE_OF": _l("stage of"),
    "COMMITTEE_OF": _l("committee of"),
    "SITS_ON": _l("sits on"),
    "ACTIVITY_OF": _l("activity of"),
    "LED_BY": _l("led by"),
    "CONTRIBUTES_TO": _l("contributes to"),
    "LINKED_TO": _l("draws on"),
    "INDICATOR_OF": _l("indicator of"),
    "MEASUREMENT_OF": _l("measurement of"),
}

#: The same, read from end to start ("Cittaslow — has member — Antalya").
RELATIONS_INVERSE = {
    "MEMBER_OF": _l("has member"),
    "PARTY_TO": _l("has party"),
    "PARTNER_IN": _l("has partner"),
    "HAS_THEME": _l("theme of"),
    "STAKEHOLDER_OF": _l("has stakeholder"),
    "PART_OF": _l("includes"),
    "LOCATED_IN": _l("location of"),
    "PARTICIPATED_IN": _l("had participant"),
    "STAGE_OF": _l("has stage"),
    "COMMITTEE_OF": _l("has committee"),
    "SITS_ON": _l("has committee member"),
    "ACTIVITY_OF": _l("has activity"),
    "LED_BY": _l("leads"),
    "CONTRIBUTES_TO": _l("has contributor"),
    "LINKED_TO": _l("used by activity"),
    "INDICATOR_OF": _l("measured by"),
    "MEASUREMENT_OF": _l("has measurement"),
}

VALUES = {
    # agreement types
    "sister_city": _l("sister city"),
    "cooperation_protocol": _l("cooperation protocol"),
    "mou": _l("memorandum of understanding"),
    "letter_of_intent": _l("letter of intent"),
    # statuses
    "active": _l("active"),
    "dormant": _l("dormant"),
    "expired": _l("expired"),
    "planned": _l("planned"),
    "completed": _l("completed"),
    "cancelled": _l("cancelled"),
    "inactive": _l("inactive"),
    "lapsed": _l("lapsed"),
    "applied": _l("applied"),
    "unknown": _l("no status recorded"),
    # roles and theme kinds
    "lead": _l("lead"),
    "partner": _l("partner"),
    "associate": _l("associate"),
    "priority": _l("priority"),
    "expertise": _l("expertise"),
    "focus": _l("focus"),
    "inferred": _l("inferred"),
    # confidence
    "high": _l("high"),
    "medium": _l("medium"),
    "low": _l("low"),
    # organisation kinds
    "department": _l("department"),
    "university": _l("university"),
    "chamber": _l("chamber"),
    "ngo": _l("NGO"),
    "agency": _l("agency"),
    "district_municipality": _l("district municipality"),
    "utility": _l("utility"),
    "international_body": _l("international body"),
    "business_association": _l("business association"),
    "company": _l("company"),
    "other": _l("other"),
    # event types
    "visit": _l("visit"),
    "workshop": _l("workshop"),
    "conference": _l("conference"),
    "delegation": _l("delegation"),
    "signing": _l("signing"),
    "meeting": _l("meeting"),
    "training": _l("training"),
    "home": _l("home city"),
    # funding programmes
    "eu": _l("EU member"),
    "ipa": _l("IPA beneficiary"),
    "next-med": _l("Interreg NEXT MED"),
    # the action plan
    "in_preparation": _l("in preparation"),
    "approved": _l("approved"),
    "in_implementation": _l("in implementation"),
    "not_started": _l("not started"),
    "in_progress": _l("in progress"),
    "done": _l("done"),
    "on_hold": _l("on hold"),
    "political": _l("political"),
    "technical": _l("technical"),
    "monitoring": _l("monitoring"),
    "increase": _l("increase"),
    "decrease": _l("decrease"),
}


_WORDS: dict[tuple[str, str, str], str] = {}


def _word(table: dict, name: str, code: str, fallback: str) -> str:
    """``str(table[code])`` in the current language, remembered (pages ask for the same words often)."""
    locale = get_locale()
    key = (str(locale), name, code)
    if key not in _WORDS:
        _WORDS[key] = str(table[code]) if code in table else fallback
    return _WORDS[key]


def term(code: object) -> str:
    """The word for ``code`` in the current language.

    Outside a request (no locale) the English phrase is returned.
    """
    if code is None:
        return ""
    text = str(code)
    for name, table in (("kind", KINDS), ("relation", RELATIONS), ("value", VALUES)):
        if text in table:
            return _word(table, name, text, text)
    return text.replace("_", " ")


def kind(label: str, plural: bool = False) -> str:
    return _word(KINDS_PLURAL if plural else KINDS, "kinds" if plural else "kind", label, label)


def relation(rel_type: str, outgoing: bool = True) -> str:
    fallback = rel_type.replace("_", " ").lower()  # relationship types are ASCII codes
    if outgoing:
        return _word(RELATIONS, "relation", rel_type, fallback)
    return _word(RELATIONS_INVERSE, "inverse", rel_type, fallback)
