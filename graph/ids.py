"""Turkish-aware normalisation of names, and stable, readable, URL-safe ids.

Python's ``str.lower()`` is wrong for Turkish: ``"İZMİR".lower()`` gives
``"i̇zmi̇r"`` (with combining dots) and ``"IRMAK".lower()`` gives ``"irmak"``
where Turkish wants ``"ırmak"``. :func:`tr_lower` applies the Turkish rules;
:func:`fold` then builds a matching key that treats İ/I/ı/i as one letter and
drops accents, so ``"İzmir"``, ``"IZMIR"`` and ``"Izmir"`` meet.

>>> tr_lower("İZMİR"), tr_lower("IRMAK")
('izmir', 'ırmak')
>>> fold("İzmir") == fold("IZMIR") == fold("Izmir") == "izmir"
True
>>> fold("Nürnberg"), fold("Şanlıurfa"), fold("  Çanakkale  Boğazı ")
('nurnberg', 'sanliurfa', 'canakkale bogazi')
>>> slugify("Dış İlişkiler Dairesi Başkanlığı")
'dis-iliskiler-dairesi-baskanligi'
>>> make_id("City", "Nürnberg", "DE")
'city-de-nurnberg'
>>> make_id("Network", "Covenant of Mayors")
'network-covenant-of-mayors'
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_TR_LOWER = str.maketrans({"I": "ı", "İ": "i"})
_TR_UPPER = str.maketrans({"i": "İ", "ı": "I"})
# Letters that NFKD does not split into base + accent.
_FOLD_EXTRA = str.maketrans(
    {
        "ı": "i",
        "ß": "ss",
        "ø": "o",
        "đ": "d",
        "ł": "l",
        "æ": "ae",
        "œ": "oe",
        "þ": "th",
        "ð": "d",
        "’": "'",
        "‘": "'",
    }
)
_NON_WORD = re.compile(r"[^0-9a-z]+")
_SLUG_OK = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

#: Prefix of generated ids, by label.
ID_PREFIX = {
    "City": "city",
    "Network": "network",
    "Organization": "org",
    "Agreement": "agreement",
    "Project": "project",
    "Theme": "theme",
    "Country": "country",
    "Event": "event",
    "Plan": "plan",
    "Stage": "stage",
    "Committee": "committee",
    "Activity": "activity",
    "Indicator": "indicator",
    "Measurement": "measurement",
}


def tr_lower(text: str) -> str:
    """Lower-case ``text`` by Turkish rules (I -> ı, İ -> i)."""
    return (
        # İ/I/ı mapped first; what is left (ascii and other scripts) lowers as usual
        unicodedata.normalize("NFC", text).translate(_TR_LOWER).lower()
    )  # after the Turkish I/İ mapping above


def tr_upper(text: str) -> str:
    """Upper-case ``text`` by Turkish rules (i -> İ, ı -> I)."""
    return (
        # i/ı mapped first; what is left (ascii and other scripts) uppers as usual
        unicodedata.normalize("NFC", text).translate(_TR_UPPER).upper()
    )  # after the Turkish I/İ mapping above


@lru_cache(maxsize=262_144)
def fold(text: str) -> str:
    """Matching key: Turkish lower case, accents removed, punctuation to single spaces."""
    if text.isascii():  # fast path: for ASCII, I and i both fold to i anyway
        return _NON_WORD.sub(" ", text.lower()).strip()  # ASCII only: I and i fold alike
    text = tr_lower(text).translate(_FOLD_EXTRA)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", text).strip()


def slugify(text: str) -> str:
    """URL-safe slug: folded words joined by hyphens."""
    return fold(text).replace(" ", "-")


def is_slug(text: str) -> bool:
    """True when ``text`` has the shape of a generated id (a-z, 0-9, single hyphens)."""
    return bool(_SLUG_OK.match(text))


#: Characters an id may not hold: path and tie-id separators.
ID_FORBIDDEN = "/\\|"
#: Longest id accepted.
ID_MAX = 200


def id_problem(text: str) -> str | None:
    r"""Why ``text`` cannot be an id, or None when it can.

    Ids are the user's own: a bare name, digits, mixed case, Turkish letters, spaces or
    ``IZM-01`` all work, and nothing reads meaning out of their shape. Refused are only
    an empty id, spaces around it, ``/ \ |`` (they separate parts of URLs and tie ids),
    control characters and more than 200 characters.

    >>> [id_problem(t) for t in ("izmir", "42", "IZM-01", "Kardeş Şehir 7")]
    [None, None, None, None]
    >>> print(id_problem("a|b"))
    an id may not hold /, \ or |
    """
    if not text or not text.strip():
        return "an id may not be empty"
    if text != text.strip():
        return "an id may not begin or end with a space"
    if any(ch in ID_FORBIDDEN for ch in text):
        return "an id may not hold /, \\ or |"
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") for ch in text):
        return "an id may not hold control characters or line breaks"
    if len(text) > ID_MAX:
        return f"an id may have at most {ID_MAX} characters"
    return None


def is_id(text: str) -> bool:
    """True when ``text`` can be an id (see :func:`id_problem`)."""
    return isinstance(text, str) and id_problem(text) is None


def make_id(label: str, name: str, country: str | None = None) -> str:
    """Build the stable id of an entity from its label, name and (for cities) country."""
    parts = [ID_PREFIX[label]]
    if country:
        parts.append(slugify(country))
    parts.append(slugify(name) or "unnamed")
    return "-".join(parts)
