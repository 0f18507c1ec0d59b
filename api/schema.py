"""OpenAPI schema of the read API only (Wagtail's own admin API stays out of it)."""


def only_public_api(endpoints, **kwargs):
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]
