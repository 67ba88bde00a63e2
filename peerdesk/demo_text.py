"""The words of the demo data (:mod:`peerdesk.demo`): the fictional organisation, surnames,
roles, places, and the sentence parts that narratives, quotes, impacts and supporter notes are
assembled from. All invented.
"""

from __future__ import annotations

from peerdesk.models import Impact

ORGANISATION = "Northwind Logistics (fictional)"

SURNAMES = [
    "Okafor",
    "Lindqvist",
    "Moreau",
    "Castellano",
    "Nakamura",
    "Brennan",
    "Haddad",
    "Kowalczyk",
    "Oyelaran",
    "Pereira",
    "Sørensen",
    "Ivanova",
    "Dimitriou",
    "Quigley",
    "Achterberg",
    "Ferreira",
    "Kaur",
    "Mbeki",
    "Novák",
    "Rahman",
]
INITIALS = "ABCDEFGHJKLMNPRSTVW"
ROLES = [
    "Team lead",
    "Operations manager",
    "Senior analyst",
    "Shift supervisor",
    "Colleague",
    "Project manager",
    "Regional director",
    "Client account lead",
    "HR business partner",
]
PLACES = [
    "weekly team meeting",
    "open-plan office, 3rd floor",
    "corridor by the lifts",
    "Teams call",
    "project channel in chat",
    "warehouse loading bay",
    "kitchen",
    "quarterly review",
    "client site visit",
    "email thread about the rota",
]
QUOTES = [
    "If you can't keep up, maybe this isn't the job for you.",
    "Nobody asked for your opinion.",
    "I'll make sure everyone knows whose fault this is.",
    "You're lucky you still have a desk.",
    "Just do what you're told for once.",
    "Is this really the best you can do?",
    "We'll see how your review goes after this.",
    "Don't bother coming to the planning session.",
    "You people always make a fuss.",
    "I don't want to hear excuses, I want it done by tonight.",
]
OPENINGS = [
    "At the start of the {place} {who} asked for an update on the delivery figures.",
    "I was finishing the rota when {who} came over to my desk.",
    "During the {place} we were going through last month's numbers.",
    "Late in the afternoon {who} sent a message to the whole team.",
    "While I was presenting the plan at the {place}, {who} interrupted me.",
]
MIDDLES = [
    "{who} said my work was sloppy and held up a printout of my report for everyone to see.",
    "{who} raised their voice and stood over my chair until I stopped talking.",
    "{who} told the others they would not need me for the new project, without explaining why.",
    "{who} gave me three extra deadlines for the same evening after I said I was at capacity.",
    "{who} copied my manager into a message that said I had 'lost the plot again'.",
    "{who} checked my screen twice in an hour and noted the times in front of the team.",
    "{who} laughed and repeated a comment about my accent.",
]
ENDINGS = [
    "Nobody said anything. I went back to my desk and wrote this down within the hour.",
    "I asked for the feedback in writing. I have not received it.",
    "I said I would like to discuss it privately. {who} walked away.",
    "A colleague checked on me afterwards. I felt shaky for the rest of the day.",
    "I left the meeting for a few minutes to calm down, then returned.",
]
RESPONSES = [
    "I said calmly that I disagreed and would follow up by email.",
    "I did not reply at the time.",
    "I asked what specifically needed to change.",
    "I said the comment was not acceptable.",
]
REACTIONS = [
    "They rolled their eyes and moved on.",
    "They said I was being oversensitive.",
    "They repeated the comment louder.",
    "No reaction.",
]
IMPACTS = [
    Impact(
        emotional="Anxious before team meetings",
        physical="Trouble sleeping",
        work="Finding it hard to concentrate",
        home="Irritable with family",
    ),
    Impact(emotional="Humiliated and tearful", work="Took one day of leave"),
    Impact(emotional="On edge", physical="Headaches", sought_help="Spoke to my GP"),
    Impact(emotional="Low mood", work="Avoiding the shared kitchen"),
]
SUMMARIES = [
    "Colleague described repeated criticism in front of the team; wants to keep a record for now.",
    "Talked through a difficult conversation with a manager and options for raising it.",
    "Colleague feels isolated since a team restructure; explored who else they could talk to.",
    "Follow-up after last week: colleague has started a journal and feels a bit steadier.",
    "Workload has risen sharply; discussed how to ask for priorities in writing.",
    "Colleague is thinking about an informal complaint and wanted to know the process.",
]
ACTIONS = [
    "Colleague will note incidents the same day.",
    "Shared the EAP number; colleague may call this week.",
    "Agreed to meet again in two weeks.",
    "Colleague will ask the union rep about the grievance policy.",
]
DEBRIEFS = [
    "Felt fine afterwards.",
    "Heavy conversation; took a short walk after.",
    "Talked it over with my supervisor (no names).",
    "",
]
PSEUDONYMS = [
    "Heron",
    "Maple",
    "Orion",
    "Willow",
    "Kestrel",
    "Juniper",
    "Cedar",
    "Lark",
    "Rowan",
    "Sable",
    "Tansy",
    "Wren",
]
ATTACHMENT_NOTES = [
    "Screenshot of the chat message",
    "Photo of the rota on the noticeboard",
    "Scan of the printed email",
    "Screenshot of calendar invites",
]
