"""Accounts, roles, password hashes, login throttling, and the `diplomap user` commands."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from cli.main import cli
from graph.accounts import passwords as passwords_mod
from graph.accounts.errors import LoginFailed, LoginThrottled, UserError
from graph.accounts.passwords import hash_password, verify_password
from graph.accounts.permissions import PERMISSIONS, ROLE_PERMISSIONS, ROLES, can
from graph.accounts.throttle import LoginThrottle
from graph.accounts.user import User
from graph.accounts.users import UserStore

PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def cheap_hashes(monkeypatch):
    """Hash with N=2**10 in this module, for speed; ``real_scrypt`` restores the real cost."""
    monkeypatch.setattr(passwords_mod, "SCRYPT_N", 2**10)


@pytest.fixture
def real_scrypt(monkeypatch):
    monkeypatch.setattr(passwords_mod, "SCRYPT_N", 2**15)


@pytest.fixture
def users(tmp_path) -> UserStore:
    return UserStore(tmp_path / "users.sqlite")


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


# -- passwords ---------------------------------------------------------------------------------
def test_hash_records_scrypt_method_parameters_and_salt(real_scrypt):
    stored = hash_password(PASSWORD)
    assert re.fullmatch(r"scrypt:32768:8:1\$[A-Za-z0-9]{16}\$[0-9a-f]{128}", stored)
    assert hash_password(PASSWORD) != stored  # salted
    assert verify_password(stored, PASSWORD) and not verify_password(stored, PASSWORD + "!")


def test_hash_is_readable_by_werkzeug():
    from werkzeug.security import check_password_hash

    assert check_password_hash(hash_password(PASSWORD), PASSWORD)


def test_unknown_hash_format_never_verifies():
    assert not verify_password("md5$abc$def", PASSWORD)
    assert not verify_password("garbage", PASSWORD)


def test_short_password_is_refused_with_its_length(users):
    with pytest.raises(UserError, match=r"at least 10 characters \(it has 5\)"):
        users.add("ayse", "short", "editor")
    assert users.count() == 0


def test_password_equal_to_username_is_refused(users):
    with pytest.raises(UserError, match="must not be the user name"):
        users.add("mehmetcan1", "MEHMETCAN1", "viewer")


# -- accounts ----------------------------------------------------------------------------------
def test_verify_returns_the_user_for_the_right_password_only(users):
    users.add("ayse", PASSWORD, "editor")
    user = users.verify("ayse", PASSWORD)
    assert user is not None and user.role == "editor" and user.is_active
    assert users.verify("ayse", "wrong password here") is None
    assert users.verify("nobody", PASSWORD) is None


def test_disabled_user_cannot_log_in_and_loses_the_session(users):
    token = users.start_session(users.add("ayse", PASSWORD, "editor")).get_id()
    assert users.by_session(token).username == "ayse"
    users.disable("ayse")
    assert users.verify("ayse", PASSWORD) is None
    assert users.by_session(token) is None
    with pytest.raises(LoginFailed, match="wrong user name or password"):
        users.login("ayse", PASSWORD, ip="10.0.0.1")
    users.enable("ayse")
    assert users.login("ayse", PASSWORD, ip="10.0.0.1").last_login


def test_new_password_ends_other_sessions(users):
    token = users.start_session(users.add("ayse", PASSWORD, "editor")).get_id()
    users.set_password("ayse", "another long passphrase")
    assert users.by_session(token) is None
    assert users.verify("ayse", "another long passphrase") is not None


def test_sessions_end_by_sign_out_role_change_and_lifetimes(tmp_path):
    clock = [1000.0]
    users = UserStore(tmp_path / "users.sqlite", idle=600, absolute=3600)
    users.sessions.clock = lambda: clock[0]
    ayse = users.add("ayse", PASSWORD, "editor")
    laptop = users.start_session(ayse, address="10.0.0.1", agent="Chromium").get_id()
    phone = users.start_session(users.get("ayse"), address="10.0.0.2").get_id()
    assert {s["address"] for s in users.sessions.open_sessions("ayse")} == {"10.0.0.1", "10.0.0.2"}
    users.sessions.end(laptop, "signed out")
    assert users.by_session(laptop) is None and users.by_session(phone).username == "ayse"
    users.set_role("ayse", "viewer")  # a role change ends every session
    assert users.by_session(phone) is None
    idle = users.start_session(users.get("ayse")).get_id()
    clock[0] += 601
    assert users.by_session(idle) is None  # unused for longer than the idle lifetime
    busy = users.start_session(users.get("ayse")).get_id()
    for _ in range(7):  # used every 500 s: never idle, 3,500 s old
        clock[0] += 500
        assert users.by_session(busy) is not None
    clock[0] += 200
    assert users.by_session(busy) is None  # older than the absolute lifetime (3,600 s)
    assert users.sessions.open_sessions("ayse") == []


def test_set_role_changes_what_the_user_may_do(users):
    users.add("ayse", PASSWORD, "viewer")
    assert not users.get("ayse").can("edit")
    users.set_role("ayse", "editor")
    assert users.get("ayse").can("edit") and not users.get("ayse").can("console")
    with pytest.raises(UserError, match="unknown role 'boss'"):
        users.set_role("ayse", "boss")


def test_duplicate_username_is_refused(users):
    users.add("ayse", PASSWORD)
    with pytest.raises(UserError, match="already exists"):
        users.add("AYSE", PASSWORD)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("İLKNUR", "ilknur"),
        ("IŞIK", "ışık"),
        ("Işık", "ışık"),
        ("  Ömer.Çelik ", "ömer.çelik"),
    ],
    ids=["dotted-capital-I", "dotless-capital-I", "mixed-case", "trimmed"],
)
def test_usernames_are_lowered_by_turkish_rules(users, typed, stored):
    assert users.add(typed, PASSWORD).username == stored
    assert users.verify(typed, PASSWORD).username == stored


def test_dotless_and_dotted_i_are_different_users(users):
    users.add("IŞIK", PASSWORD)
    assert users.verify("ışık", PASSWORD) is not None
    assert users.verify("isik", PASSWORD) is None
    users.add("İLKNUR", PASSWORD)
    assert users.verify("ilknur", PASSWORD) is not None
    assert users.verify("ILKNUR", PASSWORD) is None  # by Turkish rules, I lowers to ı


@pytest.mark.parametrize(
    "bad",
    ["a", "has space", "-dash-first", "x" * 65, "semi;colon"],
    ids=["too-short", "space", "leading-dash", "too-long", "semicolon"],
)
def test_invalid_usernames_are_refused(users, bad):
    with pytest.raises(UserError, match="not a valid user name"):
        users.add(bad, PASSWORD)


def test_last_active_admin_cannot_be_disabled_or_demoted(users):
    users.add("root", PASSWORD, "admin")
    with pytest.raises(UserError, match="last active admin"):
        users.disable("root")
    with pytest.raises(UserError, match="last active admin"):
        users.set_role("root", "editor")
    users.add("deniz", PASSWORD, "admin")
    users.disable("root")
    assert not users.get("root").active


def test_old_hash_parameters_are_upgraded_at_login(users, monkeypatch):
    users.add("ayse", PASSWORD)  # hashed with N=2**10 (cheap_hashes)
    monkeypatch.setattr(passwords_mod, "SCRYPT_N", 2**15)
    users.verify("ayse", PASSWORD)
    with users.db.connect() as con:
        stored = con.execute("SELECT password FROM users WHERE username = 'ayse'").fetchone()[0]
    assert stored.startswith("scrypt:32768:8:1$")


# -- roles -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("role", "allowed", "refused"),
    [
        ("viewer", {"read", "export"}, {"edit", "import", "console", "audit", "manage_users"}),
        (
            "editor",
            {"read", "edit", "import", "audit", "undo_own"},
            {"console", "undo_any", "manage_users"},
        ),
        ("analyst", {"read", "console", "audit"}, {"edit", "import", "undo_own", "manage_users"}),
        ("admin", set(PERMISSIONS), set()),
    ],
    ids=ROLES,
)
def test_roles_grant_explicit_permissions(role, allowed, refused):
    user = User("someone", role)
    assert all(can(user, p) for p in allowed)
    assert not any(can(user, p) for p in refused)
    assert ROLE_PERMISSIONS[role] >= allowed


def test_nobody_and_disabled_users_may_do_nothing():
    assert not can(None, "read")
    assert not can(User("x", "admin", active=False), "read")
    with pytest.raises(ValueError, match="unknown permission"):
        can(User("x", "admin"), "fly")


# -- throttling --------------------------------------------------------------------------------
def test_throttle_blocks_after_five_failures_until_the_window_passes(tmp_path):
    clock = Clock()
    throttle = LoginThrottle(tmp_path / "users.sqlite", clock=clock)
    key = LoginThrottle.key("Ayşe", "10.0.0.1")
    for _ in range(4):
        throttle.record_failure(key)
    throttle.check(key)
    throttle.record_failure(key)
    with pytest.raises(LoginThrottled) as exc:
        throttle.check(key)
    assert exc.value.retry_after == 900 and exc.value.status == 429
    assert throttle.retry_after(LoginThrottle.key("ayşe", "10.0.0.2")) == 0  # another address
    clock.now += 901
    assert throttle.retry_after(key) == 0


def test_throttle_reset_clears_the_failures(tmp_path):
    throttle = LoginThrottle(tmp_path / "users.sqlite")
    key = LoginThrottle.key("ayse", "10.0.0.1")
    for _ in range(5):
        throttle.record_failure(key)
    assert throttle.retry_after(key) > 0
    throttle.reset(key)
    assert throttle.retry_after(key) == 0


def test_login_is_throttled_even_with_the_right_password_and_shared_by_workers(tmp_path):
    path = tmp_path / "users.sqlite"
    worker_a, worker_b = UserStore(path), UserStore(path)
    worker_a.add("ayse", PASSWORD, "editor")
    for _ in range(5):
        with pytest.raises(LoginFailed):
            worker_a.login("AYSE", "not the password", ip="10.0.0.1")
    with pytest.raises(LoginThrottled):
        worker_b.login("ayse", PASSWORD, ip="10.0.0.1")
    assert worker_b.login("ayse", PASSWORD, ip="10.0.0.9").username == "ayse"


def test_successful_login_resets_the_count(users):
    users.add("ayse", PASSWORD)
    for _ in range(4):
        with pytest.raises(LoginFailed):
            users.login("ayse", "not the password", ip="1.2.3.4")
    users.login("ayse", PASSWORD, ip="1.2.3.4")
    for _ in range(4):
        with pytest.raises(LoginFailed):
            users.login("ayse", "not the password", ip="1.2.3.4")
    assert users.login("ayse", PASSWORD, ip="1.2.3.4")


# -- CLI ---------------------------------------------------------------------------------------
@pytest.fixture
def run(tmp_path):
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None):
        return runner.invoke(
            cli,
            ["user", *args],
            input=input,
            env={"DIPLOMAP_DATA_DIR": str(tmp_path / "data"), "DIPLOMAP_BACKEND": "embedded"},
        )

    return invoke


def listed(run) -> dict[str, dict]:
    result = run("list", "--format", "json")
    assert result.exit_code == 0, result.output
    return {u["username"]: u for u in json.loads(result.output)}


def test_cli_adds_a_user_with_password_from_stdin_and_lists_json(run):
    result = run("add", "Ayşe", "--role", "editor", "--password-stdin", input=PASSWORD + "\n")
    assert result.exit_code == 0, result.output
    assert "Added ayşe (editor)" in result.output
    user = listed(run)["ayşe"]
    assert user["role"] == "editor" and user["active"] and "edit" in user["permissions"]
    assert "password" not in user and "session_token" not in user


def test_cli_prompts_twice_for_the_password(run, tmp_path):
    result = run("add", "deniz", "--role", "analyst", input=f"{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert UserStore(tmp_path / "data" / "users.sqlite").verify("deniz", PASSWORD).role == "analyst"


def test_cli_disables_enables_and_sets_role(run):
    run("add", "ayse", "--password-stdin", input=PASSWORD)
    assert run("disable", "ayse").exit_code == 0
    assert listed(run)["ayse"]["active"] is False
    assert run("enable", "ayse").exit_code == 0
    result = run("set-role", "ayse", "analyst")
    assert result.exit_code == 0 and "ayse is now analyst" in result.output
    assert listed(run)["ayse"]["role"] == "analyst"
    assert "analyst" in run("list").output


@pytest.mark.parametrize(
    "args",
    [("add", "ayse", "--role", "boss", "--password-stdin"), ("set-role", "ayse", "boss")],
    ids=["add", "set-role"],
)
def test_cli_bad_role_exits_1_with_the_roles(run, args):
    run("add", "ayse", "--password-stdin", input=PASSWORD)
    result = run(*args, input=PASSWORD)
    assert result.exit_code == 1
    assert (
        "unknown role 'boss'" in result.output and "viewer, editor, analyst, admin" in result.output
    )
    assert "Traceback" not in result.output


def test_cli_short_password_exits_1_and_adds_nobody(run):
    result = run("add", "ayse", "--password-stdin", input="short\n")
    assert result.exit_code == 1 and "at least 10 characters" in result.output
    assert listed(run) == {}


def test_cli_unknown_user_exits_1(run):
    result = run("disable", "nobody")
    assert result.exit_code == 1 and "no user 'nobody'" in result.output


def test_cli_lists_and_ends_a_users_sessions(tmp_path):
    data = tmp_path / "data"
    users = UserStore(data / "users.sqlite")
    users.start_session(users.add("ayse", PASSWORD, "editor"), address="10.0.0.9")
    runner = CliRunner()
    listed = runner.invoke(cli, ["--data-dir", str(data), "user", "sessions", "AYSE"])
    assert (
        listed.exit_code == 0 and "10.0.0.9" in listed.output and "1 open session" in listed.output
    )
    ended = runner.invoke(cli, ["--data-dir", str(data), "user", "sessions", "ayse", "--end"])
    assert ended.exit_code == 0 and "(1 ended)" in ended.output
    assert users.sessions.open_sessions("ayse") == []


@pytest.mark.parametrize(
    "password", ["aaaaaaaaaaaa", "password123", "qwertyuiop", "1234567890", "ayse-ayse-ayse"]
)
def test_common_and_patterned_passwords_are_refused(users, password):
    with pytest.raises(UserError, match="too easy to guess"):
        users.add("ayse", password, "viewer")


def test_one_address_cannot_try_a_password_on_every_account(tmp_path):
    users = UserStore(tmp_path / "users.sqlite")
    names = [f"user{i}" for i in range(25)]
    for name in names:
        users.add(name, PASSWORD, "viewer")
    refused = None
    for name in names:  # one wrong password per account, all from one address
        try:
            users.login(name, "Summer2024!", ip="203.0.113.7")
        except LoginThrottled as exc:
            refused = (name, exc)
            break
        except LoginFailed:
            pass
    assert refused is not None and refused[0] == "user20"  # 20 failures per address
    with pytest.raises(LoginThrottled):  # even with the right password, from that address
        users.login("user21", PASSWORD, ip="203.0.113.7")
    assert users.login("user21", PASSWORD, ip="198.51.100.1").username == "user21"


def test_two_step_sign_in_asks_for_the_current_code(users):
    import pyotp

    users.add("admin1", PASSWORD, "admin")
    uri = users.set_two_step("admin1", True)
    secret = pyotp.parse_uri(uri).secret
    with pytest.raises(LoginFailed, match="two-step code"):
        users.login("admin1", PASSWORD, ip="10.0.0.1")
    with pytest.raises(LoginFailed, match="two-step code"):
        users.login("admin1", PASSWORD, ip="10.0.0.1", code="123456")
    assert users.login("admin1", PASSWORD, ip="10.0.0.1", code=pyotp.TOTP(secret).now())
    users.set_two_step("admin1", False)
    assert users.login("admin1", PASSWORD, ip="10.0.0.1")
