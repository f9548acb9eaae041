"""The knowledge base as a running service: one validated snapshot, reloaded on change.

A snapshot bundles the data with the indexes built from it. ``reload`` builds a new
snapshot next to the old one and swaps only if everything validates, so a broken
YAML edit never takes a running assistant down: the last good data keeps serving.

The serving process (``Service()`` on the configured data) also keeps a copy of
the last data that validated on disk (``PROGRAMME_KB_LAST_GOOD``). A restart while
a file is broken starts from that copy and logs what is wrong, instead of leaving
the applicants with no assistant until someone fixes the YAML.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Tuple

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
LAST_GOOD_ENV = "PROGRAMME_KB_LAST_GOOD"
DEFAULT_LAST_GOOD = Path(__file__).resolve().parent.parent / "var" / "kb-last-good"

Stamp = Tuple[Tuple[str, int, int], ...]
"""(name, mtime in ns, size) of every data file."""


def data_stamp(directory: Path) -> Stamp:
    """What changes when any data file is edited, added, removed or restored.

    Every file counts, not just the newest time: a file put back with an older
    time (``cp -p``, ``git checkout``, unzip) is a change too.
    """
    stamps = []
    for path in sorted(directory.glob("*.yml")):
        try:
            info = path.stat()
        except OSError:  # removed while we looked
            continue
        stamps.append((path.name, info.st_mtime_ns, info.st_size))
    return tuple(stamps)


def last_good_dir() -> Path:
    return Path(os.environ.get(LAST_GOOD_ENV) or DEFAULT_LAST_GOOD)


@dataclass(frozen=True)
class Snapshot:
    kb: KnowledgeBase
    focus: FocusMatcher
    eligibility: EligibilityChecker
    places: PlaceFinder
    faq: FaqIndex
    stamp: Stamp


def build(directory: Optional[Path] = None) -> Snapshot:
    """Load, validate and index; raises KnowledgeBaseError listing every problem."""
    directory = directory or data_dir()
    stamp = data_stamp(directory)
    kb = load(directory)
    shared = analyzer()
    places = PlaceFinder(kb)
    organisations = EligibilityChecker(kb, shared, places)
    return Snapshot(
        kb=kb,
        focus=FocusMatcher(kb, shared),
        eligibility=organisations,
        places=places,
        faq=FaqIndex(kb, shared, organisations),
        stamp=stamp,
    )


def _same_files(directory: Path, files: Dict[str, bytes]) -> bool:
    present = {p.name for p in directory.glob("*.yml")}
    return present == set(files) and all(
        (directory / name).read_bytes() == data for name, data in files.items()
    )


def _keep_copy(files: Dict[str, bytes], target: Path) -> None:
    """Replace ``target`` with exactly these files (written aside, then renamed)."""
    if target.is_dir() and _same_files(target, files):
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    for name, data in files.items():
        (fresh / name).write_bytes(data)
    old = fresh.with_name(fresh.name + ".old")
    if target.exists():
        target.rename(old)
    fresh.rename(target)
    shutil.rmtree(old, ignore_errors=True)


class Service:
    """Holds the current snapshot; thread-safe swaps on reload.

    ``last_good``: where to keep a copy of the data each time it validates, and
    to start from when the data is broken at start-up. By default the serving
    process (no ``directory`` given) uses ``last_good_dir()``; a service on an
    explicit directory (``kb-check --data``, tests) keeps no copy and never
    falls back, so a check always reports the data it was given.
    """

    def __init__(
        self, directory: Optional[Path] = None, last_good: Optional[Path] = None
    ) -> None:
        self._last_good = last_good or (None if directory else last_good_dir())
        self._directory = directory or data_dir()
        self._lock = threading.Lock()
        self._last_check = time.monotonic()
        self._rejected_stamp: Optional[Stamp] = None
        self._reloading: Optional[threading.Thread] = None
        self.last_problems: List[Problem] = []
        try:
            self._snapshot = self._build()
        except KnowledgeBaseError as err:
            self._snapshot = self._start_from_last_good(err)

    @property
    def snapshot(self) -> Snapshot:
        return self._snapshot

    def _build(self) -> Snapshot:
        fresh = build(self._directory)
        if self._last_good is not None:
            self._keep(fresh.stamp)
        return fresh

    def _keep(self, stamp: Stamp) -> None:
        """Copy the data just validated; skipped if it changed meanwhile (next reload)."""
        assert self._last_good is not None
        try:
            files = {
                path.name: path.read_bytes()
                for path in sorted(self._directory.glob("*.yml"))
            }
            if data_stamp(self._directory) == stamp:
                _keep_copy(files, self._last_good)
        except OSError as err:  # a copy we cannot write must not stop the service
            logger.warning("Could not keep a copy of the knowledge base: %s", err)

    def _start_from_last_good(self, err: KnowledgeBaseError) -> Snapshot:
        """Serve the copy of the last good data; re-raise if there is none."""
        if self._last_good is None or not self._last_good.is_dir():
            raise err
        try:
            snapshot = build(self._last_good)
        except KnowledgeBaseError:
            raise err from None
        self.last_problems = err.problems
        self._rejected_stamp = data_stamp(self._directory)
        logger.error(
            "The knowledge base in %s cannot be served; starting with the last good "
            "copy in %s until it is fixed.\n%s",
            self._directory,
            self._last_good,
            err,
        )
        return snapshot

    def reload(self) -> List[Problem]:
        """Swap in the data on disk if it is valid; return its problems otherwise."""
        try:
            fresh = self._build()
        except KnowledgeBaseError as err:
            self.last_problems = err.problems
            return err.problems
        with self._lock:
            self._snapshot = fresh
        self.last_problems = []
        return []

    def refresh_if_changed(self, wait: bool = True) -> Snapshot:
        """Reload when a data file changed since the snapshot; cheap to call per request.

        ``wait=False`` (the action server, whose event loop serves every conversation):
        the reload — a second or more of parsing and indexing — runs in a thread, and
        this call returns the current snapshot at once; the next calls get the new
        one as soon as it is built and valid.
        """
        now = time.monotonic()
        if now - self._last_check >= CHECK_INTERVAL_S:
            self._last_check = now
            stamp = data_stamp(self._directory)
            if stamp not in (self._snapshot.stamp, self._rejected_stamp):
                if wait:
                    self._reload_and_report(stamp)
                elif self._reloading is None or not self._reloading.is_alive():
                    self._reloading = threading.Thread(
                        target=self._reload_and_report,
                        args=(stamp,),
                        name="programme-kb-reload",
                        daemon=True,
                    )
                    self._reloading.start()
        return self._snapshot

    def _reload_and_report(self, stamp: Stamp) -> None:
        problems = self.reload()
        if problems:
            self._rejected_stamp = stamp
            logger.warning(
                "Knowledge-base change rejected; still serving the last good data:\n%s",
                "\n".join(f"  {p}" for p in problems),
            )
