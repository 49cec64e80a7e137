"""The theme catalogue: a controlled vocabulary with Turkish and English names,
a hierarchy and links to the 17 UN Sustainable Development Goals.

The catalogue is data (``graph/reference/data/themes.csv``). Free text from staff files and
public sources ("renewable energy", "temiz enerji") is mapped onto it through
each theme's names and keywords, after Turkish-aware folding.

>>> cat = catalogue()
>>> cat.resolve("Temiz Enerji").id == cat.resolve("clean energy").id == "clean-energy"
True
>>> cat.resolve("theme-clean-energy").id
'clean-energy'
>>> cat.resolve("quantum basket weaving") is None
True
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from graph.ids import fold
from graph.model import Node, Relation

DATA = Path(__file__).parent / "data" / "themes.csv"

#: The 17 UN SDGs (short names), English and Turkish.
SDGS: dict[int, tuple[str, str]] = {
    1: ("No poverty", "Yoksulluğa son"),
    2: ("Zero hunger", "Açlığa son"),
    3: ("Good health and well-being", "Sağlıklı ve kaliteli yaşam"),
    4: ("Quality education", "Nitelikli eğitim"),
    5: ("Gender equality", "Toplumsal cinsiyet eşitliği"),
    6: ("Clean water and sanitation", "Temiz su ve sanitasyon"),
    7: ("Affordable and clean energy", "Erişilebilir ve temiz enerji"),
    8: ("Decent work and economic growth", "İnsana yakışır iş ve ekonomik büyüme"),
    9: ("Industry, innovation and infrastructure", "Sanayi, yenilikçilik ve altyapı"),
    10: ("Reduced inequalities", "Eşitsizliklerin azaltılması"),
    11: ("Sustainable cities and communities", "Sürdürülebilir şehirler ve topluluklar"),
    12: ("Responsible consumption and production", "Sorumlu üretim ve tüketim"),
    13: ("Climate action", "İklim eylemi"),
    14: ("Life below water", "Sudaki yaşam"),
    15: ("Life on land", "Karasal yaşam"),
    16: ("Peace, justice and strong institutions", "Barış, adalet ve güçlü kurumlar"),
    17: ("Partnerships for the goals", "Amaçlar için ortaklıklar"),
}


@dataclass(frozen=True)
class Theme:
    """A theme of the catalogue: id, English and Turkish names, parent, SDGs and matching keywords."""

    id: str
    name_en: str
    name_tr: str
    parent: str | None = None
    sdg: tuple[int, ...] = ()
    keywords: tuple[str, ...] = field(default=(), compare=False)

    @property
    def node_id(self) -> str:
        """The id of the theme's node in the graph (``theme-<id>``)."""
        return f"theme-{self.id}"

    def name(self, lang: str = "en") -> str:
        """The theme's name in ``lang`` (``en`` or ``tr``)."""
        return self.name_tr if lang == "tr" and self.name_tr else self.name_en


class Catalogue:
    """All themes, with lookup by id, name or keyword (folded)."""

    def __init__(self, themes: list[Theme]):
        self.themes = {t.id: t for t in themes}
        self._index: dict[str, str] = {}
        for t in themes:
            for text in (t.id, t.node_id, t.name_en, t.name_tr, *t.keywords):
                if text:
                    self._index.setdefault(fold(text), t.id)

    def __iter__(self):
        return iter(self.themes.values())

    def __len__(self) -> int:
        return len(self.themes)

    def get(self, theme_id: str) -> Theme | None:
        """The theme with id ``theme_id`` (with or without the ``theme-`` prefix), or None."""
        return self.themes.get(theme_id.removeprefix("theme-"))

    def resolve(self, text: str) -> Theme | None:
        """The theme that ``text`` names (id, English or Turkish name, keyword), or None."""
        found = self._index.get(fold(text))
        return self.themes[found] if found else None

    def ancestors(self, theme_id: str) -> list[str]:
        """The parents of ``theme_id``, nearest first."""
        out, cur = [], self.get(theme_id)
        while cur and cur.parent and cur.parent not in out:
            out.append(cur.parent)
            cur = self.themes.get(cur.parent)
        return out

    def labels(self) -> list[str]:
        """``"id – English / Türkçe"`` strings, for drop-down lists."""
        return [f"{t.id} – {t.name_en} / {t.name_tr}" for t in self]

    def graph_records(
        self, source: str = "Diplomap theme catalogue"
    ) -> tuple[list[Node], list[Relation]]:
        """Theme nodes and their PART_OF hierarchy, ready for a ChangeSet."""
        nodes = [
            Node(
                t.node_id,
                "Theme",
                {
                    "name": t.name_en,
                    "name_en": t.name_en,
                    "name_tr": t.name_tr,
                    "sdg": list(t.sdg),
                    "catalogue_id": t.id,
                    "source": source,
                },
            )
            for t in self
        ]
        rels = [
            Relation("PART_OF", t.node_id, f"theme-{t.parent}", {"source": source})
            for t in self
            if t.parent
        ]
        return nodes, rels


def _split(cell: str | None) -> tuple[str, ...]:
    return tuple(p.strip() for p in (cell or "").split(";") if p.strip())


def load_catalogue(path: Path = DATA) -> Catalogue:
    """The theme catalogue read from ``path`` (by default the shipped ``themes.csv``)."""
    themes = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            themes.append(
                Theme(
                    id=row["id"].strip(),
                    name_en=row["name_en"].strip(),
                    name_tr=row["name_tr"].strip(),
                    parent=(row.get("parent") or "").strip() or None,
                    sdg=tuple(int(s) for s in _split(row.get("sdg"))),
                    keywords=_split(row.get("keywords_en")) + _split(row.get("keywords_tr")),
                )
            )
    return Catalogue(themes)


@cache
def catalogue() -> Catalogue:
    """The catalogue shipped with Diplomap (loaded once)."""
    return load_catalogue()
