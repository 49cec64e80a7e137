"""The files Turkish staff really have: Turkish headers, values, country names, sheet names,
`;` and Windows-1254, decimal commas, DD.MM.YYYY dates and their own ids (issue 11, part 3)."""

from __future__ import annotations

from pathlib import Path

from importers.pipeline import import_path


def write(folder: Path, name: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(text.encode("cp1254"))


def turkish_export(folder: Path) -> Path:
    write(
        folder,
        "Şehirler.csv",
        "Kimlik;Şehir;Ülke;Nüfus;Enlem;Boylam\n"
        "ANT-01;Antalya;Türkiye;2.696.249;36,8969;30,7133\n"
        "NUR-01;Nürnberg;Almanya;518.370;49,4521;11,0767\n"
        "GM-01;Gazimağusa;KKTC;;35,125;33,941\n",
    )
    write(
        folder,
        "Ağlar.csv",
        "Kimlik;Adı;Kısaltma;Kapsam\nag-1;Akdeniz Kentler Birliği;MedCities;mediterranean\n",
    )
    write(
        folder,
        "Anlaşmalar.csv",
        "Tür;Taraflar;İmza Tarihi;Durum;Kaynak\n"
        'Kardeş şehir;"ANT-01;NUR-01";15.10.1997;Aktif;belediye arşivi\n'
        'Mutabakat zaptı;"ANT-01;GM-01";02.03.2019;Atıl;belediye arşivi\n',
    )
    write(
        folder,
        "Üyelikler.csv",
        "Üye;Ağ;Katılım yılı;Durum\nANT-01;MedCities;2001;Etkin değil\n",
    )
    return folder


def test_a_turkish_excel_export_imports_as_it_is(store, tmp_path):
    report = import_path(store, turkish_export(tmp_path / "in"))
    assert report.ok, report.render()
    antalya = store.get("ANT-01").props
    assert antalya["country"] == "TR" and antalya["population"] == 2696249
    assert antalya["lat"] == 36.8969 and antalya["lon"] == 30.7133
    assert store.get("GM-01").props["country"] == "CY"  # KKTC: recorded under CY, documented
    agreements = {n.props["type"]: n.props for n in store.nodes("Agreement")}
    assert agreements["sister_city"]["status"] == "active"
    assert agreements["sister_city"]["signed_on"] == "1997-10-15"
    assert agreements["mou"]["status"] == "dormant"
    membership = next(r for r in store.relations("MEMBER_OF") if r.start == "ANT-01")
    assert membership.end == "ag-1" and membership.props["status"] == "inactive"
    assert any("Windows-1254" in n for n in report.notes)


def test_turkish_template_has_turkish_sheets_and_headers_and_imports_filled_in(embedded, tmp_path):
    from openpyxl import load_workbook

    from importers.mapping import SHEETS
    from importers.template import write_template

    path = tmp_path / "şablon.xlsx"
    write_template(path, "tr")
    wb = load_workbook(path)
    assert {"Şehirler", "Ağlar", "Anlaşmalar", "Üyelikler", "Proje ortakları"} <= set(wb.sheetnames)
    headers = [c.value for c in wb["Anlaşmalar"][1]]
    assert {"Tür", "Taraflar", "İmza tarihi", "Durum", "Kaynak"} <= set(headers)
    english = {c.name for spec in SHEETS.values() for c in spec.columns}
    assert len([h for h in headers if h in english]) <= 1  # nothing but codes like "SDG" stays
    wb["Şehirler"].append(["ant", "Antalya", None, "Türkiye"])
    wb["Şehirler"].append(["nur", "Nürnberg", None, "Almanya"])
    wb["Anlaşmalar"].append([None, "kardeş şehir", "ant;nur", None, "15.10.1997", "aktif"])
    wb.save(path)
    report = import_path(embedded, path)
    assert report.ok, report.render()
    [agreement] = embedded.nodes("Agreement")
    assert agreement.props["type"] == "sister_city" and agreement.props["status"] == "active"
    assert agreement.props["signed_on"] == "1997-10-15"


def test_sheets_of_our_ties_need_not_name_the_home_city(sample_store, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "Üyeliklerimiz.csv").write_text(
        "Ağ;Katılım yılı;Durum\nnetwork-cittaslow;2019;aktif\n", encoding="utf-8"
    )
    (folder / "Kardeş şehirlerimiz.csv").write_text(
        "Kardeş şehir;İmza tarihi;Durum\nMersin;01.06.2020;aktif\n", encoding="utf-8"
    )
    report = import_path(sample_store, folder)
    assert report.ok, report.render()
    memberships = {(r.start, r.end) for r in sample_store.relations("MEMBER_OF")}
    assert ("city-tr-antalya", "network-cittaslow") in memberships
    sister = [
        n for n in sample_store.nodes("Agreement") if n.props.get("signed_on") == "2020-06-01"
    ]
    assert len(sister) == 1 and sister[0].props["type"] == "sister_city"
    parties = {r.start for r in sample_store.relations("PARTY_TO") if r.end == sister[0].id}
    assert parties == {"city-tr-antalya", "city-tr-mersin"}


def test_our_ties_without_a_home_city_say_what_to_do(embedded, tmp_path):
    import pytest

    from graph.errors import ImportFailed

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "our_memberships.csv").write_text("network\nnetwork-cittaslow\n", encoding="utf-8")
    with pytest.raises(ImportFailed) as failed:
        import_path(embedded, folder)
    assert "no city is marked as home" in str(failed.value.report.errors[0])


def test_readme_shows_every_sheet_with_its_english_and_turkish_headers():
    from importers.mapping import SHEETS
    from importers.vocabulary import turkish_header

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    for spec in SHEETS.values():
        names = [c.name for c in spec.columns]
        line = next(ln for ln in readme.splitlines() if ln.startswith(f"| `{spec.name}` / "))
        for name in names:
            if name not in ("source", "confidence", "notes"):
                tr = turkish_header(name, names)
                assert (f"{name} / {tr}" if tr != name else name) in line, (spec.name, name)
