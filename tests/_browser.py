"""Headless Chromium for the report tests: Debian's ``chromium`` driven by Playwright.

No browser is downloaded: Playwright's Python package drives the system's Chromium
(``/usr/bin/chromium``, installed by ``.ci/run``; another one through ``MINZHENG_CHROMIUM``).
Each page is opened from a ``file://`` URL; every request is recorded, and every request
but the page itself is aborted, so a report that needs the network shows up as a request
(and as a console error), not as a slow test. Screenshots go to ``test-artifacts/`` (ignored
by git), where CI keeps them.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import attrs
import pytest

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts" / "html"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def chromium_path() -> str:
    """The Chromium to drive; a missing one fails the tests with the command that installs it."""
    found = os.environ.get("MINZHENG_CHROMIUM") or shutil.which("chromium")
    if not found:
        pytest.fail(
            "no Chromium found: install Debian's (apt-get install -y chromium) or set "
            "MINZHENG_CHROMIUM to a Chromium binary"
        )
    return found


@attrs.frozen
class Rendered:
    """What the browser made of one page."""

    text: str  # document.body.innerText
    console: tuple[tuple[str, str], ...]  # (type, text) of every console message
    errors: tuple[str, ...]  # uncaught page errors
    requests: tuple[str, ...]  # every URL the page asked for, the page's own included
    screenshot: Path
    checks: dict[str, Any]  # results of the in-page accessibility script


# Run in the page: facts a reader (or a screen reader) relies on.
_CHECKS = (Path(__file__).parent / "_page_checks.js").read_text(encoding="utf-8")


class Browser:
    """One Chromium for the session; a fresh page per report."""

    def __init__(self, profile: Path) -> None:
        from playwright.sync_api import sync_playwright  # noqa: PLC0415 - the test extra

        self._manager = sync_playwright().start()
        # A persistent context on a fresh folder is Chromium's --user-data-dir.
        self._context = self._manager.chromium.launch_persistent_context(
            str(profile),
            executable_path=chromium_path(),
            args=list(FLAGS),
            headless=True,
            viewport={"width": 1200, "height": 900},
            service_workers="block",
        )

    def close(self) -> None:
        self._context.close()
        self._manager.stop()

    def render(self, path: Path, name: str, *, print_pdf: Path | None = None) -> Rendered:
        page = self._context.new_page()
        console: list[tuple[str, str]] = []
        errors: list[str] = []
        requests: list[str] = []
        own = path.resolve().as_uri()
        page.on("console", lambda message: console.append((message.type, message.text)))
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("request", lambda request: requests.append(request.url))

        def route(handler_route: Any) -> None:
            if handler_route.request.url == own:
                handler_route.continue_()
            else:
                handler_route.abort()

        page.route("**/*", route)
        page.goto(own, wait_until="load")
        text = page.evaluate("document.body.innerText")
        checks = page.evaluate(_CHECKS)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        screenshot = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(screenshot))
        if print_pdf is not None:
            page.emulate_media(media="print")
            checks["nav_display_in_print"] = page.evaluate(
                "() => { const nav = document.querySelector('nav');"
                " return nav ? getComputedStyle(nav).display : 'none'; }"
            )
            page.pdf(path=str(print_pdf), format="A4", print_background=True)
        page.close()
        return Rendered(text, tuple(console), tuple(errors), tuple(requests), screenshot, checks)
