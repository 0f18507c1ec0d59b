"""Helpers shared by the browser tests: logging in, axe-core, the script-execution probe."""

from __future__ import annotations

import os
import re
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
# Debian's chromium-headless-shell (scripts/install-browser-deps.sh): the Chromium build of
# Debian's chromium package, as the headless-only shell Playwright runs for headless tests. The
# full browser in headless mode spent three times its CPU on the same tests. KER_CHROMIUM names
# another executable (/usr/bin/chromium, for instance).
CHROMIUM_PATH = Path(os.environ.get("KER_CHROMIUM") or "/usr/bin/chromium-headless-shell")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # Each navigation in the same tab reuses its frame instead of building a new one
    # (RenderDocument: a new frame, document and JavaScript world for every page loaded). What a
    # page does and shows is the same; Chromium spent about 70 ms of CPU per page loaded with it
    # and 45 without (make test-browser: Chromium 168 -> 129 CPU s, 141 -> 114 s here).
    "--disable-features=RenderDocument",
    # Only the loopback (the live servers) may be reached: every other address, name or IP, goes
    # to a proxy that is not there (port 9), so map tiles, fonts and payload URLs from outside
    # fail at once. (A Playwright route did this per context, but routing turns Chromium's HTTP
    # cache off: each page fetched every CSS and JS file again.)
    # (``<-loopback>`` drops Chromium's implicit bypass of every loopback name and address.)
    "--proxy-server=http://127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>;127.0.0.1",
]
AXE_SCRIPT = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOT_DIR = PROJECT_ROOT / "test-artifacts" / "screenshots"


def screenshots_wanted() -> bool:
    """Whether the tests photograph their pages for people to look at (``make screenshots``,
    which sets KER_SCREENSHOTS=1). ``make test`` does not: a full-page screenshot is Chromium's
    costliest step (the phone-layout test's 120 of them took half its CPU), and no assertion
    reads them. A failed test photographs its open pages either way (conftest.py)."""
    return os.environ.get("KER_SCREENSHOTS", "").strip().lower() not in ("", "0", "false", "no")


# The password every user made by tests/conftest.py:make_user has.
PASSWORD = "mot-de-passe-solide"
BLOCKING_IMPACTS = ("serious", "critical")


def artifact_name(name: str) -> str:
    """A test name (with its parameters) as a file name."""
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-")


def log_in_through_form(page, username: str, password: str = PASSWORD) -> None:
    """Log in as a person does: the header link, the form, the button."""
    page.goto("/")
    page.get_by_role("link", name="Se connecter").click()
    page.get_by_label("Nom d'utilisateur").fill(username)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_role("button", name="Se déconnecter").wait_for()


