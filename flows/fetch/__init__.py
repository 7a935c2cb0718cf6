"""The polite fetcher: downloads listed URLs into the landing folder (per-host pacing, a deadline,
retries, a fetch log). fetcher.py runs a list (pacing, retries, storing, the log), request.py one
attempt (redirects hop by hop, the overall deadline), address.py which addresses may be reached,
urls.py reading URLs defensively and redacting them, policy.py the settings."""
from __future__ import annotations

from flows.fetch.fetcher import FetchResult, FetchSummary, already_fetched, fetch_urls, read_url_list
from flows.fetch.policy import FetchPolicy

__all__ = ["FetchPolicy", "FetchResult", "FetchSummary", "already_fetched", "fetch_urls", "read_url_list"]
