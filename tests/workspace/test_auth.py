"""Accounts: Argon2id hashes, the password never on the command line, the sign-in brake."""

from __future__ import annotations

import logging
from typing import List

import pytest

from bot.secretariat.workspace import accounts
from bot.secretariat.workspace.auth import MAX_FAILURES, Accounts
from bot.secretariat.workspace.settings import Settings
from bot.secretariat.workspace.store import Store
from tests.workspace.conftest import PASSWORD, USER


def test_passwords_are_stored_only_as_argon2id_hashes(settings: Settings) -> None:
    stored = Store(settings.database).user_hash(USER)
    assert stored is not None and stored.startswith("$argon2id$")
    assert PASSWORD not in stored
    assert PASSWORD.encode() not in settings.database.read_bytes()


@pytest.mark.parametrize("password", ["", "kort", "x" * 11, "x" * 1025])
def test_a_short_or_huge_password_is_refused(settings: Settings, password: str) -> None:
    with pytest.raises(ValueError):
        Accounts(Store(settings.database)).add("nils", password)


def test_right_and_wrong_passwords_and_unknown_accounts(settings: Settings) -> None:
    brake = Accounts(Store(settings.database), fail_delay_s=0)
    assert brake.verify(USER, PASSWORD, "10.0.0.1")
    assert not brake.verify(USER, PASSWORD + "x", "10.0.0.1")
    assert not brake.verify("nobody", PASSWORD, "10.0.0.1")
    assert not brake.verify(USER, "", "10.0.0.1")


def test_after_repeated_failures_even_the_right_password_waits_and_each_is_logged(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    brake = Accounts(Store(settings.database), fail_delay_s=0.5)
    with caplog.at_level(logging.WARNING, logger="bot.secretariat.workspace.auth"):
        for n in range(MAX_FAILURES):
            assert not brake.blocked(USER, "10.0.0.2")
            brake.verify(USER, f"wrong {n}", "10.0.0.2")
    assert brake.blocked(USER, "10.0.0.2")  # the account, from any address
    assert brake.blocked("someone", "10.0.0.2")  # and the address, for any account
    assert not brake.blocked("someone", "10.0.0.3")
    assert (
        len([r for r in caplog.records if "sign-in failed" in r.getMessage()])
        == MAX_FAILURES
    )
    assert brake.failure_delay(USER, "10.0.0.2") == 0.5 * 2 ** (MAX_FAILURES - 1)


def test_admin_user_asks_the_password_twice_and_stores_a_hash(
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("WORKSPACE_DIR", str(settings.var_dir))
    asked: List[str] = []

    answers = iter(["ett långt lösenord", "ett långt lösenord"])

    def ask(prompt: str) -> str:
        asked.append(prompt)
        return next(answers)

    assert accounts.main(["add", "Karin"], ask=ask) == 0
    assert len(asked) == 2
    store = Store(settings.database)
    assert (store.user_hash("karin") or "").startswith("$argon2id$")
    assert Accounts(store).verify("karin", "ett långt lösenord", "127.0.0.1")


@pytest.mark.parametrize(
    "name, answers, code",
    [
        ("karin", ("ett långt lösenord", "ett annat lösenord"), 1),
        ("karin", ("kort", "kort"), 1),
        ("<script>", ("ett långt lösenord", "ett långt lösenord"), 2),
    ],
)
def test_admin_user_refuses_mismatch_short_password_and_odd_names(
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    answers: tuple,
    code: int,
) -> None:
    monkeypatch.setenv("WORKSPACE_DIR", str(settings.var_dir))
    given = iter(answers)
    assert accounts.main(["add", name], ask=lambda _prompt: next(given)) == code
    assert Store(settings.database).user_hash(name.lower()) is None


def test_the_password_cannot_be_given_on_the_command_line(settings: Settings) -> None:
    with pytest.raises(SystemExit):
        accounts.main(["add", "karin", "ett långt lösenord"], ask=lambda _p: "")
