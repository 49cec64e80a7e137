"""The public twinning data sets as graphs for :func:`graph.synergy.evaluate.evaluate`.

Reading the files is the importers' job; the evaluation itself only sees a graph.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import networkx as nx

from graph.synergy.evaluate import PAIR_DATASETS, Evaluation, evaluate


def dataset_graph(
    name: str, settings: Mapping[str, Any], *, with_etmun: bool = True
) -> nx.MultiDiGraph:
    """Data set ``name`` (twin-towns or wikidata), and ETMUN memberships, as a Diplomap graph."""
    from graph.convert import to_networkx
    from importers.datasets import dataset_changeset, dataset_path

    if name not in PAIR_DATASETS:
        from graph.errors import EntityNotFound

        raise EntityNotFound(
            f"no data set of twinning ties named {name!r}", hint=f"use {' or '.join(PAIR_DATASETS)}"
        )
    changes, _ = dataset_changeset(name, dataset_path(name, settings))
    nodes, relations = list(changes.nodes), list(changes.relations)
    if with_etmun:
        more, _ = dataset_changeset("etmun", dataset_path("etmun", settings))
        nodes += more.nodes
        relations += more.relations
    return to_networkx(nodes, relations)


def evaluate_dataset(
    name: str, settings: Mapping[str, Any], *, with_etmun: bool = True, **kwargs: Any
) -> Evaluation:
    """:func:`evaluate` on a public data set read from ``DIPLOMAP_DATASETS_DIR``."""
    G = dataset_graph(name, settings, with_etmun=with_etmun)
    return evaluate(G, dataset=name, with_etmun=with_etmun, **kwargs)
