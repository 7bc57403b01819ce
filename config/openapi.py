"""Schema post-processing: document the answers every operation can give, so clients (and tests/fuzz) can rely on
the schema for errors too.

drf-spectacular documents what a view declares; the framework's own refusals come on top of that: 400 for bad
input, 401 without a valid token, 403 without the role, 404 for an object that is not there or not yours.
"""

_DETAIL = {
    "type": "object",
    "properties": {"detail": {"type": "string", "description": "What went wrong and what to do."}},
    "required": ["detail"],
}
_PROBLEMS = {
    "type": "object",
    "additionalProperties": {},
    "description": "Each field (or `non_field_errors`, `detail`) with its problems.",
}
# A time of day as the API writes it ("10:00:00"): local to the mission, without a UTC offset, which JSON Schema's
# "time" format would demand.
_TIME_OF_DAY = {"type": "string", "pattern": r"^\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?$"}


def _error(description: str, schema: str) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
    }


def _times_of_day(node) -> None:
    if isinstance(node, dict):
        if node.get("type") == "string" and node.get("format") == "time":
            del node["format"]
            node.update(_TIME_OF_DAY)
        for child in node.values():
            _times_of_day(child)
    elif isinstance(node, list):
        for child in node:
            _times_of_day(child)


def document_errors(result, generator, request, public):
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault("ErrorDetail", _DETAIL)
    schemas.setdefault("ValidationProblems", _PROBLEMS)
    for path, operations in result.get("paths", {}).items():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            parameters = operation.get("parameters", [])
            if "requestBody" in operation or any(p.get("in") == "query" for p in parameters):
                responses.setdefault("400", _error("Bad input: what to fix, by field.", "ValidationProblems"))
            security = operation.get("security")
            if security and {} not in security:
                responses.setdefault(
                    "401", _error("No token or session, or an expired or revoked token.", "ErrorDetail")
                )
                responses.setdefault("403", _error("Your role in the mission may not do this.", "ErrorDetail"))
            if "{" in path:
                responses.setdefault("404", _error("Not found, or not yours to see.", "ErrorDetail"))
    _times_of_day(schemas)
    return result
