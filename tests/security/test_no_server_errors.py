"""No route answers 5xx, whatever it is sent: every rule of the app's url_map, with generated path values,
query strings and form fields, by GET and POST, anonymously and as each audience (and with an API token).

The world is the access matrix's (tests/web/access): real objects, so generated ids often name one.
"""
import re
import sys
from types import SimpleNamespace
from urllib.parse import quote

import pytest
from flask_wtf import FlaskForm
from hypothesis import given
from hypothesis import strategies as st
from wtforms.fields.core import UnboundField

from app.domain.documents import SEEKER_DOCUMENTS
from app.domain.predeparture import ITEMS
from app.extensions import limiter
from tests import factories
from tests.security.properties import any_text, field_values, numbers, profile
from tests.services.helpers_immigration import bearer, make_token
from tests.web.access import builders

AUDIENCES = ("anonymous", "seeker", "employer", "coordinator", "officer", "admin", "api_token")
METHODS = ("GET", "POST")
VARIABLE = re.compile(r"<(?:[^<>]*:)?(\w+)>")


def field_names(form: type) -> set[str]:
    return {value.kwargs.get("name") or key for key in dir(form)
            if isinstance(value := getattr(form, key, None), UnboundField)}


def every_field_name() -> list[str]:
    """The name of every field of every form in the app, so that generated bodies reach the validators."""
    names, pending = {"csrf_token", "q", "next", "page", "per_page"}, [FlaskForm]
    while pending:
        form = pending.pop()
        pending.extend(form.__subclasses__())
        names |= field_names(form)
    return sorted(names)


def view_field_names(app, rule) -> list[str]:
    """The fields of the forms the route's own module knows: most generated fields are these."""
    module = sys.modules[app.view_functions[rule.endpoint].__module__]
    forms = [value for value in vars(module).values() if isinstance(value, type) and issubclass(value, FlaskForm)]
    return sorted(set().union(*map(field_names, forms)))


@pytest.fixture
def world(app):
    """The access matrix's people and objects; ids and words the generated requests may use."""
    with app.app_context():
        city_x, city_y = factories.make_partner_city(), factories.make_partner_city(country_code="KR")
        users = {"seeker": factories.make_user("seeker"), "seeker_b": factories.make_user("seeker"),
                 "employer": factories.make_user("employer", employer=factories.make_employer(city_x)),
                 "employer_y": factories.make_user("employer", employer=factories.make_employer(city_y)),
                 **{role: factories.make_user(role) for role in ("coordinator", "officer", "admin")}}
        world = SimpleNamespace(users=users, ids={}, city_x=city_x, city_y=city_y)
        for build in builders():
            build(world)
        emails = {role: user.email for role, user in users.items()}
        token = make_token()
    ids = sorted({str(v) for v in world.ids.values() if isinstance(v, int)} | {str(n) for n in range(1, 6)})
    words = sorted({str(v) for v in world.ids.values() if isinstance(v, str)} | set(SEEKER_DOCUMENTS) | set(ITEMS)
                   | {"19.71.01.1004", "JBT-AAAA-AAAA"})
    return SimpleNamespace(emails=emails, token=token, ids=ids, words=words)


class Visitor:
    """A test client as one audience; logs itself in again after a generated request logged it out."""

    def __init__(self, app, audience: str, world):
        self.client, self.audience, self.world = app.test_client(), audience, world
        self.headers = bearer(world.token) if audience == "api_token" else {}
        self.login()

    def login(self) -> None:
        if self.audience in ("anonymous", "api_token"):
            return
        limiter.reset()  # generated logins may have used up the budget: that 429 is tested elsewhere
        response = self.client.post("/auth/login", data={"identifier": self.world.emails[self.audience],
                                                         "password": factories.PASSWORD})
        assert response.status_code == 302, "the audience's login failed"

    def send(self, method: str, url: str, fields: dict) -> int:
        if method == "GET":
            response = self.client.get(url, query_string=fields, headers=self.headers)
        else:
            response = self.client.post(url, data=fields, headers=self.headers)
        status = response.status_code
        if url.startswith("/auth/logout") or "/auth/login" in response.headers.get("Location", ""):
            self.login()
        return status


def path_value(converter, world) -> st.SearchStrategy:
    kind = type(converter).__name__
    if kind.endswith("IntConverter"):
        return st.one_of(st.sampled_from(world.ids), numbers)
    if kind == "AnyConverter":
        return st.one_of(st.sampled_from(sorted(converter.items)), any_text.filter(bool))
    return st.one_of(st.sampled_from(world.words), any_text.filter(lambda text: text not in ("", ".", "..")))


class FieldNames:
    """Where generated field names come from: mostly the route's own forms, then any form's, then any text."""

    def __init__(self, own: list[str], anywhere: list[str]):
        self.own = own
        every = st.one_of(st.sampled_from(anywhere), any_text)
        self.strategy = st.one_of(st.sampled_from(own), st.sampled_from(own), every) if own else every

    def __repr__(self):
        return f"FieldNames(own={self.own})"


@profile()
@given(data=st.data())
def explore(visitor: Visitor, rule, fields: FieldNames, data) -> None:
    values = {name: data.draw(path_value(converter, visitor.world), label=name)
              for name, converter in rule._converters.items()}
    url = _fill(rule, values)
    method = data.draw(st.sampled_from([m for m in METHODS if m in rule.methods]), label="method")
    body = data.draw(st.dictionaries(fields.strategy, field_values, max_size=6), label="fields")
    status = visitor.send(method, url, body)
    assert status < 500, f"{visitor.audience}: {method} {url} with {body!r} answered {status}"


def _fill(rule, values: dict) -> str:
    """The rule's URL with each <converter:name> replaced by its percent-encoded generated value."""
    def value(match):
        name = match.group(1)
        return quote(values[name], safe="/" if type(rule._converters[name]).__name__ == "PathConverter" else "")
    return VARIABLE.sub(value, rule.rule)


@pytest.mark.parametrize("audience", AUDIENCES)
def test_no_route_answers_5xx_to_generated_requests(app, world, audience):
    visitor = Visitor(app, audience, world)
    anywhere = every_field_name()
    rules = [rule for rule in app.url_map.iter_rules() if set(METHODS) & rule.methods]
    assert len(rules) > 100, "the url_map looks empty: the property would prove nothing"
    for rule in sorted(rules, key=lambda r: r.endpoint == "auth.logout"):
        explore(visitor, rule, FieldNames(view_field_names(app, rule), anywhere))
