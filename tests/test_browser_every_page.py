"""Every page read whole at 1,280 px wide (real browser): no table with columns cut off, no code or file path.

Each page is opened by each kind of user it looks different to: the administrator opens every page the
administrator sees; the pages an administrator does not see (Record my time) are opened by a role that sees them;
and the trust-scoped pages (Trust, Reports, Time studies) are opened again by a trust manager, who sees their
own trust's figures there. On each page every expander is opened and every tab is shown in turn, so tables that
start hidden are measured too.

How a cut-off table is found: Streamlit draws ``st.dataframe`` and ``st.data_editor`` with glide-data-grid, on a
canvas, so the cells are not in the DOM to measure. But the grid scrolls inside one element, ``.dvn-scroller``,
whose inner box is exactly as wide as the sum of the column widths; when the columns do not fit the grid's box the
scroller scrolls sideways, so ``scrollWidth > clientWidth`` means a column is (partly) out of sight. The header
cells of the grid's accessible twin (``[role=columnheader]``) name the columns in the failure message. (Their
positions are no good as the measure: the grid renders only the columns in view.)

How a cut-off value is found: a grid that fits its box may still draw a value with "…" when its column is too
narrow for it. The grid's own props (found from the scroller through React's fiber, as the canvas has no DOM
cells) give each column's width and each cell as drawn: ``getCellContent`` returns the formatted text
(``displayData``, "£4,102,811") and whether the cell may wrap. The text is measured with a canvas in the grid's
own font (its theme: 14 px Source Sans) plus the cell's padding on both sides. A number, and a short text (up to
32 characters, as ``app_pages._ui`` calls short) on rows too low to wrap, must fit whole; text that wraps must fit
word by word (the longest word on one line), and a short text must fit in the lines its row holds. Longer text
may run past its rows: the cell's tooltip and the download hold it whole.

How words are checked: the page's visible text (``innerText`` of the main area and the sidebar, with Streamlit's
icon ligatures such as ``keyboard_arrow_down`` hidden first) plus the grid's accessible header and cell text must
hold no snake_case word (``ALLOWED`` lists the few that are not identifiers) and no file path of ours.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from audit.access import Role, User, visible_pages
from audit.accounts import add_user
from catalogue.store import open_db
from streamlit_app import PAGE_SPECS
from tests.conftest import ROOT, serve_app

pytestmark = pytest.mark.browser
WAIT = 60_000
WIDTH = 1280
PASSWORD = "correct horse battery"
KENT = "Kent Probation"
ACCOUNTS: dict[Role, tuple[str, str | None]] = {
    Role.ADMINISTRATOR: ("ada", None),
    Role.TRUST_MANAGER: ("kim", KENT),
    Role.TRUST_STAFF: ("sam", KENT),
}
TRUST_SCOPED = {"trust", "reports", "study"}  # pages that show a trust manager their own trust
SNAKE = re.compile(r"\b[a-z0-9]+_[a-z0-9_]+\b")
ALLOWED: set[str] = set()  # snake_case words that are not identifiers (none so far)
PATH = re.compile(r"/work/|[\w-]+\.(?:csv|py)\b|\breference/")

HIDE_ICONS = """
[data-testid="stIconMaterial"], [data-testid="stExpanderIcon"], [data-testid="stAlertDynamicIcon"],
.material-symbols-rounded, [data-testid="stSidebarCollapseButton"], [data-testid="stHeader"] {
    display: none !important;
}
"""

MEASURE_GRIDS = """() => [...document.querySelectorAll('.dvn-scroller')].map(scroller => {
    const grid = scroller.closest('[data-testid="stDataFrame"]') || scroller.parentElement;
    return {
        scrollWidth: scroller.scrollWidth,
        clientWidth: scroller.clientWidth,
        columns: [...grid.querySelectorAll('[role="columnheader"]')].map(h => h.textContent.trim()),
    };
})"""

MEASURE_CELLS = r"""() => {
    const ctx = document.createElement('canvas').getContext('2d');
    const cut = [];
    for (const scroller of document.querySelectorAll('.dvn-scroller')) {
        if (!scroller.clientWidth) continue;  // a grid in a closed tab or expander
        const key = Object.keys(scroller).find(k => k.startsWith('__reactFiber$'));
        let fiber = key ? scroller[key] : null;
        while (fiber && !(fiber.memoizedProps?.columns && fiber.memoizedProps?.getCellContent)) fiber = fiber.return;
        if (!fiber) { cut.push({column: '(grid props not found)', width: 0, needs: 0, text: ''}); continue; }
        const grid = fiber.memoizedProps;
        const theme = grid.theme || {};
        const pad = theme.cellHorizontalPadding ?? 8;
        const fontPx = parseFloat(/([\d.]+)px/.exec(theme.baseFontStyle || '14px')[1]);
        ctx.font = `${theme.baseFontStyle || '400 14px'} ${theme.fontFamily || 'sans-serif'}`;
        const rowHeight = typeof grid.rowHeight === 'number' ? grid.rowHeight : 35;
        const lines = Math.max(1, Math.floor((rowHeight - 2 * (theme.cellVerticalPadding ?? 3)) / (fontPx * 1.5)));
        const px = text => ctx.measureText(text).width + 2 * pad;
        grid.columns.forEach((column, c) => {
            for (let r = 0; r < Math.min(grid.rows, 500); r++) {
                const cell = grid.getCellContent([c, r]);
                if (cell.kind !== 'text' && cell.kind !== 'number' && cell.kind !== 'uri') continue;
                const text = String(typeof cell.displayData === 'string' ? cell.displayData : cell.data ?? '');
                if (!text.trim()) continue;
                let needs = text.length > 32 && !(cell.allowWrapping && lines > 1) ? 0 : px(text);
                if (cell.allowWrapping && lines > 1) {
                    const words = text.split(/\s+/);
                    needs = Math.max(...words.map(px));
                    let used = 1, line = '';
                    for (const word of words) {
                        const next = line ? line + ' ' + word : word;
                        if (px(next) > column.width && line) { used += 1; line = word; } else { line = next; }
                    }
                    if (text.length <= 32 && used > lines) needs = column.width + 1;
                }
                if (needs > column.width + 0.5) {
                    cut.push({column: column.title, width: column.width, needs: Math.ceil(needs), text});
                    break;  // one value a column is enough to name it
                }
            }
        });
    }
    return cut;
}"""

OPEN_EXPANDERS = """() => {
    const closed = [...document.querySelectorAll('details:not([open]) > summary')];
    closed.forEach(summary => summary.click());
    return closed.length;
}"""

GRID_TEXT = """() => [...document.querySelectorAll('[role="columnheader"], [role="gridcell"]')]
    .map(c => c.textContent).join('\\n')"""


def walks() -> list[tuple[Role, str, str]]:
    """(role, url path, title) of every walk: the administrator's pages, the others', the trust manager's own."""
    seen = {
        role: set(visible_pages(User(name, role, trust=trust, name=name))) for role, (name, trust) in ACCOUNTS.items()
    }
    out = []
    for _, file, title, _, path in PAGE_SPECS:
        if not (ROOT / "app_pages" / file).exists():
            continue
        roles = [r for r in ACCOUNTS if path in seen[r]]
        if not roles:
            continue
        out.append((roles[0], path, title))
        if path in TRUST_SCOPED and Role.TRUST_MANAGER in roles and roles[0] != Role.TRUST_MANAGER:
            out.append((Role.TRUST_MANAGER, path, title))
    return out


