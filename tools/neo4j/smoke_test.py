"""Smoke test for tools/neo4j/neo4j-local: run against a started server.

    eval "$(tools/neo4j/neo4j-local start)"
    NEO4J_URI=$NEO4J_URI .venv/bin/python tools/neo4j/smoke_test.py

Checks: driver auth (any credentials, and none) against a server with auth disabled, a write and a
read back, that the server refuses a write in READ access mode, that a per-query timeout is enforced
by the server, and that APOC procedures are present. Exits non-zero on the first failure.
"""

import os
import sys
import time

import neo4j
from neo4j import GraphDatabase, Query, RoutingControl
from neo4j.exceptions import ClientError


def check(name, ok, detail=""):
    print(f"{'ok  ' if ok else 'FAIL'} {name}{': ' + detail if detail else ''}")
    if not ok:
        sys.exit(1)


def main():
    uri = os.environ.get("NEO4J_URI") or (sys.argv[1] if len(sys.argv) > 1 else "")
    if not uri:
        sys.exit('set NEO4J_URI (eval "$(tools/neo4j/neo4j-local start)")')
    print(f"driver {neo4j.__version__}, {uri}")

    for auth in (("neo4j", "anything"), None):
        with GraphDatabase.driver(uri, auth=auth) as d:
            d.verify_connectivity()
            rec, _, _ = d.execute_query("RETURN 1 AS one")
            check(f"connect with auth={auth!r}", rec[0]["one"] == 1)

    with GraphDatabase.driver(uri, auth=("neo4j", "anything")) as d:
        comps, _, _ = d.execute_query(
            "CALL dbms.components() YIELD name, versions, edition RETURN *"
        )
        print("     server:", [(c["name"], c["versions"], c["edition"]) for c in comps])

        with d.session() as s:
            n = s.run("CREATE (n:T {x:1}) RETURN n").single()["n"]
            check("CREATE (n:T {x:1}) RETURN n", n["x"] == 1 and "T" in n.labels)
            c = s.run("MATCH (n:T {x:1}) RETURN count(n) AS c").single()["c"]
            check("MATCH it back", c >= 1, f"{c} node(s)")

        with d.session(default_access_mode=neo4j.READ_ACCESS) as s:
            try:
                s.run("CREATE (n:T {x:2})").consume()
                check("write refused in READ_ACCESS session", False, "write was accepted")
            except ClientError as e:
                check("write refused in READ_ACCESS session", True, e.code)
        try:
            d.execute_query("CREATE (n:T {x:3})", routing_=RoutingControl.READ)
            check("write refused by execute_query(routing_=READ)", False, "write was accepted")
        except ClientError as e:
            check("write refused by execute_query(routing_=READ)", True, e.code)
        c, _, _ = d.execute_query("MATCH (n:T) WHERE n.x IN [2, 3] RETURN count(n) AS c")
        check("no node written by the refused queries", c[0]["c"] == 0)

        with d.session() as s:
            t = time.monotonic()
            q = Query(
                "UNWIND range(1,100000000) AS x WITH x WHERE x % 2 = 0 RETURN count(*)", timeout=1.0
            )
            try:
                s.run(q).consume()
                check(
                    "server-side timeout=1.0",
                    False,
                    f"query finished after {time.monotonic() - t:.1f}s",
                )
            except ClientError as e:
                dt = time.monotonic() - t
                check(
                    "server-side timeout=1.0",
                    "TimedOut" in (e.code or "") and dt < 10,
                    f"{e.code} after {dt:.2f}s",
                )

        with d.session() as s:
            try:
                names = [
                    r["name"] for r in s.run("CALL apoc.help('create') YIELD name RETURN name")
                ]
                check(
                    "CALL apoc.help('create')", "apoc.create.node" in names, f"{len(names)} entries"
                )
                v = s.run("RETURN apoc.version() AS v").single()["v"]
                procs = {r["name"] for r in s.run("SHOW PROCEDURES YIELD name")}
                check(
                    "apoc.create.node and apoc.load.json exist",
                    {"apoc.create.node", "apoc.load.json"} <= procs,
                    f"APOC {v}",
                )
            except ClientError as e:
                print(f"info APOC not available: {e.code}")

        d.execute_query("MATCH (n:T) DETACH DELETE n")
    print("all checks passed")


if __name__ == "__main__":
    main()
