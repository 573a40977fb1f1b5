"""The layers of victimcare, as data (docs/adr/0031): the one place that says what may import what.

A module belongs to a part of its app: its pages (views, urls, forms, template tags, admin,
commands), its reads for a user (selectors, scoped by the gate), or its domain (models,
services and the rest). The parts sit in layers, top first; a module may import from a lower
layer, and from its own layer as long as no cycle forms. The access gate sits above every app's
domain and below the reads and pages that ask it; the capability table, which needs nothing but
accounts, sits low so that a service may ask in what capacity its actor acts.

tests/architecture/test_it_keeps_the_layers.py checks every import in victimcare/ against this.
"""

from __future__ import annotations

# The domain apps, top first (DESIGN.md "Layers"). Apps in one row may import each other
# without a cycle. api and ingest are named for the issues that add them. Messaging sits above
# the portal, not beside reports and voice as DESIGN.md sketches it: a staff reply is told to
# every portal account on the case, so its services read the portal's accounts.
DOMAIN = (
    # The data protection officer's work reads every record held about a person (docs/adr/0053).
    ("dataprotection",),
    ("messaging",),
    ("portal", "api", "ingest"),
    ("reports", "voice"),
    ("support", "safeguarding", "justice"),
    ("notify",),
    ("rights",),
    ("cases",),
    ("capabilities",),  # what each role may do: asked by services too, needs only accounts
    ("people", "audit", "accounts"),
)

LAYERS: tuple[tuple[str, ...], ...] = (
    ("project",),  # victimcare.urls, settings and wsgi, and the demo app over every app's seeding
    ("pages",),  # every app's views, urls, forms, template tags, admin and commands; the menu
    ("reads",),  # every app's selectors: reads for a user, starting from the gate
    ("access",),  # the gate: which records a user may see
    *DOMAIN,
    ("lib",),  # victimcare/forms.py (GOV.UK rendering for Django forms) and this module: nothing of ours
)

# A module is one of its app's pages or reads if any part of its name (after the app) is one of
# these.
PAGES = frozenset(
    {
        "views",
        "crime_views",
        "commissioning_views",
        "champion_views",
        "champion_forms",
        "publication_views",
        "panel_views",
        "panel_sections",  # the Panel pack's list of sections, over several apps' reads
        "theme_views",
        "crime_forms",
        "crime_urls",
        "portal_views",
        "staff_views",
        "rule_pages",
        "urls",
        "portal_urls",
        "forms",
        "admin",
        "templatetags",
        "management",
        "middleware",
        "decorators",
        "navigation",
    }
)
READS = frozenset(
    {
        "attrition",
        "commissioning",
        "court",
        "next_steps",
        "theme_selectors",
        "national_selectors",
        "selectors",
        "monitoring",
        "exports",
        "returns",
    }
)
# Modules read by nothing but the pipeline's wiring that ask the gate for a user: a partner's
# webhook goes only where its client could read the record through the API.
# The Panel pack's figures are named in full: "panel" alone would also take in voice.panel's
# domain modules (the advisory panel).
READ_MODULES = frozenset({"victimcare.api.reactions", "victimcare.reports.panel"})
PROJECT = frozenset({"victimcare", "victimcare.urls", "victimcare.settings", "victimcare.wsgi"})
LIB = frozenset(
    {
        "victimcare.forms",
        "victimcare.layers",
        "victimcare.hooks",
        "victimcare.refusals",
        "victimcare.transitions",
        "victimcare.documents",
        "victimcare.fieldcrypt",
    }
)


def part_of(module: str) -> tuple[str, str]:
    """The (app, layer name) a module of victimcare belongs to, e.g.
    ("cases", "pages") for victimcare.cases.views and ("cases", "cases") for its models."""
    names = module.split(".")
    if module in PROJECT or names[1] in ("demo", "pipeline"):
        return ("project", "project")
    if module in LIB:
        return ("lib", "lib")
    app, rest = names[1], names[2:]
    if module == "victimcare.access.capabilities":
        return ("access", "capabilities")
    if module in READ_MODULES:
        return (app, "reads")
    if PAGES.intersection(rest):
        return (app, "pages")
    if READS.intersection(rest):
        return (app, "reads")
    return (app, app)


def layer_index(layer: str) -> int:
    """0 for the top layer; higher is lower down."""
    for i, row in enumerate(LAYERS):
        if layer in row:
            return i
    raise KeyError(f"{layer} is in no layer of victimcare/layers.py")
