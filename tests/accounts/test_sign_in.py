"""Staff sign in with a password and then a second factor; both are required for every page."""

from __future__ import annotations

import pytest
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import PASSWORD
from victimcare.accounts.services import recovery_codes_replace
from victimcare.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def current_code(user) -> str:
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token():06d}"


def test_it_asks_for_the_second_factor_after_the_password(personas):
    client = Client()
    r = client.post("/sign-in/", {"username": "cara", "password": PASSWORD})
    assert r.status_code == 302 and r["Location"] == "/sign-in/security-code/"
    # The password alone opens nothing.
    r = client.get("/cases/")
    assert r.status_code == 302 and r["Location"] == "/sign-in/security-code/"
    r = client.post("/sign-in/security-code/", {"code": current_code(personas["cara"])})
    assert r.status_code == 302
    assert client.get("/cases/").status_code == 200
    assert AuditEvent.objects.filter(actor=personas["cara"], action="sign_in").count() == 1


def test_it_returns_to_the_page_asked_for(personas, case_a):
    client = Client()
    client.get(f"/sign-in/?next=/cases/{case_a.id}/")
    client.post(f"/sign-in/?next=/cases/{case_a.id}/", {"username": "cara", "password": PASSWORD})
    r = client.post("/sign-in/security-code/", {"code": current_code(personas["cara"])})
    assert r["Location"] == f"/cases/{case_a.id}/"


def test_it_ignores_a_next_page_on_another_site(personas):
    client = Client()
    client.post("/sign-in/?next=https://evil.example/", {"username": "cara", "password": PASSWORD})
    r = client.post("/sign-in/security-code/", {"code": current_code(personas["cara"])})
    assert r["Location"] == "/"


def test_it_refuses_a_wrong_code(personas):
    client = Client()
    client.post("/sign-in/", {"username": "cara", "password": PASSWORD})
    code = current_code(personas["cara"])
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    r = client.post("/sign-in/security-code/", {"code": wrong})
    assert r.status_code == 200
    assert b"The security code is not right" in r.content
    assert b"govuk-error-summary" in r.content
    assert client.get("/cases/").status_code == 302


def test_it_gives_one_message_for_unknown_user_and_wrong_password(personas):
    client = Client()
    unknown = client.post("/sign-in/", {"username": "nobody", "password": PASSWORD})
    wrong = client.post("/sign-in/", {"username": "cara", "password": "not the password"})
    assert unknown.status_code == wrong.status_code == 200
    assert b"Enter a correct username and password" in unknown.content
    assert b"Enter a correct username and password" in wrong.content
    assert AuditEvent.objects.filter(action="sign_in_failed").count() == 2


def test_it_locks_the_account_after_five_wrong_passwords(personas):
    client = Client()
    for _ in range(5):
        client.post("/sign-in/", {"username": "cara", "password": "wrong password"})
    r = client.post("/sign-in/", {"username": "cara", "password": PASSWORD})
    assert r.status_code == 429
    assert b"Your account is locked" in r.content
    assert "_auth_user_id" not in client.session


def test_it_accepts_a_recovery_code_once(personas):
    user = personas["cara"]
    codes = recovery_codes_replace(user=user)
    client = Client()
    client.post("/sign-in/", {"username": "cara", "password": PASSWORD})
    r = client.post("/sign-in/security-code/", {"code": codes[0].upper()})
    assert r.status_code == 302
    assert not StaticToken.objects.filter(token=codes[0]).exists()
    again = Client()
    again.post("/sign-in/", {"username": "cara", "password": PASSWORD})
    r = again.post("/sign-in/security-code/", {"code": codes[0]})
    assert r.status_code == 200
    assert AuditEvent.objects.filter(actor=user, action="recovery_code_used").count() == 1


def test_it_makes_a_new_user_set_up_an_authenticator(personas):
    user = personas["cara"]
    TOTPDevice.objects.filter(user=user).delete()
    client = Client()
    r = client.post("/sign-in/", {"username": "cara", "password": PASSWORD})
    assert r["Location"] == "/sign-in/set-up/"
    r = client.get("/sign-in/set-up/")
    assert b"<svg" in r.content and b"totp-secret" in r.content
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    code = f"{TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token():06d}"
    r = client.post("/sign-in/set-up/", {"code": code})
    assert r.status_code == 200
    assert b"Your recovery codes" in r.content
    assert TOTPDevice.objects.filter(user=user, confirmed=True).count() == 1
    assert StaticToken.objects.filter(device__user=user).count() == 10
    assert client.get("/cases/").status_code == 200


def test_it_keeps_a_user_without_a_role_out(personas):
    from victimcare.accounts.models import User

    User.objects.create_superuser("root", "root@example.org", PASSWORD)
    r = Client().post("/sign-in/", {"username": "root", "password": PASSWORD})
    assert r.status_code == 200
    assert b"Enter a correct username and password" in r.content


def test_it_signs_out(client_for):
    client = client_for("cara")
    r = client.post("/sign-out/")
    assert r.status_code == 200
    assert client.get("/cases/").status_code == 302


def test_it_sends_anonymous_visitors_to_sign_in(db):
    r = Client().get("/cases/")
    assert r.status_code == 302
    assert r["Location"].startswith("/sign-in/?next=")


def test_it_opens_django_admin_to_administrators_only(client_for):
    assert client_for("adam").get("/admin/").status_code == 200
    r = client_for("sue").get("/admin/", follow=True)
    assert r.status_code == 404
    r = Client().get("/admin/", follow=True)
    assert r.redirect_chain[-1][0] == "/sign-in/?next=/admin/"


def test_it_marks_pages_no_store(client_for):
    r = client_for("cara").get("/cases/")
    assert r["Cache-Control"] == "no-store"
    assert "script-src" in r["Content-Security-Policy"]


def test_it_marks_only_the_current_menu_item(client_for):
    items = client_for("cara").get("/cases/search/").context["nav_items"]
    assert [i["text"] for i in items if i["active"]] == ["Find a victim"]


def test_it_keeps_an_inputs_own_width(personas):
    client = Client()
    client.post("/sign-in/", {"username": "cara", "password": PASSWORD})
    body = client.get("/sign-in/security-code/").content.decode()
    assert 'class="govuk-input govuk-input--width-10"' in body


def test_it_gives_a_new_session_key_once_the_second_factor_is_proved(personas, settings):
    client = Client()
    client.post("/sign-in/", {"username": "cara", "password": PASSWORD})
    key_before = client.cookies[settings.SESSION_COOKIE_NAME].value

    client.post("/sign-in/security-code/", {"code": current_code(personas["cara"])})

    assert client.cookies[settings.SESSION_COOKIE_NAME].value != key_before
    assert client.get("/cases/").status_code == 200
    # Whoever saw the key of the half-signed-in session gets nothing from it now.
    stale = Client()
    stale.cookies[settings.SESSION_COOKIE_NAME] = key_before
    r = stale.get("/cases/")
    assert r.status_code == 302 and r["Location"].startswith("/sign-in/")
