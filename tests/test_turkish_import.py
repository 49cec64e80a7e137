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
    assert store.get("GM-01").props["country"] == "XN"  # KKTC: a user-assigned code, not CY
    agreements = {n.props["type"]: n.props for n in store.nodes("Agreement")}
    assert agreements["sister_city"]["status"] == "active"
    assert agreements["sister_city"]["signed_on"] == "1997-10-15"
    assert agreements["mou"]["status"] == "dormant"
    membership = next(r for r in store.relations("MEMBER_OF") if r.start == "ANT-01")
    assert membership.end == "ag-1" and membership.props["status"] == "inactive"
    assert any("Windows-1254" in n for n in report.notes)
