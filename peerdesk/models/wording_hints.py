"""The warm suggestions the wording check shows beside a flagged phrase
(:mod:`peerdesk.models.wording`). Msgids marked with ``N_``: the check translates the one it
shows, in the language in force. The phrases it looks for are in :mod:`.wording_terms`."""

from __future__ import annotations

from peerdesk.i18n import N_

# -- suggestions ---------------------------------------------------------------------------------

# translators: advice shown beside a word a peer supporter wrote in a note about a colleague;
# keep the warm, plain register
FEELING_LOW = N_(
    "Describe what you noticed or what they said, e.g. 'said they have been feeling low "
    "for a few weeks'. A diagnosis is theirs and their doctor's to name."
)
# translators: advice shown beside a word a peer supporter wrote in a note about a colleague;
# keep the warm, plain register
CLINICAL = N_(
    "A clinical label is for a doctor to give. Note what they told you in their own words, "
    "e.g. 'said they find it hard to switch off after work', and any support you signposted."
)
# translators: advice shown beside a word a peer supporter wrote in a note about a colleague;
# keep the warm, plain register
ANXIETY = N_(
    "Note what they described, e.g. 'said they feel on edge before team meetings', rather "
    "than a diagnosis."
)
# translators: advice shown beside a word a peer supporter wrote in a note about a colleague;
# keep the warm, plain register
TRAUMA = N_(
    "Write what they shared about how it affects them, e.g. 'said they keep thinking about "
    "the meeting', rather than a diagnosis."
)
# translators: advice shown beside a word a peer supporter wrote in a note about a colleague;
# keep the warm, plain register
RISK = N_(
    "If they spoke of harming themselves or ending their life, note what they said, in "
    "their words, and the support you signposted (e.g. a crisis line) — and follow your "
    "programme's safeguarding steps."
)
# translators: advice shown beside a word a peer supporter wrote in a note about a colleague;
# keep the warm, plain register
PERSON_LABEL = N_(
    "Describe the behaviour, not the person: what was said or done, when, and how it "
    "affected your colleague, e.g. 'manager took credit for their work in the meeting'."
)
# translators: advice shown beside a word a peer supporter wrote in a note about a colleague;
# keep the warm, plain register
CRAZY = N_(
    "If this describes a person, describe what they said or did instead. If it describes a "
    "situation (e.g. 'a crazy week'), 'very busy' or 'overwhelming' says it plainly."
)
# translators: advice shown beside a word a peer supporter wrote in a note about a colleague;
# keep the warm, plain register
HYSTERICAL = N_(
    "Describe what you saw and heard, e.g. 'was very upset and crying', and acknowledge "
    "how much it mattered to them."
)
# translators: advice shown beside a word a peer supporter wrote in a note about a colleague;
# keep the warm, plain register
LAZY = N_(
    "Describe what happened rather than a trait, e.g. 'said they have struggled to keep up "
    "with the new targets' — and note what helps them."
)
# translators: advice shown beside a word a peer supporter wrote in a note about a colleague;
# keep the warm, plain register
SEEKING = N_(
    "Try describing the need behind it, e.g. 'wanted their manager to know how hard things "
    "have been'."
)
# translators: advice shown beside a word a peer supporter wrote in a note about a colleague;
# keep the warm, plain register
SENSITIVE_FEELINGS = N_(
    "Strong feelings make sense in a hard situation. Describe what they said or how they "
    "reacted, e.g. 'was upset that the comment was repeated', rather than a judgement."
)
# translators: advice shown beside a word a peer supporter wrote in a note about a colleague;
# keep the warm, plain register
INSULT = N_(
    "Keep notes factual and kind: write what was said or done, and leave the verdict out. "
    "Your colleague may read these notes one day."
)
# translators: advice shown beside a word a peer supporter wrote in a note about a colleague;
# keep the warm, plain register
HEALTH = N_(
    "A health detail is sensitive. Write it down only if your colleague asked you to; "
    "otherwise 'mentioned a health matter affecting work' is enough."
)
# translators: advice shown beside a word a peer supporter wrote in a note about a colleague;
# keep the warm, plain register
MEDICATION = N_(
    "Details of treatment or medication are sensitive. Record them only if your colleague "
    "asked you to; 'mentioned they are getting support from their GP' is usually enough."
)
# translators: advice shown beside a word a peer supporter wrote in a note about a colleague;
# keep the warm, plain register
DISABILITY = N_(
    "This is sensitive health information. Record it only if your colleague asked you to, "
    "and focus on what helps them at work, e.g. 'asked about adjustments to their desk'."
)
# translators: advice shown beside a word a peer supporter wrote in a note about a colleague;
# keep the warm, plain register
PREGNANCY = N_(
    "Pregnancy is sensitive personal information. Record it only if your colleague asked "
    "you to; 'discussed a change in personal circumstances' is enough otherwise."
)
# translators: advice shown beside a word a peer supporter wrote in a note about a colleague;
# keep the warm, plain register
RELIGION = N_(
    "Religion or belief is sensitive. Leave it out unless your colleague asked for it to be "
    "noted, e.g. because it is part of what they are being treated unfairly for."
)
# translators: advice shown beside a word a peer supporter wrote in a note about a colleague;
# keep the warm, plain register
SEXUALITY = N_(
    "Sexual orientation and gender identity are sensitive. Leave them out unless your "
    "colleague asked for them to be noted, e.g. because they relate to how they are treated."
)
# translators: advice shown beside a word a peer supporter wrote in a note about a colleague;
# keep the warm, plain register
UNION = N_(
    "Union membership is sensitive. Note it only if your colleague asked you to; "
    "signposting to the union can be noted as a referral instead."
)
# translators: advice shown beside a word a peer supporter wrote in a note about a colleague;
# keep the warm, plain register
SUBSTANCE = N_(
    "Avoid labels about drinking or drug use. Note only what your colleague chose to share "
    "and asked you to record, in their words."
)


__all__ = [
    "ANXIETY",
    "CLINICAL",
    "CRAZY",
    "DISABILITY",
    "FEELING_LOW",
    "HEALTH",
    "HYSTERICAL",
    "INSULT",
    "LAZY",
    "MEDICATION",
    "PERSON_LABEL",
    "PREGNANCY",
    "RELIGION",
    "RISK",
    "SEEKING",
    "SENSITIVE_FEELINGS",
    "SEXUALITY",
    "SUBSTANCE",
    "TRAUMA",
    "UNION",
]
