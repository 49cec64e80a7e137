"""Saved Cypher queries and the Neo4j schema, shipped as package data (one .cypher file each)."""
