"""Reading a Wagtail admin form as a browser would submit it (tests that POST admin forms)."""

from __future__ import annotations

from html.parser import HTMLParser


class AdminFormFields(HTMLParser):
    """Collects the submitted values of the admin edit form: ticked boxes, selected options,
    textareas; submit buttons and file inputs are left out (the test adds the action)."""

    def __init__(self):
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self._textarea = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            if kind in ("submit", "button", "file"):
                return
            self.data.setdefault(name, []).append(
                attrs.get("value", "on" if kind == "checkbox" else "")
            )
        elif tag == "textarea" and name:
            self._textarea = name
            self.data.setdefault(name, []).append("")
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.data.setdefault(self._select, []).append(attrs.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][-1] += data


def admin_form_data(client, url: str) -> dict[str, list[str]]:
    """The values the admin form at ``url`` would send unchanged."""
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    form = AdminFormFields()
    form.feed(response.content.decode())
    return form.data
