"""Turkish (and other common) words for column headers and values, as staff write them.

Headers and values are compared after folding (case, accents and Turkish letters
ignored: ``İmza Tarihi`` -> ``imza_tarihi``). A header word may mean different fields in
different sheets (``şehir`` is the name in the cities sheet, the member in memberships):
:data:`HEADERS` lists the candidates in order and :func:`field_for` takes the first one
the sheet has.

>>> field_for("Şehir", ["id", "name", "country"]), field_for("Şehir", ["member", "network"])
('name', 'member')
>>> field_for("İmza Tarihi", ["type", "parties", "signed_on"]), field_for("zzz", ["name"])
('signed_on', None)
>>> value_for("Süresi doldu"), value_for("Kardeş şehir"), value_for("mutabakat zaptı")
('expired', 'sister_city', 'mou')
"""

from __future__ import annotations

from graph.ids import fold


def _key(text: str) -> str:
    return fold(text).replace(" ", "_").replace("-", "_")


#: Header word (folded) -> the fields it may name, in order of preference.
HEADERS: dict[str, tuple[str, ...]] = {
    _key(word): fields
    for words, fields in [
        (
            ("ad", "adı", "adi", "isim", "ismi", "başlık", "şehir adı", "kent adı"),
            ("name", "title"),
        ),
        (("türkçe ad", "türkçe adı", "ad (tr)", "adı (tr)"), ("name_tr",)),
        (("ingilizce ad", "ad (en)"), ("name_en",)),
        (("kimlik", "no", "kod", "kimlik no"), ("id",)),
        (("ülke", "ulke", "ülke kodu"), ("country",)),
        (("şehir", "kent", "il", "belediye"), ("name", "member", "city")),
        (("imza tarihi", "imzalanma tarihi", "tarih"), ("signed_on", "date")),
        (("durum", "durumu"), ("status",)),
        (("taraflar", "taraf"), ("parties",)),
        (("tür", "türü", "tip", "tipi", "çeşit"), ("type", "kind")),
        (("üye", "üye kurum", "üye şehir"), ("member",)),
        (("ağ", "ağı", "birlik", "ağ adı"), ("network",)),
        (("temalar", "tema", "konular", "konu"), ("themes",)),
        (("kaynak", "kaynaklar"), ("source",)),
        (("güven", "güvenilirlik"), ("confidence",)),
        (("notlar", "not", "açıklama"), ("notes",)),
        (("nüfus",), ("population",)),
        (("enlem",), ("lat",)),
        (("boylam",), ("lon",)),
        (("kısaltma",), ("acronym",)),
        (("web sitesi", "web", "internet sitesi"), ("website",)),
        (("kapsam",), ("scope",)),
        (("katılım yılı", "üyelik yılı", "başlangıç yılı", "yıl"), ("since",)),
        (("rol", "görev"), ("role",)),
        (("proje", "proje adı"), ("title", "project")),
        (("program", "fon", "fon programı"), ("programme",)),
        (("bütçe", "bütçe (eur)", "bütçe avro"), ("budget_eur",)),
        (("başlangıç", "başlangıç tarihi"), ("start_date",)),
        (("bitiş", "bitiş tarihi"), ("end_date",)),
        (("meclis kararı", "karar"), ("council_decision",)),
        (("katılımcılar",), ("participants",)),
        (("diğer adlar", "takma adlar"), ("aliases",)),
        (("öncelikli temalar",), ("priority_themes",)),
        (("ev sahibi", "bizim şehir"), ("is_home",)),
        (("bağlı olduğu kurum", "üst kurum"), ("part_of",)),
        (("üst tema",), ("parent",)),
        (("bulunduğu şehir", "bulunduğu kent"), ("city",)),
        (("ortak", "ortak kurum"), ("partner",)),
        (("kurum", "kuruluş"), ("organization",)),
        (("türkçe başlık",), ("title_tr",)),
        (("sdg", "sürdürülebilir kalkınma amacı"), ("sdg",)),
        (("resmi ağ sayısı",), ("official_networks",)),
        (("resmi kardeş şehir sayısı",), ("official_sister_cities",)),
        (("resmi protokol sayısı",), ("official_protocols",)),
        # the plan sheets (importers/plan_sheets.py)
        (("plan",), ("plan",)),
        (("sıra",), ("order",)),
        (("dönem başı",), ("period_start",)),
        (("dönem sonu",), ("period_end",)),
        (("meclis karar tarihi",), ("council_decision_date",)),
        (("gündem maddesi",), ("council_decision_item",)),
        (("özet",), ("summary",)),
        (("türkçe özet",), ("summary_tr",)),
        (("ayrıntılı içerik ve hedefler",), ("content_tr",)),
        (("beklenen sonuçlar",), ("results_tr",)),
        (("paydaşların rolü",), ("roles_tr",)),
        (("komite",), ("committee",)),
        (("tanım",), ("description",)),
        (("sorumlu birim",), ("lead",)),
        (("katkı verenler",), ("contributors",)),
        (("ilgili kayıtlar",), ("links",)),
        (("finansman kaynağı",), ("funding_source",)),
        (("planlanan başlangıç",), ("planned_start",)),
        (("planlanan bitiş",), ("planned_end",)),
        (("gerçekleşen başlangıç",), ("actual_start",)),
        (("gerçekleşen bitiş",), ("actual_end",)),
        (("eylem planı yılı",), ("plan_year",)),
        (("faaliyet",), ("activity",)),
        (("katkı veren",), ("contributor",)),
        (("ölçtüğü",), ("of",)),
        (("ölçü birimi",), ("unit",)),
        (("referans değeri",), ("baseline",)),
        (("referans yılı",), ("baseline_year",)),
        (("hedefler",), ("targets",)),
        (("sorgu",), ("query",)),
        (("yön",), ("direction",)),
        (("gösterge",), ("indicator",)),
        (("değer",), ("value",)),
    ]
    for word in words
}

