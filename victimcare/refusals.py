"""The one error a service raises to refuse a state change, and the one way a form shows it.

Every service (`case_open`, `referral_step`, `marac_referral_make`, ...) refuses bad input by
raising `Refusal` before it writes anything, naming the input at fault, so the page can put the
message beside that field. Each app used to define its own copy (CaseError, SupportError,
...); those names remain as aliases of this one class, so `except CaseError` catches a
refusal from any service a caller reaches through (docs/adr/0030).
"""

from __future__ import annotations

from django import forms


class Refusal(ValueError):
    """A refused change. `errors` holds (field, message) pairs for the form's error summary; a
    field of "" means the whole form. `field` and `message` are the first pair."""

    def __init__(self, field: str, message: str, *more: tuple[str, str]) -> None:
        super().__init__(message)
        self.errors: list[tuple[str, str]] = [(field, message), *more]
        self.field, self.message = field, message


def refusal_on_form(form: forms.BaseForm, refusal: Refusal) -> None:
    """Show each message beside the field it names (or the payload field `p_<name>` of an event
    form), else at the top of the form."""
    for field, message in refusal.errors:
        name = next((n for n in (field, f"p_{field}") if field and n in form.fields), None)
        form.add_error(name, message)
