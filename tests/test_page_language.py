"""Turkish throughout, English throughout (issue 12 part 7).

Every page of the sample (with its peers) is rendered in Turkish and in English, as an
admin sees it. The visible text (and the title, placeholder, aria-label and alt
attributes) is taken from the HTML, the data itself (names, sources, notes: whatever
the graph holds) is removed, and what is left must not contain a word of the
product's own vocabulary in the other language (kinds, relations, statuses, roles,
agreement types, field labels...), nor a raw code such as ``is_home`` or ``sister_city``.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from flask_babel import force_locale

from importers.editing import PLAN_KINDS
from tests.test_questions import peer_app, reader  # noqa: F401 - fixtures
from web.changes import CHANGE_WORDS, FIELD_LABELS, TIE_LABELS
from web.vocab import KINDS, KINDS_PLURAL, RELATIONS, RELATIONS_INVERSE, VALUES

TABLES = (KINDS, KINDS_PLURAL, RELATIONS, RELATIONS_INVERSE, VALUES, FIELD_LABELS, TIE_LABELS,
          CHANGE_WORDS)  # fmt: skip
#: Words the same (or international) in both languages.
SAME = {"PageRank", "Interreg NEXT MED", "Id", "NGO", "JSON", "CSV", "XLSX"}
SKIP_TAGS = {"script", "style", "code", "pre", "textarea", "option"}
ATTRIBUTES = ("title", "placeholder", "aria-label", "alt")
WEB_ADDRESS = re.compile(r"(?:https?://)?[\w.-]+\.[a-z]{2,}\b|(?<!\w)/\S+")
CODE = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")


def _format_names() -> set[str]:
    from importers.mapping import SHEETS

    specs = SHEETS.values() if isinstance(SHEETS, dict) else SHEETS
    return {n for spec in specs for n in (spec.name, *(c.name for c in spec.columns))}


#: Sheet and column names of the import format: instructions name them as users type them.
FORMAT_NAMES = _format_names()


class Visible(HTMLParser):
    """The text a reader sees (and reads aloud) on a page."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIP_TAGS:
            self.skipping += 1
        for name, value in attrs:
            if name in ATTRIBUTES and value:
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in SKIP_TAGS and self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = Visible()
    parser.feed(html)
    return "\n".join(parser.parts)


def vocabulary(app, lang: str) -> dict[str, str]:
    """word in ``lang`` -> its code, for every word whose two languages differ."""
    words: dict[str, str] = {}
    with app.test_request_context("/"):
        for table in TABLES:
            for code, text in table.items():
                with force_locale("en"):
                    en = str(text)
                with force_locale("tr"):
                    tr = str(text)
                if en == tr or en in SAME:
                    continue
                words[en if lang == "en" else tr] = code
    return words


def data_strings(app) -> list[str]:
    """Every text the graph holds (names, sources, notes...), longest first."""
    G = app.extensions["diplomap"].graph()
    found: set[str] = set()

    def add(value):
        if isinstance(value, str) and len(value) > 1:
            found.add(value)
            # sources are shown in pieces: one per "|", a web address apart from its note
            found.update(p.strip() for p in re.split(r"[|()]", value) if len(p.strip()) > 1)
        elif isinstance(value, (list, tuple)):
            for v in value:
                add(v)

    for _, attrs in G.nodes(data=True):
        for value in attrs.values():
            add(value)
    for _, _, attrs in G.edges(data=True):
        for value in attrs.values():
            add(value)
    return sorted(found, key=len, reverse=True)


def pages(app) -> list[str]:
    G = app.extensions["diplomap"].graph()
    one_of_each: dict[str, str] = {}
    for n, attrs in sorted(G.nodes(data=True)):
        one_of_each.setdefault(attrs.get("label"), n)
    return [
        "/",
        "/explore",
        "/questions",
        "/synergy",
        "/consortium",
        "/consortium?theme=theme-clean-energy&programme=interreg-next-med",
        "/consortium?theme=theme-culture&programme=cerv-town-twinning",
        "/map",
        "/path?a=city-tr-antalya&b=city-us-austin",
        "/export",
        "/import",
        "/audit/1",
        "/entity/city-tr-antalya/history",
        "/audit",
        "/admin/users",
        "/console",
        "/new/cities",
        *(f"/entity/{n}" for n in one_of_each.values()),
        "/entity/city-tr-antalya",
        "/entity/city-tr-antalya/edit",
        "/plan",
        "/reports",
        "/dossier/city-de-nuremberg",
        "/dossier/city-de-bremen",
        "/dossier/network-iclei",
        *(f"/plan/activity/{n}" for n, a in G.nodes(data=True) if a.get("label") == "Activity"),
        *(f"/plan/indicator/{n}" for n, a in G.nodes(data=True) if a.get("label") == "Indicator"),
        # the plan's forms (issue 13 part 2): one new form per kind, one edit form per label
        *(f"/new/{kind}" for kind in PLAN_KINDS),
        *(
            f"/entity/{one_of_each[label]}/edit"
            for label in ("Plan", "Stage", "Activity", "Indicator", "Measurement")
            if label in one_of_each
        ),
    ]


@pytest.fixture
def admin(peer_app):  # noqa: F811 - the fixture imported above
    """An admin who has edited a city, so the audit pages have an entry to show."""
    from tests.test_web_audit import edit_city
    from tests.web_fixtures import signed_in

    client = signed_in(peer_app.test_client(), "admin")
    assert edit_city(client, "city-de-nuremberg", population="518365").status_code == 303
    return client


@pytest.mark.parametrize("lang, other", [("tr", "en"), ("en", "tr")])
def test_no_page_speaks_the_other_language(peer_app, admin, lang, other):  # noqa: F811
    words = vocabulary(peer_app, other)
    own = vocabulary(peer_app, lang)
    data = data_strings(peer_app)
    patterns = {
        word: re.compile(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", re.IGNORECASE)
        for word in words
        if not any(word.casefold() == w.casefold() for w in own)
    }
    problems = []
    for path in pages(peer_app):
        sep = "&" if "?" in path else "?"
        response = admin.get(f"{path}{sep}lang={lang}")
        assert response.status_code == 200, path
        text = visible_text(response.get_data(as_text=True))
        for value in data:
            text = text.replace(value, " ")
        text = WEB_ADDRESS.sub(" ", text)  # sources shown as host and path are data too
        for word, pattern in patterns.items():
            for hit in pattern.finditer(text):
                context = text[max(0, hit.start() - 40) : hit.end() + 40].replace("\n", " ")
                problems.append(f"{path} [{lang}]: {word!r} in …{context}…")
        for hit in CODE.finditer(text):
            if hit.group() in FORMAT_NAMES:
                continue  # a sheet or column of the import format, named in an instruction
            context = text[max(0, hit.start() - 40) : hit.end() + 40].replace("\n", " ")
            problems.append(f"{path} [{lang}]: code {hit.group()!r} in …{context}…")
    assert not problems, "\n".join(sorted(set(problems))[:60])


def test_entity_pages_label_every_field_in_the_pages_language(admin):
    """Field names are never shown as codes, even those the import format spells that way."""
    for lang in ("tr", "en"):
        page = admin.get(f"/entity/city-tr-antalya?lang={lang}").get_data(as_text=True)
        labels = re.findall(r"<dt>(.*?)</dt>", page)
        assert labels and not [x for x in labels if "_" in x], labels
