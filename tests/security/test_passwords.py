"""Passwords: under 12 characters refused, 12 and long ones (up to 256) accepted, on every way to set one.

Sign-up is covered in tests/web/test_auth.py; here are the boundaries, the password change, the reset and
the staff command line. A password longer than the form allows is refused with a message, never a crash.
"""
import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import User
from app.services import accounts
from tests.factories import PASSWORD

ELEVEN, TWELVE, LONGEST, TOO_LONG = "a" * 11, "b" * 12, "c" * 256, "d" * 257


def new_password(password: str) -> dict:
    return {"password": password, "confirm": password}


@pytest.mark.parametrize("password, accepted", [(ELEVEN, False), (TWELVE, True), (LONGEST, True), (TOO_LONG, False)],
                         ids=["11-refused", "12-accepted", "256-accepted", "257-refused"])
def test_changing_the_password(client, login_as, password, accepted):
    login_as("coordinator")
    response = client.post("/auth/password", data={"current": PASSWORD, **new_password(password)})
    assert response.status_code == (302 if accepted else 200)


@pytest.mark.parametrize("password, accepted", [(ELEVEN, False), (TWELVE, True), (LONGEST, True)],
                         ids=["11-refused", "12-accepted", "256-accepted"])
def test_choosing_a_new_password_after_a_reset(app, client, make_user, password, accepted):
    user = make_user("employer")
    with app.app_context():
        token = accounts.make_reset_token(db.session.get(User, user.id))
    client.get(f"/auth/reset/confirm?token={token}")
    response = client.post("/auth/reset/confirm", data=new_password(password))
    assert response.status_code == (302 if accepted else 200)
    login = client.post("/auth/login", data={"identifier": user.email, "password": password})
    assert login.status_code == (302 if accepted else 200)


@pytest.mark.parametrize("password, created", [(ELEVEN, False), (TWELVE, True)], ids=["11-refused", "12-accepted"])
def test_a_staff_password_given_on_the_command_line(app, runner, password, created):
    result = runner.invoke(args=["users", "create", "--role", "officer", "--email", "petugas@imigrasi.example.com",
                                 "--name", "Petugas", "--password-stdin"], input=password + "\n")
    assert (result.exit_code == 0) == created, result.output
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "petugas@imigrasi.example.com"))
    assert (user is not None) == created
