"""Consortia for a call as spreadsheet sheets: one per consortium, and one with the rules.

Shared by the page's XLSX download (``/consortium.xlsx``) and ``diplomap consortium
--output``. It reads the plain data of :meth:`graph.synergy.consortium.Consortia.to_dict`
and writes its words in English or Turkish itself, so that the CLI needs no Flask app.
"""

from __future__ import annotations

from typing import Any

from graph.reference.countries import country_name
from web.export import to_xlsx_sheets

WORDS = {
    "consortium": ("Consortium", "Konsorsiyum"),
    "rules": ("Rules", "Kurallar"),
    "header": (
        [
            "Role",
            "Name",
            "Country",
            "Eligible as",
            "Our tie",
            "On the theme",
            "Last activity",
            "Fit",
            "Why",
        ],
        ["Rol", "Ad", "Ülke", "Uygunluk", "Bağımız", "Temada", "Son faaliyet", "Uyum", "Neden"],
    ),
    "coordinator": ("coordinator", "koordinatör"),
    "partner": ("partner", "ortak"),
    "exact": ("yes", "evet"),
    "related": ("related theme", "ilgili tema"),
    "none": ("no record", "kayıt yok"),
    "checks": ("Rule checks", "Kural denetimleri"),
    "yes": ("yes", "evet"),
    "no": ("no", "hayır"),
    "strengths": ("Strengths", "Güçlü yanlar"),
    "weaknesses": ("Weaknesses", "Zayıf yanlar"),
    "programme": ("Programme", "Program"),
    "theme": ("Theme", "Tema"),
    "min_partners": ("Minimum partners", "Asgari ortak sayısı"),
    "max_partners": ("Maximum partners", "Azami ortak sayısı"),
    "min_countries": ("Minimum countries", "Asgari ülke sayısı"),
    "max_per_country": ("Most partners from one country", "Bir ülkeden en çok ortak"),
    "eligible": ("Eligible countries", "Uygun ülkeler"),
    "at_least": ("At least", "En az"),
    "not_stated": ("not stated", "belirtilmemiş"),
    "source": ("Source", "Kaynak"),
    "address": ("Address", "Adres"),
    "version": ("Version", "Sürüm"),
    "states": ("It states", "Belgenin dediği"),
    "notes": ("Notes", "Notlar"),
    "why": ("Why not", "Neden olmadı"),
    "none_made": ("No consortium could be made", "Hiç konsorsiyum oluşturulamadı"),
}


def word(key: str, lang: str) -> Any:
    """The word ``key`` in ``lang`` (``tr`` or ``en``)."""
    en, tr = WORDS[key]
    return tr if lang == "tr" else en


def _name(item: dict[str, Any], lang: str) -> str:
    return str((item.get("name_tr") if lang == "tr" else None) or item.get("name") or item["id"])


def tie_text(partner: dict[str, Any], lang: str) -> str:
    """The partner's tie to us in a few words (its first reason when it has a tie), or ""."""
    if not partner.get("tie"):
        return ""
    said = partner["reasons"].get(lang) or partner["reasons"].get("en") or [""]
    return said[0]


def eligible_as(partner: dict[str, Any], groups: list[dict[str, Any]], lang: str) -> str:
    """The groups of the programme the partner's country is in, in words ("EU member state")."""
    names = {g["id"]: g["name_tr"] if lang == "tr" else g["name_en"] for g in groups}
    return "; ".join(names[g] for g in partner.get("groups", []) if g in names)


def partner_row(
    partner: dict[str, Any], lang: str, groups: list[dict[str, Any]] | None = None
) -> list[Any]:
    """One row of a consortium's sheet (the header is ``word("header", lang)``); ``groups``:
    the programme's groups (``Programme.to_dict()["groups"]``)."""
    said = partner["reasons"].get(lang) or partner["reasons"].get("en") or []
    why = said[1:] if partner.get("tie") else said
    return [
        word(partner["role"], lang),
        _name(partner, lang),
        country_name(partner["country"], lang) if partner.get("country") else "",
        eligible_as(partner, groups or [], lang),
        tie_text(partner, lang),
        word(partner.get("on_theme") or "none", lang) if partner["role"] != "coordinator" else "",
        partner.get("last_active") or "",
        round(partner.get("fit") or 0.0, 3) if partner["role"] != "coordinator" else "",
        "; ".join(why[:3]),
    ]


def rules_rows(data: dict[str, Any], lang: str) -> list[Any]:
    """The rules sheet: the programme, each rule, the eligible groups and the sources."""
    p = data["programme"]
    stated = word("not_stated", lang)
    rows: list[Any] = [
        [word("programme", lang), p["name_tr"] if lang == "tr" else p["name_en"]],
        [word("theme", lang), _name(data["theme"], lang)],
        [word("min_partners", lang), p["min_partners"]],
        [word("max_partners", lang), p["max_partners"] if p["max_partners"] else stated],
        [word("min_countries", lang), p["min_countries"]],
        [word("max_per_country", lang), p["max_per_country"] or stated],
        [word("eligible", lang), p["eligible_text"][lang if lang == "tr" else "en"]],
    ]
    names = {g["id"]: g["name_tr"] if lang == "tr" else g["name_en"] for g in p["groups"]}
    for rule in p["at_least"]:
        rows.append([word("at_least", lang), f"{rule['count']} × {names[rule['group']]}"])
    rows += [
        [word("source", lang), p["source"].get("title", "")],
        [word("address", lang), p["source"].get("url", "")],
        [word("version", lang), p["source"].get("version", "")],
        [
            word("states", lang),
            p["source"].get(f"states_{lang}") or p["source"].get("states_en", ""),
        ],
        [word("notes", lang), p["notes"].get(lang) or p["notes"].get("en", "")],
    ]
    for group in p.get("groups", []):
        rows.append(
            [
                group["name_tr"] if lang == "tr" else group["name_en"],
                ", ".join(group["countries"]),
                group.get("source", ""),
            ]
        )
    if data.get("why"):
        rows.append([word("why", lang), data["why"].get(lang) or data["why"]["en"]])
    return rows


def consortium_rows(
    consortium: dict[str, Any], lang: str, groups: list[dict[str, Any]] | None = None
) -> list[Any]:
    """A consortium's sheet: its partners, then its rule checks, strengths and weaknesses."""
    rows: list[Any] = [list(word("header", lang))]
    rows += [partner_row(p, lang, groups) for p in consortium["partners"]]
    rows += [[], (word("checks", lang),)]
    rows += [
        [c["text"].get(lang) or c["text"]["en"], word("yes" if c["ok"] else "no", lang)]
        for c in consortium["checks"]
    ]
    for key in ("strengths", "weaknesses"):
        rows += [[], (word(key, lang),)]
        rows += [[text] for text in consortium[key].get(lang) or consortium[key]["en"]]
    return rows


def workbook(data: dict[str, Any], lang: str = "en") -> bytes:
    """The consortia of ``data`` (``Consortia.to_dict()``) as an XLSX workbook in ``lang``."""
    sheets = [
        (f"{word('consortium', lang)} {i}", consortium_rows(c, lang, data["programme"]["groups"]))
        for i, c in enumerate(data["consortia"], start=1)
    ]
    if not sheets:
        why = (data.get("why") or {}).get(lang) or (data.get("why") or {}).get("en", "")
        sheets.append((word("consortium", lang), [[word("none_made", lang)], [why]]))
    sheets.append((word("rules", lang), rules_rows(data, lang)))
    return to_xlsx_sheets(sheets)
