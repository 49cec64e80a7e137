"""The partner dossier: ``/dossier/<id>``, ``/dossier/<id>.json`` and ``/dossier/<id>.pdf``.

A briefing on one city, network or organisation (see :mod:`web.dossier`), in the
chosen language, with a print stylesheet; the PDF is the same HTML laid out by
WeasyPrint (:mod:`web.pdf`).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from flask import Blueprint, Response, render_template, request
from flask_babel import gettext

from graph.accounts.permissions import READ
from graph.errors import InvalidData
from web.auth import requires
from web.dossier import KINDS, dossier
from web.i18n import lang
from web.pdf import html_to_pdf
from web.store import access
from web.twin import page
from web.vocab import kind

bp = Blueprint("dossier", __name__)


@page(bp, "/dossier/<id>", "dossier.html")
@requires(READ)
def dossier_page(id: str) -> dict[str, Any]:
    acc = access()
    G = acc.graph()
    attrs = acc.node(id, G)  # EntityNotFound (404) for an unknown id
    if attrs.get("label") not in KINDS:
        raise InvalidData(
            gettext("%(id)s is a %(kind)s.", id=id, kind=kind(attrs.get("label", ""))),
            hint=gettext("A dossier is written about a city, a network or an organisation."),
        )
    key = ("dossier", id, lang(), request.script_root, date.today())
    return dict(acc.memo(key, lambda G: dossier(G, id), G))


@bp.route("/dossier/<id>.pdf")
@requires(READ)
def dossier_pdf(id: str) -> Response:
    data = dossier_page(id)
    html = render_template("dossier.html", data=data, pdf=True)
    safe = re.sub(r"[^A-Za-z0-9_-]+", "-", id).strip("-") or "entity"
    name = f"dossier-{safe}-{data['language']}.pdf"
    return Response(
        html_to_pdf(html),
        mimetype="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
