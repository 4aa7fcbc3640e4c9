"""When to fetch again: one pure function of the last outcome, table-tested."""

from __future__ import annotations

AUTH_DELAY_S = 900.0  # a refused key rarely fixes itself quickly; don't hammer the server
QUOTA_DELAY_S = 3600.0  # Seoul's quota is daily; try hourly unless the server says when
SHORT_DELAY_S = 15.0  # first retry after an outage or timeout, then doubling
SHORT_CAP_S = 300.0


def retry_delay(interval_s: float, error_kind: str | None, failures: int,
                retry_after_s: float | None = None) -> float:
    """Seconds until the next fetch.

    Success: the interval. auth: long. quota: the server's Retry-After, else long.
    unavailable: short, doubling with each consecutive failure, capped (never beyond the
    interval). format: the interval (a broken reply is not fixed by asking sooner).
    """
    if error_kind is None:
        return interval_s
    if error_kind == "auth":
        return max(interval_s, AUTH_DELAY_S)
    if error_kind == "quota":
        return retry_after_s if retry_after_s is not None else max(interval_s, QUOTA_DELAY_S)
    if error_kind == "unavailable":
        doubling = SHORT_DELAY_S * 2 ** max(0, failures - 1)
        return min(doubling, SHORT_CAP_S, interval_s)
    return interval_s
