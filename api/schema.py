"""OpenAPI schema of the read API only (Wagtail's own admin API stays out of it), with the
answers every operation may give besides 200: 304, 400, 404 and 429."""

ERROR = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
INVALID = {
    "type": "object",
    "description": "Pour chaque paramètre refusé, la raison.",
    "additionalProperties": True,
}
OTHER_ANSWERS = {
    "304": {"description": "Pas modifié depuis (réponse à If-None-Match ou If-Modified-Since)."},
    "400": ("Paramètre invalide.", "InvalidParameters"),
    "404": ("Introuvable, ou pas visible du public.", "Error"),
    "429": ("Trop de requêtes : réessayez après Retry-After secondes.", "Error"),
}


def only_public_api(endpoints, **kwargs):
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]


def document_other_answers(result, generator, request, public):
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Error"] = ERROR
    schemas["InvalidParameters"] = INVALID
    for methods in result.get("paths", {}).values():
        for operation in methods.values():
            responses = operation.setdefault("responses", {})
            for code, answer in OTHER_ANSWERS.items():
                if isinstance(answer, dict):
                    responses.setdefault(code, answer)
                    continue
                description, component = answer
                content = {
                    "application/json": {"schema": {"$ref": f"#/components/schemas/{component}"}}
                }
                if code in ("400", "404"):
                    # Refused before reaching the API (a NUL character, an id beyond any
                    # database id): the site's plain error page.
                    content["text/html"] = {"schema": {"type": "string"}}
                responses.setdefault(code, {"description": description, "content": content})
    return result
