"""Importers: good files, and every kind of bad input staff really produce."""

from __future__ import annotations

import csv
import io
import random

import pytest
from openpyxl import load_workbook

from graph.errors import ImportFailed
from graph.reference.themes import catalogue
from importers.export import export_graph
from importers.pipeline import import_path
from importers.template import write_template
from tests.conftest import SAMPLE

CITIES = "id,name,country,lat,lon\n"


def write(folder, name, text, encoding="utf-8"):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


def errors_of(excinfo) -> list[str]:
    return [str(p) for p in excinfo.value.report.errors]


def snapshot(store):
    return (
        [n.to_dict() for n in store.nodes()],
        [r.to_dict() for r in store.relations()],
        store.version(),
    )


def test_sample_imports_and_second_import_changes_nothing(embedded):
    first = import_path(embedded, SAMPLE)
    assert first.counts()["nodes"]["create"] > 200
    before = snapshot(embedded)
    second = import_path(embedded, SAMPLE)
    assert second.counts()["nodes"] == {
        "create": 0,
        "update": 0,
        "unchanged": first.counts()["nodes"]["create"],
        "delete": 0,
    }
    assert second.counts()["relations"]["create"] == second.counts()["relations"]["update"] == 0
    assert snapshot(embedded) == before


def test_sample_has_home_city_with_priority_themes(sample_store):
    home = sample_store.get("city-tr-antalya")
    assert home.props["is_home"] is True and home.props["official_sister_cities"] == 12
    priorities = {
        r.end
        for r in sample_store.relations("HAS_THEME")
        if r.start == "city-tr-antalya" and r.props.get("kind") == "priority"
    }
    assert {"theme-clean-energy", "theme-poverty", "theme-resilient-cities"} <= priorities


def test_dry_run_reports_and_writes_nothing(embedded):
    report = import_path(embedded, SAMPLE, dry_run=True)
    assert report.counts()["nodes"]["create"] > 200
    assert embedded.counts() == {}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("id,country\ncity-x,TR\n", "cities.csv:1: missing required column 'name'"),
        ("name,country,colour\nAntalya,TR,blue\n", "cities.csv:1:3: unknown column 'colour'"),
        ("name,country,lat\nAntalya,TR,97.5\n", "cities.csv:2:3: latitude 97.5 is out of range"),
        ("name,country,lon\nAntalya,TR,east\n", "cities.csv:2:3: 'east' is not a number"),
        ("name,country\nAntalya,Atlantis\n", "cities.csv:2:2: unknown country 'Atlantis'"),
        ("name,country\n,TR\n", "cities.csv:2:1: name is required"),
    ],
    ids=[
        "missing-column",
        "unknown-column",
        "latitude-range",
        "bad-number",
        "bad-country",
        "empty-required",
    ],
)
def test_bad_cells_are_reported_with_file_line_column(embedded, tmp_path, text, expected):
    write(tmp_path / "in", "cities.csv", text)
    with pytest.raises(ImportFailed) as exc:
        import_path(embedded, tmp_path / "in")
    assert any(e.startswith(expected) for e in errors_of(exc)), errors_of(exc)
    assert embedded.counts() == {}


def test_bad_date_and_bad_enumeration(embedded, tmp_path):
    folder = tmp_path / "in"
    write(folder, "cities.csv", "name,country\nAntalya,TR\nNürnberg,DE\n")
    write(
        folder,
        "agreements.csv",
        "type,parties,signed_on,status\n"
        "sister_city,Antalya;Nürnberg,31.02.1997,active\n"
        "sister_city,Antalya;Nürnberg,1997,sleeping\n",
    )
    with pytest.raises(ImportFailed) as exc:
        import_path(embedded, folder)
    errs = errors_of(exc)
    assert any(e.startswith("agreements.csv:2:3: '31.02.1997' is not a date") for e in errs), errs
    assert any(e.startswith("agreements.csv:3:4: status 'sleeping' is not one of") for e in errs), (
        errs
    )


