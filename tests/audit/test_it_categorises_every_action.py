"""Every audit action has its Data Protection Act 2018 Part 3 (s.62) logging category."""

from __future__ import annotations

from victimcare.audit.models import CATEGORY_OF, Action, AuditEvent, Category, actions_in


def test_it_has_a_category_for_every_action():
    missing = [str(action) for action in Action if action not in CATEGORY_OF]
    assert not missing, f"add these actions to CATEGORY_OF in victimcare/audit/models.py: {missing}"


def test_it_uses_every_category_of_section_62():
    assert {str(c) for c in CATEGORY_OF.values()} == {str(c) for c in Category}
    for category in ("collection", "alteration", "consultation", "disclosure", "combination", "erasure"):
        assert actions_in(category), category


def test_a_row_carries_the_category_of_its_action():
    assert AuditEvent(action=Action.EXPORT).category == Category.DISCLOSURE
    assert AuditEvent(action=Action.LIST).category == Category.CONSULTATION
    assert AuditEvent(action=Action.COMBINE).category == Category.COMBINATION
    assert AuditEvent(action=Action.ERASE).category == Category.ERASURE