def session_cookie_for(user, base_url: str) -> dict:
    """A logged-in session cookie for ``user`` (fast: no form), for a browser context."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": base_url,
    }


# ---------------------------------------------------------------------------------------------
# Accessibility (axe-core from npm, injected into the page)
# ---------------------------------------------------------------------------------------------


def axe_violations(page) -> list[dict]:
    """Run axe-core on the page; return the serious and critical violations."""
    if not AXE_SCRIPT.exists():
        raise AssertionError(
            f"{AXE_SCRIPT} is missing: run scripts/install-browser-deps.sh (npm ci)."
        )
    page.add_script_tag(path=str(AXE_SCRIPT))
    results = page.evaluate(
        """async () => {
            const results = await axe.run(document, {resultTypes: ["violations"]});
            return results.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map(n => ({target: n.target.join(" "),
                                          html: n.html.slice(0, 200),
                                          summary: n.failureSummary}))
            }));
        }"""
    )
    return [violation for violation in results if violation["impact"] in BLOCKING_IMPACTS]


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- [{violation['impact']}] {violation['id']}: {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {node['target']}  {node['html']}")
            if node.get("summary"):
                lines.append("      " + node["summary"].replace("\n", "\n      "))
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# Script-execution probe (hostile content)
# ---------------------------------------------------------------------------------------------

# Installed in every frame before any page script: any dialog function or our marker function
# that gets called is recorded, instead of opening a dialog.
XSS_PROBE_SCRIPT = """
(() => {
  const record = (how, args) => {
    try {
      const store = window.top.__kerScriptRan || (window.top.__kerScriptRan = []);
      store.push(how + "(" + Array.from(args).map(String).join(", ") + ") in " + location.href);
    } catch (error) {
      (window.__kerScriptRan = window.__kerScriptRan || []).push(how + " (cross-origin frame)");
    }
    console.warn("KER-SCRIPT-RAN " + how);
  };
  window.__kerScriptRan = window.__kerScriptRan || [];
  for (const name of ["alert", "confirm", "prompt", "print"]) {
    const hook = function () { record(name, arguments); return name === "confirm" ? false : null; };
    try {
      Object.defineProperty(window, name, {value: hook, writable: false, configurable: false});
    } catch (error) {
      window[name] = hook;
    }
  }
  window.kerXss = function () { record("kerXss", arguments); };
})();
"""

# Things that must never reach the DOM from user content, whatever the browser does with them:
# returns the calls the probe recorded, the dangerous elements, attributes and URLs found, and
# whether a template expression was evaluated.
PAGE_AUDIT_SCRIPT = """
([ownScriptPrefix, evaluatedMarker]) => {
  const problems = [];
  const userContent = "main .article-body, main .diff, main .preview, main .search-hits, "
    + "main .talk-message, main .commons-body";
  const urlAttributes = ["href", "src", "action", "formaction", "xlink:href", "data", "poster",
                         "background", "cite", "ping", "srcset"];
  const activeProtocols = ["javascript:", "vbscript:", "livescript:"];
  const activeStyle = /expression\\s*\\(|javascript:|behavior\\s*:|-moz-binding/i;
  const isDangerousUrl = (value) => {
    let url;
    try { url = new URL(value, document.baseURI); } catch (error) { return false; }
    if (activeProtocols.includes(url.protocol)) return true;
    return url.protocol === "data:" && !/^data:image\\/(png|jpeg|gif|webp);/i.test(url.href);
  };
  for (const element of document.querySelectorAll("*")) {
    const tag = element.tagName.toLowerCase();
    if (["iframe", "frame", "object", "embed", "applet", "base", "meta", "form", "link", "style"]
          .includes(tag) && element.closest(userContent)) {
      problems.push("<" + tag + "> inside user content: " + element.outerHTML.slice(0, 160));
    }
    if (tag === "script") {
      const type = (element.getAttribute("type") || "").toLowerCase();
      const src = element.getAttribute("src") || "";
      const inert = ["application/ld+json", "application/json"].includes(type);
      if (!inert && !src.startsWith(ownScriptPrefix)) {
        problems.push("unexpected <script>: " + element.outerHTML.slice(0, 160));
      }
    }
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith("on")) {
        problems.push("event handler " + name + " on <" + tag + ">: "
                      + element.outerHTML.slice(0, 160));
      } else if (name === "srcdoc") {
        problems.push("srcdoc on <" + tag + ">: " + element.outerHTML.slice(0, 160));
      } else if (urlAttributes.includes(name) && isDangerousUrl(attribute.value)) {
        problems.push(name + "=" + attribute.value.slice(0, 80) + " on <" + tag + ">");
      } else if (name === "style" && activeStyle.test(attribute.value)) {
        problems.push("style=" + attribute.value.slice(0, 80) + " on <" + tag + ">");
      }
    }
  }
  return {
    ran: window.__kerScriptRan || [],
    problems: problems,
    evaluated: document.documentElement.outerHTML.includes(evaluatedMarker),
  };
}
"""


def audit_page(page, evaluated_marker: str) -> dict:
    """Run PAGE_AUDIT_SCRIPT: {"ran": [...], "problems": [...], "evaluated": bool}."""
    return page.evaluate(PAGE_AUDIT_SCRIPT, ["/static/", evaluated_marker])


def field(scope, label: str):
    """A form control by its visible label, whether the field is required or not."""
    return scope.get_by_label(re.compile(rf"^{re.escape(label)}( \*)?( ?\(obligatoire\))?$"))
