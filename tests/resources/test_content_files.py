"""Checks on the built-in content shipped in resources/content/.

These tests read the real JSON files, so any broken entry, duplicate or
wording slip in the content makes them fail.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

Item = dict[str, Any]

CONTENT_DIR = Path(__file__).resolve().parents[2] / "resources" / "content"
STRATEGIES_PATH = CONTENT_DIR / "strategies.json"
RESOURCES_PATH = CONTENT_DIR / "support_resources.json"

CATEGORIES = {
    "calm_body",
    "steady_mind",
    "respond_moment",
    "document_report",
    "seek_support",
    "communicate_resolve",
    "recover_selfcare",
    "support_colleague",
}
MIN_STRATEGIES = 40
MIN_PER_CATEGORY = 5
MAX_SUMMARY = 120
MAX_STEP = 200
MIN_STEPS, MAX_STEPS = 3, 7

RESOURCE_KINDS = {"eap", "hr", "union", "gp", "helpline", "external"}
PLACEHOLDER_CONTACT = "Add the number or address from your intranet or contract"

SNAKE_CASE = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)*$")
COUNTRY = re.compile(r"^[A-Z]{2}$")

# Wording that must never appear in built-in text: promises of outcomes,
# clinical labels, pressure to confront, or blaming/dismissive phrases.
BANNED_PATTERNS = [
    r"\bcur(?:e|es|ed|ing)\b",
    r"guarantee",
    r"diagnos",
    r"\bdisorder\b",
    r"(?:must|should|need to|have to|has to) confront",
    r"\byou must\b",
    r"\byou should\b",
    r"\bwill (?:fix|solve|stop|end) (?:it|this|the)",
    r"\balways works\b",
    r"\b100 ?%",
    r"\bcalm down\b",
    r"\bovereact",
    r"\btoughen up\b",
    r"\bget over it\b",
    r"\bman up\b",
    r"\bjust ignore\b",
    r"\bgrow a thicker skin\b",
    r"\byour (?:own )?fault\b",
]

STRATEGY_FIELDS = {
    "key": str,
    "title": str,
    "summary": str,
    "category": str,
    "steps": list,
    "when_it_helps": str,
}
RESOURCE_FIELDS = ("key", "name", "kind", "contact", "notes", "country")


def _load(path: Path) -> Item:
    assert path.is_file(), f"missing content file: {path}"
    with path.open(encoding="utf-8") as fh:
        doc = json.load(fh)
    assert isinstance(doc, dict), f"{path.name} must hold a JSON object"
    return doc


@pytest.fixture(scope="module")
def strategies_doc() -> Item:
    return _load(STRATEGIES_PATH)


@pytest.fixture(scope="module")
def strategies(strategies_doc: Item) -> list[Item]:
    items = strategies_doc.get("strategies")
    assert isinstance(items, list), "'strategies' must be a list"
    assert all(isinstance(s, dict) for s in items), "every strategy must be an object"
    return items


@pytest.fixture(scope="module")
def resources_doc() -> Item:
    return _load(RESOURCES_PATH)


@pytest.fixture(scope="module")
def resources(resources_doc: Item) -> list[Item]:
    items = resources_doc.get("resources")
    assert isinstance(items, list), "'resources' must be a list"
    assert all(isinstance(r, dict) for r in items), "every resource must be an object"
    return items


def _label(item: Item) -> str:
    return str(item.get("key", "<no key>"))


# ---------------------------------------------------------------- strategies


def test_strategies_version(strategies_doc: Item) -> None:
    version = strategies_doc.get("version")
    assert isinstance(version, int) and not isinstance(version, bool) and version >= 1


def test_strategy_count(strategies: list[Item]) -> None:
    assert len(strategies) >= MIN_STRATEGIES


def test_strategy_required_fields(strategies: list[Item]) -> None:
    problems = []
    for s in strategies:
        for field, typ in STRATEGY_FIELDS.items():
            value = s.get(field)
            if not isinstance(value, typ):
                problems.append(f"{_label(s)}: {field} should be {typ.__name__}")
            elif isinstance(value, str) and not value.strip():
                problems.append(f"{_label(s)}: {field} is empty")
        if "minutes" not in s:
            problems.append(f"{_label(s)}: minutes missing (use null when untimed)")
        for i, step in enumerate(s.get("steps") or []):
            if not isinstance(step, str) or not step.strip():
                problems.append(f"{_label(s)}: step {i + 1} is empty or not text")
    assert not problems, "\n".join(problems)


def test_strategy_keys_unique(strategies: list[Item]) -> None:
    dupes = [k for k, n in Counter(s.get("key") for s in strategies).items() if n > 1]
    assert not dupes, f"duplicate keys: {dupes}"


def test_strategy_titles_unique(strategies: list[Item]) -> None:
    titles = Counter(str(s.get("title", "")).strip().casefold() for s in strategies)
    dupes = [t for t, n in titles.items() if n > 1]
    assert not dupes, f"duplicate titles: {dupes}"


def test_strategy_keys_snake_case(strategies: list[Item]) -> None:
    bad = [s.get("key") for s in strategies if not SNAKE_CASE.match(str(s.get("key", "")))]
    assert not bad, f"keys not snake_case: {bad}"


def test_strategy_categories_known(strategies: list[Item]) -> None:
    unknown = {s.get("category") for s in strategies} - CATEGORIES
    assert not unknown, f"unknown categories: {unknown}"


def test_every_category_has_enough(strategies: list[Item]) -> None:
    counts = Counter(s.get("category") for s in strategies)
    thin = {c: counts.get(c, 0) for c in CATEGORIES if counts.get(c, 0) < MIN_PER_CATEGORY}
    assert not thin, f"categories with fewer than {MIN_PER_CATEGORY}: {thin}"


def test_strategy_summary_length(strategies: list[Item]) -> None:
    long = [
        (_label(s), len(s["summary"]))
        for s in strategies
        if len(str(s.get("summary", ""))) > MAX_SUMMARY
    ]
    assert not long, f"summaries over {MAX_SUMMARY} chars: {long}"


def test_strategy_summary_one_line(strategies: list[Item]) -> None:
    bad = [_label(s) for s in strategies if "\n" in str(s.get("summary", ""))]
    assert not bad, f"multi-line summaries: {bad}"


def test_strategy_step_count(strategies: list[Item]) -> None:
    bad = [
        (_label(s), len(s.get("steps") or []))
        for s in strategies
        if not MIN_STEPS <= len(s.get("steps") or []) <= MAX_STEPS
    ]
    assert not bad, f"strategies without {MIN_STEPS}-{MAX_STEPS} steps: {bad}"


def test_strategy_step_length(strategies: list[Item]) -> None:
    long = [
        (_label(s), step)
        for s in strategies
        for step in s.get("steps") or []
        if len(str(step)) > MAX_STEP
    ]
    assert not long, f"steps over {MAX_STEP} chars: {long}"


def test_strategy_minutes(strategies: list[Item]) -> None:
    bad = []
    for s in strategies:
        m = s.get("minutes")
        if m is None:
            continue
        if isinstance(m, bool) or not isinstance(m, int) or m <= 0:
            bad.append((_label(s), m))
    assert not bad, f"minutes must be a positive integer or null: {bad}"


def test_some_strategies_are_timed(strategies: list[Item]) -> None:
    timed = [
        s
        for s in strategies
        if s.get("category") == "calm_body" and isinstance(s.get("minutes"), int)
    ]
    assert timed, "calm_body strategies need minutes for the timer"


def _strategy_texts(s: Item) -> list[str]:
    texts = [s.get("title", ""), s.get("summary", ""), s.get("when_it_helps", "")]
    texts.extend(s.get("steps") or [])
    return [str(t) for t in texts]


def test_strategy_banned_phrases(strategies: list[Item]) -> None:
    hits = []
    for s in strategies:
        for text in _strategy_texts(s):
            for pattern in BANNED_PATTERNS:
                if re.search(pattern, text, flags=re.IGNORECASE):
                    hits.append(f"{_label(s)}: /{pattern}/ in {text!r}")
    assert not hits, "\n".join(hits)


def test_strategies_point_to_urgent_help(strategies: list[Item]) -> None:
    all_text = " ".join(" ".join(_strategy_texts(s)) for s in strategies).lower()
    assert "emergency" in all_text, "no strategy points to emergency services"
    assert "crisis line" in all_text, "no strategy points to a crisis line"


# ---------------------------------------------------------------- resources


def test_resources_version(resources_doc: Item) -> None:
    version = resources_doc.get("version")
    assert isinstance(version, int) and not isinstance(version, bool) and version >= 1


def test_resource_count(resources: list[Item]) -> None:
    assert len(resources) >= 15


def test_resource_required_fields(resources: list[Item]) -> None:
    problems = []
    for r in resources:
        for field in RESOURCE_FIELDS:
            value = r.get(field)
            if not isinstance(value, str):
                problems.append(f"{_label(r)}: {field} should be text")
            elif field != "country" and not value.strip():
                problems.append(f"{_label(r)}: {field} is empty")
    assert not problems, "\n".join(problems)


def test_resource_keys_unique_and_snake_case(resources: list[Item]) -> None:
    keys = [r.get("key") for r in resources]
    dupes = [k for k, n in Counter(keys).items() if n > 1]
    assert not dupes, f"duplicate keys: {dupes}"
    bad = [k for k in keys if not SNAKE_CASE.match(str(k))]
    assert not bad, f"keys not snake_case: {bad}"


def test_resource_names_unique(resources: list[Item]) -> None:
    names = Counter(str(r.get("name", "")).strip().casefold() for r in resources)
    dupes = [n for n, c in names.items() if c > 1]
    assert not dupes, f"duplicate names: {dupes}"


def test_resource_kinds(resources: list[Item]) -> None:
    kinds = {r.get("kind") for r in resources}
    unknown = kinds - RESOURCE_KINDS
    assert not unknown, f"unknown kinds: {unknown}"
    missing = RESOURCE_KINDS - kinds
    assert not missing, f"kinds never used: {missing}"


def test_resource_country_codes(resources: list[Item]) -> None:
    bad = [
        (_label(r), r.get("country"))
        for r in resources
        if r.get("country") != "" and not COUNTRY.match(str(r.get("country")))
    ]
    assert not bad, f"country must be '' or two upper-case letters: {bad}"


def test_resources_include_crisis_helpline(resources: list[Item]) -> None:
    crisis = [
        r
        for r in resources
        if r.get("kind") == "helpline" and "crisis" in str(r.get("notes", "")).lower()
    ]
    assert crisis, "no helpline is marked as a crisis line in its notes"


def test_resources_include_placeholders(resources: list[Item]) -> None:
    placeholder_kinds = {
        r.get("kind")
        for r in resources
        if r.get("contact") == PLACEHOLDER_CONTACT and r.get("country") == ""
    }
    missing = {"eap", "hr", "union", "gp"} - placeholder_kinds
    assert not missing, f"no fill-in placeholder for: {missing}"


def test_real_resources_have_a_way_to_reach_them(resources: list[Item]) -> None:
    # Anything that is not a placeholder needs a number or a web address.
    bad = [
        _label(r)
        for r in resources
        if r.get("contact") != PLACEHOLDER_CONTACT
        and not re.search(r"\d{3}|\.[a-z]{2,}", str(r.get("contact", "")))
    ]
    assert not bad, f"resources without a phone number or address: {bad}"


def test_resource_banned_phrases(resources: list[Item]) -> None:
    hits = []
    for r in resources:
        for field in ("name", "notes"):
            text = str(r.get(field, ""))
            for pattern in BANNED_PATTERNS:
                if re.search(pattern, text, flags=re.IGNORECASE):
                    hits.append(f"{_label(r)}: /{pattern}/ in {text!r}")
    assert not hits, "\n".join(hits)
