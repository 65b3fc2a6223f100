"""The export summary's blocks (headings, paragraphs, lists, tables, pictures) and how they
are written: as Markdown that links the chart pictures (`markdown`), or as one self-contained
HTML page with the pictures inside it (`page`). Neither holds a date or an absolute path.
What the summary says is in `ripple.report.export_summary`."""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import quote


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading: level 1 is the page's title."""

    level: int
    text: str


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of plain words."""

    text: str


@dataclass(frozen=True, slots=True)
class Items:
    """A list, numbered or not."""

    items: tuple[str, ...]
    numbered: bool = False


@dataclass(frozen=True, slots=True)
class Table:
    """A table with a header row; the columns from `numbers` on hold numbers (lined up on
    the right), those before it words."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numbers: int = 1


@dataclass(frozen=True, slots=True)
class Pictures:
    """Chart images side by side: (file name, what it shows)."""

    files: tuple[tuple[str, str], ...]
    size: tuple[int, int]


Block = Heading | Paragraph | Items | Table | Pictures


# --- Markdown ------------------------------------------------------------------------

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<|])")


def _md(text: str) -> str:
    """Plain words as Markdown, with the characters that would format them escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def markdown(blocks: Sequence[Block]) -> str:
    """The blocks as a Markdown document, images linked by relative path."""
    parts: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            parts.append(f"{'#' * block.level} {_md(block.text)}")
        elif isinstance(block, Paragraph):
            parts.append(_md(block.text))
        elif isinstance(block, Items):
            parts.append(
                "\n".join(
                    f"{f'{k}.' if block.numbered else '-'} {_md(item)}"
                    for k, item in enumerate(block.items, start=1)
                )
            )
        elif isinstance(block, Table):
            aligned = [" --- |"] * block.numbers + [" ---: |"] * (len(block.header) - block.numbers)
            lines = [
                "| " + " | ".join(_md(cell) for cell in block.header) + " |",
                "|" + "".join(aligned),
            ]
            lines += ["| " + " | ".join(_md(cell) for cell in row) + " |" for row in block.rows]
            parts.append("\n".join(lines))
        else:
            parts.append("\n".join(f"![{_md(alt)}]({quote(file)})" for file, alt in block.files))
    return "\n\n".join(parts) + "\n"


# --- HTML ----------------------------------------------------------------------------

STYLE = """\
body { font-family: system-ui, sans-serif; max-width: 64rem; margin: 2rem auto;
  padding: 0 1rem; line-height: 1.45; color: #16181e; background: #fff; }
h1 { margin-bottom: 0.3rem; }
h2 { margin-top: 1.6rem; border-bottom: 1px solid #c8ccd4; }
table { border-collapse: collapse; }
th, td { border: 1px solid #9aa0ac; padding: 0.2rem 0.6rem; text-align: left; }
.n { text-align: right; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(24rem, 1fr));
  gap: 0.5rem; }
.charts img { width: 100%; height: auto; }
@media print { body { margin: 0; max-width: none; } .charts img { break-inside: avoid; } }
"""
"""The page's own styles: no fonts, scripts or pictures from elsewhere."""


def _h(text: str) -> str:
    return html.escape(" ".join(text.split()))


def _source(file: str, images: Mapping[str, bytes]) -> str:
    """Where an image comes from: inside the page as a data URI when its bytes are given,
    else its relative path."""
    if file in images:
        return "data:image/png;base64," + base64.b64encode(images[file]).decode("ascii")
    return html.escape(quote(file))


def _numeric(column: int, table: Table) -> str:
    """The class of a cell in a column of numbers, lined up on the right."""
    return ' class="n"' if column >= table.numbers else ""


def page(title: str, blocks: Sequence[Block], images: Mapping[str, bytes] | None = None) -> str:
    """The blocks as one standalone HTML page; the pictures whose PNG bytes `images` holds (by
    file name) are embedded, so the page is the whole summary, any others are linked."""
    images = images or {}
    body: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            body.append(f"<h{block.level}>{_h(block.text)}</h{block.level}>")
        elif isinstance(block, Paragraph):
            body.append(f"<p>{_h(block.text)}</p>")
        elif isinstance(block, Items):
            tag = "ol" if block.numbered else "ul"
            items = "".join(f"\n<li>{_h(item)}</li>" for item in block.items)
            body.append(f"<{tag}>{items}\n</{tag}>")
        elif isinstance(block, Table):
            head = "".join(
                f"<th{_numeric(k, block)}>{_h(cell)}</th>" for k, cell in enumerate(block.header)
            )
            rows = "".join(
                "\n<tr>"
                + "".join(f"<td{_numeric(k, block)}>{_h(cell)}</td>" for k, cell in enumerate(row))
                + "</tr>"
                for row in block.rows
            )
            body.append(
                f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>{rows}\n</tbody>\n</table>"
            )
        else:
            width, height = block.size
            tags = "".join(
                f'\n<img src="{_source(file, images)}" alt="{_h(alt)}" '
                f'width="{width}" height="{height}">'
                for file, alt in block.files
            )
            body.append(f'<div class="charts">{tags}\n</div>')
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_h(title)}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )
