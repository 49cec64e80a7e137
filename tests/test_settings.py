"""The settings table in graph/settings.py and the README's table agree."""

from __future__ import annotations

import re

import pytest

from graph import settings as settings_mod
from graph.errors import SettingError
from tests.conftest import ROOT


def readme_settings() -> dict[str, str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Settings", 1)[1].split("\n## ", 1)[0]
    return {
        m.group(1): m.group(2).strip()
        for m in re.finditer(r"^\| `([A-Z0-9_]+)` \|[^|]*\| (.+) \|$", section, re.M)
    }


def test_readme_documents_every_setting_and_nothing_else():
    assert set(readme_settings()) == {s.name for s in settings_mod.SETTINGS}


def test_readme_help_matches_the_settings_table():
    documented = readme_settings()
    for s in settings_mod.SETTINGS:
        assert documented[s.name] == s.help, s.name


def test_environment_overrides_defaults_with_types():
    values = settings_mod.load({"DIPLOMAP_ROW_CAP": "50", "DIPLOMAP_QUERY_TIMEOUT": "2.5"})
    assert values["DIPLOMAP_ROW_CAP"] == 50 and values["DIPLOMAP_QUERY_TIMEOUT"] == 2.5


@pytest.mark.parametrize(
    "env",
    [{"DIPLOMAP_ROW_CAP": "many"}, {"DIPLOMAP_BACKEND": "oracle"}],
    ids=["bad-int", "bad-backend"],
)
def test_bad_setting_is_a_clear_error(env):
    with pytest.raises(SettingError) as exc:
        settings_mod.load(env)
    assert list(env)[0] in str(exc.value)
