"""Built-in content (coping strategies, support resources) shown in the language in force.

The vault stores the English text of the built-in content, as installed from
``resources/content/``; the ``content`` catalogue translates it when it is shown. A text the
user edited is not in the catalogue, so it is shown as the user wrote it. The user's own
strategies and resources (no ``key``) are never looked up.
"""

from __future__ import annotations

import dataclasses

from peerdesk.i18n import content_text
from peerdesk.models.resource import Resource
from peerdesk.models.strategy import Strategy


def localized_strategy(strategy: Strategy) -> Strategy:
    """A copy of a built-in strategy with its untouched texts translated (the same object for
    the user's own)."""
    if strategy.key is None:
        return strategy
    return dataclasses.replace(
        strategy,
        title=content_text(strategy.title),
        summary=content_text(strategy.summary),
        steps=[content_text(step) for step in strategy.steps],
        when_it_helps=content_text(strategy.when_it_helps),
    )


def localized_resource(resource: Resource) -> Resource:
    """A copy of a built-in support resource with its untouched texts translated."""
    if resource.key is None or not resource.builtin:
        return resource
    return dataclasses.replace(
        resource,
        name=content_text(resource.name),
        contact=content_text(resource.contact),
        notes=content_text(resource.notes),
    )


__all__ = ["localized_resource", "localized_strategy"]
