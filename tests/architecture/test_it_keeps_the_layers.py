"""Every import in victimcare/ runs down the layers of victimcare/layers.py, and none forms a
cycle, between modules or between the parts of apps (docs/adr/0031).

Every import counts: at the top of a module, inside a function (a lazy import is still a
dependency; it is how cycles hide) and under `if TYPE_CHECKING:` (a type from above is still
knowledge of above). Only the module-cycle check leaves out TYPE_CHECKING imports, which never
run and so cannot make an import order fail.

See the parts and their imports with: python -m tests.architecture.imports
"""

from __future__ import annotations

import pytest

from tests.architecture.imports import Import, cycles, imports, module_graph, modules, part_graph
from victimcare.layers import layer_index, part_of

# The event pipeline (issue 10) removes these: cases will run an ordered list of reactions that
# each app above it contributes, and person changes a PERSON_REACTIONS list, so the core stops
# calling up into the apps that react. Delete each line as its import goes.
ALLOWED_FOR_NOW: set[tuple[str, str]] = set()  # nothing runs up the layers now


def _upward(found: list[Import]) -> list[Import]:
    wrong = []
    for imp in found:
        source, target = part_of(imp.source), part_of(imp.target)
        if source == target or (imp.source, imp.target) in ALLOWED_FOR_NOW:
            continue
        if layer_index(target[1]) < layer_index(source[1]):
            wrong.append(imp)
    return wrong


def test_it_imports_only_downwards():
    wrong = [str(imp) for imp in _upward(imports())]
    assert wrong == [], "an import runs up the layers of victimcare/layers.py"


def _counted() -> list[Import]:
    return [imp for imp in imports() if (imp.source, imp.target) not in ALLOWED_FOR_NOW]


def test_it_has_no_cycle_between_modules():
    graph = module_graph([imp for imp in _counted() if not imp.type_checking])
    assert cycles(graph) == []


def test_it_has_no_cycle_between_the_parts_of_apps():
    assert cycles(part_graph(_counted())) == []


def test_it_places_every_module_in_a_layer():
    for module in modules():
        layer_index(part_of(module)[1])  # raises KeyError for a part in no layer


def test_it_sees_an_import_inside_a_function_and_under_type_checking(tmp_path):
    for module in ("portal/models", "support/services", "cases/models"):
        path = tmp_path / "victimcare" / f"{module}.py"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch()
    source = tmp_path / "victimcare" / "cases" / "services.py"
    source.write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from victimcare.portal.models import PortalAccount\n"
        "def f():\n    from victimcare.support import services\n"
        "from . import models\n"
    )
    found = {(i.target, i.type_checking) for i in imports(tmp_path / "victimcare")}
    assert found == {
        ("victimcare.portal.models", True),
        ("victimcare.support.services", False),
        ("victimcare.cases.models", False),
    }
    assert len(_upward(imports(tmp_path / "victimcare"))) == 2


@pytest.mark.parametrize(
    ("edges", "expected"),
    [
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}}, [["a", "b", "c"]]),
        ({"a": {"b"}, "b": {"c"}, "c": set()}, []),
    ],
)
def test_it_finds_a_cycle(edges, expected):
    assert cycles(edges) == expected
