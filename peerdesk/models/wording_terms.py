"""The phrases the wording check looks for (:mod:`peerdesk.models.wording`), each with its kind
and the warm suggestion shown beside it. Data only: the matching rules live in wording."""

from __future__ import annotations

from typing import Final, Literal

HintKind = Literal["diagnostic", "judgemental", "special_category"]

# -- suggestions ---------------------------------------------------------------------------------

_FEELING_LOW = (
    "Describe what you noticed or what they said, e.g. 'said they have been feeling low "
    "for a few weeks'. A diagnosis is theirs and their doctor's to name."
)
_CLINICAL = (
    "A clinical label is for a doctor to give. Note what they told you in their own words, "
    "e.g. 'said they find it hard to switch off after work', and any support you signposted."
)
_ANXIETY = (
    "Note what they described, e.g. 'said they feel on edge before team meetings', rather "
    "than a diagnosis."
)
_TRAUMA = (
    "Write what they shared about how it affects them, e.g. 'said they keep thinking about "
    "the meeting', rather than a diagnosis."
)
_RISK = (
    "If they spoke of harming themselves or ending their life, note what they said, in "
    "their words, and the support you signposted (e.g. a crisis line) — and follow your "
    "programme's safeguarding steps."
)
_PERSON_LABEL = (
    "Describe the behaviour, not the person: what was said or done, when, and how it "
    "affected your colleague, e.g. 'manager took credit for their work in the meeting'."
)
_CRAZY = (
    "If this describes a person, describe what they said or did instead. If it describes a "
    "situation (e.g. 'a crazy week'), 'very busy' or 'overwhelming' says it plainly."
)
_HYSTERICAL = (
    "Describe what you saw and heard, e.g. 'was very upset and crying', and acknowledge "
    "how much it mattered to them."
)
_LAZY = (
    "Describe what happened rather than a trait, e.g. 'said they have struggled to keep up "
    "with the new targets' — and note what helps them."
)
_SEEKING = (
    "Try describing the need behind it, e.g. 'wanted their manager to know how hard things "
    "have been'."
)
_SENSITIVE_FEELINGS = (
    "Strong feelings make sense in a hard situation. Describe what they said or how they "
    "reacted, e.g. 'was upset that the comment was repeated', rather than a judgement."
)
_INSULT = (
    "Keep notes factual and kind: write what was said or done, and leave the verdict out. "
    "Your colleague may read these notes one day."
)
_HEALTH = (
    "A health detail is sensitive. Write it down only if your colleague asked you to; "
    "otherwise 'mentioned a health matter affecting work' is enough."
)
_MEDICATION = (
    "Details of treatment or medication are sensitive. Record them only if your colleague "
    "asked you to; 'mentioned they are getting support from their GP' is usually enough."
)
_DISABILITY = (
    "This is sensitive health information. Record it only if your colleague asked you to, "
    "and focus on what helps them at work, e.g. 'asked about adjustments to their desk'."
)
_PREGNANCY = (
    "Pregnancy is sensitive personal information. Record it only if your colleague asked "
    "you to; 'discussed a change in personal circumstances' is enough otherwise."
)
_RELIGION = (
    "Religion or belief is sensitive. Leave it out unless your colleague asked for it to be "
    "noted, e.g. because it is part of what they are being treated unfairly for."
)
_SEXUALITY = (
    "Sexual orientation and gender identity are sensitive. Leave them out unless your "
    "colleague asked for them to be noted, e.g. because they relate to how they are treated."
)
_UNION = (
    "Union membership is sensitive. Note it only if your colleague asked you to; "
    "signposting to the union can be noted as a referral instead."
)
_SUBSTANCE = (
    "Avoid labels about drinking or drug use. Note only what your colleague chose to share "
    "and asked you to record, in their words."
)

# -- the list --------------------------------------------------------------------------------------
# Whole phrases in lower case. A space inside a phrase stands for any run of spaces, line breaks
# or hyphens, so "attention seeking" also finds "attention-seeking" and "attention  seeking".
# Write every form that should be flagged (plurals, -ed/-ing); nothing is guessed.

