"""How politely and how cautiously the fetcher works: one `FetchPolicy`, defaults as documented."""
from __future__ import annotations

from dataclasses import dataclass

USER_AGENT = "newsflow/0.1 (news archive ingestion; polite: 1 request/s per host)"


@dataclass(frozen=True)
class FetchPolicy:
    per_host_interval: float = 1.0      # seconds between two requests to one host
    per_host_concurrency: int = 1
    workers: int = 4                    # requests in flight across all hosts
    connect_timeout: float = 5.0
    read_timeout: float = 20.0          # longest wait for any one read
    deadline: float = 60.0              # whole attempt: lookups, connects, headers and body of every hop
    retries: int = 3                    # extra attempts after the first, on 5xx/timeouts only
    backoff: float = 0.5                # seconds; doubled after each failed attempt
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    allow_private: bool = False         # connect to loopback/private/link-local/reserved addresses too
    allowed_networks: tuple[str, ...] = ()   # CIDR networks allowed even so (an intranet mirror; tests)
    user_agent: str = USER_AGENT
