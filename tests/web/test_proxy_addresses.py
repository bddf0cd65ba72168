"""Behind a trusted proxy the visitor's own address counts (for rate limits and audit); otherwise the peer's."""
from flask import request

from app import create_app
from app.config import TestConfig


def seen_address(trusted: int, forwarded: str) -> str:
    app = create_app(TestConfig, {"TRUSTED_PROXIES": trusted, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    app.add_url_rule("/_address", "address", lambda: request.remote_addr)
    return app.test_client().get("/_address", headers={"X-Forwarded-For": forwarded},
                                 environ_base={"REMOTE_ADDR": "10.0.0.2"}).get_data(as_text=True)


def test_without_a_trusted_proxy_a_forwarded_header_is_ignored():
    assert seen_address(0, "203.0.113.9") == "10.0.0.2"


def test_behind_one_trusted_proxy_the_visitors_address_counts():
    assert seen_address(1, "203.0.113.9") == "203.0.113.9"


def test_an_address_the_visitor_forged_in_front_of_the_proxy_is_not_believed():
    assert seen_address(1, "198.51.100.7, 203.0.113.9") == "203.0.113.9"
