"""Turkish and English: the chosen language, names in it, dates and numbers in its format.

Turkish is the default. ``?lang=en`` (or ``?lang=tr``) on any URL switches and is
kept in the session, so every later page and JSON twin speaks the same language.

The catalogues live in ``web/translations/<lang>/LC_MESSAGES/messages.po``, and
the compiled ``.mo`` files are committed beside them, so a fresh install needs no
build step (``tests/test_web_i18n.py`` fails when a ``.mo`` is out of date).
After changing a message in the code or a template::

    pybabel extract -F babel.cfg -k _l -k lazy_pgettext:1c,2 -o web/translations/messages.pot --no-location --sort-output .
    pybabel update -i web/translations/messages.pot -d web/translations -N  # -N: no fuzzy guesses; check new entries by hand
    # translate the new entries in web/translations/tr/LC_MESSAGES/messages.po, then
    pybabel compile -d web/translations
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from urllib.parse import urlencode

from flask import Flask, Request, g, request, session
from flask_babel import Babel, format_date, format_decimal, get_locale, get_translations

LANGUAGES = ("tr", "en")
DEFAULT_LANGUAGE = "tr"


def _wanted(req: Request) -> str | None:
    lang = req.args.get("lang")
    return lang if lang in LANGUAGES else None


def select_locale() -> str:
    """The language of this request: ``?lang=``, then the session, then Turkish."""
    return _wanted(request) or session.get("lang") or DEFAULT_LANGUAGE


def remember_language() -> None:
    lang = _wanted(request)
    if lang and session.get("lang") != lang:
        session["lang"] = lang


def lang() -> str:
    """``"tr"`` or ``"en"`` for the current request."""
    locale = get_locale()
    return locale.language if locale is not None else DEFAULT_LANGUAGE


def translations() -> Any:
    """This request's message catalogue, looked up once per request.

    Flask-Babel looks it up anew for every message (several context look-ups each),
    and a page translates dozens; templates call this instead (see :func:`init_app`).
    Diplomap never switches the locale within a request (``force_locale``).
    """
    if not g:  # no app context: Flask-Babel's own answer (no translation)
        return get_translations()
    found = g.get("diplomap_translations")
    if found is None:
        found = g.diplomap_translations = get_translations()
    return found


def display_name(attrs: dict[str, Any], language: str | None = None) -> str:
    """An entity's name in the chosen language: ``name_tr`` in Turkish, ``name_en`` in English.

    >>> display_name({"name": "Nuremberg", "name_tr": "Nürnberg"}, "tr")
    'Nürnberg'
    >>> display_name({"name": "Nuremberg", "name_tr": "Nürnberg"}, "en")
    'Nuremberg'
    >>> display_name({"name_en": "Clean energy", "name_tr": "Temiz enerji"}, "en")
    'Clean energy'
    >>> display_name({}, "tr")
    ''
    """
    language = language or lang()
    if language == "tr" and attrs.get("name_tr"):
        return str(attrs["name_tr"])
    return str(
        attrs.get("name_en")
        if language == "en" and attrs.get("name_en")
        else attrs.get("name") or attrs.get("name_en") or attrs.get("name_tr") or ""
    )


def switch_url(target: str) -> str:
    """The current URL with ``lang=target``, for the TR/EN switch."""
    args = [(k, v) for k, v in request.args.items(multi=True) if k != "lang"]
    args.append(("lang", target))
    return f"{request.path}?{urlencode(args)}"


def parse_date(value: Any) -> tuple[date, str] | None:
    """A date and its precision (``year``, ``month``, ``day``) from ISO text, or None.

    >>> parse_date("1997"), parse_date("2024-06")[1], parse_date("2024-06-20T10:00:00+00:00")[1]
    ((datetime.date(1997, 1, 1), 'year'), 'month', 'day')
    >>> parse_date("c.2015") is None
    True
    """
    if isinstance(value, datetime):
        return value.date(), "day"
    if isinstance(value, date):
        return value, "day"
    text = str(value or "").strip()
    try:
        if len(text) == 4 and text.isdigit():
            return date(int(text), 1, 1), "year"
        if len(text) == 7 and text[4] == "-":
            return date(int(text[:4]), int(text[5:7]), 1), "month"
        return date.fromisoformat(text[:10]), "day"
    except ValueError:
        return None


def import_text(message: Any) -> str:
    """An importer's message in the page's language (see :mod:`importers.messages`)."""
    from importers.messages import translate

    return translate(str(message) if message is not None else None, lang())


def fmt_date(value: Any) -> str:
    """A stored date in the locale's format, as precise as it was recorded; text kept as is."""
    parsed = parse_date(value)
    if parsed is None:
        return "" if value is None else str(value)
    day, precision = parsed
    if precision == "year":
        return str(day.year)
    if precision == "month":
        return format_date(day, "MMMM y")
    return format_date(day, "medium")


def fmt_number(value: Any, digits: int | None = None) -> str:
    """A number in the locale's format (``1.234,5`` in Turkish); other values as text."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "" if value is None else str(value)
    if digits is None:
        return format_decimal(value)
    return format_decimal(value, format="#,##0." + "0" * digits if digits else "#,##0")


def init_app(app: Flask) -> None:
    Babel(
        app,
        locale_selector=select_locale,
        default_locale=DEFAULT_LANGUAGE,
        default_translation_directories="translations",
    )
    app.before_request(remember_language)
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: translations().ugettext(s),
        ngettext=lambda s, p, n: translations().ungettext(s, p, n),
        pgettext=lambda c, s: translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: translations().unpgettext(c, s, p, n),
        newstyle=True,
    )
    from web.clientstrings import client_messages
    from web.vocab import kind, term

    app.jinja_env.globals.update(
        lang=lang,
        switch_url=switch_url,
        display_name=display_name,
        LANGUAGES=LANGUAGES,
        js_messages=client_messages,
        term=term,
        kind_label=kind,
    )
    app.jinja_env.filters.update(date=fmt_date, number=fmt_number, import_text=import_text)
