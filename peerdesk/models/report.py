"""Recipient profiles for the incident report (REPORTING.md, "The incident report").

A profile decides which sections and fields of the report go out to one kind of recipient:
the user's own copy, HR, a union representative, a lawyer or tribunal, or a custom choice.
Every report lists what its profile withheld (:func:`redactions`, the redaction log).

Pure standard library: profiles are plain data and can be saved in the vault settings
(:meth:`RecipientProfile.to_dict` / :meth:`RecipientProfile.from_dict`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from typing import Any

from peerdesk.i18n import N_, _

#: The optional sections of the report, in report order. The cover, how the record was kept,
#: the summary, the chronology, the incidents in full, the redaction log, the integrity
#: appendix and the statement of truth are always included.
OPTIONAL_SECTIONS: tuple[str, ...] = (
    "cast_list",
    "reports_made",
    "impact_summary",
    "exhibit_index",
    "evidence_not_held",
)
#: The optional sections as words inside a sentence (msgids marked with ``N_``; translate with
#: ``_()`` when shown).
SECTION_LABELS: dict[str, str] = {
    # translators: names of optional sections of the PDF incident report, inside a sentence
    "cast_list": N_("the cast list"),
    # translators: names of optional sections of the PDF incident report, inside a sentence
    "reports_made": N_("the list of reports made"),
    # translators: names of optional sections of the PDF incident report, inside a sentence
    "impact_summary": N_("the impact summary"),
    # translators: names of optional sections of the PDF incident report, inside a sentence
    "exhibit_index": N_("the exhibit index and the exhibits"),
    # translators: names of optional sections of the PDF incident report, inside a sentence
    "evidence_not_held": N_("the list of evidence known but not held"),
}
#: The optional sections as titles, for a check box (msgids; :func:`section_title`).
SECTION_TITLES: dict[str, str] = {
    # translators: names of optional sections of the PDF incident report, as check box labels
    "cast_list": N_("Cast list"),
    # translators: names of optional sections of the PDF incident report, as check box labels
    "reports_made": N_("List of reports made"),
    # translators: names of optional sections of the PDF incident report, as check box labels
    "impact_summary": N_("Impact summary"),
    # translators: names of optional sections of the PDF incident report, as check box labels
    "exhibit_index": N_("Exhibit index and the exhibits"),
    # translators: names of optional sections of the PDF incident report, as check box labels
    "evidence_not_held": N_("List of evidence known but not held"),
}
#: The redaction log's sentence for each optional section left out (msgids).
SECTION_LEFT_OUT: dict[str, str] = {
    # translators: a line of the redaction log of the PDF incident report
    "cast_list": N_("The cast list is left out."),
    # translators: a line of the redaction log of the PDF incident report
    "reports_made": N_("The list of reports made is left out."),
    # translators: a line of the redaction log of the PDF incident report
    "impact_summary": N_("The impact summary is left out."),
    # translators: a line of the redaction log of the PDF incident report
    "exhibit_index": N_("The exhibit index and the exhibits is left out."),
    # translators: a line of the redaction log of the PDF incident report
    "evidence_not_held": N_("The list of evidence known but not held is left out."),
}


def section_title(section: str) -> str:
    """An optional section's title ("Cast list") in the language in force."""
    title = SECTION_TITLES.get(section)
    return _(title) if title is not None else section


class ProfileError(ValueError):
    """A profile could not be read (the message is safe to show)."""


