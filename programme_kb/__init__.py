"""Interreg Sverige–Norge 2021–2027 knowledge base: sourced facts and the queries on them.

Pure Python with no Rasa imports, so the secretariat's CLI, the benchmarks and the
action server all answer from the same code. ``shared_service()`` is the one service
per process that reloads the YAML when it changes; the queries live on its snapshot
(``shared_service().refresh_if_changed().faq.answer(...)`` and so on).
"""

from __future__ import annotations

from functools import lru_cache

from programme_kb.service import Service

__all__ = ["shared_service"]


@lru_cache(maxsize=1)
def shared_service() -> Service:
    """The process-wide knowledge-base service (loaded on first use).

    Not called ``service``: that name is the submodule ``programme_kb.service``.
    """
    return Service()