@pytest.fixture(scope="module")
def server(default_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app as `proportion serve` runs it (the login cookie lasts across addresses), with one account a role."""
    home = tmp_path_factory.mktemp("every-page")
    db_path = home / "proportion.db"
    shutil.copy(default_db_template, db_path)
    db = open_db(db_path)
    for role, (username, trust) in ACCOUNTS.items():
        add_user(db, username, PASSWORD, role, trust=trust, name=username.capitalize())
    db.conn.close()
    with serve_app(db_path, home, ROOT / "proportion_server.py") as url:
        yield url


@pytest.fixture(scope="module")
def sessions(browser: Browser, server: str) -> Iterator[dict[Role, Page]]:
    """One logged-in browser tab per role, 1,280 px wide, opened on first use."""
    opened: dict[Role, Page] = {}
    contexts = []

    class Tabs(dict):
        def __missing__(self, role: Role) -> Page:
            context = browser.new_context(viewport={"width": WIDTH, "height": 900})
            contexts.append(context)
            page = context.new_page()
            page.goto(server)
            page.get_by_label("Username").fill(ACCOUNTS[role][0])
            page.get_by_label("Password", exact=True).fill(PASSWORD)
            page.get_by_role("button", name="Log in", exact=True).click()
            page.get_by_role("button", name="Log out").wait_for(timeout=WAIT)
            settle(page)
            self[role] = page
            return page

    yield Tabs(opened)
    for context in contexts:
        context.close()


def settle(page: Page) -> None:
    """Wait until the script has run to its end and the grids are drawn."""
    page.wait_for_function(
        "() => document.querySelector('[data-testid=\"stApp\"]')?.dataset.testScriptState === 'notRunning'",
        timeout=WAIT,
    )
    page.wait_for_timeout(800)


def cut_tables(page: Page) -> list[str]:
    """Return what is cut off in the grids on screen: columns out of sight, and values drawn with "…"."""
    cut = [
        f"table cut off ({g['scrollWidth']} px of columns in {g['clientWidth']} px): {', '.join(g['columns'])}"
        for g in page.evaluate(MEASURE_GRIDS)
        if g["clientWidth"] > 0 and g["scrollWidth"] > g["clientWidth"] + 1
    ]
    cut += [
        f"value cut off in column {c['column']!r} ({c['width']} px, needs {c['needs']} px): {c['text'][:60]!r}"
        for c in page.evaluate(MEASURE_CELLS)
    ]
    return cut


def visible_words(page: Page) -> str:
    text = page.locator('[data-testid="stMain"]').inner_text()
    sidebar = page.locator('[data-testid="stSidebar"]')
    if sidebar.count():
        text += "\n" + sidebar.inner_text()
    return text + "\n" + str(page.evaluate(GRID_TEXT))


def look_at_everything(page: Page) -> tuple[list[str], str]:
    """Open every expander and show every tab in turn; return the cut-off tables and all the text seen."""
    for _ in range(3):  # an expander may hold another; a click in the page opens it as a person's would
        if not page.evaluate(OPEN_EXPANDERS):
            break
    page.wait_for_timeout(600)
    cut, text = cut_tables(page), visible_words(page)
    for tab in page.get_by_role("tab").all():
        tab.click()
        page.wait_for_timeout(600)
        cut += cut_tables(page)
        text += visible_words(page)
    return cut, text


WALKS = walks()


@pytest.mark.parametrize(("role", "path", "title"), WALKS, ids=[f"{r.value}-{p}" for r, p, _ in WALKS])
def test_a_page_reads_whole_at_1280_px(sessions: dict[Role, Page], server: str, role: Role, path: str, title: str):
    page = sessions[role]
    page.goto(f"{server}/{'' if path == 'overview' else path}")  # the Overview is the root
    page.locator("h1").first.wait_for(timeout=WAIT)
    settle(page)
    page.add_style_tag(content=HIDE_ICONS)
    assert page.get_by_test_id("stException").count() == 0, page.get_by_test_id("stException").first.inner_text()
    cut, text = look_at_everything(page)
    problems = list(cut)
    problems += [f"code word on screen: {w}" for w in sorted(set(SNAKE.findall(text)) - ALLOWED)]
    problems += [f"file path on screen: {p}" for p in sorted(set(PATH.findall(text)))]
    assert not problems, f"{title} as {role.value}:\n" + "\n".join(dict.fromkeys(problems))
