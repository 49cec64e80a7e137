"""User commands: ``diplomap user add|list|disable|enable|set-role|set-password``.

Accounts live in ``users.sqlite`` in DIPLOMAP_DATA_DIR (see :mod:`graph.accounts.users`).
The first admin is made here: ``diplomap user add ayse --role admin``.
"""

from __future__ import annotations

import json
import sys

import click
from rich.console import Console
from rich.table import Table

from graph.accounts.errors import UserError
from graph.accounts.passwords import check_password
from graph.accounts.permissions import ROLE_PERMISSIONS, check_role
from graph.accounts.users import UserStore


def _users(obj) -> UserStore:
    return UserStore.from_settings(obj.settings)


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        line = sys.stdin.readline()
        password = line[:-1] if line.endswith("\n") else line
        if not password:
            raise UserError(
                "no password on standard input",
                hint="pipe it in, e.g. `printf '%s\\n' \"$PASS\" | diplomap user add ...`",
            )
        return password.removesuffix("\r")
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)


def _password(from_stdin: bool, username: str) -> str:
    password = _read_password(from_stdin)
    check_password(password, username)
    return password


@click.group("user")
def user() -> None:
    """Manage staff accounts and their roles (viewer, editor, analyst, admin)."""


@user.command("add")
@click.argument("username")
@click.option(
    "--role", default="viewer", show_default=True, help="viewer, editor, analyst or admin."
)
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@click.pass_obj
def add_cmd(obj, username: str, role: str, password_stdin: bool) -> None:
    """Add an account; asks for the password twice unless --password-stdin."""
    users = _users(obj)
    check_role(role)  # before asking for a password
    if users.find(username) is not None:
        raise UserError(
            f"user {username!r} already exists",
            hint="`diplomap user set-role` or `set-password` changes it",
        )
    account = users.add(username, _password(password_stdin, username), role)
    click.echo(f"Added {account.username} ({account.role})")


@user.command("list")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@click.pass_obj
def list_cmd(obj, fmt: str) -> None:
    """List the accounts."""
    accounts = _users(obj).list()
    if fmt == "json":
        click.echo(json.dumps([u.to_dict() for u in accounts], ensure_ascii=False, indent=2))
        return
    table = Table(title="Diplomap users")
    for col in ("user", "role", "active", "last login", "may"):
        table.add_column(col)
    for u in accounts:
        table.add_row(
            u.username,
            u.role,
            "yes" if u.active else "no",
            u.last_login or "-",
            ", ".join(sorted(ROLE_PERMISSIONS[u.role])),
        )
    Console().print(table)


@user.command("disable")
@click.argument("username")
@click.pass_obj
def disable_cmd(obj, username: str) -> None:
    """Disable an account: no more logins, and its sessions end."""
    click.echo(f"Disabled {_users(obj).disable(username).username}")


@user.command("enable")
@click.argument("username")
@click.pass_obj
def enable_cmd(obj, username: str) -> None:
    """Enable a disabled account."""
    click.echo(f"Enabled {_users(obj).enable(username).username}")


@user.command("set-role")
@click.argument("username")
@click.argument("role")
@click.pass_obj
def set_role_cmd(obj, username: str, role: str) -> None:
    """Give an account another role."""
    account = _users(obj).set_role(username, role)
    click.echo(f"{account.username} is now {account.role}")


@user.command("set-password")
@click.argument("username")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@click.pass_obj
def set_password_cmd(obj, username: str, password_stdin: bool) -> None:
    """Set a new password (the user's sessions end)."""
    users = _users(obj)
    name = users.get(username).username
    users.set_password(name, _password(password_stdin, name))
    click.echo(f"Changed the password of {name}")


@user.command("sessions")
@click.argument("username")
@click.option("--end", is_flag=True, help="Sign the user out everywhere (end every session).")
@click.pass_obj
def sessions_cmd(obj, username: str, end: bool) -> None:
    """List a user's open sessions; with --end, sign them out everywhere."""
    store = _users(obj)
    name = store.get(username).username
    if end:
        click.echo(f"Signed {name} out everywhere ({store.sessions.end_all(name, 'cli')} ended)")
        return
    found = store.sessions.open_sessions(name)
    for s in found:
        click.echo(f"{s['created_at']}  last used {s['last_seen']}  {s['address']}  {s['agent']}")
    click.echo(f"{len(found)} open session(s)")


@user.command("two-step")
@click.argument("username")
@click.option("--off", is_flag=True, help="Turn two-step sign-in off for this user.")
@click.pass_obj
def two_step_cmd(obj, username: str, off: bool) -> None:
    """Turn two-step sign-in (an authenticator app's 6-digit code) on or off; on prints the
    otpauth:// address to add to the app (or to show as a QR code)."""
    store = _users(obj)
    uri = store.set_two_step(username, not off)
    name = store.get(username).username
    if uri is None:
        click.echo(f"Two-step sign-in is off for {name}")
    else:
        click.echo(f"Two-step sign-in is on for {name}; add this to the authenticator app:")
        click.echo(uri)


COMMANDS = [user]