TERMS: Final[tuple[tuple[tuple[str, ...], HintKind, str], ...]] = (
    # -- diagnostic or clinical labels --
    (
        (
            "depressed",
            "depression",
            "depressive",
            "clinically depressed",
            "severely depressed",
            "clinical depression",
        ),
        "diagnostic",
        _FEELING_LOW,
    ),
    (("manic depression", "manic depressive"), "diagnostic", _CLINICAL),
    (("bipolar", "bi polar", "bipolar disorder"), "diagnostic", _CLINICAL),
    (
        (
            "anxiety disorder",
            "generalised anxiety",
            "generalized anxiety",
            "generalised anxiety disorder",
            "generalized anxiety disorder",
            "social anxiety",
            "social anxiety disorder",
            "panic disorder",
            "panic attack",
            "panic attacks",
        ),
        "diagnostic",
        _ANXIETY,
    ),
    (("ocd", "obsessive compulsive", "obsessive compulsive disorder"), "diagnostic", _CLINICAL),
    (
        (
            "ptsd",
            "cptsd",
            "c ptsd",
            "post traumatic stress",
            "post traumatic stress disorder",
            "posttraumatic stress disorder",
        ),
        "diagnostic",
        _TRAUMA,
    ),
    (
        (
            "personality disorder",
            "borderline personality",
            "borderline personality disorder",
            "narcissistic personality disorder",
            "antisocial personality disorder",
            "bpd",
        ),
        "diagnostic",
        _CLINICAL,
    ),
    (
        (
            "schizo",
            "schizophrenic",
            "schizophrenia",
            "psychotic",
            "psychosis",
            "sociopath",
            "sociopaths",
            "sociopathic",
            "psychopath",
            "psychopaths",
            "psychopathic",
            "mentally ill",
            "mental illness",
            "nervous breakdown",
            "mental breakdown",
            "neurotic",
            "paranoid",
            "paranoia",
        ),
        "diagnostic",
        _CLINICAL,
    ),
    (("suicidal", "self harm", "self harming", "self harms"), "diagnostic", _RISK),
    (("anorexic", "anorexia", "bulimic", "bulimia", "eating disorder"), "diagnostic", _CLINICAL),
    (
        ("alcoholic", "alcoholics", "addict", "addicts", "addicted", "junkie", "junkies"),
        "diagnostic",
        _SUBSTANCE,
    ),
    # -- judgements of character --
    (
        (
            "narcissist",
            "narcissists",
            "narcissistic",
            "psycho",
            "psychos",
            "emotionally unstable",
            "manipulative",
            "toxic",
            "vindictive",
            "evil",
            "troublemaker",
            "troublemakers",
            "trouble maker",
            "trouble makers",
            "difficult person",
            "problem employee",
        ),
        "judgemental",
        _PERSON_LABEL,
    ),
    (
        (
            "crazy",
            "insane",
            "nutter",
            "nutters",
            "nutcase",
            "nutcases",
            "loony",
            "loopy",
            "unhinged",
            "mental case",
        ),
        "judgemental",
        _CRAZY,
    ),
    (("hysterical", "hysterics"), "judgemental", _HYSTERICAL),
    (("lazy", "laziness", "workshy", "work shy"), "judgemental", _LAZY),
    (("attention seeking", "attention seeker", "attention seekers"), "judgemental", _SEEKING),
    (
        (
            "drama queen",
            "drama queens",
            "overly dramatic",
            "melodramatic",
            "oversensitive",
            "over sensitive",
            "too sensitive",
            "overreacting",
            "over reacting",
            "overreacted",
            "over reacted",
            "snowflake",
            "snowflakes",
            "whinge",
            "whinges",
            "whingeing",
            "whinging",
            "whinger",
            "whingers",
            "whine",
            "whines",
            "whining",
            "whiner",
            "whiners",
            "moaner",
            "moaners",
        ),
        "judgemental",
        _SENSITIVE_FEELINGS,
    ),
    (
        (
            "liar",
            "liars",
            "idiot",
            "idiots",
            "stupid",
            "useless",
            "incompetent",
            "pathetic",
            "weirdo",
            "weirdos",
            "creepy",
        ),
        "judgemental",
        _INSULT,
    ),
    # -- special-category details --
    (
        (
            "cancer",
            "tumour",
            "tumor",
            "chemo",
            "chemotherapy",
            "diabetes",
            "diabetic",
            "hiv",
            "epilepsy",
            "epileptic",
            "multiple sclerosis",
            "stroke",
            "heart attack",
            "miscarriage",
            "ivf",
            "fertility treatment",
            "menopause",
            "menopausal",
            "hysterectomy",
            "terminally ill",
            "terminal illness",
            "diagnosed",
            "diagnosis",
        ),
        "special_category",
        _HEALTH,
    ),
    (
        (
            "medication",
            "medicated",
            "antidepressant",
            "antidepressants",
            "anti depressant",
            "anti depressants",
            "prozac",
            "sertraline",
            "citalopram",
            "fluoxetine",
            "lithium",
            "diazepam",
            "valium",
            "sleeping pill",
            "sleeping pills",
        ),
        "special_category",
        _MEDICATION,
    ),
    (
        (
            "autism",
            "autistic",
            "adhd",
            "dyslexia",
            "dyslexic",
            "dyspraxia",
            "dyspraxic",
            "asperger",
            "aspergers",
            "asperger syndrome",
        ),
        "special_category",
        _DISABILITY,
    ),
    (("pregnant", "pregnancy", "expecting a baby"), "special_category", _PREGNANCY),
    (
        (
            "muslim",
            "muslims",
            "islam",
            "islamic",
            "christian",
            "christians",
            "christianity",
            "catholic",
            "catholics",
            "protestant",
            "protestants",
            "jewish",
            "jew",
            "jews",
            "judaism",
            "hindu",
            "hindus",
            "hinduism",
            "sikh",
            "sikhs",
            "sikhism",
            "buddhist",
            "buddhists",
            "buddhism",
            "atheist",
            "atheists",
            "mosque",
            "synagogue",
            "gurdwara",
            "church",
            "churches",
            "churchgoer",
            "churchgoers",
            "ramadan",
            "religious",
            "religion",
        ),
        "special_category",
        _RELIGION,
    ),
    (
        (
            "gay",
            "lesbian",
            "lesbians",
            "bisexual",
            "homosexual",
            "heterosexual",
            "queer",
            "transgender",
            "trans",
            "nonbinary",
            "non binary",
            "sexual orientation",
            "sexuality",
            "in the closet",
        ),
        "special_category",
        _SEXUALITY,
    ),
    (
        (
            "union member",
            "union members",
            "union membership",
            "trade union member",
            "trade union membership",
            "member of the union",
            "member of a union",
            "member of the trade union",
            "member of a trade union",
            "joined the union",
            "joined a union",
            "joined the trade union",
            "in the union",
            "unionised",
            "unionized",
        ),
        "special_category",
        _UNION,
    ),
)

__all__ = ["TERMS", "HintKind"]
