"""Importer messages in the user's language (Turkish or English).

The importers sit below the web app and the CLI and write their messages in English, with
the values that make them specific (a file, a column, a name, a score). :func:`translate`
gives such a message in Turkish: each known message is a pattern whose values are kept and
put into the Turkish sentence, and phrases shared by many messages (hints, "did you mean")
are translated wherever they appear. The web upload page and ``diplomap import --lang tr``
(or a Turkish ``LANG``) show messages through it; ``tests/test_import_messages.py`` checks
that every message the import tests produce has its Turkish form.

>>> translate("unknown country 'Narnia': write an ISO code (DE) or a name in English or Turkish", "tr")
"bilinmeyen ülke 'Narnia': ISO kodu (DE) ya da Türkçe veya İngilizce bir ülke adı yazın"
>>> translate("the file is empty", "en")
'the file is empty'
"""

from __future__ import annotations

import os
import re

#: Whole messages: an English pattern (with named values) and its Turkish sentence.
_MESSAGES: list[tuple[str, str]] = [
    (r"unknown sheet (?P<s>'[^']*')(?P<rest>.*)", "bilinmeyen sayfa {s}{rest}"),
    (r"unknown column (?P<c>'[^']*') in (?P<s>\w+)(?P<rest>.*)", "{s} sayfasında bilinmeyen sütun {c}{rest}"),
    (r"missing required column (?P<c>'[^']*') in (?P<s>\w+)(?P<rest>.*)", "{s} sayfasında zorunlu sütun {c} yok{rest}"),
    (r"(?P<c>\w+) is required in (?P<s>\w+)", "{s} sayfasında {c} zorunludur"),
    (r"(?P<c>\w+) (?P<v>'[^']*') is not one of (?P<rest>.*)", "{c} {v} şunlardan biri değil: {rest}"),
    (r"(?P<v>'.*') is not a date: write YYYY-MM-DD \(or DD\.MM\.YYYY\), YYYY-MM or YYYY",
     "{v} bir tarih değil: YYYY-AA-GG (ya da GG.AA.YYYY), YYYY-AA veya YYYY yazın"),
    (r"(?P<v>'.*') is not a whole number", "{v} bir tam sayı değil"),
    (r"(?P<v>'.*') is not a number", "{v} bir sayı değil"),
    (r"(?P<v>'.*') is not a target: write YEAR: VALUE, e\.g\. 2025: 3; 2026: 5",
     "{v} bir hedef değil: YIL: DEĞER yazın, ör. 2025: 3; 2026: 5"),
    (r"(?P<w>\w+) (?P<v>\S+) is out of range \((?P<lo>\S+) to (?P<hi>\S+)\)", "{w} {v} aralık dışında ({lo} ile {hi} arası olmalı)"),
    (r"(?P<v>'.*') is not yes/no: write true or false \(evet / hayır\)", "{v} evet/hayır değil: true ya da false (evet / hayır) yazın"),
    (r"unknown country (?P<v>'.*'): write an ISO code \(DE\) or a name in English or Turkish",
     "bilinmeyen ülke {v}: ISO kodu (DE) ya da Türkçe veya İngilizce bir ülke adı yazın"),
    (r"id (?P<v>'.*'): (?P<why>.*); any other id works \(e\.g\. IZM-01, 42\)", "kimlik {v}: {why}; başka her kimlik olur (ör. IZM-01, 42)"),
    (r"unknown theme (?P<v>'[^']*'): use a catalogue id or name \(e\.g\. (?P<ex>.*)\.\.\.\) or add it to the themes sheet",
     "bilinmeyen tema {v}: katalogdaki bir kimlik ya da ad kullanın (ör. {ex}...) veya temalar sayfasına ekleyin"),
    (r"(?P<v>'[^']*') is ambiguous: it could be (?P<c>.*); write the id instead of the name",
     "{v} belirsiz: {c} olabilir; ad yerine kimliği yazın"),
    (r"unknown (?P<k>[\w/]+) (?P<v>'[^']*'); did you mean (?P<c>.*)\? Write the exact name or id \(near matches are never linked\)",
     "bilinmeyen {k} {v}; şunu mu demek istediniz: {c}? Tam adı ya da kimliği yazın (yakın eşleşmeler hiçbir zaman bağlanmaz)"),
    (r"unknown (?P<k>[\w/]+) (?P<v>'[^']*'): no entity has this id or name; add it to its sheet first",
     "bilinmeyen {k} {v}: bu kimlikte ya da adda bir varlık yok; önce kendi sayfasına ekleyin"),
    (r"duplicate agreement id (?P<id>\S+) \(also at (?P<at>[^)]*)\); give one an explicit id if they are two agreements",
     "yinelenen anlaşma kimliği {id} (ayrıca {at}); iki ayrı anlaşmaysa birine açık bir kimlik verin"),
    (r"duplicate: this (?P<k>\w+) (?P<n>'[^']*') has the same id as (?P<o>'[^']*') at (?P<at>\S+) \(id (?P<id>[^)]*)\); remove one row, or give them different ids if they are different",
     "yineleme: bu {k} {n}, {at} konumundaki {o} ile aynı kimliğe sahip (kimlik {id}); bir satırı silin ya da farklıysalar farklı kimlikler verin"),
    (r"duplicate: this (?P<k>\w+) (?P<n>'[^']*') has the same name after normalisation as (?P<o>'[^']*') at (?P<at>\S+) \(id (?P<id>[^)]*)\); remove one row, or give them different ids if they are different",
     "yineleme: bu {k} {n}, {at} konumundaki {o} ile normalleştirmeden sonra aynı ada sahip (kimlik {id}); bir satırı silin ya da farklıysalar farklı kimlikler verin"),
    (r"possible duplicate: (?P<n>'[^']*') and (?P<c>.*) \(score (?P<sc>[\d.]+), (?P<how>[^)]*)\); both kept - merge them by hand if they are one",
     "olası yineleme: {n} ve {c} (puan {sc}, {how}); ikisi de tutuldu - aynıysalar elle birleştirin"),
    (r"the file is empty", "dosya boş"),
    (r"column (?P<c>'[^']*') appears twice", "{c} sütunu iki kez geçiyor"),
    (r"this row has (?P<n>\d+) fields but the header has (?P<h>\d+)", "bu satırda {n} alan var ama başlıkta {h} var"),
    (r"cannot parse CSV: (?P<why>.*)", "CSV okunamıyor: {why}"),
    (r"not valid YAML/JSON: (?P<why>.*)", "geçerli bir YAML/JSON değil: {why}"),
    (r"the top level must map sheet names to lists of records", "en üst düzey, sayfa adlarını kayıt listelerine eşlemeli"),
    (r"(?P<s>'[^']*') must be a list of records", "{s} bir kayıt listesi olmalı"),
    (r"every item of (?P<s>'[^']*') must be a mapping", "{s} içindeki her öğe bir eşleme olmalı"),
    (r"unsupported file type (?P<t>\S+)", "desteklenmeyen dosya türü {t}"),
    (r"the file is neither UTF-8 nor Windows-1254 text", "dosya ne UTF-8 ne de Windows-1254 metni"),
    (r"the file is UTF-16 text", "dosya UTF-16 metni"),
    (r"the file is (?P<e>[\w-]+) text \(Japanese\), not UTF-8 or Windows-1254", "dosya {e} metni (Japonca); UTF-8 ya da Windows-1254 değil"),
    (r"not a readable Excel workbook: its XML declares entities \((?P<e>\w+)\), which Diplomap refuses",
     "okunabilir bir Excel çalışma kitabı değil: XML'i varlık (entity) tanımlıyor ({e}); Diplomap bunu reddeder"),
    (r"not a readable Excel workbook \((?P<e>\w+)\)", "okunabilir bir Excel çalışma kitabı değil ({e})"),
    (r"the file is (?P<n>[\d.]+) MiB; the limit is (?P<l>\d+) MiB \(DIPLOMAP_IMPORT_MAX_MB\): split it into smaller files",
     "dosya {n} MiB; sınır {l} MiB (DIPLOMAP_IMPORT_MAX_MB): daha küçük dosyalara bölün"),
    (r"the workbook unpacks to (?P<n>\d+) MiB; the limit is (?P<l>\d+) MiB \(DIPLOMAP_IMPORT_MAX_UNPACKED_MB\): save its sheets as CSV files, or split it",
     "çalışma kitabı açılınca {n} MiB oluyor; sınır {l} MiB (DIPLOMAP_IMPORT_MAX_UNPACKED_MB): sayfalarını CSV olarak kaydedin ya da bölün"),
    (r"YAML anchors and aliases \(& and \*\) are not accepted: write the values out",
     "YAML çapaları ve takma adları (& ve *) kabul edilmez: değerleri açıkça yazın"),
    (r"the data is nested more than (?P<n>\d+) levels deep \(DIPLOMAP_IMPORT_MAX_DEPTH\): one list of records per sheet is enough",
     "veri {n} düzeyden daha derin iç içe (DIPLOMAP_IMPORT_MAX_DEPTH): sayfa başına bir kayıt listesi yeterli"),
    (r"(?P<n>[\d,]+) rows; the limit is (?P<l>[\d,]+) \(DIPLOMAP_IMPORT_MAX_ROWS\): split the file",
     "{n} satır; sınır {l} (DIPLOMAP_IMPORT_MAX_ROWS): dosyayı bölün"),
    (r"(?P<n>[\d,]+) columns; the limit is (?P<l>[\d,]+) \(DIPLOMAP_IMPORT_MAX_COLUMNS\): keep the columns of the sheet",
     "{n} sütun; sınır {l} (DIPLOMAP_IMPORT_MAX_COLUMNS): sayfanın sütunlarını kullanın"),
    (r"the header has (?P<n>[\d,]+) columns; the limit is (?P<l>[\d,]+) \(DIPLOMAP_IMPORT_MAX_COLUMNS\)",
     "başlıkta {n} sütun var; sınır {l} (DIPLOMAP_IMPORT_MAX_COLUMNS)"),
    (r"the cell holds (?P<n>[\d,]+) characters; the limit is (?P<l>[\d,]+) \(DIPLOMAP_IMPORT_MAX_CELL\)",
     "hücrede {n} karakter var; sınır {l} (DIPLOMAP_IMPORT_MAX_CELL)"),
    (r"the cell holds the control character (?P<c>U\+[0-9A-F]{4}): remove it", "hücrede {c} denetim karakteri var: silin"),
    (r"the sheet has a header but no rows: nothing was read from it", "sayfada başlık var ama satır yok: ondan hiçbir şey okunmadı"),
    (r"this sheet lists our ties, but no city is marked as home: import the home city \(is_home = true\) first, or in the same file",
     "bu sayfa bizim bağlarımızı listeliyor ama hiçbir şehir ev sahibi olarak işaretli değil: önce ev sahibi şehri (is_home = true) içe aktarın ya da aynı dosyada verin"),
    (r"this sheet lists our agreements: add a column 'partner' \(ortak\) with the partner city of each row",
     "bu sayfa bizim anlaşmalarımızı listeliyor: her satırın ortak şehrini içeren 'partner' (ortak) sütununu ekleyin"),
    (r"(?P<n>\d+) error\(s\) in (?P<s>.*); nothing was written", "{s} içinde {n} hata; hiçbir şey yazılmadı"),
    (r"(?P<n>\d+) possible duplicate\(s\) \(--strict\) in (?P<s>.*); nothing was written",
     "{s} içinde {n} olası yineleme (--strict); hiçbir şey yazılmadı"),
    (r"cannot read (?P<s>.*)", "{s} okunamıyor"),
    (r"an id may not be empty", "kimlik boş olamaz"),
    (r"an id may not begin or end with a space", "kimlik boşlukla başlayamaz ya da bitemez"),
    (r"an id may not hold /, \\ or \|", "kimlik /, \\ ya da | içeremez"),
    (r"an id may not hold control characters or line breaks", "kimlik denetim karakteri ya da satır sonu içeremez"),
    # reports (issue 13 part 5)
    (r"the period ends \((?P<e>[\d-]+)\) before it starts \((?P<s>[\d-]+)\)",
     "dönem başlamadan bitiyor (bitiş {e}, başlangıç {s})"),
    (r"(?P<w>from|to)=(?P<v>'.*') is not a date", "{w}={v} bir tarih değil"),
    (r"unknown report (?P<v>'[^']*')", "bilinmeyen rapor {v}"),
    (r"unknown report format (?P<v>'[^']*')", "bilinmeyen rapor biçimi {v}"),
    (r"no plan in the graph", "grafikte kayıtlı plan yok"),
    (r"no home city in the graph", "grafikte ev sahibi kent yok"),
    (r"(?P<v>'[^']*') is not a programme whose rules Diplomap knows",
     "{v}, kuralları Diplomap'te kayıtlı bir program değil"),
    (r"(?P<v>'[^']*') names (?P<n>\d+) programmes", "{v} {n} programa uyuyor"),
    (r"(?P<v>'[^']*') is not a theme of the graph", "{v} grafikteki bir tema değil"),
    (r"(?P<f>.*): the output must be an \.xlsx file", "{f}: çıktı bir .xlsx dosyası olmalı"),
    (r"(?P<f>.*): cannot write \((?P<why>.*)\)", "{f}: yazılamıyor ({why})"),
    (r"choose a theme and a programme first", "önce bir tema ve bir program seçin"),
    # web forms (importers/editing.py; issue 13 part 2)
    (r"(?P<l>\w+) (?P<n>'.*') \((?P<i>[^)]*)\) already exists: edit it instead",
     "{l} {n} ({i}) zaten var: yenisini eklemek yerine onu düzenleyin"),
    (r"this (?P<k>[\w ]+) already exists: edit it instead", "bu bağ ({k}) zaten var: onu düzenleyin"),
    (r"the id of an entity never changes; create a new entity instead",
     "bir varlığın kimliği değişmez; bunun yerine yeni bir varlık ekleyin"),
]  # fmt: skip