@dataclass(frozen=True, kw_only=True)
class RecipientProfile:
    """What one report leaves in and out."""

    name: str
    label: str
    sections: frozenset[str] = frozenset(OPTIONAL_SECTIONS)
    include_names: bool = True  # cast-list people by name; else by initials
    witnesses_as_initials: bool = False
    include_impact: bool = True  # per-incident impact (and the impact summary)
    include_private_reflection: bool = False
    include_exhibit_images: bool = True
    include_told: bool = True  # who I told afterwards
    include_severity_and_tags: bool = False  # the user's own ratings and tags
    reason: str = ""  # why this profile withholds what it does (for the redaction log)

    @property
    def display_label(self) -> str:
        """The label to show: a built-in profile's in the language in force (its ``label`` is
        an English msgid, also what is saved), a saved profile's as the user wrote it."""
        return _(self.label) if self._is_built_in() else self.label

    @property
    def display_reason(self) -> str:
        """The reason to show ("" when none): translated for a built-in profile."""
        return _(self.reason) if self.reason and self._is_built_in() else self.reason

    def _is_built_in(self) -> bool:
        built_in = BUILT_IN.get(self.name)
        return built_in is not None and built_in.label == self.label

    def __post_init__(self) -> None:
        unknown = set(self.sections) - set(OPTIONAL_SECTIONS)
        if unknown:
            raise ProfileError(
                # translators: {section} is the stored name of a report section (kept in English)
                _("Unknown report section: {section}.").format(section=sorted(unknown)[0])
            )
        if not self.name.strip():
            raise ProfileError(_("A profile needs a name."))

    def includes(self, section: str) -> bool:
        return section in self.sections

    def with_changes(self, **changes: Any) -> RecipientProfile:
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            data[f.name] = sorted(value) if f.name == "sections" else value
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RecipientProfile:
        if not isinstance(data, dict):
            raise ProfileError(_("A saved profile must be a mapping."))
        known = {f.name: f for f in fields(cls)}
        values: dict[str, Any] = {}
        for key, value in data.items():
            if key not in known:
                continue  # written by a newer version: ignore
            if key == "sections":
                if not isinstance(value, list | tuple) or not all(
                    isinstance(v, str) for v in value
                ):
                    raise ProfileError(_("A saved profile's sections must be a list of names."))
                values[key] = frozenset(value)
            elif key in ("name", "label", "reason"):
                if not isinstance(value, str):
                    # translators: {key} is the stored name of a setting (kept in English)
                    raise ProfileError(_("A saved profile's {key} must be text.").format(key=key))
                values[key] = value
            else:
                if not isinstance(value, bool):
                    raise ProfileError(
                        # translators: {key} is the stored name of a setting (kept in English)
                        _("A saved profile's {key} must be true or false.").format(key=key)
                    )
                values[key] = value
        if "name" not in values or "label" not in values:
            raise ProfileError(_("A saved profile needs a name and a label."))
        return cls(**values)


_ALL = frozenset(OPTIONAL_SECTIONS)

# The built-in profiles' labels and reasons are English msgids (``N_``): a saved profile keeps
# what it was given, and :attr:`RecipientProfile.display_label` / ``display_reason`` translate
# a built-in one when shown.

OWN_COPY = RecipientProfile(
    name="own",
    # translators: a recipient profile of the incident report
    label=N_("Own copy"),
    include_severity_and_tags=True,
    # translators: why a report profile leaves out what it does; it follows "Why: " (lower case)
    reason=N_("this is the user's own copy"),
)
HR = RecipientProfile(
    name="hr",
    # translators: the name of a field, in messages such as "{name} is required."
    label=N_("HR (informal first complaint)"),
    sections=_ALL - {"impact_summary"},
    witnesses_as_initials=True,
    include_impact=False,
    include_told=False,
    reason=N_(
        "a first, informal complaint to HR: witnesses are protected until they agree to "
        "be named, and health and home life are not needed at this stage"
    ),
)
UNION = RecipientProfile(
    name="union",
    # translators: the name of a field, in messages such as "{name} is required."
    label=N_("Union representative"),
    witnesses_as_initials=True,
    reason=N_(
        "the representative needs the whole account; witnesses are not named until they agree"
    ),
)
LAWYER = RecipientProfile(
    name="lawyer",
    # translators: the name of a field, in messages such as "{name} is required."
    label=N_("Lawyer or tribunal"),
    reason=N_("a lawyer or tribunal needs the complete record"),
)
CUSTOM = RecipientProfile(
    name="custom",
    # translators: a report profile whose choices the user makes
    label=N_("Custom"),
    reason=N_("chosen by the user for this report"),
)

BUILT_IN: dict[str, RecipientProfile] = {p.name: p for p in (OWN_COPY, HR, UNION, LAWYER, CUSTOM)}
ALIASES = {"own-copy": "own", "own_copy": "own", "tribunal": "lawyer"}


def profile_named(name: str) -> RecipientProfile:
    """A built-in profile by name (case-insensitive); raises :class:`ProfileError`."""
    key = name.strip().lower()
    key = ALIASES.get(key, key)
    try:
        return BUILT_IN[key]
    except KeyError:
        known = ", ".join(BUILT_IN)
        raise ProfileError(
            # translators: {names} lists the names of the report profiles (kept in English)
            _("Unknown report profile (use one of: {names}).").format(names=known)
        ) from None


