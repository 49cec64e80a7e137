"""Reasons for a synergy suggestion: short sentences in English and Turkish.

:func:`reasons` writes one sentence per existing tie (a dormant agreement, a lapsed
membership) and one per score part that adds to the score, from the part's evidence.

>>> from graph.synergy.ranking import suggest
>>> from graph.analysis.example import example_graph
>>> austin = suggest(example_graph(), kinds=["City"], today="2025-01-01")[0]
>>> austin.reasons["en"][1], austin.reasons["tr"][1]
('Partner of our partner Nuremberg', 'Ortaklarımızın ortağı: Nürnberg')
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from graph.analysis.synergy_index import SynergyIndex
from graph.reference.countries import country_name
from graph.synergy.focus import Focus
from graph.synergy.weights import Weights

if TYPE_CHECKING:
    from graph.synergy.ranking import Suggestion


# A partner this near is a reason worth reading ("7 km from our partner Nuremberg"), however
# short the fitted scale of near_partners (near_partner_km) is; farther, it is not said.
NEAR_KM = 30


def _names(items: list[dict[str, Any]], lang: str, most: int = 3) -> str:
    names = [
        (i.get("name_tr") if lang == "tr" else None) or i.get("name") or i.get("id") for i in items
    ]
    return ", ".join(names[:most]) + (", …" if len(names) > most else "")


def _theme_phrase(e: dict[str, Any], lang: str) -> str:
    name = e.get("name_tr") if lang == "tr" else e["name"]
    if e["match"] == "related":
        via = e["via"]["name_tr"] if lang == "tr" else e["via"]["name"]
        name += (
            f" (ilgili tema {via} üzerinden)"
            if lang == "tr"
            else f" (through the related theme {via})"
        )
    if e.get("inferred"):
        nets = ", ".join(n["name"] for n in e["from"])
        name += f" ({nets} üyeliğinden çıkarım)" if lang == "tr" else f" (inferred from {nets})"
    return name


_STATUS_TR = {
    "dormant": "uykuda",
    "expired": "süresi dolmuş",
    "completed": "tamamlandı",
    "active": "etkin",
    "planned": "planlandı",
    "lapsed": "sona ermiş",
    "inactive": "etkin değil",
}


def reasons(idx: SynergyIndex, f: Focus, s: Suggestion, w: Weights) -> dict[str, list[str]]:
    """Short sentences in English and Turkish, one per part that adds to the score."""
    en: list[str] = []
    tr: list[str] = []
    for t in s.ties:
        name, status = idx.name(t["id"]), t.get("status")
        en_status, tr_status = status or "", _STATUS_TR.get(status or "", status or "")
        if t["kind"] == "agreement":
            en.append(f"Our {en_status} agreement: {name}".replace("  ", " "))
            tr.append(
                f"{tr_status.capitalize()} anlaşmamız: {name}"
                if tr_status
                else f"Anlaşmamız: {name}"
            )
        elif t["kind"] == "project":
            en.append(f"Partner with us in {name}" + (f" ({en_status})" if en_status else ""))
            tr.append(f"{name} projesinde ortağımız" + (f" ({tr_status})" if tr_status else ""))
        else:
            en.append(f"Our membership of {name} is {en_status}")
            tr.append(f"{name} üyeliğimiz: {tr_status}")
    for p in s.parts:
        if p.value <= 0:
            continue
        ev = p.evidence
        if p.name == "shared_themes" and ev:
            n = len(ev)
            prio = all(e.get("focus_kind") == "priority" for e in ev)
            en.append(
                f"Shares {n} {'priority ' if prio else ''}theme{'s' if n > 1 else ''}: "
                + ", ".join(_theme_phrase(e, "en") for e in ev[:3])
                + (", …" if n > 3 else "")
            )
            tr.append(
                f"{n} {'öncelikli ' if prio else ''}temayı paylaşıyor: "
                + ", ".join(_theme_phrase(e, "tr") for e in ev[:3])
                + (", …" if n > 3 else "")
            )
        elif p.name == "shared_networks" and ev:
            en.append(f"Member of {len(ev)} of our networks: {_names(ev, 'en')}")
            tr.append(f"Ağlarımızdan {len(ev)} tanesinin üyesi: {_names(ev, 'tr')}")
        elif p.name == "partners_of_partners" and ev:
            if s.label == "Network":
                en.append(
                    f"{len(ev)} of our partners {'are members' if len(ev) > 1 else 'is a member'}: "
                    f"{_names(ev, 'en')}"
                )
                tr.append(f"Ortaklarımızdan {len(ev)} tanesi üye: {_names(ev, 'tr')}")
            else:
                direct = [e for e in ev if e["steps"] == 2]
                sisters = [e for e in direct if e.get("sister")]
                others = [e for e in direct if not e.get("sister")]
                if sisters:
                    many = len(sisters) > 1
                    en.append(
                        f"Sister city of our sister cit{'ies' if many else 'y'} "
                        f"{_names(sisters, 'en')}"
                    )
                    tr.append(
                        f"Kardeş {'şehirlerimizin' if many else 'şehrimizin'} kardeş şehri: "
                        f"{_names(sisters, 'tr')}"
                    )
                if others:
                    en.append(
                        f"Partner of our partner{'s' if len(others) > 1 else ''} {_names(others, 'en')}"
                    )
                    tr.append(f"Ortaklarımızın ortağı: {_names(others, 'tr')}")
                if not direct:
                    chain = " → ".join(ev[0]["names"][1:3])
                    en.append(f"Linked to us through partners of partners: {chain}")
                    tr.append(f"Ortaklarımızın ortakları üzerinden bağlantılı: {chain}")
        elif p.name == "complementary" and ev:
            what = ", ".join(_theme_phrase(e, "en") for e in ev)
            ne = ", ".join(_theme_phrase(e, "tr") for e in ev)
            if s.label == "Network":
                en.append(f"Works on {what}: a priority of ours with no partner yet")
                tr.append(f"Henüz ortağımız olmayan önceliğimiz üzerinde çalışıyor: {ne}")
            else:
                en.append(f"Has expertise in {what}: a priority of ours with no partner yet")
                tr.append(f"Henüz ortağımız olmayan önceliğimizde uzman: {ne}")
        elif p.name == "eligibility" and ev:
            names = ", ".join(e["name"] for e in ev)
            en.append(f"Eligible with us for {names}")
            tr.append(f"Bizimle birlikte uygun olduğu programlar: {names}")
        elif p.name == "activity" and ev:
            years = f"{w.activity_years:g}"
            en.append(
                f"{len(ev)} recorded activit{'ies' if len(ev) > 1 else 'y'} in the last {years} years"
            )
            tr.append(f"Son {years} yılda {len(ev)} kayıtlı faaliyet")
        elif p.name == "geography" and ev:
            a, b = ev[0]["countries"]
            most = p.value >= 1
            ties = ev[0]["ties"]
            plural = "s" if ties > 1 else ""
            if a == b:  # a domestic candidate: ties inside one country
                en.append(f"{ties} tie{plural} between cities within {country_name(a)}")
                tr.append(f"{country_name(a, 'tr')} içindeki kentler arasında {ties} bağ")
            else:
                en.append(
                    f"{ties} tie{plural} between cities of {country_name(a)} and "
                    f"{country_name(b)}" + (": the most frequent partner country" if most else "")
                )
                tr.append(
                    f"{country_name(a, 'tr')} ile {country_name(b, 'tr')} kentleri arasında "
                    f"{ties} bağ" + (": en sık ortak ülke" if most else "")
                )
        elif p.name == "openness" and ev:
            en.append(f"Already has {ev[0]['ties']} partnership{'s' if ev[0]['ties'] > 1 else ''}")
            tr.append(f"Halihazırda {ev[0]['ties']} ortaklığı var")
        elif p.name == "proximity" and ev:
            en.append(f"{ev[0]['km']:,} km from us")
            tr.append(f"Bize {ev[0]['km']:,} km uzaklıkta".replace(",", "."))
        elif p.name == "partner_country" and ev:
            e = ev[0]
            where, where_tr = country_name(e["country"]), country_name(e["country"], "tr")
            verb = "are" if e["partners"] > 1 else "is"
            en.append(
                f"{e['partners']} of our {e['of']} partner cities {verb} in {where}: "
                f"{_names(e['members'], 'en')}"
            )
            tr.append(
                f"{e['of']} ortak kentimizden {e['partners']} tanesi bu ülkeden: {where_tr} "
                f"({_names(e['members'], 'tr')})"
            )
        elif p.name == "near_partners" and ev and ev[0]["km"] <= max(w.near_partner_km, NEAR_KM):
            km = ev[0]["km"]
            en.append(
                f"{f'{km:,} km' if km >= 1 else 'Under 1 km'} from our partner {_names(ev, 'en')}"
            )
            far = f"{km:,} km".replace(",", ".") if km >= 1 else "1 km'den az"
            tr.append(f"Ortağımız {_names(ev, 'tr')} yakınında: {far}")
        elif p.name == "size" and ev:
            theirs, ours = ev[0]["population"], ev[0]["ours"]
            en.append(f"Similar in size: {theirs:,} inhabitants (we have {ours:,})")
            tr.append(f"Benzer büyüklükte: {theirs:,} nüfus (bizde {ours:,})".replace(",", "."))
    return {"en": en, "tr": tr}
