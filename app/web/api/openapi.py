"""The API's OpenAPI 3 document (openapi.json beside this module), kept true by tests/web/test_openapi.py,
which validates real responses against it."""
import json
from functools import cache
from pathlib import Path

DOCUMENT_PATH = Path(__file__).with_name("openapi.json")


@cache
def document() -> dict:
    return json.loads(DOCUMENT_PATH.read_text(encoding="utf-8"))
