"""The internationalisation action plan as data: stages, committees, activities, indicators.

The model lives in :mod:`graph.model` (labels ``Plan``, ``Stage``, ``Committee``,
``Activity``, ``Indicator``, ``Measurement``); this package reads plans from the networkx
projection: :mod:`graph.plan.view` (the overview), :mod:`graph.plan.activities`,
:mod:`graph.plan.progress` (indicators per year) and :mod:`graph.plan.indicators`
(computed indicators as named queries, with their Cypher twins).
"""
