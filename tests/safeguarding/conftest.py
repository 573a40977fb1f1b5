"""Fixtures for the safeguarding tests (personas and cases come from tests/conftest.py).

- `answers(n_yes, n_not_known=0)`: a full set of Dash answers with that many yes answers.
- `completed(case, n_yes, ...)`: a Dash completed on the case by cara.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from victimcare.safeguarding import dash
from victimcare.safeguarding.models import RiskAssessment
from victimcare.safeguarding.services import AssessmentInput, risk_assessment_complete


def make_answers(n_yes: int, n_not_known: int = 0) -> dict[str, str]:
    keys = list(dash.QUESTION_KEYS)
    out = {}
    for i, key in enumerate(keys):
        out[key] = dash.YES if i < n_yes else dash.NOT_KNOWN if i < n_yes + n_not_known else dash.NO
    return out


@pytest.fixture
def answers() -> Callable[..., dict[str, str]]:
    return make_answers


@pytest.fixture
def completed(personas) -> Callable[..., RiskAssessment]:
    def make(
        case: Any, n_yes: int, judgement: str = "", reason: str = "", actor: str = "cara"
    ) -> RiskAssessment:
        return risk_assessment_complete(
            actor=personas[actor],
            case=case,
            data=AssessmentInput(
                answers=make_answers(n_yes), judgement_level=judgement, judgement_reason=reason
            ),
        )

    return make
