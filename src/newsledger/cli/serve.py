"""``newsledger serve``: the web ledger of ``newsledger.web`` on uvicorn."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape

from newsledger.cli.common import DbOption, app, stderr


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[
        str, typer.Option(help="Address to listen on; 0.0.0.0 opens it to the network.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Serve the web ledger: article pages with their evidence highlighted, entities, search, JSON API.

    Example: newsledger serve --db ledger.db, then open http://127.0.0.1:8000/
    Writes (POST /api/articles) need NEWSLEDGER_TOKEN; NEWSLEDGER_READ_TOKEN_REQUIRED=1 closes reads too.
    """
    import uvicorn

    from newsledger.store import open_store
    from newsledger.web import create_app

    store = open_store(db)
    stderr.print(f"newsledger: serving {escape(store.display_url)} on http://{host}:{port}/", highlight=False)
    try:
        uvicorn.run(create_app(store), host=host, port=port, log_level="warning")
    finally:
        store.close()