#: Phrases that recur inside messages and hints, translated wherever they appear.
_PHRASES: list[tuple[str, str]] = [
    ("; known columns: ", "; bilinen sütunlar: "),
    ("; name files or sheets ", "; dosyalara ya da sayfalara şu adları verin: "),
    (" - the header reads as one column: is the delimiter , ; or tab?",
     " - başlık tek sütun olarak okunuyor: ayırıcı , ; ya da sekme mi?"),
    (" (did you mean ", " (şunu mu demek istediniz: "),
    ("a GeoNames alternate name", "bir GeoNames alternatif adı"),
    ("a known alias", "bilinen bir takma ad"),
    ("the same name after normalisation", "normalleştirmeden sonra aynı ad"),
    ("a similar name", "benzer bir ad"),
    ("the same id", "aynı kimlik"),
    (" score ", " puan "),
    ("fix the problems listed below and import again", "aşağıda listelenen sorunları düzeltip yeniden içe aktarın"),
    ("add a header row and data rows (`diplomap template` shows the columns)",
     "bir başlık satırı ve veri satırları ekleyin (`diplomap template` sütunları gösterir)"),
    ("save it as CSV UTF-8 (Excel: 'CSV UTF-8 (Virgülle ayrılmış)') or as UTF-8 text",
     "CSV UTF-8 (Excel: 'CSV UTF-8 (Virgülle ayrılmış)') ya da UTF-8 metin olarak kaydedin"),
    ("save it as .xlsx from Excel or LibreOffice", "Excel ya da LibreOffice'ten .xlsx olarak kaydedin"),
    ("open it in Excel or LibreOffice and save it again as .xlsx", "Excel ya da LibreOffice'te açıp yeniden .xlsx olarak kaydedin"),
    ("check the brackets, quotes and indentation here", "buradaki parantezleri, tırnakları ve girintiyi denetleyin"),
    ("check the quotes in this line", "bu satırdaki tırnakları denetleyin"),
    ("use .csv, .tsv, .xlsx, .yaml or .json", ".csv, .tsv, .xlsx, .yaml ya da .json kullanın"),
    ("check the delimiter, and keep the columns of the sheet", "ayırıcıyı denetleyin ve sayfanın sütunlarını kullanın"),
    ("check for a stray ", "fazladan bir ayırıcı olup olmadığını denetleyin: "),
    (" or quote cells that contain the delimiter", " ya da ayırıcı içeren hücreleri tırnak içine alın"),
    ("check the path (a folder of CSV files, an .xlsx, .yaml or .json file)",
     "yolu denetleyin (CSV dosyaları klasörü, bir .xlsx, .yaml ya da .json dosyası)"),
    ("no such file or folder", "böyle bir dosya ya da klasör yok"),
    ("check the file", "dosyayı denetleyin"),
    ("choose a file to upload", "yüklenecek bir dosya seçin"),
    ("e.g. `cities: [{name: Antalya, country: TR}]`", "ör. `cities: [{name: Antalya, country: TR}]`"),
    ("export the sheet as CSV (UTF-8), or as YAML/JSON", "sayfayı CSV (UTF-8) ya da YAML/JSON olarak dışa aktarın"),
    ("open it in Excel or LibreOffice and save it as .xlsx", "Excel ya da LibreOffice'te açıp .xlsx olarak kaydedin"),
    ("put cities.csv, networks.csv... in it (see `diplomap template`)",
     "içine cities.csv, networks.csv... koyun (bkz. `diplomap template`)"),
    ("remove or rename one of the two columns", "iki sütundan birini silin ya da yeniden adlandırın"),
    ("save it as .xlsx from Excel or LibreOffice, or upload a CSV",
     "Excel ya da LibreOffice'ten .xlsx olarak kaydedin ya da bir CSV yükleyin"),
    ("save it again as .xlsx", "yeniden .xlsx olarak kaydedin"),
    ("save it as CSV UTF-8", "CSV UTF-8 olarak kaydedin"),
    ("split it into smaller files, or ask an admin to raise DIPLOMAP_MAX_UPLOAD_MB",
     "daha küçük dosyalara bölün ya da bir yöneticiden DIPLOMAP_MAX_UPLOAD_MB sınırını yükseltmesini isteyin"),
    ("split the workbook, or upload its sheets as CSV files", "çalışma kitabını bölün ya da sayfalarını CSV olarak yükleyin"),
    ("the template (`diplomap template`) shows the columns", "şablon (`diplomap template`) sütunları gösterir"),
    ("upload a .csv, .xlsx, .yaml or .json file", "bir .csv, .xlsx, .yaml ya da .json dosyası yükleyin"),
    ("upload the .xlsx itself, not a zip that contains it", "onu içeren bir zip değil, .xlsx dosyasının kendisini yükleyin"),
    ("the file has ", "dosyadaki sütunlar: "),
    ("use a field of the sheet, or ", "sayfanın bir alanını ya da şunu kullanın: "),
    ("use one of ", "şunlardan birini kullanın: "),
    ("if it is a different one, confirm and save again", "farklı bir kayıtsa onaylayıp yeniden kaydedin"),
    ("mark one city with is_home=true, or set DIPLOMAP_HOME to its id",
     "bir kenti is_home=true olarak işaretleyin ya da DIPLOMAP_HOME ayarına kimliğini yazın"),
    ("swap --from and --to", "--from ile --to değerlerinin yerini değiştirin"),
    ("use YYYY-MM-DD (or YYYY-MM, YYYY)", "YYYY-AA-GG (ya da YYYY-AA, YYYY) yazın"),
    ("give one of: ", "şunlardan birini verin: "),
    ("open /consortium, pick a theme and a programme, then download",
     "/consortium sayfasını açın, bir tema ve bir program seçin, sonra indirin"),
    ("give a name ending in .xlsx", ".xlsx ile biten bir ad verin"),
    ("choose a folder you can write to", "yazabileceğiniz bir klasör seçin"),
    ("import a workbook with a plan sheet (see README)",
     "plan sayfası olan bir çalışma kitabını içe aktarın (bkz. README)"),
]  # fmt: skip

_COMPILED = [(re.compile(f"^{pattern}$", re.S), turkish) for pattern, turkish in _MESSAGES]


def _phrases(text: str) -> str:
    for english, turkish in _PHRASES:
        text = text.replace(english, turkish)
    return text


def translate(message: str | None, lang: str | None) -> str:
    """``message`` in ``lang`` (``tr`` or ``en``); a message with no Turkish form stays as is."""
    if not message or lang != "tr":
        return message or ""
    for pattern, turkish in _COMPILED:
        found = pattern.match(message)
        if found:
            return _phrases(turkish.format(**{k: v or "" for k, v in found.groupdict().items()}))
    return _phrases(message)


def is_translated(message: str) -> bool:
    """Whether ``message`` matches a known message (so its Turkish form is a full sentence)."""
    return any(pattern.match(message) for pattern, _ in _COMPILED)


def language(explicit: str | None = None) -> str:
    """The CLI's language: ``explicit`` (``--lang``), else Turkish when ``LANG`` says so."""
    if explicit in ("tr", "en"):
        return explicit
    return "tr" if (os.environ.get("LANG") or "").lower().startswith("tr") else "en"
