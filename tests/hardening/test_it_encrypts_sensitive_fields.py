"""Field encryption (docs/adr/0060): messages, safeguarding notes, DASH answers, the code word
and contact details are ciphertext in the database and plain text through the models; keys are
FIELD_ENCRYPTION_KEYS, not SECRET_KEY, and rotate without losing a value."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from cryptography.fernet import Fernet, InvalidToken
from django.core.exceptions import FieldError
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.factories import make_person
from tests.safeguarding.conftest import make_answers
from victimcare import fieldcrypt
from victimcare.fieldcrypt import TEST_KEY
from victimcare.messaging.models import Message
from victimcare.messaging.services import message_send_from_staff
from victimcare.people.models import Person
from victimcare.safeguarding.models import RiskAssessment
from victimcare.safeguarding.services import AssessmentInput, risk_assessment_complete

NEXT_KEY = "dGVzdHMtb25seS10aGUtbmV4dC1maWVsZC1rZXktMiE="  # b"tests-only-the-next-field-key-2!"
CODE_WORD = "bluebell"
BODY = "He was outside my house again last night"
NOTE = "Threatened to kill her in front of the children"


def raw(table: str, column: str, pk: int) -> str:
    """The value in the database column itself, read past the ORM."""
    q = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {q(column)} FROM {q(table)} WHERE id = %s", [pk])
        value = cursor.fetchone()[0]
    return value if isinstance(value, str) else json.dumps(value)


def opens_with(key: str, token: str) -> str:
    return Fernet(key.encode()).decrypt(token.encode()).decode()


@pytest.fixture
def held(personas, case_a):
    """A victim with a code word and contact details, a message on her case and a completed
    DASH with notes and a judgement."""
    cara = personas["cara"]
    person = make_person(
        cara,
        first_name="Ruth",
        code_word=CODE_WORD,
        email="ruth@example.com",
        phone="07700900123",
        address="12 Acacia Avenue\nDurham",
        postcode="DH1 3LE",
    )
    message = message_send_from_staff(actor=cara, case=case_a, body=BODY)
    dash = risk_assessment_complete(
        actor=cara,
        case=case_a,
        data=AssessmentInput(
            answers=make_answers(3), notes={"1": NOTE}, judgement_level="high", judgement_reason=NOTE
        ),
    )
    return person, message, dash


def test_it_stores_ciphertext_and_reads_plain_text(held):
    person, message, dash = held
    stored = {
        ("people_person", "code_word", person.pk): CODE_WORD,
        ("people_person", "email", person.pk): "ruth@example.com",
        ("people_person", "phone", person.pk): "07700900123",
        ("people_person", "address", person.pk): "12 Acacia Avenue\nDurham",
        ("people_person", "postcode", person.pk): "DH1 3LE",
        ("messaging_message", "body", message.pk): BODY,
        ("safeguarding_riskassessment", "judgement_reason", dash.pk): NOTE,
    }
    for (table, column, pk), plain in stored.items():
        token = raw(table, column, pk)
        assert plain not in token, (table, column)
        assert opens_with(TEST_KEY, token) == plain, (table, column)
    for column in ("answers", "notes"):
        token = raw("safeguarding_riskassessment", column, dash.pk)
        assert "yes" not in token and "children" not in token
        assert json.loads(opens_with(TEST_KEY, token)) == getattr(dash, column)

    again = Person.objects.get(pk=person.pk)
    assert (again.code_word, again.email, again.postcode) == (CODE_WORD, "ruth@example.com", "DH1 3LE")
    assert Message.objects.get(pk=message.pk).body == BODY
    read = RiskAssessment.objects.get(pk=dash.pk)
    assert read.notes == {"1": NOTE} and read.answers == make_answers(3)
    assert read.judgement_reason == NOTE
    assert Message.objects.filter(pk=message.pk).values_list("body", flat=True).get() == BODY


def test_it_keeps_the_empty_string_so_has_and_has_not_still_work_in_sql(held, personas):
    person, _, _ = held
    nothing = make_person(personas["cara"], first_name="Nadia")
    assert raw("people_person", "email", nothing.pk) == ""
    assert set(Person.objects.exclude(email="").values_list("pk", flat=True)) >= {person.pk}
    assert nothing.pk in set(Person.objects.filter(email="").values_list("pk", flat=True))


def test_it_refuses_a_query_the_database_cannot_answer_instead_of_matching_nothing(held):
    with pytest.raises(FieldError, match="encrypted"):
        list(Message.objects.filter(body=BODY))
    with pytest.raises(FieldError):
        list(Message.objects.filter(body__icontains="house"))
    with pytest.raises(FieldError):
        list(Person.objects.filter(code_word__iexact=CODE_WORD))
    with pytest.raises(FieldError):
        list(Person.objects.filter(email__in=["ruth@example.com"]))


def test_the_keys_are_not_secret_key(held, settings):
    person, _, _ = held
    settings.SECRET_KEY = "a-quite-different-secret-key-after-a-rotation-of-it"
    assert Person.objects.get(pk=person.pk).code_word == CODE_WORD


def test_it_rotates_to_a_new_key_and_the_old_one_can_then_go(held, settings):
    person, message, dash = held
    settings.FIELD_ENCRYPTION_KEYS = [NEXT_KEY, TEST_KEY]
    with pytest.raises(CommandError, match="not under the current key"):
        call_command("rotate_field_keys", "--check")

    call_command("rotate_field_keys", "--batch-size", "1")
    call_command("rotate_field_keys", "--check")

    settings.FIELD_ENCRYPTION_KEYS = [NEXT_KEY]  # the old key removed
    assert Person.objects.get(pk=person.pk).code_word == CODE_WORD
    assert Message.objects.get(pk=message.pk).body == BODY
    assert RiskAssessment.objects.get(pk=dash.pk).notes == {"1": NOTE}
    token = raw("messaging_message", "body", message.pk)
    assert opens_with(NEXT_KEY, token) == BODY
    with pytest.raises(InvalidToken):
        opens_with(TEST_KEY, token)


def test_without_the_key_a_value_is_an_error_not_ciphertext_shown_as_text(held, settings):
    _, message, _ = held
    settings.FIELD_ENCRYPTION_KEYS = [NEXT_KEY]
    with pytest.raises(fieldcrypt.UndecryptableValue):
        Message.objects.get(pk=message.pk)


@pytest.mark.django_db(transaction=True)
def test_a_rotation_stopped_part_way_keeps_each_batch_whole_and_carries_on(
    personas, case_a, settings, monkeypatch
):
    cara = personas["cara"]
    messages = [message_send_from_staff(actor=cara, case=case_a, body=f"{BODY} ({i})") for i in range(5)]
    settings.FIELD_ENCRYPTION_KEYS = [NEXT_KEY, TEST_KEY]
    real_rotate, calls = fieldcrypt.rotate, {"n": 0}

    def dies_on_the_fourth(token: str) -> str:
        calls["n"] += 1
        if calls["n"] == 4:
            raise RuntimeError("the worker was killed")
        return real_rotate(token)

    monkeypatch.setattr(fieldcrypt, "rotate", dies_on_the_fourth)
    # Messages come first (models in label order); batches of two: the first batch is
    # rotated and committed, the second fails half way and is rolled back whole.
    with pytest.raises(RuntimeError):
        call_command("rotate_field_keys", "--batch-size", "2")
    under_new = [m.pk for m in messages if fieldcrypt.is_current(raw("messaging_message", "body", m.pk))]
    assert under_new == [messages[0].pk, messages[1].pk]

    monkeypatch.setattr(fieldcrypt, "rotate", real_rotate)
    call_command("rotate_field_keys", "--batch-size", "2")
    call_command("rotate_field_keys", "--check")
    settings.FIELD_ENCRYPTION_KEYS = [NEXT_KEY]
    assert [Message.objects.get(pk=m.pk).body for m in messages] == [f"{BODY} ({i})" for i in range(5)]


MIGRATIONS_BEFORE = [
    ("messaging", "0002_triage_urgent_and_reply_by"),
    ("safeguarding", "0002_order_changes_and_police_incidents"),
]
MIGRATIONS_AFTER = [
    ("messaging", "0003_crypto_encrypt_fields"),
    ("safeguarding", "0003_crypto_encrypt_fields"),
]


def _migrate(targets: list[tuple[str, str]]) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


@pytest.mark.django_db(transaction=True)
def test_the_migration_encrypts_the_plain_text_already_stored_in_place(personas, case_a):
    cara = personas["cara"]
    message = message_send_from_staff(actor=cara, case=case_a, body=BODY)
    dash = risk_assessment_complete(
        actor=cara, case=case_a, data=AssessmentInput(answers=make_answers(2), notes={"3": NOTE})
    )
    try:
        _migrate(MIGRATIONS_BEFORE)  # back to before encryption: the values are plain text again
        assert raw("messaging_message", "body", message.pk) == BODY
        assert json.loads(raw("safeguarding_riskassessment", "notes", dash.pk)) == {"3": NOTE}
    finally:
        _migrate(MIGRATIONS_AFTER)
    token = raw("messaging_message", "body", message.pk)
    assert BODY not in token and opens_with(TEST_KEY, token) == BODY
    assert NOTE not in raw("safeguarding_riskassessment", "notes", dash.pk)
    assert Message.objects.get(pk=message.pk).body == BODY
    assert RiskAssessment.objects.get(pk=dash.pk).notes == {"3": NOTE}
    assert RiskAssessment.objects.get(pk=dash.pk).answers == make_answers(2)
    # Run again over values already encrypted, it changes nothing.
    from victimcare.fieldcrypt import convert_column

    class Editor:
        connection = connection

    assert convert_column(Editor(), "messaging_message", ["body"], to_tokens=True) == 0


def test_a_panel_members_contact_details_are_ciphertext_too(personas):
    from datetime import date

    from victimcare.voice.panel.models import MemberKind, PanelMember

    adam = personas["adam"]
    member = PanelMember.objects.create(
        organisation=adam.organisation,
        name="Sam Lee",
        kind=MemberKind.LIVED_EXPERIENCE,
        consent_recorded_on=date(2026, 3, 2),
        email="sam@example.com",
        phone="07700900456",
        address="3 Mill Lane",
        code_word=CODE_WORD,
        created_by=adam,
    )
    for column, plain in (("email", "sam@example.com"), ("address", "3 Mill Lane"), ("code_word", CODE_WORD)):
        assert opens_with(TEST_KEY, raw("voice_panelmember", column, member.pk)) == plain
    assert PanelMember.objects.get(pk=member.pk).phone == "07700900456"


def test_the_seed_writes_tokens_as_the_orm_would(db):
    """`manage.py seed` writes rows past the ORM (cases/synthetic/writer.py): encrypted too."""
    call_command("seed", victims=20, seed=5, stdout=StringIO())
    people = list(Person.objects.exclude(email="").order_by("id")[:5])
    assert people
    for person in people:
        token = raw("people_person", "email", person.pk)
        assert person.email not in token and opens_with(TEST_KEY, token) == person.email
