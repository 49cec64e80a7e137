"""The page families of the web explorer, one blueprint each.

| Blueprint | Pages (each with a ``.json`` twin) |
|---|---|
| ``overview`` | ``/`` (twin ``/index.json``) |
| ``explore`` | ``/explore`` |
| ``search`` | ``/search.json`` (autocomplete; JSON only) |
| ``entity`` | ``/entity/<id>`` |
| ``synergy`` | ``/synergy``, plus ``/synergy.csv`` and ``/synergy.xlsx`` |
| ``paths`` | ``/path`` |
| ``maps`` | ``/map`` |
"""

from __future__ import annotations

from web.pages.entity import bp as entity
from web.pages.explore import bp as explore
from web.pages.maps import bp as maps
from web.pages.overview import bp as overview
from web.pages.paths import bp as paths
from web.pages.search import bp as search
from web.pages.synergy import bp as synergy

BLUEPRINTS = (overview, explore, search, entity, synergy, paths, maps)
