"""Reading articles from the web: a guarded fetcher, polite per-host scheduling, feeds and pages.

``fetch`` makes one bounded request and refuses addresses that are not public (``addresses``); ``polite``
adds robots.txt, spacing and back-off; ``feeds`` lists a feed's entries; ``pages`` turns a fetched page
into an ``Article`` with its canonical URL and dates. Nothing here touches the ledger.
"""


def is_url(value: str) -> bool:
    """Whether a command-line argument is a web address rather than a path."""
    return value.lower().startswith(("http://", "https://"))