def test_unknown_reference_suggests_near_name_but_does_not_link(embedded, tmp_path):
    folder = tmp_path / "in"
    write(folder, "networks.csv", "name,acronym\nCittaslow International,Cittaslow\n")
    write(folder, "cities.csv", "name,country\nAntalya,TR\n")
    write(
        folder,
        "memberships.csv",
        "member,network\nAntalya,Citaslow International\nAntalya,Eurocities\n",
    )
    with pytest.raises(ImportFailed) as exc:
        import_path(embedded, folder)
    errs = errors_of(exc)
    assert any(
        "memberships.csv:2:2: unknown network 'Citaslow International'; did you mean "
        "Cittaslow International (network-cittaslow) score 98" in e
        for e in errs
    ), errs
    assert any(
        e.startswith("memberships.csv:3:2: unknown network 'Eurocities': no entity") for e in errs
    )


def test_ambiguous_reference_lists_candidates(embedded, tmp_path):
    folder = tmp_path / "in"
    write(folder, "cities.csv", "name,country\nValencia,ES\nValencia,VE\nAntalya,TR\n")
    write(folder, "agreements.csv", "type,parties\nmou,Antalya;Valencia\n")
    with pytest.raises(ImportFailed) as exc:
        import_path(embedded, folder)
    [err] = errors_of(exc)
    assert (
        "'Valencia' is ambiguous" in err and "city-es-valencia" in err and "city-ve-valencia" in err
    )


def test_duplicate_id_is_an_error(embedded, tmp_path):
    write(tmp_path / "in", "cities.csv", "id,name,country\ncity-a,Antalya,TR\ncity-a,Alanya,TR\n")
    with pytest.raises(ImportFailed) as exc:
        import_path(embedded, tmp_path / "in")
    assert any("cities.csv:3:1: duplicate" in e and "same id" in e for e in errors_of(exc))


@pytest.mark.parametrize(
    "spellings",
    [("İzmir", "IZMIR"), ("İzmir", "Izmir"), ("IZMIR", "izmir")],
    ids=["dotted-upper", "dotted-plain", "upper-lower"],
)
def test_rows_with_the_same_turkish_name_are_reported_not_merged(embedded, tmp_path, spellings):
    a, b = spellings
    write(tmp_path / "in", "cities.csv", f"name,country\n{a},TR\n{b},TR\n")
    with pytest.raises(ImportFailed) as exc:
        import_path(embedded, tmp_path / "in")
    [err] = errors_of(exc)
    assert err.startswith("cities.csv:3:1: duplicate") and "same name after normalisation" in err
    assert embedded.counts() == {}


def test_near_duplicate_cities_are_reported_with_score_and_both_kept(embedded, tmp_path):
    write(tmp_path / "in", "cities.csv", "name,country\nNürnberg,DE\nNuremberg,DE\n")
    report = import_path(embedded, tmp_path / "in")
    [warning] = report.warnings
    assert "possible duplicate" in warning.message and "score 100" in warning.message
    assert "GeoNames alternate name" in warning.message
    assert {n.id for n in embedded.nodes("City")} == {"city-de-nurnberg", "city-de-nuremberg"}


def test_strict_turns_possible_duplicates_into_errors(embedded, tmp_path):
    write(tmp_path / "in", "cities.csv", "name,country\nNürnberg,DE\nNuremberg,DE\n")
    with pytest.raises(ImportFailed):
        import_path(embedded, tmp_path / "in", strict=True)
    assert embedded.counts() == {}


def test_references_resolve_through_aliases_and_turkish_country_names(embedded, tmp_path):
    folder = tmp_path / "in"
    write(folder, "cities.csv", "name,country\nNuremberg,Almanya\nANTALYA,Türkiye\n")
    write(folder, "agreements.csv", "type,parties\nsister_city,antalya;Nürnberg\n")
    import_path(embedded, folder)
    [agreement] = embedded.nodes("Agreement")
    assert agreement.id == "agreement-de-nuremberg-tr-antalya-sister-city"
    assert embedded.get("city-de-nuremberg").props["country"] == "DE"


