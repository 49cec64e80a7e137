"""The analysts' Cypher console: the saved query library, the read-only checks, and running a query."""
