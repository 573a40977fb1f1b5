"""A document printed as PDF is tagged (PDF/UA-1), names its language and title, and keeps its text."""

from victimcare.documents import pdf_facts, pdf_from_html

HTML = """<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Victims' Champions: annual report 2026</title></head>
<body>
<h1>Victims' Champions: annual report 2026</h1>
<p>What victims told us this year.</p>
<h2>Findings by theme</h2>
<table><caption>Concerns by theme</caption>
<thead><tr><th scope="col">Theme</th><th scope="col" class="num">Concerns</th></tr></thead>
<tbody><tr><td>Reporting and communication</td><td class="num">12</td></tr></tbody></table>
<figure><img alt="A bar chart of concerns by theme" src="data:image/svg+xml;utf8,<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'><rect width='10' height='10'/></svg>"><figcaption>Concerns by theme</figcaption></figure>
</body></html>"""


def test_the_pdf_is_tagged_with_its_language_and_title():
    facts = pdf_facts(pdf_from_html(HTML))
    assert facts.marked and facts.has_structure_tree
    assert {"H1", "H2", "P", "Table", "TH", "TD"} <= facts.structure_tags
    assert facts.language == "en-GB"
    assert facts.title == "Victims' Champions: annual report 2026"
    assert facts.displays_title
    assert "Reporting and communication" in facts.text and "Page 1 of 1" in facts.text


def test_a_document_without_a_language_is_read_back_as_having_none():
    # The check can fail: a document missing <html lang> is reported as such.
    facts = pdf_facts(
        pdf_from_html("<!doctype html><html><head><title>t</title></head><body><p>x</p></body></html>")
    )
    assert facts.language == ""
