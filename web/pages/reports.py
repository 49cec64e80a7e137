"""Reports: ``/reports`` (+ ``.json``) and ``/reports/download``.

Choose a report (situation analysis, monitoring, mid-term or final evaluation), its
language and period; the page shows the report as it will read, and offers it as DOCX,
PDF or JSON. The content is built once by :func:`graph.plan.reports.build_report` and
rendered by :mod:`importers.report_files`, so the CLI (``diplomap report``) writes the
same files. GET parameters: ``kind``, ``report_lang`` (``tr``/``en``, default the page's
language), ``from``, ``to`` and, for the download, ``format``.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, Response, url_for
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from graph.accounts.permissions import EXPORT, READ
from graph.errors import DiplomapError
from graph.plan.reports import KINDS, build_report
from graph.plan.view import plan_ids
from importers.messages import translate
from importers.report_files import FORMATS, file_name, render
from importers.report_html import body_html, report_from_dict
from web import params
from web.auth import requires
from web.i18n import lang
from web.store import access
from web.twin import page

bp = Blueprint("reports", __name__)

KIND_NAMES = {
    "situation": (
        _l("Situation analysis"),
        _l("Ties by theme, region and type; active and dormant; peers; strengths and gaps."),
    ),
    "monitoring": (
        _l("Monitoring report"),
        _l("Activities against the timeline, indicators against targets, new and dormant ties."),
    ),
    "midterm": (
        _l("Mid-term evaluation"),
        _l("The monitoring report over the first half of the plan."),
    ),
    "final": (_l("Final evaluation"), _l("The monitoring report over the whole plan period.")),
}


def chosen() -> dict[str, str | None]:
    """The report asked for by the query string."""
    return {
        "kind": params.one("kind", "monitoring", KINDS),
        "report_lang": params.one("report_lang", lang(), ("tr", "en")),
        "from": params.one("from"),
        "to": params.one("to"),
    }


def _query(choice: dict[str, str | None], fmt: str | None = None) -> str:
    args = [(k, v) for k, v in choice.items() if v]
    return urlencode(args + ([("format", fmt)] if fmt else []))


def _build(choice: dict[str, str | None]):
    acc = access()
    return build_report(
        acc.graph(),
        str(choice["kind"]),
        str(choice["report_lang"]),
        choice["from"],
        choice["to"],
        home=acc.home(),
    )


@page(bp, "/reports", "reports.html")
@requires(READ)
def reports() -> dict[str, Any]:
    choice = chosen()
    out: dict[str, Any] = {
        "chosen": choice,
        "kinds": [
            {"id": k, "name": str(KIND_NAMES[k][0]), "about": str(KIND_NAMES[k][1])} for k in KINDS
        ],
        "has_plan": bool(plan_ids(access().graph())),
        "report": None,
        "error": None,
        "downloads": {},
    }
    try:
        report = _build(choice)
    except DiplomapError as exc:
        out["error"] = {
            "message": translate(exc.message, lang()),
            "hint": translate(exc.hint, lang()) if exc.hint else None,
        }
        return out
    out["report"] = report.to_dict()
    out["downloads"] = {
        fmt: url_for("reports.download") + "?" + _query(choice, fmt) for fmt in FORMATS
    }
    return out


@bp.get("/reports/download")
@requires(EXPORT)
def download() -> Response:
    fmt = str(params.one("format", "pdf", FORMATS))
    try:
        report = _build(chosen())
    except DiplomapError as exc:
        exc.message = translate(exc.message, lang())
        exc.hint = translate(exc.hint, lang()) if exc.hint else exc.hint
        raise
    return Response(
        render(report, fmt),
        mimetype=FORMATS[fmt],
        headers={"Content-Disposition": f'attachment; filename="{file_name(report, fmt)}"'},
    )


@bp.app_template_global()
def report_preview(report: dict[str, Any]) -> Markup:
    """The report of a page's dict as HTML (every value escaped by :mod:`importers.report_html`)."""
    return Markup(body_html(report_from_dict(report)))  # noqa: S704 - escaped by body_html
