"""Freshness derived from a feed's status and interval."""

from datetime import datetime, timedelta, timezone

import pytest

from feeds.health import FeedStatus, feed_health

NOW = datetime(2026, 11, 24, 12, tzinfo=timezone.utc)


def status(success_min_ago=None, failures=0, kind=None, attempt=True):
    success = NOW - timedelta(minutes=success_min_ago) if success_min_ago is not None else None
    return FeedStatus("air", last_attempt=NOW if attempt else None, last_success=success,
                      consecutive_failures=failures, error_kind=kind, last_error="x" if kind else None)


@pytest.mark.parametrize("st, state, kind", [
    (None, "waiting", None),
    (status(attempt=False), "waiting", None),
    (status(1), "fresh", None),
    (status(10), "fresh", None),  # within two intervals of 5 min
    (status(11), "stale", None),  # overdue without a failure: stale
    (status(2, failures=1, kind="unavailable"), "stale", "unavailable"),
    (status(2, failures=2, kind="unavailable"), "stale", "unavailable"),
    (status(4, failures=3, kind="unavailable"), "down", "unavailable"),
    (status(None, failures=1, kind="auth"), "down", "auth"),  # never had data
    (status(3, failures=1, kind="auth"), "stale", "auth"),
])
def test_freshness_table(st, state, kind):
    health = feed_health(st, 300, NOW)
    assert (health.state, health.error_kind) == (state, kind)


def test_last_values_remain_available_while_down():
    health = feed_health(status(30, failures=5, kind="unavailable"), 300, NOW)
    assert health.state == "down" and health.has_data and health.message == "x"


@pytest.mark.parametrize("source_age, max_age, state, kind", [
    (timedelta(minutes=50), 3 * 3600, "fresh", None),
    (timedelta(days=3), 3 * 3600, "stale", "source_stale"),   # fetched fine, but the data stopped moving
    (timedelta(days=3), None, "fresh", None),                  # a feed whose time says nothing of freshness
    (timedelta(minutes=-5), 3 * 3600, "fresh", None),          # clocks differ a little
    (timedelta(hours=-2), 3 * 3600, "stale", "future"),        # stamped two hours ahead
    (timedelta(hours=-2), None, "stale", "future"),
])
def test_the_sources_own_time_is_judged_against_its_cadence(source_age, max_age, state, kind):
    st = FeedStatus("air", last_attempt=NOW, last_success=NOW, source_time=NOW - source_age)
    health = feed_health(st, 300, NOW, max_age)
    assert (health.state, health.error_kind) == (state, kind)
    assert (health.message is None) == (kind is None)


def test_a_failure_outranks_the_source_time():
    st = FeedStatus("air", last_attempt=NOW, last_success=NOW, source_time=NOW - timedelta(days=3),
                    consecutive_failures=1, error_kind="unavailable", last_error="x")
    assert feed_health(st, 300, NOW, 3600).error_kind == "unavailable"