def test_semicolon_windows_1254_file_from_turkish_excel(embedded, tmp_path):
    text = (
        "ad;ülke\n".replace("ad", "name").replace("ülke", "country")
        + "Şanlıurfa;Türkiye\nİskenderun;TR\n"
    )
    write(tmp_path / "in", "cities.csv", text, encoding="cp1254")
    report = import_path(embedded, tmp_path / "in")
    assert any("Windows-1254" in n for n in report.notes)
    assert {n.name for n in embedded.nodes("City")} == {"Şanlıurfa", "İskenderun"}


def test_utf8_bom_and_tab_delimiter(embedded, tmp_path):
    write(tmp_path / "in", "cities.csv", "\ufeffName\tCountry\nKonya\tTR\n")
    import_path(embedded, tmp_path / "in")
    assert embedded.get("city-tr-konya").name == "Konya"


def test_wrong_delimiter_says_so(embedded, tmp_path):
    write(tmp_path / "in", "cities.csv", "name|country\nKonya|TR\n")
    with pytest.raises(ImportFailed) as exc:
        import_path(embedded, tmp_path / "in")
    assert any("is the delimiter" in e for e in errors_of(exc))


def test_empty_file_is_an_error_naming_it(embedded, tmp_path):
    write(tmp_path / "in", "cities.csv", "\n\n")
    with pytest.raises(ImportFailed) as exc:
        import_path(embedded, tmp_path / "in")
    assert errors_of(exc) == ["cities.csv:1: the file is empty"]


def test_ten_megabyte_file_imports_in_one_piece(embedded, tmp_path):
    rng = random.Random(7)
    letters = "abcçdefgğhıijklmnoöprsştuüvyz"
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["id", "name", "country", "lat", "lon", "aliases", "source"])
    i = 0
    while buf.tell() < 10 * 1024 * 1024:
        name = "".join(rng.choice(letters) for _ in range(rng.randint(5, 14))).capitalize()
        w.writerow(
            [
                f"city-x-{i}",
                name,
                rng.choice(["TR", "DE", "IT", "ES", "FR"]),
                f"{rng.uniform(-60, 60):.4f}",
                f"{rng.uniform(-170, 170):.4f}",
                f"{name} Belediyesi",
                "https://example.org/" + "x" * 40,
            ]
        )
        i += 1
    write(tmp_path / "in", "cities.csv", buf.getvalue())
    report = import_path(embedded, tmp_path / "in", dry_run=True)
    assert report.ok
    assert report.counts()["nodes"]["create"] == i + 5 + len(
        catalogue()
    )  # cities, countries, themes
    assert all("possible duplicate" in w.message for w in report.warnings)


def test_one_bad_row_means_nothing_is_written(embedded, tmp_path):
    import_path(embedded, SAMPLE)
    before = snapshot(embedded)
    write(tmp_path / "in", "cities.csv", "name,country,lat\nBursa,TR,40.2\nKayseri,TR,400\n")
    with pytest.raises(ImportFailed):
        import_path(embedded, tmp_path / "in")
    assert snapshot(embedded) == before


