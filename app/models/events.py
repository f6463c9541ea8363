"""Plain-Python change notification, so views can follow the model without Qt."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

log = logging.getLogger("dume.models")


@dataclass(frozen=True)
class Change:
    """What changed: *path* names the part of the document (``"lots"``, ``"buyer.name"``,
    ``"criteria/crime-org"``, ``"answers/<property id>"``), *old* and *new* its values."""

    path: str
    old: Any = None
    new: Any = None


Listener = Callable[[Change], None]


class EventBus:
    def __init__(self) -> None:
        self._listeners: list[Listener] = []

    def __deepcopy__(self, memo: dict[int, object]) -> EventBus:
        # A copied document starts with no listeners: views follow the original.
        return EventBus()

    def __copy__(self) -> EventBus:
        return EventBus()

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Add *listener*; the returned function removes it again."""
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def emit(self, change: Change) -> None:
        for listener in list(self._listeners):
            listener(change)
