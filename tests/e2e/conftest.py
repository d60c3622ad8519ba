"""Browser end-to-end tests: the real app under `workbench serve`, driven by Debian's Chromium.

Every test here is marked ``e2e``. Without ``/usr/bin/chromium`` or the ``playwright``
package they skip and say why, unless ``WORKBENCH_REQUIRE_E2E=1`` (set by .ci/run),
which turns the skip into a failure.

One server per test module: a seeded SQLite database in a temporary folder, started
with ``python -m workbench serve`` on a free port. Each test gets a fresh browser
context (so a fresh Streamlit session) and fails if the page ever raised a dialog.

``WORKBENCH_SCREENSHOTS=1`` makes the tests write the README screenshots to
docs/screenshots/; without it nothing in the tree is touched.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from serving import free_port, serving

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("WORKBENCH_CHROMIUM", "/usr/bin/chromium"))  # Debian's Chromium
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]  # fmt: skip
REQUIRE_E2E = os.environ.get("WORKBENCH_REQUIRE_E2E") == "1"
SCREENSHOTS = os.environ.get("WORKBENCH_SCREENSHOTS") == "1"
SCREENSHOT_DIR = REPO / "docs" / "screenshots"
TIMEOUT_MS = 20_000  # Playwright's wait for any expected element or text


def _missing() -> str | None:
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -e '.[test]')"
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    problem = _missing()
    for item in items:
        if here not in Path(str(item.path)).parents:
            continue
        item.add_marker(pytest.mark.e2e)
        if problem and not REQUIRE_E2E:
            item.add_marker(pytest.mark.skip(reason=f"browser tests skipped: {problem}"))


@pytest.fixture(scope="module", autouse=True)
def _browser_available() -> None:
    problem = _missing()
    if problem and REQUIRE_E2E:
        pytest.fail(f"browser tests are required here (WORKBENCH_REQUIRE_E2E=1) but {problem}")


# ---------------------------------------------------------------- the server


@dataclass
class Server:
    url: str
    database_url: str
    log: Path
    store: Any  # the test process's own Store on the same database (service-layer changes)
    document_ids: list[int] = field(default_factory=list)

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-8000:]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`workbench serve` on a seeded SQLite database: the hand-made corpus plus the hostile HTML sample."""
    if _missing():
        pytest.skip(f"browser tests skipped: {_missing()}")
    from workbench.samples import HOSTILE_SAMPLE
    from workbench.store import open_store
    from workbench.store.ingest import ingest_paths
    from workbench.store.seed import seed_small_corpus
    from workbench.store.service import Actor

    tmp = tmp_path_factory.mktemp("e2e")
    db_url = f"sqlite:///{tmp / 'claims.db'}"
    store = open_store(db_url)
    ids = seed_small_corpus(store)
    summary = ingest_paths(store.sessions, [str(HOSTILE_SAMPLE)], actor=Actor("seed"))
    assert summary.new == 1, summary

    port = free_port()
    log = tmp / "server.log"
    env = dict(
        os.environ,
        STREAMLIT_BROWSER_GATHER_USAGE_STATS="false",
        STREAMLIT_SERVER_HEADLESS="true",
        WORKBENCH_CONFIG=str(tmp / "no-config.toml"),  # never pick up a workbench.toml from the cwd
        WORKBENCH_MODE="local",
        LOGNAME="sam",
        USER="sam",  # the default reviewer name (the OS user)
    )
    cmd = [
        sys.executable,
        "-m",
        "workbench",
        "serve",
        "--database",
        db_url,
        "--port",
        str(port),
        "--headless",
    ]
    try:
        with serving(cmd, env, tmp, log) as (_proc, url):
            yield Server(url=url, database_url=db_url, log=log, store=store, document_ids=ids)
    finally:
        store.engine.dispose()


# ---------------------------------------------------------------- the browser


@pytest.fixture(scope="module")
def browser(server: Server) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    if report.when == "call":
        item.stash[_FAILED] = report.failed
    return report


_FAILED = pytest.StashKey[bool]()


