"""The wiki edit form's fields as a browser posts them, for tests that save through HTTP."""


def edit_form_data(page, **overrides) -> dict:
    """The edit form of PAGE, unchanged and based on its live revision, with OVERRIDES."""
    data = {
        "title": page.title,
        "summary": page.summary,
        "body": page.body,
        "tags": "",
        "place_name": "",
        "latitude": "",
        "longitude": "",
        "edit_summary": "",
        "base_revision_id": page.live_revision_id,
        "action": "enregistrer",
    }
    data.update(overrides)
    return data