def saved_profile_name(label: str) -> str:
    """The name a saved profile is known by (``--profile``): its label, lower case, with
    runs of anything but letters and digits as one hyphen. Raises :class:`ProfileError` when
    nothing is left or the name is a built-in one."""
    cleaned = " ".join(label.split())
    if not cleaned:
        raise ProfileError(_("Give the profile a name."))
    if len(cleaned) > 80:
        raise ProfileError(
            # translators: {count} is the most characters a profile's name may have (80)
            _("Keep the profile's name to {count} characters or fewer.").format(count=80)
        )
    parts: list[str] = []
    word = ""
    for ch in cleaned.casefold():
        if ch.isalnum():
            word += ch
        elif word:
            parts.append(word)
            word = ""
    if word:
        parts.append(word)
    name = "-".join(parts)
    if not name:
        raise ProfileError(_("A profile's name needs at least one letter or digit."))
    if name in BUILT_IN or name in ALIASES:
        raise ProfileError(_("That name belongs to a built-in profile; choose another."))
    return name


def find_profile(wanted: str, saved: Sequence[RecipientProfile] = ()) -> RecipientProfile:
    """A built-in profile, or a saved one by its name or label (case-insensitive)."""
    key = wanted.strip().casefold()
    for profile in saved:
        if key in (profile.name.casefold(), profile.label.strip().casefold()):
            return profile
    try:
        return profile_named(wanted)
    except ProfileError:
        if not saved:
            raise
        known = ", ".join([*BUILT_IN, *(p.name for p in saved)])
        raise ProfileError(
            # translators: {names} lists the names a report profile can be given by
            _("Unknown report profile (use one of: {names}).").format(names=known)
        ) from None


def redactions(profile: RecipientProfile) -> list[str]:
    """Plain sentences for the redaction log: what this profile leaves out, then why."""
    out: list[str] = []
    if not profile.include_private_reflection:
        out.append(
            _(
                "Private reflections are left out: they are the user's own notes and are "
                "never exported unless chosen."
            )
        )
    if not profile.include_names:
        out.append(_("People in the cast list are shown by initials, not by name."))
    if profile.witnesses_as_initials:
        out.append(_("Witnesses are shown by initials only."))
    if not profile.include_names or profile.witnesses_as_initials:
        out.append(
            _(
                "A shortened name is shortened wherever it appears in the text of this "
                "report, in full or in part: the given name or the surname alone, in any "
                "case, with or without accents, and with spaces, hyphens, apostrophes or "
                "invisible characters between its parts. A part of one or two letters, or a "
                "particle or title such as “van”, “de” or “Mrs”, is shortened only together "
                "with the rest of the name. An everyday word that is also part of a "
                "shortened name is shortened too. Only names in the cast list or the "
                "witness list can be found: a nickname or a spelling that is not in either "
                "is printed as written."
            )
        )
        if profile.include_exhibit_images and profile.includes("exhibit_index"):
            out.append(
                _(
                    "Names inside reproduced exhibit images (screenshots, photos) cannot "
                    "be found and are shown as they are."
                )
            )
    if not profile.include_impact:
        out.append(
            _(
                "The impact of each incident (emotional, physical, on work, at home, help "
                "sought) is left out."
            )
        )
    if not profile.include_told:
        out.append(_("Who the user told afterwards is left out."))
    if not profile.include_exhibit_images:
        out.append(_("Exhibit images are not reproduced; their fingerprints are listed."))
    if not profile.include_severity_and_tags:
        out.append(
            _(
                "The user's own severity ratings and tags are left out: they are "
                "personal working notes, not part of the account."
            )
        )
    for section in OPTIONAL_SECTIONS:
        if section not in profile.sections and not (
            section == "impact_summary" and not profile.include_impact
        ):
            out.append(_(SECTION_LEFT_OUT[section]))
    reason = profile.display_reason
    if out and reason:
        # translators: the last line of the redaction log; {reason} is why the report's profile
        # leaves out what it does, e.g. "A lawyer or tribunal needs the complete record"
        out.append(_("Why: {reason}.").format(reason=f"{reason[0].upper()}{reason[1:]}"))
    return out


__all__ = [
    "BUILT_IN",
    "CUSTOM",
    "HR",
    "LAWYER",
    "OPTIONAL_SECTIONS",
    "OWN_COPY",
    "SECTION_LABELS",
    "SECTION_LEFT_OUT",
    "SECTION_TITLES",
    "UNION",
    "ProfileError",
    "RecipientProfile",
    "find_profile",
    "profile_named",
    "redactions",
    "saved_profile_name",
    "section_title",
]
