"""The polite fetcher: downloads listed URLs into the landing folder (robots.txt, per-host pacing,
retries, a fetch log), for the `fetch` flow and `newsflow fetch`."""
from __future__ import annotations

from flows.fetch.fetcher import FetchPolicy, FetchResult, FetchSummary, already_fetched, fetch_urls, read_url_list

__all__ = ["FetchPolicy", "FetchResult", "FetchSummary", "already_fetched", "fetch_urls", "read_url_list"]
