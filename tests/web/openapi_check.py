"""Validate real responses against the API's OpenAPI 3.0 document, without a dependency.

Only the part of JSON Schema the document uses is understood (SUPPORTED); a test checks that the document
uses nothing else, so no keyword is ever silently ignored.
"""
import re
from datetime import date

SUPPORTED = {"type", "nullable", "enum", "required", "properties", "additionalProperties", "items", "pattern",
             "format", "minimum", "maximum", "maxLength", "oneOf", "$ref", "description", "example", "default"}
_TYPES = {"object": dict, "array": list, "string": str, "boolean": bool, "number": (int, float)}


def resolve(document: dict, schema: dict) -> dict:
    while "$ref" in schema:
        node = document
        for part in schema["$ref"].removeprefix("#/").split("/"):
            node = node[part]
        schema = node
    return schema


def unsupported_keywords(document: dict) -> set[str]:
    """Keywords used in any schema of the document that this checker does not understand."""
    found = set()

    def walk(schema):
        found.update(set(schema) - SUPPORTED)
        for child in schema.get("properties", {}).values():
            walk(child)
        for child in schema.get("oneOf", []):
            walk(child)
        if isinstance(schema.get("items"), dict):
            walk(schema["items"])

    for schema in document["components"]["schemas"].values():
        walk(schema)
    for operation in _operations(document):
        for parameter in operation.get("parameters", []):
            walk(parameter["schema"])
        for response in operation["responses"].values():
            for content in response.get("content", {}).values():
                walk(content["schema"])
    return found


def problems(document: dict, schema: dict, value, where: str = "$") -> list[str]:
    """Every way `value` breaks `schema`; [] when it conforms."""
    schema = resolve(document, schema)
    if value is None:
        return [] if schema.get("nullable") else [f"{where}: null is not allowed"]
    if "oneOf" in schema:
        matching = [option for option in schema["oneOf"] if not problems(document, option, value, where)]
        if len(matching) != 1:
            return [f"{where}: matches {len(matching)} of oneOf, not exactly one"]
    found = _type_problems(schema, value, where)
    if found:
        return found
    if "enum" in schema and value not in schema["enum"]:
        found.append(f"{where}: {value!r} is not one of {schema['enum']}")
    if isinstance(value, str):
        found += _string_problems(schema, value, where)
    if isinstance(value, int) and not isinstance(value, bool):
        if "minimum" in schema and value < schema["minimum"]:
            found.append(f"{where}: {value} < {schema['minimum']}")
        if "maximum" in schema and value > schema["maximum"]:
            found.append(f"{where}: {value} > {schema['maximum']}")
    if isinstance(value, dict):
        found += _object_problems(document, schema, value, where)
    if isinstance(value, list) and "items" in schema:
        for n, item in enumerate(value):
            found += problems(document, schema["items"], item, f"{where}[{n}]")
    return found


def _type_problems(schema: dict, value, where: str) -> list[str]:
    kind = schema.get("type")
    if kind is None:
        return []
    if kind == "integer":
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif kind == "number":
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    else:
        ok = isinstance(value, _TYPES[kind])
    return [] if ok else [f"{where}: {value!r} is not of type {kind}"]


def _string_problems(schema: dict, value: str, where: str) -> list[str]:
    found = []
    if "pattern" in schema and not re.search(schema["pattern"], value):
        found.append(f"{where}: {value!r} does not match {schema['pattern']}")
    if "maxLength" in schema and len(value) > schema["maxLength"]:
        found.append(f"{where}: longer than {schema['maxLength']}")
    if schema.get("format") == "date":
        try:
            date.fromisoformat(value)
        except ValueError:
            found.append(f"{where}: {value!r} is not a date")
    return found


def _object_problems(document: dict, schema: dict, value: dict, where: str) -> list[str]:
    found = [f"{where}: {key!r} is required" for key in schema.get("required", []) if key not in value]
    properties = schema.get("properties", {})
    if schema.get("additionalProperties") is False:
        found += [f"{where}: {key!r} is not documented" for key in value if key not in properties]
    for key, child in properties.items():
        if key in value:
            found += problems(document, child, value[key], f"{where}.{key}")
    return found


def _operations(document: dict):
    for item in document["paths"].values():
        yield from item.values()


def operation_for(document: dict, method: str, path: str) -> tuple[str, dict] | None:
    """The documented (template, operation) that a concrete API path such as /openings/JBT-X answers."""
    for template, item in document["paths"].items():
        parts = re.split(r"(\{[^}/]+\})", template)
        pattern = "".join("[^/]+" if part.startswith("{") else re.escape(part) for part in parts)
        if re.fullmatch(pattern, path) and method.lower() in item:
            return template, item[method.lower()]
    return None


def response_problems(document: dict, method: str, path: str, response) -> list[str]:
    """Whether a real response (a Flask test response) is what the document promises."""
    found = operation_for(document, method, path.split("?")[0].removeprefix(document["servers"][0]["url"]))
    if found is None:
        return [f"{method} {path} is not documented"]
    _, operation = found
    documented = operation["responses"].get(str(response.status_code))
    if documented is None:
        return [f"{method} {path}: status {response.status_code} is not documented"]
    if "content" not in documented:
        return []
    if response.mimetype != "application/json":
        return [f"{method} {path}: {response.mimetype} instead of application/json"]
    for name in documented.get("headers", {}):
        if name not in response.headers:
            return [f"{method} {path}: header {name} is missing"]
    return problems(document, documented["content"]["application/json"]["schema"], response.get_json())
