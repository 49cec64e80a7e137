"""A web editor in a process of its own, for tests/test_concurrent_writes.py.

Signs in through the login form of a real app (the settings come from the environment,
as for ``diplomap serve``) and edits Antalya's population ``--edits`` times through the
edit form, each time from the version the form showed. Prints one JSON line: the values
whose save was acknowledged (303), in order, and how many saves were refused as stale.
"""

from __future__ import annotations

import json
import os
import re
import sys
import time

from web import create_app

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
ANTALYA = "city-tr-antalya"


def main(edits: int, first_value: int) -> None:
    app = create_app({"TESTING": True, "DIPLOMAP_SECURE_COOKIES": False, "SECRET_KEY": "t"})
    client = app.test_client()
    token = CSRF.search(client.get("/login").get_data(as_text=True)).group(1)
    login = {"username": os.environ["EDITOR_NAME"], "password": os.environ["EDITOR_PASSWORD"]}
    assert client.post("/login", data={**login, "csrf_token": token}).status_code == 302
    acknowledged, stale = [], 0
    deadline = time.monotonic() + 120
    while client.get(f"/entity/{ANTALYA}/edit.json").status_code != 200:  # imported yet?
        if time.monotonic() > deadline:
            raise SystemExit("Antalya never appeared")
        time.sleep(0.05)
    for value in range(first_value, first_value + edits):
        for _attempt in range(20):
            form = client.get(f"/entity/{ANTALYA}/edit.json").get_json()
            page = client.get(f"/entity/{ANTALYA}/edit").get_data(as_text=True)
            values = {f["name"]: f["value"] for f in form["fields"]}
            values |= {
                "population": str(value),
                "action": "save",
                "version": form.get("version") or "",
            }
            values["csrf_token"] = CSRF.search(page).group(1)
            response = client.post(f"/entity/{ANTALYA}/edit", data=values)
            if response.status_code == 303:
                acknowledged.append(value)
                break
            if response.status_code != 409:
                problems = re.findall(
                    r'class="problem[^"]*"[^>]*>([^<]+)<', response.get_data(as_text=True)
                )
                raise SystemExit(f"edit answered {response.status_code}: {problems[:5]}")
            stale += 1
    app.extensions["diplomap"].close()
    print(json.dumps({"acknowledged": acknowledged, "stale": stale}))


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))
