"""The page families of the web explorer, one blueprint each.

| Blueprint | Pages (each with a ``.json`` twin) |
|---|---|
| ``overview`` | ``/`` (twin ``/index.json``) |
| ``explore`` | ``/explore`` |
| ``search`` | ``/search.json`` (autocomplete; JSON only) |
| ``entity`` | ``/entity/<id>`` |
| ``dossier`` | ``/dossier/<id>``, plus ``/dossier/<id>.pdf`` |
| ``synergy`` | ``/synergy``, plus ``/synergy.csv`` and ``/synergy.xlsx`` |
| ``consortium`` | ``/consortium``, plus ``/consortium.xlsx`` |
| ``paths`` | ``/path`` |
| ``questions`` | ``/questions``, plus ``/questions.csv?q=N`` |
| ``maps`` | ``/map`` |
| ``account`` | ``/login``, ``/logout`` (open), ``/admin/users`` |
| ``console`` | ``/console``, plus ``/console.csv`` |
| ``exports`` | ``/export``, plus ``/export/download`` |
| ``edit`` | ``/new/<kind>``, ``/entity/<id>/edit``, ``/entity/<id>/delete`` (GET form, POST) |
| ``audit`` | ``/audit``, ``/audit/<n>``, ``/entity/<id>/history``; ``POST /audit/<n>/undo`` |
| ``upload`` | ``/import``; ``POST /import`` (dry run), ``POST /import/confirm`` |
| ``plan`` | ``/plan``, ``/plan/activity/<id>``, ``/plan/indicator/<id>`` |
| ``reports`` | ``/reports``, plus ``/reports/download`` (DOCX, PDF, JSON) |
"""

from __future__ import annotations

from web.pages.account import bp as account
from web.pages.audit import bp as audit
from web.pages.console import bp as console
from web.pages.consortium import bp as consortium
from web.pages.dossier import bp as dossier
from web.pages.edit import bp as edit
from web.pages.entity import bp as entity
from web.pages.explore import bp as explore
from web.pages.exports import bp as exports
from web.pages.maps import bp as maps
from web.pages.overview import bp as overview
from web.pages.paths import bp as paths
from web.pages.plan import bp as plan
from web.pages.questions import bp as questions
from web.pages.reports import bp as reports
from web.pages.search import bp as search
from web.pages.synergy import bp as synergy
from web.pages.upload import bp as upload

BLUEPRINTS = (
    overview,
    explore,
    search,
    entity,
    dossier,
    synergy,
    consortium,
    paths,
    questions,
    maps,
    account,
    console,
    exports,
    edit,
    audit,
    upload,
    plan,
    reports,
)