#: Value (folded) -> the model's value, for the enumerations staff write in Turkish.
VALUES: dict[str, str] = {
    _key(word): value
    for words, value in [
        (("aktif", "etkin", "yürürlükte", "devam ediyor", "sürüyor"), "active"),
        (("atıl", "pasif", "işlemsiz", "uykuda"), "dormant"),
        (("süresi doldu", "sona erdi", "bitti", "süresi dolmuş"), "expired"),
        (("planlanan", "planlandı", "planlı", "hazırlık"), "planned"),
        (("tamamlandı", "tamamlanan", "bitmiş"), "completed"),
        (("iptal", "iptal edildi"), "cancelled"),
        (("etkin değil",), "inactive"),
        (("başvurdu", "başvuru"), "applied"),
        (("kardeş şehir", "kardeş kent", "kardeş şehir anlaşması"), "sister_city"),
        (("iş birliği protokolü", "işbirliği protokolü", "protokol"), "cooperation_protocol"),
        (("mutabakat zaptı", "mutabakat muhtırası", "mou"), "mou"),
        (("niyet mektubu",), "letter_of_intent"),
        (("lider", "koordinatör", "yürütücü"), "lead"),
        (("ortak",), "partner"),
        (("iştirakçi", "destekçi"), "associate"),
        (("yüksek",), "high"),
        (("orta",), "medium"),
        (("düşük",), "low"),
        (("ziyaret",), "visit"),
        (("çalıştay",), "workshop"),
        (("konferans",), "conference"),
        (("heyet",), "delegation"),
        (("imza töreni",), "signing"),
        (("toplantı",), "meeting"),
        (("eğitim",), "training"),
        (("diğer",), "other"),
        (("üniversite",), "university"),
        (("oda", "ticaret odası"), "chamber"),
        (("sivil toplum kuruluşu", "stk", "dernek", "vakıf"), "ngo"),
        (("ajans", "kalkınma ajansı"), "agency"),
        (("ilçe belediyesi",), "district_municipality"),
        (("daire başkanlığı", "birim"), "department"),
        (("şirket", "firma"), "company"),
        # the plan sheets: stage, activity, plan, committee and indicator vocabularies
        (("başlamadı", "başlanmadı"), "not_started"),
        (("yürütülüyor", "yürütülmekte", "uygulanıyor"), "in_progress"),
        (("yapıldı", "gerçekleşti", "gerçekleştirildi"), "done"),
        (("askıda", "beklemede"), "on_hold"),
        (("hazırlanıyor", "hazırlık aşamasında"), "in_preparation"),
        (("onaylandı",), "approved"),
        (("uygulamada",), "in_implementation"),
        (("siyasi", "politik"), "political"),
        (("teknik",), "technical"),
        (("izleme",), "monitoring"),
        (("artış", "artmalı"), "increase"),
        (("azalış", "azalmalı"), "decrease"),
    ]
    for word in words
}


