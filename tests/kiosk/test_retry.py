"""The retry policy, as a table."""

import pytest

from kiosk.retry import retry_delay


@pytest.mark.parametrize("interval, kind, failures, retry_after, expected", [
    (300, None, 0, None, 300),            # success: the interval
    (300, "auth", 1, None, 900),          # a refused key: long
    (3600, "auth", 1, None, 3600),        # ... never shorter than the interval
    (300, "quota", 1, None, 3600),        # quota: hourly
    (300, "quota", 1, 120, 120),          # ... unless the server says when
    (300, "unavailable", 1, None, 15),    # outage: short ...
    (300, "unavailable", 2, None, 30),    # ... doubling ...
    (300, "unavailable", 3, None, 60),
    (300, "unavailable", 5, None, 240),
    (300, "unavailable", 9, None, 300),   # ... capped
    (3600, "unavailable", 20, None, 300),
    (60, "unavailable", 4, None, 60),     # never beyond the interval
    (300, "format", 3, None, 300),        # a broken reply: the interval
])
def test_retry_delay(interval, kind, failures, retry_after, expected):
    assert retry_delay(interval, kind, failures, retry_after) == expected
