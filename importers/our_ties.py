"""Sheets of *our* ties: the home city is implied, so staff need not write it on every row.

Staff keep lists of the department's own ties. Two sheet kinds take them as they are:

- ``our_memberships`` (``üyeliklerimiz``): the memberships sheet without the ``member``
  column: every row is a membership of the home city;
- ``our_sister_cities`` (``kardeş_şehirlerimiz``) and ``our_agreements``
  (``anlaşmalarımız``): the agreements sheet with a ``partner`` column (Turkish
  ``ortak``, ``şehir``, ``kardeş şehir``) instead of ``parties``: the home city and the
  partner are the parties; a sister-city sheet sets the type ``sister_city`` when none
  is written.

The home city is the one marked ``is_home``, already in the store or in the same import
(:func:`graph.home.find_home` decides when several are marked).

>>> OUR_SHEETS["uyeliklerimiz"], OUR_SHEETS["kardes_sehirlerimiz"]
('our_memberships', 'our_sister_cities')
"""

from __future__ import annotations

from graph.ids import fold
from importers.readers import Location, Table

OUR_SHEETS = {
    **{k: "our_memberships" for k in ("our_memberships", "uyeliklerimiz")},
    **{k: "our_sister_cities" for k in ("our_sister_cities", "kardes_sehirlerimiz")},
    **{k: "our_agreements" for k in ("our_agreements", "anlasmalarimiz")},
}
#: Headers of the partner column in our agreements sheets (folded).
PARTNER_HEADERS = ("partner", "ortak", "sehir", "kent", "kardes_sehir", "city")


def is_ours(table: Table) -> bool:
    """Whether ``table`` is one of our-ties sheets."""
    return table.kind in OUR_SHEETS


def imply_home(table: Table, home: str | None) -> list[tuple[Location, str]]:
    """Turn one of our-ties sheets into the sheet it stands for, with ``home`` filled in.

    Returns problems ``(location, message)``; none when every row could be completed.
    """
    kind = OUR_SHEETS[table.kind]
    if home is None:
        return [
            (
                Location(table.source),
                "this sheet lists our ties, but no city is marked as home: import the home "
                "city (is_home = true) first, or in the same file",
            )
        ]
    if kind == "our_memberships":
        table.kind = "memberships"
        _add_column(table, "member", lambda row: home)
        return []
    partner = next((k for k in table.headers if fold(k).replace(" ", "_") in PARTNER_HEADERS), None)
    if partner is None:
        return [
            (
                Location(table.source, table.header_line),
                "this sheet lists our agreements: add a column 'partner' (ortak) with the "
                "partner city of each row",
            )
        ]
    table.kind = "agreements"
    _add_column(table, "parties", lambda row: f"{home};{row.values.get(partner, '')}")
    for row in table.rows:
        row.columns["parties"] = table.headers[partner]
    table.headers.pop(partner)
    table.raw_headers.pop(partner, None)
    for row in table.rows:
        row.values.pop(partner, None)
    if kind == "our_sister_cities" and "type" not in table.headers:
        _add_column(table, "type", lambda row: "sister_city")
    return []


def _add_column(table: Table, name: str, value) -> None:  # noqa: ANN001 - a row -> text
    table.headers[name] = name
    table.raw_headers[name] = name
    for row in table.rows:
        row.values[name] = value(row)
        row.columns.setdefault(name, name)