#: The Turkish header ``diplomap template --lang tr`` writes for each field.
TURKISH_HEADERS = {
    "id": "Kimlik", "name": "Ad", "name_tr": "Türkçe ad", "name_en": "İngilizce ad",
    "country": "Ülke", "lat": "Enlem", "lon": "Boylam", "population": "Nüfus",
    "aliases": "Diğer adlar", "themes": "Temalar", "priority_themes": "Öncelikli temalar",
    "is_home": "Ev sahibi", "official_networks": "Resmi ağ sayısı",
    "official_sister_cities": "Resmi kardeş şehir sayısı",
    "official_protocols": "Resmi protokol sayısı", "source": "Kaynak", "confidence": "Güven",
    "notes": "Notlar", "acronym": "Kısaltma", "scope": "Kapsam", "website": "Web sitesi",
    "kind": "Tür", "city": "Bulunduğu şehir", "part_of": "Bağlı olduğu kurum",
    "programme": "Program", "status": "Durum", "start_date": "Başlangıç tarihi",
    "end_date": "Bitiş tarihi", "budget_eur": "Bütçe (EUR)", "member": "Üye", "network": "Ağ",
    "since": "Katılım yılı", "role": "Rol", "type": "Tür", "parties": "Taraflar",
    "signed_on": "İmza tarihi", "council_decision": "Meclis kararı", "project": "Proje",
    "partner": "Ortak", "organization": "Kurum", "date": "Tarih", "title": "Başlık",
    "title_tr": "Türkçe başlık", "participants": "Katılımcılar", "parent": "Üst tema",
    "sdg": "SDG",
    "plan": "Plan",
    "order": "Sıra",
    "period_start": "Dönem başı",
    "period_end": "Dönem sonu",
    "council_decision_date": "Meclis karar tarihi",
    "council_decision_item": "Gündem maddesi",
    "summary": "Özet",
    "summary_tr": "Türkçe özet",
    "content_tr": "Ayrıntılı içerik ve hedefler",
    "results_tr": "Beklenen sonuçlar",
    "roles_tr": "Paydaşların rolü",
    "committee": "Komite",
    "description": "Tanım",
    "lead": "Sorumlu birim",
    "contributors": "Katkı verenler",
    "links": "İlgili kayıtlar",
    "funding_source": "Finansman kaynağı",
    "planned_start": "Planlanan başlangıç",
    "planned_end": "Planlanan bitiş",
    "actual_start": "Gerçekleşen başlangıç",
    "actual_end": "Gerçekleşen bitiş",
    "plan_year": "Eylem planı yılı",
    "activity": "Faaliyet",
    "contributor": "Katkı veren",
    "of": "Ölçtüğü",
    "unit": "Ölçü birimi",
    "baseline": "Referans değeri",
    "baseline_year": "Referans yılı",
    "targets": "Hedefler",
    "query": "Sorgu",
    "direction": "Yön",
    "indicator": "Gösterge",
    "value": "Değer",
}  # fmt: skip


def turkish_header(field: str, fields: list[str] | tuple[str, ...]) -> str:
    """The Turkish header of ``field`` in a sheet of ``fields``: one that reads back as
    ``field`` there (else the field's own name)."""
    word = TURKISH_HEADERS.get(field)
    if word and field_for(word, fields) == field:
        return word
    return field


def field_for(header: str, fields: list[str] | tuple[str, ...]) -> str | None:
    """The field of ``fields`` that the header word ``header`` names, or None."""
    return next((f for f in HEADERS.get(_key(header), ()) if f in fields), None)


def value_for(text: str) -> str | None:
    """The model value a Turkish (or other common) word stands for, or None."""
    return VALUES.get(_key(text))