def test_failure_in_the_middle_of_writing_leaves_store_as_before(embedded, tmp_path, monkeypatch):
    import_path(embedded, SAMPLE)
    before = snapshot(embedded)
    write(tmp_path / "in", "cities.csv", "name,country\nBursa,TR\nKayseri,TR\n")

    def boom(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(embedded, "_write_relations", boom)  # nodes are written first, then this
    with pytest.raises(OSError):
        import_path(embedded, tmp_path / "in")
    assert snapshot(embedded) == before


def test_formula_cells_import_as_text_and_export_safely(embedded, tmp_path):
    folder = tmp_path / "in"
    payloads = ['=HYPERLINK("http://evil","x")', "+1+1", "-2+3", "@SUM(A1)"]
    write(
        folder,
        "networks.csv",
        "name,acronym\n"
        + "".join(f'"{p.replace(chr(34), chr(34) * 2)}",N{i}\n' for i, p in enumerate(payloads)),
    )
    import_path(embedded, folder)
    assert {n.name for n in embedded.nodes("Network")} == set(payloads)
    export_graph(embedded, "csv", tmp_path / "out")
    with (tmp_path / "out" / "networks.csv").open(encoding="utf-8") as fh:
        names = [row["name"] for row in csv.DictReader(fh)]
    assert sorted(names) == sorted("'" + p for p in payloads)
    export_graph(embedded, "xlsx", tmp_path / "out.xlsx")
    ws = load_workbook(tmp_path / "out.xlsx")["networks"]
    cells = [c.value for c in ws["B"][1:]]  # the name column
    assert all(isinstance(v, str) and v.startswith("'") for v in cells)
    # and the export imports back to the same names
    other = type(embedded)(tmp_path / "other.sqlite")
    import_path(other, tmp_path / "out")
    assert {n.name for n in other.nodes("Network")} == set(payloads)
    other.close()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_imports_back_to_the_same_graph(sample_store, tmp_path, fmt):
    target = tmp_path / ("out" if fmt == "csv" else "out.xlsx")
    export_graph(sample_store, fmt, target)
    other = type(sample_store)(tmp_path / "copy.sqlite")
    import_path(other, target)

    def shape(store):
        return ({(n.id, n.label) for n in store.nodes()}, {r.key for r in store.relations()})

    assert shape(other) == shape(sample_store)
    other.close()


def test_template_has_readme_sheets_and_dropdowns_and_imports(embedded, tmp_path):
    path = tmp_path / "t.xlsx"
    write_template(path)
    wb = load_workbook(path)
    assert (
        wb.sheetnames[0] == "README" and "cities" in wb.sheetnames and "agreements" in wb.sheetnames
    )
    readme = " ".join(str(r[0].value) for r in wb["README"].iter_rows() if r[0].value)
    assert "Kalın başlıklar zorunludur" in readme and "Bold headers are required" in readme
    validations = {
        str(dv.sqref): dv.formula1 for dv in wb["agreements"].data_validations.dataValidation
    }
    assert any("lists" in f for f in validations.values())
    report = import_path(embedded, path)
    assert report.ok


def test_yaml_and_json_with_line_numbers(embedded, tmp_path):
    write(
        tmp_path,
        "g.yaml",
        "cities:\n  - name: Antalya\n    country: TR\n  - name: Bursa\n    country: Narnia\n",
    )
    with pytest.raises(ImportFailed) as exc:
        import_path(embedded, tmp_path / "g.yaml")
    assert errors_of(exc)[0].startswith("g.yaml:5:14: unknown country 'Narnia'")
    write(
        tmp_path,
        "g.json",
        '{"cities": [{"name": "Antalya", "country": "TR", "aliases": ["Adalia"]}]}',
    )
    import_path(embedded, tmp_path / "g.json")
    assert embedded.get("city-tr-antalya").props["aliases"] == ["Adalia"]


def test_generic_words_do_not_make_names_look_alike(embedded, tmp_path):
    write(
        tmp_path / "in",
        "organizations.csv",
        "name,kind\nKemer Municipality,district_municipality\nKepez Municipality,district_municipality\n"
        "Mersin Belediyesi,district_municipality\nMersin Büyükşehir Belediyesi,district_municipality\n",
    )
    report = import_path(embedded, tmp_path / "in")
    [warning] = report.warnings  # Kemer/Kepez differ where it matters; the two Mersin bodies do not
    assert "Mersin" in warning.message and "score 100" in warning.message
