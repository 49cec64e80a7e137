"""Analysis on the networkx projection: the tie index, centrality, communities, paths, dormant ties, peer networks."""
