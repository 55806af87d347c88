"""The database opens cleanly in Datasette, with real tables and their foreign keys."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from datasette.app import Datasette


def test_datasette_shows_tables_and_foreign_keys(default_db_path):
    async def inspect():
        ds = Datasette([str(default_db_path)])
        name = default_db_path.stem
        database = (await ds.client.get(f"/{name}.json")).json()
        page = await ds.client.get(f"/{name}/requirements")
        return {t["name"]: t for t in database["tables"]}, page

    # Run the client on its own thread: browser tests may leave an event loop running on this one.
    with ThreadPoolExecutor(1) as pool:
        tables, page = pool.submit(asyncio.run, inspect()).result()
    assert {"directives", "requirements", "trusts", "staff_grades", "relevance_scores", "history"} <= set(tables)
    outgoing = {(fk["column"], fk["other_table"]) for fk in tables["requirements"]["foreign_keys"]["outgoing"]}
    assert outgoing == {("directive", "directives"), ("grade", "staff_grades")}
    assert tables["requirements"]["count"] >= 150
    assert page.status_code == 200 and 'href="/proportion/directives/' in page.text  # links follow the keys
