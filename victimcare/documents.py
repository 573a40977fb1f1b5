"""Accessible PDF documents from HTML (docs/adr/0046).

A report the Commissioner publishes (the Champions' annual report, the Panel pack) is written
once as an HTML template and printed by WeasyPrint as a tagged PDF/UA-1 file: a structure tree
that screen readers follow (headings, paragraphs, tables with header cells, lists, figures
with alternative text), the document's language, and its title shown in the reader's title bar.
The same HTML is offered beside the PDF, so nobody depends on the PDF alone.

`pdf_facts` reads a PDF back (with pypdf, a test dependency) to check what an accessibility
checker checks first: marked content, a structure tree, a language, a title displayed, and the
text itself. It lives here so that every test of a document asks the same questions.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

# Print rules for every document: A4, page numbers in the footer, tables that repeat their
# header row across pages, and GOV.UK's black on white. Only DejaVu fonts are installed.
BASE_CSS = """
@page { size: A4; margin: 20mm 18mm 22mm;
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size: 9pt; } }
html { font-family: "DejaVu Sans", sans-serif; font-size: 10.5pt; color: #0b0c0c; line-height: 1.4; }
h1 { font-size: 20pt; margin: 0 0 8mm; } h2 { font-size: 15pt; margin: 8mm 0 3mm; }
h3 { font-size: 12pt; margin: 5mm 0 2mm; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0 5mm; }
thead { display: table-header-group; }
th, td { border-bottom: 1px solid #b1b4b6; padding: 1.5mm 2mm; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; }
figure { margin: 3mm 0 5mm; } figcaption { font-size: 9.5pt; }
svg { max-width: 100%; }
blockquote { border-left: 3px solid #b1b4b6; margin: 2mm 0; padding-left: 4mm; }
"""


def pdf_from_html(html: str, *, base_url: str | None = None, stylesheets: tuple[str, ...] = ()) -> bytes:
    """A tagged PDF/UA-1 file printed from a complete HTML document.

    The HTML must carry `<html lang="...">` and a `<title>`: they become the PDF's language
    and the title its reader shows. `stylesheets` are extra CSS texts applied after BASE_CSS.
    """
    from weasyprint import CSS, HTML  # imported here: it loads Pango, which pages never need

    css = [CSS(string=BASE_CSS), *(CSS(string=s) for s in stylesheets)]
    document = HTML(string=html, base_url=base_url)
    return bytes(document.write_pdf(stylesheets=css, pdf_variant="pdf/ua-1"))


@dataclass(frozen=True)
class PdfFacts:
    """What a PDF says about itself: enough to test that it is tagged and readable."""

    pages: int
    marked: bool  # /MarkInfo /Marked true: its content is tagged
    has_structure_tree: bool  # a /StructTreeRoot with children
    structure_tags: frozenset[str]  # the structure element types used: H1, P, Table, TH, Figure...
    language: str  # the catalog's /Lang, e.g. "en-GB"
    title: str  # the document information's /Title
    displays_title: bool  # /ViewerPreferences /DisplayDocTitle true
    text: str  # the text of every page, in order
    figures_without_alt: int  # Figure elements with no /Alt text


def _tags(node: Any, found: set[str], figures_without_alt: list[int], depth: int = 0) -> None:
    if depth > 200:
        return
    node = node.get_object() if hasattr(node, "get_object") else node
    if isinstance(node, list):
        for child in node:
            _tags(child, found, figures_without_alt, depth + 1)
        return
    if not hasattr(node, "get"):
        return
    kind = node.get("/S")
    if kind is not None:
        name = str(kind).lstrip("/")
        found.add(name)
        if name == "Figure" and not node.get("/Alt"):
            figures_without_alt.append(1)
    kids = node.get("/K")
    if kids is not None:
        _tags(kids, found, figures_without_alt, depth + 1)


def pdf_facts(pdf: bytes) -> PdfFacts:
    """Read a PDF back: its tagging, language, title and text (needs pypdf, a test dependency)."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    root: Any = reader.trailer["/Root"].get_object()
    mark_info: Any = root.get("/MarkInfo")
    marked = bool(mark_info and mark_info.get_object().get("/Marked"))
    tree: Any = root.get("/StructTreeRoot")
    found: set[str] = set()
    no_alt: list[int] = []
    if tree is not None:
        _tags(tree.get_object().get("/K"), found, no_alt)
    prefs: Any = root.get("/ViewerPreferences")
    info = reader.metadata
    return PdfFacts(
        pages=len(reader.pages),
        marked=marked,
        has_structure_tree=bool(found),
        structure_tags=frozenset(found),
        language=str(root.get("/Lang") or ""),
        title=str((info.title if info else "") or ""),
        displays_title=bool(prefs and prefs.get_object().get("/DisplayDocTitle")),
        text="\n".join(page.extract_text() or "" for page in reader.pages),
        figures_without_alt=len(no_alt),
    )