@pytest.fixture
def page(browser: Any, server: Server, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    """A fresh context (a new Streamlit session) on the app; fails the test if any dialog fired.

    When the test fails, a screenshot of the page and the server's log go to its tmp_path.
    """
    from playwright.sync_api import expect

    expect.set_options(timeout=TIMEOUT_MS)
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    context.set_default_timeout(TIMEOUT_MS)
    pg = context.new_page()
    dialogs: list[str] = []

    def on_dialog(dialog: Any) -> None:
        dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    pg.on("dialog", on_dialog)
    pg.dialogs = dialogs  # type: ignore[attr-defined]
    try:
        yield pg
        if request.node.stash.get(_FAILED, False):
            shot = tmp_path / "failure.png"
            pg.screenshot(path=str(shot), full_page=True)
            print(f"\nscreenshot of the failure: {shot}\nserver output:\n{server.output()}")
    finally:
        context.close()
    assert not dialogs, f"the page raised dialogs: {dialogs}"


@pytest.fixture
def screenshot() -> Any:
    """``screenshot(page, "queue")`` writes docs/screenshots/queue.png when WORKBENCH_SCREENSHOTS=1.

    Streamlit scrolls inside ``stMain``, not the document, so a "full page" screenshot
    alone stops at the viewport: the viewport is made as tall as the content first.
    """

    def take(pg: Any, name: str) -> None:
        if not SCREENSHOTS:
            return
        from playwright.sync_api import expect

        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        expect(pg.get_by_test_id("stToast")).to_have_count(0, timeout=15_000)  # toasts fade by themselves
        size = pg.viewport_size
        height = pg.get_by_test_id("stMain").evaluate("m => m.scrollHeight")
        pg.set_viewport_size({"width": size["width"], "height": max(size["height"], int(height))})
        pg.wait_for_function(
            "() => { const m = document.querySelector('[data-testid=stMain]'); "
            "return m.scrollHeight <= m.clientHeight + 1 }"
        )
        expect(pg.get_by_test_id("stApp")).to_have_attribute("data-test-script-state", "notRunning")
        pg.screenshot(path=str(SCREENSHOT_DIR / f"{name}.png"), full_page=True, animations="disabled")
        pg.set_viewport_size(size)

    return take


# ---------------------------------------------------------------- driving the app


class App:
    """Small helpers over a Playwright page showing the workbench. Every step waits for its result."""

    def __init__(self, page: Any, server: Server) -> None:
        self.page = page
        self.server = server

    def open(self, path: str = "", header: str = "Claims queue") -> None:
        """Load a page by its URL path and wait until its script has finished running."""
        from playwright.sync_api import expect

        self.page.goto(f"{self.server.url}/{path}")
        expect(self.page.get_by_test_id("stApp")).to_be_visible()
        expect(self.page.get_by_test_id("stSidebarNav")).to_be_visible()
        if header:
            expect(self.heading(header)).to_be_visible()
        self.settle()

    def settle(self) -> None:
        """Wait for the current script run to finish and every stale element to be replaced.

        Streamlit marks its root with ``data-test-script-state`` (``initial``, ``running``,
        ``rerunRequested``, ``notRunning``...). Call this once the result of an action is
        visible: a rerun that has not been requested yet cannot be waited for.
        """
        from playwright.sync_api import expect

        expect(self.page.get_by_test_id("stApp")).to_have_attribute("data-test-script-state", "notRunning")
        expect(self.page.locator("[data-stale='true']")).to_have_count(0)

    def nav(self, title: str, header: str | None = None) -> None:
        """Click a page in the sidebar (not the one shown) and wait for its header."""
        from playwright.sync_api import expect

        self.page.get_by_test_id("stSidebarNav").get_by_role("link", name=title, exact=True).click()
        expect(self.heading(header or title)).to_be_visible()
        self.settle()

    def heading(self, name: str) -> Any:
        return self.page.get_by_role("heading", name=name, exact=True)

    def choose(self, label: str, option: str, *, exact: bool = False) -> None:
        """Pick ``option`` in the selectbox labelled ``label`` and wait until it shows.

        The list is a react-aria popover that closes on scroll, and Playwright scrolls
        the box into view while clicking; so the box is scrolled first, and the click is
        repeated (at most three times) if the list did not open.
        """
        from playwright.sync_api import Error, expect

        box = self.page.get_by_role("combobox", name=label, exact=True)
        wanted = self.page.get_by_role("option", name=option, exact=exact)
        for attempt in range(3):
            box.scroll_into_view_if_needed()
            box.click()
            try:
                wanted.wait_for(state="visible", timeout=4000)
                wanted.click(timeout=4000)
                break
            except Error:
                if attempt == 2:
                    raise
                self.page.keyboard.press("Escape")
        expect(box).to_have_value(option if exact else re.compile(re.escape(option)))
        self.settle()

    def toast(self, text: str) -> Any:
        return self.page.get_by_test_id("stToast").filter(has_text=text)

    def cell(self, text: str) -> Any:
        """A cell of the dataframe on the page (its accessibility table; the grid itself is a canvas)."""
        return self.page.get_by_test_id("stDataFrame").locator("td", has_text=text)

    def document_view(self) -> Any:
        """The rendered article(s): the highlighted document HTML the app builds."""
        return self.page.locator("div.wb-doc")


@pytest.fixture
def app(page: Any, server: Server) -> App:
    return App(page, server)
