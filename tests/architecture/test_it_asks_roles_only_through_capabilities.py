"""Every role question is a capability in victimcare/access/capabilities.py (docs/adr/0031):
nowhere else compares a staff role, names one, or reads `user.role` in a template."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "victimcare"
ACCESS = ROOT / "access"
# Where roles are defined (the choices) and the demo people who hold them (data, not questions).
DEFINITIONS = {ROOT / "accounts" / "models.py", ROOT / "accounts" / "personas.py"}
# A victim's part in a crime and a portal account's role are not staff roles.
OTHER_ROLES = {"CaseRole", "AccountRole"}
TEMPLATE_ROLE = re.compile(r"\buser\.role\b")


def _mentions_role(node: ast.AST) -> bool:
    for sub in ast.walk(node):
        if isinstance(sub, ast.Attribute) and sub.attr == "role":
            return True
        if isinstance(sub, ast.Name) and sub.id in {"role", "Role"}:
            return True
        if isinstance(sub, ast.Constant) and sub.value == "role":  # getattr(user, "role", None)
            return True
    return False


def _mentions_other_role(node: ast.AST) -> bool:
    return any(isinstance(sub, ast.Name) and sub.id in OTHER_ROLES for sub in ast.walk(node))


def role_questions(source: str, *, definitions: bool = False) -> list[int]:
    """Lines that compare a staff role, or (outside the definitions) name a `Role` member."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            if any(_mentions_role(o) for o in operands) and not any(
                _mentions_other_role(o) for o in operands
            ):
                lines.append(node.lineno)
        elif (
            not definitions
            and isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id == "Role"
        ):
            lines.append(node.lineno)
    return sorted(set(lines))


def _python_files() -> list[Path]:
    return [p for p in sorted(ROOT.rglob("*.py")) if ACCESS not in p.parents and "migrations" not in p.parts]


@pytest.mark.parametrize(
    "source",
    [
        "ok = user.role == Role.ADMIN",
        "ok = request.user.role != Role.ADMIN",
        "ok = user.role in (Role.SUPERVISOR, Role.ANALYST)",
        'ok = getattr(user, "role", None) not in WRITERS',
        "WRITERS = {Role.CASEWORKER}",
        "User.objects.filter(role=Role.POLICE_OFFICER)",
    ],
)
def test_it_finds_a_role_question(source):
    assert role_questions(source) == [1]


@pytest.mark.parametrize(
    "source",
    [
        "ok = case.role == CaseRole.BEREAVED_RELATIVE",
        "ok = data.role not in (AccountRole.PARENT, AccountRole.SPOKESPERSON)",
        "ok = can(user, Capability.READ_AUDIT)",
    ],
)
def test_it_lets_other_kinds_of_role_and_capabilities_be(source):
    assert role_questions(source) == []


def test_it_asks_no_role_question_outside_the_access_package():
    found = [
        f"{path.relative_to(ROOT.parent)}:{line}"
        for path in _python_files()
        for line in role_questions(path.read_text(), definitions=path in DEFINITIONS)
    ]
    assert found == [], "ask can(user, Capability.X) (victimcare/access/capabilities.py) instead"


def test_it_reads_no_staff_role_in_a_template():
    found = [
        f"{path.relative_to(ROOT.parent)}:{n}"
        for path in sorted(ROOT.rglob("*.html"))
        for n, text in enumerate(path.read_text().splitlines(), 1)
        if TEMPLATE_ROLE.search(text)
    ]
    assert found == [], "pass the template a capability the view asked instead"
