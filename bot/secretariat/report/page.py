"""The report as one self-contained HTML page (charts as inline SVG, every value escaped)."""

from __future__ import annotations

import datetime as dt
import html
import math
from typing import Any, Dict, Optional, Sequence, Tuple

from bot.secretariat.report.figures import Report
from bot.secretariat.report.labels import LABELS, TIME_ZONE, label

COLOURS = {
    "conversations": "#1f5f8b",
    "messages": "#8cc0de",
    "sv": "#006aa7",
    "nb": "#ba0c2f",
    "unknown": "#9aa3ab",
}
STYLE = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2731;margin:0;background:#f4f6f8}
main{max-width:1100px;margin:0 auto;padding:24px}
h1{font-size:26px;margin:0 0 4px}h2{font-size:19px;margin:0 0 12px}
section{background:#fff;border-radius:8px;padding:18px 20px;margin:16px 0;box-shadow:0 1px 3px #0002}
.meta{color:#56616b}.tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(160px,1fr));gap:12px}
.tile{background:#fff;border-radius:8px;padding:14px 16px;box-shadow:0 1px 3px #0002}
.tile b{display:block;font-size:28px;color:#1f5f8b}.tile span{color:#56616b;font-size:13px}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #e3e7eb;vertical-align:top}
th{font-size:13px;color:#56616b;font-weight:600}td.n{text-align:right;font-variant-numeric:tabular-nums}
.legend span{display:inline-block;margin-right:14px;font-size:13px}.legend i{display:inline-block;width:11px;height:11px;margin-right:5px;border-radius:2px}
svg text{font:12px system-ui,sans-serif;fill:#1d2731}.empty{color:#56616b;font-style:italic}
footer{color:#56616b;font-size:13px;margin:20px 0}
"""


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _pct(value: float) -> str:
    return f"{value * 100:.1f} %".replace(".", ",")


def _bars_per_day(per_day: Dict[dt.date, Tuple[int, int]]) -> str:
    """Grouped bars, conversations and messages for each day."""
    if not per_day:
        return f'<p class="empty">{_e(label("none"))}</p>'
    width, height, left, bottom = 1040, 260, 40, 40
    step = max(1, math.ceil(max(max(c, m) for c, m in per_day.values()) / 4))
    top = step * 4
    slot = (width - left) / len(per_day)
    bar = max(1.0, min(18.0, slot * 0.4))
    parts = [
        f'<svg viewBox="0 0 {width} {height}" width="100%" role="img" aria-label="{_e(label("per_day"))}">'
    ]
    for i in range(5):
        y = height - bottom - (height - bottom - 10) * i / 4
        parts.append(
            f'<line x1="{left}" x2="{width}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e3e7eb"/>'
        )
        parts.append(
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{step * i}</text>'
        )
    every = max(1, len(per_day) // 14)
    for i, (day, (conversations, messages)) in enumerate(per_day.items()):
        x = left + i * slot + slot / 2
        for offset, value, kind in (
            (-bar, conversations, "conversations"),
            (0.0, messages, "messages"),
        ):
            h = (height - bottom - 10) * value / top
            parts.append(
                f'<rect x="{x + offset:.1f}" y="{height - bottom - h:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                f'fill="{COLOURS[kind]}"><title>{day.isoformat()}: {value} {_e(label(kind))}</title></rect>'
            )
        if i % every == 0:
            parts.append(
                f'<text x="{x:.1f}" y="{height - bottom + 16}" text-anchor="middle">{day:%d/%m}</text>'
            )
    parts.append("</svg>")
    legend = "".join(
        f'<span><i style="background:{COLOURS[k]}"></i>{_e(label(k))}</span>'
        for k in ("conversations", "messages")
    )
    return f'<div class="legend">{legend}</div>' + "".join(parts)


def _hbars(rows: Sequence[Tuple[str, int]], colour: str = "#1f5f8b") -> str:
    """Horizontal bars, the number at the end of each (the tables below have them too)."""
    if not rows:
        return f'<p class="empty">{_e(label("none"))}</p>'
    top = max(n for _, n in rows) or 1
    line, name_w, bar_w = 26, 330, 600
    parts = [
        f'<svg viewBox="0 0 {name_w + bar_w + 60} {line * len(rows) + 6}" width="100%" role="img">'
    ]
    for i, (name, n) in enumerate(rows):
        y = i * line + 4
        w = bar_w * n / top
        short = name if len(name) <= 48 else name[:47] + "…"
        parts.append(
            f'<text x="{name_w - 8}" y="{y + 15}" text-anchor="end">{_e(short)}<title>{_e(name)}</title></text>'
        )
        parts.append(
            f'<rect x="{name_w}" y="{y}" width="{max(w, 1):.1f}" height="18" rx="2" fill="{colour}"/>'
        )
        parts.append(f'<text x="{name_w + w + 6:.1f}" y="{y + 15}">{n}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _table(headers: Sequence[str], rows: Sequence[Sequence[Tuple[Any, str]]]) -> str:
    """A table; each cell is (value, data-key) — numbers carry a data-key for checking."""
    if not rows:
        return f'<p class="empty">{_e(label("none"))}</p>'
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="n" data-key="{_e(k)}">{_e(v)}</td>'
            if k
            else f"<td>{_e(v)}</td>"
            for v, k in row
        )
        + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _languages(languages: Dict[str, int]) -> str:
    total = sum(languages.values())
    if not total:
        return f'<p class="empty">{_e(label("none"))}</p>'
    names = {
        "sv": "svenska / svensk",
        "nb": "norska / norsk",
        "unknown": label("unknown"),
    }
    x = 0.0
    parts = ['<svg viewBox="0 0 1000 34" width="100%" role="img">']
    for lang, n in languages.items():
        w = 1000 * n / total
        parts.append(
            f'<rect x="{x:.1f}" y="0" width="{w:.1f}" height="34" fill="{COLOURS.get(lang, "#999")}"/>'
        )
        if w > 90:
            parts.append(
                f'<text x="{x + 8:.1f}" y="22" style="fill:#fff;font-weight:600">{_e(names.get(lang, lang))} {_pct(n / total)}</text>'
            )
        x += w
    parts.append("</svg>")
    rows = [
        [(names.get(lang, lang), ""), (n, f"language.{lang}"), (_pct(n / total), "")]
        for lang, n in languages.items()
    ]
    return "".join(parts) + _table(
        [label("language"), label("conversations"), "%"], rows
    )


def render_html(report: Report, made: Optional[dt.datetime] = None) -> str:
    made = made or dt.datetime.now(TIME_ZONE)
    period = (
        f"{report.start.isoformat()} – {report.end.isoformat()}"
        if report.start and report.end
        else "–"
    )
    s = report.summary()
    tiles = [
        ("conversations", str(s["conversations"]), "summary.conversations"),
        ("messages", str(s["messages"]), "summary.messages"),
        ("fallback_rate", _pct(report.fallback_rate), "summary.fallback_rate"),
        ("unanswered_rate", _pct(report.unanswered_rate), "summary.unanswered_rate"),
        ("handovers", str(s["handovers"]), "summary.handovers"),
        ("thumbs", f"{report.thumbs_up} / {report.thumbs_down}", "summary.thumbs"),
    ]
    tile_html = "".join(
        f'<div class="tile"><b data-key="{k}">{_e(v)}</b><span>{_e(label(name))}</span></div>'
        for name, v, k in tiles
    )
    sections = []
    if not report.messages:
        sections.append(f'<section><p class="empty">{_e(label("empty"))}</p></section>')
    day_rows = [
        [
            (day.isoformat(), ""),
            (c, f"per_day.{day.isoformat()}.conversations"),
            (m, f"per_day.{day.isoformat()}.messages"),
        ]
        for day, (c, m) in report.per_day.items()
        if c or m
    ]
    sections.append(
        f"<section><h2>{_e(label('per_day'))}</h2>{_bars_per_day(report.per_day)}"
        f"<details><summary>{_e(label('count'))}</summary>"
        f"{_table(['', label('conversations'), label('messages')], day_rows)}</details></section>"
    )
    sections.append(
        f"<section><h2>{_e(label('languages'))}</h2>{_languages(report.languages)}</section>"
    )
    topic_rows = [
        [(name, ""), (intent, ""), (n, f"topic.{intent}")]
        for intent, name, n in report.topics
    ]
    sections.append(
        f"<section><h2>{_e(label('topics'))}</h2>{_hbars([(name, n) for _, name, n in report.topics])}"
        f"<details><summary>{_e(label('count'))}</summary>"
        f"{_table(['', label('intent'), label('messages')], topic_rows)}"
        "</details></section>"
    )
    group_rows = [
        [(g.count, f"unanswered_group.{i}"), (" · ".join(f"”{x}”" for x in g.examples), ""),
         (", ".join(f"{k} {v}" for k, v in sorted(g.languages.items())), "")]
        for i, g in enumerate(report.groups, 1)
    ]  # fmt: skip
    sections.append(
        f"<section><h2>{_e(label('unanswered'))}</h2>"
        f"{_table([label('count'), label('examples'), label('language')], group_rows)}</section>"
    )
    rated_rows = [
        [
            (r.time.strftime("%Y-%m-%d %H:%M"), ""),
            (r.language, ""),
            (r.question, ""),
            (r.answer, ""),
        ]
        for r in report.rated_down
    ]
    sections.append(
        f"<section><h2>{_e(label('thumbs_down'))}</h2>"
        f"{_table([label('time'), label('language'), label('question'), label('answer')], rated_rows)}</section>"
    )
    focus_rows = [
        [
            (f"{code} {title}", ""),
            (first, f"focus_area.{code}.first"),
            (anywhere, f"focus_area.{code}.suggested"),
        ]
        for code, title, first, anywhere in report.focus_areas
    ]
    sections.append(
        f"<section><h2>{_e(label('focus_areas'))}</h2>"
        f"{_hbars([(f'{c} {t}', n) for c, t, _, n in report.focus_areas], '#3b8f6f')}"
        f"{_table([label('code'), label('first'), label('any')], focus_rows)}</section>"
    )
    kinds = {**report.organisation_names, "unknown": label("unknown")}
    eligibility_rows = [
        [(kinds.get(kind, kind), ""), (yes, f"eligibility.{kind}.yes"),
         (no, f"eligibility.{kind}.no"), (unknown, f"eligibility.{kind}.unknown")]
        for kind, yes, no, unknown in report.eligibility
    ]  # fmt: skip
    sections.append(
        f"<section><h2>{_e(label('eligibility'))}</h2>"
        f"{_table([label('organisation_type'), label('yes'), label('no'), label('unknown')], eligibility_rows)}"
        "</section>"
    )
    handover_rows = [
        [
            (h.time.strftime("%Y-%m-%d %H:%M"), ""),
            (h.sender, ""),
            (h.language, ""),
            (h.question, ""),
        ]
        for h in report.handovers
    ]
    sections.append(
        f"<section><h2>{_e(label('handover_list'))}</h2>"
        f"{_table([label('time'), label('conversation'), label('language'), label('question')], handover_rows)}"
        "</section>"
    )
    return (
        '<!doctype html><html lang="sv"><head><meta charset="utf-8">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{_e(label("title"))}</title>'
        f"<style>{STYLE}</style></head><body><main>"
        f"<h1>{_e(label('title'))} – Interreg Sverige–Norge</h1>"
        f'<p class="meta">{_e(label("period"))}: <span data-key="period">{_e(period)}</span> · '
        f"{_e(label('made'))}: {made:%Y-%m-%d %H:%M}</p>"
        f'<div class="tiles">{tile_html}</div>{"".join(sections)}'
        f"<footer>{_e(LABELS['definitions'][0])}<br>{_e(LABELS['definitions'][1])}</footer>"
        "</main></body></html>"
    )
