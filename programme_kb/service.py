"""The knowledge base as a running service: one validated snapshot, reloaded on change.

A snapshot bundles the data with the indexes built from it. ``reload`` builds a new
snapshot next to the old one and swaps only if everything validates, so a broken
YAML edit never takes a running assistant down: the last good data keeps serving.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional

from programme_kb.eligibility import EligibilityChecker
from programme_kb.faq import FaqIndex
from programme_kb.focus import FocusMatcher
from programme_kb.kb import KnowledgeBase, load
from programme_kb.loader import KnowledgeBaseError, Problem, data_dir
from programme_kb.places import PlaceFinder
from programme_kb.text import analyzer

logger = logging.getLogger(__name__)

CHECK_INTERVAL_S = 2.0
"""How often ``refresh_if_changed`` looks at file times; a stat per file is cheap."""


@dataclass(frozen=True)
class Snapshot:
    kb: KnowledgeBase
    focus: FocusMatcher
    eligibility: EligibilityChecker
    places: PlaceFinder
    faq: FaqIndex
    stamp: float


def _stamp(directory: Path) -> float:
    return max((p.stat().st_mtime for p in directory.glob("*.yml")), default=0.0)


def build(directory: Optional[Path] = None) -> Snapshot:
    """Load, validate and index; raises KnowledgeBaseError listing every problem."""
    directory = directory or data_dir()
    stamp = _stamp(directory)
    kb = load(directory)
    shared = analyzer()
    return Snapshot(
        kb=kb,
        focus=FocusMatcher(kb, shared),
        eligibility=EligibilityChecker(kb, shared),
        places=PlaceFinder(kb),
        faq=FaqIndex(kb, shared),
        stamp=stamp,
    )


class Service:
    """Holds the current snapshot; thread-safe swaps on reload."""

    def __init__(self, directory: Optional[Path] = None) -> None:
        self._directory = directory or data_dir()
        self._snapshot = build(self._directory)
        self._lock = threading.Lock()
        self._last_check = time.monotonic()
        self._rejected_stamp: Optional[float] = None
        self.last_problems: List[Problem] = []

    @property
    def snapshot(self) -> Snapshot:
        return self._snapshot

    def reload(self) -> List[Problem]:
        """Swap in the data on disk if it is valid; return its problems otherwise."""
        try:
            fresh = build(self._directory)
        except KnowledgeBaseError as err:
            self.last_problems = err.problems
            return err.problems
        with self._lock:
            self._snapshot = fresh
        self.last_problems = []
        return []

    def refresh_if_changed(self) -> Snapshot:
        """Reload when a data file changed since the snapshot; cheap to call per request."""
        now = time.monotonic()
        if now - self._last_check >= CHECK_INTERVAL_S:
            self._last_check = now
            stamp = _stamp(self._directory)
            if stamp not in (self._snapshot.stamp, self._rejected_stamp):
                problems = self.reload()
                if problems:
                    self._rejected_stamp = stamp
                    logger.warning(
                        "Knowledge-base change rejected; still serving the last good data:\n%s",
                        "\n".join(f"  {p}" for p in problems),
                    )
        return self._snapshot
