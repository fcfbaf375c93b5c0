"""The web ledger: HTML pages to read articles with their evidence highlighted, and the JSON API.

``create_app(store)`` builds the ASGI app; ``newsledger serve`` runs it with uvicorn.
"""

from newsledger.web.app import create_app

__all__ = ["create_app"]
