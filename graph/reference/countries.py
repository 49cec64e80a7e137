"""Countries: ISO codes from English and Turkish names, and funding eligibility.

Names come from pycountry (English, and Turkish through its gettext catalogue),
plus the spellings found in real lists (Wikipedia's "England", "Georgia
(country)", "Republic of Ireland"). Eligibility (EU member, IPA beneficiary,
Interreg NEXT MED area) comes from the table ``graph/reference/data/countries.csv`` kept in
the repository.

>>> country_code("Almanya"), country_code("germany"), country_code("DE"), country_code("Türkiye")
('DE', 'DE', 'DE', 'TR')
>>> country_code("England"), country_code("Güney Kore"), country_code("Atlantis") is None
('GB', 'KR', True)
>>> country_name("DE", "tr"), country_name("DE", "en")
('Almanya', 'Germany')
"""

from __future__ import annotations

import csv
import gettext
from functools import cache
from pathlib import Path

import pycountry

from graph.ids import fold

DATA = Path(__file__).parent / "data" / "countries.csv"

#: Spellings seen in staff files and public lists that pycountry does not know.
EXTRA_NAMES = {
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "uk": "GB",
    "great britain": "GB",
    "ingiltere": "GB",
    "birlesik krallik": "GB",
    "iskocya": "GB",
    "georgia country": "GE",
    "gurcistan": "GE",
    "republic of ireland": "IE",
    "irlanda": "IE",
    "kosovo": "XK",
    "kosova": "XK",
    "turkey": "TR",
    "turkiye": "TR",
    "republic of turkey": "TR",
    "russia": "RU",
    "rusya": "RU",
    "south korea": "KR",
    "guney kore": "KR",
    "korea": "KR",
    "north korea": "KP",
    "kuzey kore": "KP",
    "usa": "US",
    "united states of america": "US",
    "abd": "US",
    "amerika": "US",
    "czech republic": "CZ",
    "cekya": "CZ",
    "cek cumhuriyeti": "CZ",
    "macedonia": "MK",
    "north macedonia": "MK",
    "kuzey makedonya": "MK",
    "makedonya": "MK",
    "iran": "IR",
    "syria": "SY",
    "suriye": "SY",
    "taiwan": "TW",
    "tayvan": "TW",
    "vietnam": "VN",
    "moldova": "MD",
    "bolivia": "BO",
    "venezuela": "VE",
    "tanzania": "TZ",
    "laos": "LA",
    "cape verde": "CV",
    "ivory coast": "CI",
    "swaziland": "SZ",
    "burma": "MM",
    "vatican city": "VA",
    "palestine": "PS",
    "filistin": "PS",
    "state of palestine": "PS",
    "faroe islands": "FO",
    "brunei": "BN",
    "east timor": "TL",
    "the netherlands": "NL",
    "holland": "NL",
    "hollanda": "NL",
    # Northern Cyprus (KKTC/TRNC) has no ISO 3166-1 code. It is recorded under CY, on
    # purpose: the public data sets name the same cities now "Cyprus", now "Northern
    # Cyprus", and one code keeps them one city. countries.csv says what that means for
    # funding eligibility (EU law is suspended in the north).
    "kktc": "CY",
    "trnc": "CY",
    "northern cyprus": "CY",
    "kuzey kibris": "CY",
    "kuzey kibris turk cumhuriyeti": "CY",
    "turkish republic of northern cyprus": "CY",
    "kibris": "CY",
    "bosnia": "BA",
    "bosnia and hercegovina": "BA",
    "republic of macedonia": "MK",
    "democratic republic of the congo": "CD",
    "micronesia": "FM",
    "moldavia": "MD",
    "palestinian territories": "PS",
    "palestinian national authority": "PS",
    "gaza strip": "PS",
    "west bank": "PS",
    "falkland islands": "FK",
    "rks": "XK",
    "bosna hersek": "BA",
    "kirgizistan": "KG",
    "kazakistan": "KZ",
    "ozbekistan": "UZ",
    "turkmenistan": "TM",
    "azerbaycan": "AZ",
    "cin": "CN",
    "japonya": "JP",
}

#: Codes that are not in ISO 3166-1 but are used in practice.
EXTRA_CODES = {"XK": ("Kosovo", "Kosova")}


@cache
def _turkish() -> gettext.NullTranslations:
    try:
        return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["tr"])
    except OSError:  # pragma: no cover - pycountry always ships it
        return gettext.NullTranslations()


@cache
def _index() -> dict[str, str]:
    tr = _turkish()
    index: dict[str, str] = {}
    for c in pycountry.countries:
        names = {c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)}
        names |= {tr.gettext(n) for n in list(names) if n}
        for n in names:
            if n:
                index.setdefault(fold(n), c.alpha_2)
    for code, names in EXTRA_CODES.items():
        for n in names:
            index[fold(n)] = code
    index.update(EXTRA_NAMES)
    return index


def country_code(text: str | None) -> str | None:
    """ISO 3166-1 alpha-2 code of a code or an English/Turkish country name, or None."""
    if not text or not text.strip():
        return None
    text = text.strip()
    if len(text) == 2 and text.isalpha():
        code = text.upper()  # ISO codes are ASCII
        if code in EXTRA_CODES or pycountry.countries.get(alpha_2=code):
            return code
    found = _index().get(fold(text))
    if found is None and "," in text:  # "Lower Saxony, Germany"
        found = _index().get(fold(text.rsplit(",", 1)[1]))
    return found


@cache
def country_name(code: str, lang: str = "en") -> str:
    """The country's common name in English or Turkish (cached: ranking names many)."""
    if code in EXTRA_CODES:
        return EXTRA_CODES[code][1 if lang == "tr" else 0]
    c = pycountry.countries.get(alpha_2=code)
    if c is None:
        return code
    name = getattr(c, "common_name", None) or c.name
    if lang == "tr":
        return _turkish().gettext(c.name)
    return name


@cache
def eligibility_table() -> dict[str, dict[str, object]]:
    """iso2 -> {eu_member, ipa_beneficiary, interreg_next_med, region, notes}."""
    table: dict[str, dict[str, object]] = {}
    if not DATA.exists():
        return table
    with DATA.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            table[row["iso2"]] = {
                "eu_member": row["eu_member"] == "true",
                "ipa_beneficiary": row["ipa_beneficiary"] == "true",
                "interreg_next_med": row["interreg_next_med"] == "true",
                "region": row.get("region") or "",
                "notes": row.get("notes") or "",
            }
    return table


#: Funding programmes a candidate can be filtered by, and the country flag behind each.
PROGRAMMES = {"eu": "eu_member", "ipa": "ipa_beneficiary", "next-med": "interreg_next_med"}


def eligible(code: str | None, programme: str) -> bool:
    """True when the country takes part in ``programme`` (eu, ipa, next-med)."""
    if not code:
        return False
    flag = PROGRAMMES[programme]
    return bool(eligibility_table().get(code, {}).get(flag, False))


def country_props(code: str) -> dict[str, object]:
    """Properties of the Country node for ``code``."""
    row = eligibility_table().get(code, {})
    return {
        "name": country_name(code, "en"),
        "name_tr": country_name(code, "tr"),
        "iso2": code,
        "eu_member": bool(row.get("eu_member", False)),
        "ipa_beneficiary": bool(row.get("ipa_beneficiary", False)),
        "interreg_next_med": bool(row.get("interreg_next_med", False)),
        "region": row.get("region") or None,
    }
