"""Words for codes that graph-level sentences need in both languages (no Flask here).

Pages translate codes with Flask-Babel (``web/vocab.py``); the sentences built in
``graph/`` (paths, reasons) and the names the importers give agreements need the same
words without a request, in English and Turkish.

>>> agreement_type("sister_city", "tr"), agreement_type("mou"), agreement_type("new_kind")
('kardeş şehir', 'memorandum of understanding', 'new kind')
"""

from __future__ import annotations

#: Agreement type code -> (English, Turkish).
AGREEMENT_TYPES: dict[str, tuple[str, str]] = {
    "sister_city": ("sister city", "kardeş şehir"),
    "cooperation_protocol": ("cooperation protocol", "iş birliği protokolü"),
    "mou": ("memorandum of understanding", "mutabakat zaptı"),
    "letter_of_intent": ("letter of intent", "niyet mektubu"),
}


def agreement_type(code: str, lang: str = "en") -> str:
    """The name of agreement type ``code`` in ``lang`` (``en`` or ``tr``)."""
    found = AGREEMENT_TYPES.get(code)
    if found is None:
        return code.replace("_", " ")
    return found[1] if lang == "tr" else found[0]
