"""``diplomap template``: an Excel workbook for staff to fill in.

One sheet per kind with the import headers (required ones in bold), a README
sheet in Turkish and English, and drop-down lists for enumerations and themes
(kept on a hidden ``lists`` sheet). The workbook imports as it is.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from graph.model import allowed_values
from graph.reference.themes import catalogue
from importers.mapping import SHEETS
from importers.vocabulary import turkish_header

README_TR = [
    "Diplomap veri şablonu",
    "Her sayfa bir tür kaydı tutar (şehirler, ağlar, kurumlar...). İlk satır başlıktır; değiştirmeyin.",
    "Kalın başlıklar zorunludur. Bir hücrede birden çok değer ; ile ayrılır (ör. temalar).",
    "Başka bir kayda atıf, kimliği (id) ya da adıyla yapılır: 'Antalya' veya 'city-tr-antalya'.",
    "Ülke: ISO kodu (DE) ya da Türkçe/İngilizce ad (Almanya, Germany).",
    "Tarih: GG.AA.YYYY, YYYY-AA-GG, YYYY-AA ya da yalnız yıl (YYYY).",
    "Her sayfada 'source' (kaynak bağlantısı ya da belge) ve 'confidence' (high, medium, low) sütunları vardır.",
    "Açılır listeler izin verilen değerleri gösterir. Temalar için listeden birini seçin ya da kimlikleri ; ile yazın.",
    "İçe aktarma: diplomap import dosya.xlsx --dry-run (önce ne değişeceğini gösterir), sonra --dry-run olmadan.",
    "Hata olursa hiçbir şey yazılmaz; her hata dosya, satır ve sütunla bildirilir.",
]
README_EN = [
    "Diplomap data template",
    "Each sheet holds one kind of record (cities, networks, organizations...). Row 1 is the header; keep it.",
    "Bold headers are required. Several values in one cell are separated by ; (e.g. themes).",
    "A reference to another record is its id or its name: 'Antalya' or 'city-tr-antalya'.",
    "Country: an ISO code (DE) or a name in Turkish or English (Almanya, Germany).",
    "Dates: DD.MM.YYYY, YYYY-MM-DD, YYYY-MM or just the year (YYYY).",
    "Every sheet has 'source' (a link or a document) and 'confidence' (high, medium, low) columns.",
    "Drop-down lists show the allowed values. For themes pick one from the list or type ids separated by ;.",
    "Import: diplomap import file.xlsx --dry-run (shows what would change), then without --dry-run.",
    "If anything is wrong nothing is written; every error names its file, row and column.",
]

REQUIRED_FILL = PatternFill("solid", fgColor="DDEBF7")


def write_template(path: Path, lang: str = "en") -> None:
    """Write the workbook; ``lang="tr"`` names its sheets and headers in Turkish (it imports
    the same, see :mod:`importers.vocabulary`)."""
    turkish = lang == "tr"
    wb = Workbook()
    readme = wb.active
    readme.title = "README"
    readme.column_dimensions["A"].width = 110
    for line in README_TR + [""] + README_EN + ["", "Sayfalar / Sheets:"]:
        readme.append([line])
    for spec in SHEETS.values():
        required = ", ".join(spec.required)
        readme.append(
            [f"{spec.name}: {spec.title_tr} / {spec.title_en} — zorunlu / required: {required}"]
        )
    for cell in (readme["A1"], readme[f"A{len(README_TR) + 2}"]):
        cell.font = Font(bold=True, size=14)

    lists = wb.create_sheet("lists")
    list_ranges: dict[str, str] = {}
    columns = 0

    def add_list(key: str, values: list[str]) -> str:
        nonlocal columns
        columns += 1
        letter = get_column_letter(columns)
        lists.cell(row=1, column=columns, value=key)
        for i, v in enumerate(values, start=2):
            lists.cell(row=i, column=columns, value=v)
        ref = f"{quote_sheetname('lists')}!${letter}$2:${letter}${len(values) + 1}"
        list_ranges[key] = ref
        return ref

    add_list("themes", [t.id for t in catalogue()])
    add_list("boolean", ["true", "false"])
    for spec in SHEETS.values():
        ws = wb.create_sheet(spec.title_tr if turkish else spec.name)
        names = [c.name for c in spec.columns]
        for i, col in enumerate(spec.columns, start=1):
            header = turkish_header(col.name, names) if turkish else col.name
            cell = ws.cell(row=1, column=i, value=header)
            cell.font = Font(bold=col.required)
            if col.required:
                cell.fill = REQUIRED_FILL
            cell.alignment = Alignment(horizontal="center")
            ws.column_dimensions[get_column_letter(i)].width = max(14, len(header) + 4)
            if col.help:
                cell.comment = Comment(col.help, "Diplomap")
            letter = get_column_letter(i)
            source = None
            if col.enum_of:
                key = f"{col.enum_of[0]}.{col.enum_of[1]}"
                source = list_ranges.get(key) or add_list(
                    key, list(allowed_values(*col.enum_of) or ())
                )
            elif col.name in ("themes", "priority_themes"):
                source = list_ranges["themes"]
            elif col.name == "is_home":
                source = list_ranges["boolean"]
            if source:
                dv = DataValidation(type="list", formula1=source, allow_blank=True)
                # Themes cells may hold several ids: let other text through, just offer the list.
                dv.showErrorMessage = bool(col.enum_of or col.name == "is_home")
                dv.error = f"Choose a value from the list ({col.name})"
                ws.add_data_validation(dv)
                dv.add(f"{letter}2:{letter}1000")
        ws.freeze_panes = "A2"
    lists.sheet_state = "hidden"
    wb.save(path)
