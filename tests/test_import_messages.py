"""Importer messages in the user's language: every message the import corpus produces has its
Turkish sentence, in the CLI (``--lang tr``) and on the web upload page (issue 11, part 5)."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.errors import ImportFailed
from importers.messages import is_translated, translate
from importers.pipeline import import_path
from tests.test_cli import run  # noqa: F401 - the CLI fixture
from tests.test_hostile_input import CASES

CORPUS = {
    "bad cells": (
        "cities.csv",
        "name,country,population,lat,is_home\nMersin,Narnia,many,500,maybe\n,TR,,,\n",
    ),
    "bad values": (
        "agreements.csv",
        "type,parties,signed_on,status\nfriendship,city-tr-antalya;Mersn,2024-13-45,open\n",
    ),
    "unknown references": (
        "memberships.csv",
        "member,network\ncity-tr-antalya,MedCitis\nNowhere Town,network-cittaslow\n",
    ),
    "unknown and missing columns": ("cities.csv", "isim,yer\nMersin,TR\n"),
    "unknown sheet": ("citiess.csv", "name,country\nMersin,TR\n"),
    "duplicates": ("cities.csv", "id,name,country\nx1,Mersin,TR\nx1,Tarsus,TR\n"),
    "bad id": ("cities.csv", 'id,name,country\n"a/b",Mersin,TR\n'),
    "possible duplicate": ("cities.csv", "id,name,country\nnbg,Nürnberg,DE\n"),
    "header only": ("networks.csv", "name\n"),
    "our ties without a column": ("our_agreements.csv", "signed_on\n2020\n"),
    "bad theme": ("cities.csv", "name,country,themes\nMersin,TR,underwater basket weaving\n"),
}


def problems_of(store, folder: Path) -> list[str]:
    try:
        report = import_path(store, folder)
    except ImportFailed as failed:
        return [failed.message, *(p.message for p in failed.report.problems)]
    return [p.message for p in report.problems]


@pytest.mark.parametrize("case", sorted(CORPUS))
def test_every_message_of_the_corpus_has_its_turkish_sentence(sample_store, tmp_path, case):
    name, text = CORPUS[case]
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / name).write_text(text, encoding="utf-8")
    messages = problems_of(sample_store, folder)
    assert messages
    untranslated = [m for m in messages if not is_translated(m)]
    assert untranslated == []


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_hostile_input_message_has_its_turkish_sentence(sample_store, tmp_path, case):
    name, make, _ = CASES[case]
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / name).write_bytes(make())
    messages = problems_of(sample_store, folder / name)
    assert [m for m in messages if not is_translated(m)] == []


def test_the_cli_reports_in_turkish_with_lang_tr(run, tmp_path):  # noqa: F811
    (tmp_path / "cities.csv").write_text("name,country\nMersin,Narnia\n", encoding="utf-8")
    result = run("import", str(tmp_path / "cities.csv"), "--lang", "tr")
    assert result.exit_code == 1
    assert "Hata:" in result.output and "hiçbir şey yazılmadı" in result.output
    assert "bilinmeyen ülke 'Narnia'" in result.output
    assert "unknown country" not in result.output
    english = run("import", str(tmp_path / "cities.csv"), "--lang", "en")
    assert "unknown country 'Narnia'" in english.output


def test_the_upload_page_shows_importer_messages_in_the_page_language(editor, staff_app):
    from tests.test_web_upload import upload

    bad = b"name,country\nMersin,Narnia\n"
    turkish = upload(editor, "cities.csv", bad).get_data(as_text=True)
    assert "bilinmeyen ülke" in turkish and "unknown country" not in turkish
    editor.get("/?lang=en")
    english = upload(editor, "cities.csv", bad).get_data(as_text=True)
    assert "unknown country" in english


def test_translate_keeps_the_values_of_a_message():
    message = (
        "unknown network/organization 'MedCitis'; did you mean Mediterranean Cities Network "
        "(MedCities) (network-medcities) score 94? Write the exact name or id (near matches "
        "are never linked)"
    )
    turkish = translate(message, "tr")
    assert "'MedCitis'" in turkish and "network-medcities" in turkish and "94" in turkish
    assert turkish.startswith("bilinmeyen")
