"""The one strength rule for every new secret (vault passphrase and PDF password): refused
below the floor with the reason, asked about once when weak, fine otherwise."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from peerdesk.models.secret_strength import MIN_LENGTH, Verdict, strength

DICEWARE = "marmalade umbrella violin quartz ferry"


@pytest.mark.parametrize(
    ("secret", "verdict"),
    [
        ("x", Verdict.REFUSED),  # `peerdesk init` used to accept it
        ("7", Verdict.REFUSED),  # a one-character PDF password
        ("kitten4", Verdict.REFUSED),  # 7 characters: under the floor
        ("password", Verdict.REFUSED),
        ("qwertyuiop", Verdict.REFUSED),
        ("aaaaaaaaaaaa", Verdict.REFUSED),
        ("correct horse", Verdict.WEAK),  # labelled Weak, used to pass without a question
        ("kitten42", Verdict.WEAK),
        ("tea at four", Verdict.WEAK),
        ("Tr0ub4dor&3", Verdict.OK),
        ("tea at four pm", Verdict.OK),
        ("correct horse battery staple", Verdict.OK),
        (DICEWARE, Verdict.OK),
    ],
)
def test_classification(secret: str, verdict: Verdict) -> None:
    assert strength(secret).verdict is verdict


def test_the_label_and_the_rule_agree() -> None:
    assert strength("x").label == "Very weak"
    assert strength("correct horse").label == "Weak"
    assert strength(DICEWARE).label in ("Strong", "Very strong")


def test_refused_says_why_and_never_repeats_the_secret() -> None:
    short = strength("x")
    assert short.refusal() == (
        "This passphrase is too easy to guess: it is shorter than 8 characters."
    )
    assert short.refusal("password") == (
        "This password is too easy to guess: it is shorter than 8 characters."
    )
    assert strength("password").refusal() == (
        "This passphrase is too easy to guess: it is one of the most common passwords."
    )
    assert "pattern" in strength("abcdefghijkl").refusal()
    assert strength("").refusal() == "Type a passphrase."
    assert short.warning() == short.question() == ""


def test_weak_asks_the_one_question() -> None:
    weak = strength("correct horse")
    assert weak.refusal() == ""
    assert weak.question() == (
        "This passphrase is weak: someone who gets the file could guess it without much "
        "effort. Use it anyway?"
    )
    assert weak.question("password").startswith("This password is weak: ")
    for word in ("correct", "horse"):
        assert word not in weak.question() and word not in weak.advice


def test_good_has_no_reason_and_no_question() -> None:
    good = strength(DICEWARE)
    assert good.reason == good.refusal() == good.warning() == good.question() == ""
    assert good.meets_minimum and not good.can_override


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(blacklist_categories=()), max_size=MIN_LENGTH - 1))
def test_anything_under_the_floor_is_always_refused(secret: str) -> None:
    s = strength(secret)
    assert s.verdict is Verdict.REFUSED
    assert s.refusal("passphrase")
    assert not s.meets_minimum and not s.can_override


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(blacklist_categories=()), max_size=80))
def test_the_verdict_is_deterministic_and_consistent(secret: str) -> None:
    s = strength(secret)
    assert s == strength(secret)
    if s.verdict is Verdict.REFUSED:
        assert s.refusal() and not s.question()
    elif s.verdict is Verdict.WEAK:
        assert s.question().endswith("Use it anyway?") and s.reason and not s.refusal()
        assert s.score == 1 and s.length >= MIN_LENGTH
    else:
        assert s.score >= 2 and s.length >= MIN_LENGTH and not s.reason


def test_the_fixed_self_test_passphrase_passes_the_rule() -> None:
    """``peerdesk --self-test`` makes a throwaway vault with a fixed, public passphrase; it is
    held to the rule too (the demo vault's passphrase is the user's, asked like any other)."""
    from peerdesk.selftest import PASSPHRASE

    assert strength(PASSPHRASE).verdict is Verdict.OK
