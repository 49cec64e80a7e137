"""A four-city example graph (Antalya, Nuremberg, Kunming, Austin) for docstrings and tests.

>>> G = example_graph()
>>> sorted(n for n, d in G.nodes(data=True) if d["label"] == "City")
['city-cn-kunming', 'city-de-nurnberg', 'city-tr-antalya', 'city-us-austin']
"""

from __future__ import annotations

import networkx as nx

# -- the four-city example used by docstrings and tests --------------------------------------
_THEMES = {
    "energy": ("Energy", "Enerji", None),
    "clean-energy": ("Clean energy", "Temiz enerji", "energy"),
    "energy-efficiency": ("Energy efficiency", "Enerji verimliliği", "energy"),
    "tourism": ("Tourism", "Turizm", None),
    "culture": ("Culture", "Kültür", None),
    "mobility": ("Sustainable mobility", "Sürdürülebilir ulaşım", None),
    "climate": ("Climate action", "İklim eylemi", None),
}


def example_graph() -> nx.MultiDiGraph:
    """A toy graph: Antalya (home, TR), Nuremberg (DE), Kunming (CN), Austin (US).

    The ties are illustrative, not a record of the real ones. Antalya has an active
    sister-city agreement and a shared project with Nuremberg, a dormant one with
    Kunming, and none with Austin, which has an agreement with Nuremberg.

    >>> G = example_graph()
    >>> sorted(n for n, d in G.nodes(data=True) if d["label"] == "City")
    ['city-cn-kunming', 'city-de-nurnberg', 'city-tr-antalya', 'city-us-austin']
    """
    from graph.convert import to_networkx
    from graph.model import Node, Relation

    nodes = [
        Node(
            "city-tr-antalya",
            "City",
            {
                "name": "Antalya",
                "country": "TR",
                "lat": 36.9,
                "lon": 30.7,
                "population": 2696249,
                "is_home": True,
            },
        ),
        Node(
            "city-de-nurnberg",
            "City",
            {
                "name": "Nuremberg",
                "name_tr": "Nürnberg",
                "country": "DE",
                "lat": 49.45,
                "lon": 11.08,
                "population": 523026,
            },
        ),
        Node(
            "city-cn-kunming",
            "City",
            {
                "name": "Kunming",
                "country": "CN",
                "lat": 25.04,
                "lon": 102.71,
                "population": 8460088,
            },
        ),
        Node(
            "city-us-austin",
            "City",
            {"name": "Austin", "country": "US", "lat": 30.27, "lon": -97.74, "population": 974447},
        ),
        Node(
            "country-tr",
            "Country",
            {
                "name": "Türkiye",
                "iso2": "TR",
                "eu_member": False,
                "ipa_beneficiary": True,
                "interreg_next_med": True,
                "region": "europe",
            },
        ),
        Node(
            "country-de",
            "Country",
            {
                "name": "Germany",
                "iso2": "DE",
                "eu_member": True,
                "ipa_beneficiary": False,
                "interreg_next_med": False,
                "region": "europe",
            },
        ),
        Node("country-cn", "Country", {"name": "China", "iso2": "CN", "region": "east-asia"}),
        Node(
            "country-us",
            "Country",
            {"name": "United States", "iso2": "US", "region": "north-america"},
        ),
        Node("network-medcities", "Network", {"name": "MedCities", "acronym": "MedCities"}),
        Node("network-iclei", "Network", {"name": "ICLEI", "acronym": "ICLEI"}),
        Node("network-eurocities", "Network", {"name": "Eurocities", "acronym": "Eurocities"}),
        Node(
            "agreement-antalya-nurnberg",
            "Agreement",
            {
                "name": "Antalya – Nuremberg",
                "type": "sister_city",
                "signed_on": "1997",
                "status": "active",
            },
        ),
        Node(
            "agreement-antalya-kunming",
            "Agreement",
            {
                "name": "Antalya – Kunming",
                "type": "sister_city",
                "signed_on": "2011-07-08",
                "status": "dormant",
            },
        ),
        Node(
            "agreement-nurnberg-austin",
            "Agreement",
            {"name": "Nuremberg – Austin", "type": "mou", "signed_on": "2019", "status": "active"},
        ),
        Node(
            "project-heritage-trails",
            "Project",
            {
                "name": "Heritage Trails",
                "programme": "IPA",
                "status": "active",
                "start_date": "2023-01-01",
                "end_date": "2026-12-31",
            },
        ),
        Node(
            "org-akdeniz-university",
            "Organization",
            {"name": "Akdeniz University", "name_tr": "Akdeniz Üniversitesi", "kind": "university"},
        ),
        Node("org-fau", "Organization", {"name": "FAU Erlangen-Nürnberg", "kind": "university"}),
        Node(
            "event-nuremberg-visit-2022",
            "Event",
            {"name": "Nuremberg delegation visit", "date": "2022-10-15", "type": "visit"},
        ),
        Node(
            "event-austin-forum-2024",
            "Event",
            {"name": "Austin climate forum", "date": "2024-05-01", "type": "conference"},
        ),
    ]
    nodes += [
        Node(f"theme-{t}", "Theme", {"name": en, "name_en": en, "name_tr": tr})
        for t, (en, tr, _) in _THEMES.items()
    ]
    R = Relation
    rels = [R("PART_OF", f"theme-{t}", f"theme-{p}") for t, (_, _, p) in _THEMES.items() if p]
    rels += [
        R("LOCATED_IN", c, f"country-{c.split('-')[1]}")
        for c in ("city-tr-antalya", "city-de-nurnberg", "city-cn-kunming", "city-us-austin")
    ]
    themes = [
        ("city-tr-antalya", "clean-energy", "priority"),
        ("city-tr-antalya", "tourism", "priority"),
        ("city-tr-antalya", "mobility", "priority"),
        ("city-de-nurnberg", "tourism", "focus"),
        ("city-de-nurnberg", "culture", "focus"),
        ("city-de-nurnberg", "energy-efficiency", "expertise"),
        ("city-cn-kunming", "tourism", "focus"),
        ("city-us-austin", "clean-energy", "expertise"),
        ("city-us-austin", "culture", "focus"),
        ("org-akdeniz-university", "tourism", "expertise"),
        ("org-akdeniz-university", "clean-energy", "expertise"),
        ("org-fau", "energy-efficiency", "expertise"),
        ("project-heritage-trails", "tourism", None),
        ("project-heritage-trails", "culture", None),
        ("network-medcities", "tourism", None),
        ("network-medcities", "mobility", None),
        ("network-iclei", "climate", None),
        ("network-iclei", "clean-energy", None),
        ("network-eurocities", "culture", None),
        ("network-eurocities", "mobility", None),
    ]
    rels += [R("HAS_THEME", n, f"theme-{t}", {"kind": k} if k else {}) for n, t, k in themes]
    rels += [
        R(
            "MEMBER_OF",
            "city-tr-antalya",
            "network-medcities",
            {"since": "2018", "status": "active"},
        ),
        R("MEMBER_OF", "city-de-nurnberg", "network-eurocities", {"status": "active"}),
        R("MEMBER_OF", "city-de-nurnberg", "network-iclei", {"status": "active"}),
        R("MEMBER_OF", "city-us-austin", "network-iclei", {"status": "active"}),
    ]
    rels += [
        R("PARTY_TO", "city-tr-antalya", "agreement-antalya-nurnberg"),
        R("PARTY_TO", "city-de-nurnberg", "agreement-antalya-nurnberg"),
        R("PARTY_TO", "city-tr-antalya", "agreement-antalya-kunming"),
        R("PARTY_TO", "city-cn-kunming", "agreement-antalya-kunming"),
        R("PARTY_TO", "city-de-nurnberg", "agreement-nurnberg-austin"),
        R("PARTY_TO", "city-us-austin", "agreement-nurnberg-austin"),
        R("PARTNER_IN", "city-tr-antalya", "project-heritage-trails", {"role": "lead"}),
        R("PARTNER_IN", "city-de-nurnberg", "project-heritage-trails", {"role": "partner"}),
        R("STAKEHOLDER_OF", "org-akdeniz-university", "city-tr-antalya", {"role": "research"}),
        R("LOCATED_IN", "org-akdeniz-university", "city-tr-antalya"),
        R("LOCATED_IN", "org-fau", "city-de-nurnberg"),
        R("PARTICIPATED_IN", "city-tr-antalya", "event-nuremberg-visit-2022"),
        R("PARTICIPATED_IN", "city-de-nurnberg", "event-nuremberg-visit-2022"),
        R("PARTICIPATED_IN", "city-us-austin", "event-austin-forum-2024"),
    ]
    return to_networkx(nodes, rels)
