"""Turkish by default, English by a switch that sticks; names, dates and numbers in the locale."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

TRANSLATIONS = Path(__file__).resolve().parent.parent / "web" / "translations"


def test_turkish_is_the_default(viewer_client):
    html = viewer_client.get("/").get_data(as_text=True)
    assert '<html lang="tr">' in html and "Genel bakış" in html
    assert (
        viewer_client.get("/entity/city-de-nuremberg.json").get_json()["entity"]["display"]
        == "Nürnberg"
    )


def test_english_by_the_switch_is_remembered(viewer_client):
    html = viewer_client.get("/explore?lang=en").get_data(as_text=True)
    assert '<html lang="en">' in html and "Overview" in html
    assert (
        viewer_client.get("/entity/city-de-nuremberg.json").get_json()["entity"]["display"]
        == "Nuremberg"
    )
    viewer_client.get("/?lang=tr")
    assert (
        viewer_client.get("/entity/city-de-nuremberg.json").get_json()["entity"]["display"]
        == "Nürnberg"
    )


def test_every_page_has_the_language_switch_keeping_the_query(viewer_client):
    html = viewer_client.get("/explore?depth=1&kind=City").get_data(as_text=True)
    assert 'href="/explore?depth=1&amp;kind=City&amp;lang=en"' in html
    assert 'href="/explore?depth=1&amp;kind=City&amp;lang=tr"' in html


def test_unknown_language_falls_back_to_turkish(viewer_client):
    assert '<html lang="tr">' in viewer_client.get("/?lang=xx").get_data(as_text=True)


@pytest.mark.parametrize(
    ("lang", "date", "number"),
    [("tr", "1 Eki 2022", "1.234,5"), ("en", "Oct 1, 2022", "1,234.5")],
    ids=["tr", "en"],
)
def test_dates_and_numbers_follow_the_locale(app, lang, date, number):
    from web.i18n import fmt_date, fmt_number

    with app.test_request_context(f"/?lang={lang}"):
        assert fmt_date("2022-10-01") == date
        assert fmt_date("1997") == "1997"
        assert fmt_number(1234.5, 1) == number
        assert fmt_date("c.2015") == "c.2015"


def test_turkish_catalogue_translates_every_message():
    catalogue = read_po(io.BytesIO((TRANSLATIONS / "tr/LC_MESSAGES/messages.po").read_bytes()))
    template = read_po(io.BytesIO((TRANSLATIONS / "messages.pot").read_bytes()))
    assert {m.id for m in template if m.id} <= {m.id for m in catalogue if m.id}
    untranslated = [
        m.id
        for m in catalogue
        if m.id and not (all(m.string) if isinstance(m.string, tuple) else m.string)
    ]
    assert untranslated == []


def plain(value):
    return tuple(value) if isinstance(value, list | tuple) else (value,)


@pytest.mark.parametrize("lang", ["tr", "en"])
def test_compiled_catalogues_match_their_sources(lang):
    folder = TRANSLATIONS / lang / "LC_MESSAGES"
    po = {
        plain(m.id): plain(m.string)
        for m in read_po(io.BytesIO((folder / "messages.po").read_bytes()))
        if m.id and any(plain(m.string))
    }
    mo = {
        plain(m.id): plain(m.string)
        for m in read_mo(io.BytesIO((folder / "messages.mo").read_bytes()))
        if m.id and plain(m.string) != plain(m.id)
    }  # pybabel writes untranslated plurals as themselves
    po = {k: v for k, v in po.items() if v != k}
    assert po == mo, "run: pybabel compile -d web/translations"


def test_extracted_template_is_up_to_date():
    from babel.messages.extract import extract_from_dir

    root = Path(__file__).resolve().parent.parent
    method_map = [("web/**.py", "python"), ("web/templates/**.html", "jinja2")]
    found = {
        m[2]
        for m in extract_from_dir(
            str(root),
            method_map,
            keywords={
                "_": None,
                "gettext": None,
                "ngettext": (1, 2),
                "_l": None,
                "lazy_gettext": None,
            },
        )
        if m[0].startswith("web")
    }
    template = {
        m.id for m in read_po(io.BytesIO((TRANSLATIONS / "messages.pot").read_bytes())) if m.id
    }
    assert found <= template, "run the pybabel extract/update commands in web/i18n.py"
