"""Parse timestamps, count events per day and make time features: see README.md."""

import pandas as pd


def parse_timestamps(events):
    """A copy with `timestamp` as datetimes, unreadable rows dropped, sorted by time, index 0..n-1."""
    events = events.copy()
    # A first try: it raises on the first broken timestamp, and does not sort.
    events["timestamp"] = pd.to_datetime(events["timestamp"], format="%Y-%m-%d %H:%M:%S")
    return events


def daily_counts(events):
    """Number of events on each day from the first to the last, 0 on days without events."""
    raise NotImplementedError("daily_counts is not written yet")


def add_time_features(events):
    """parse_timestamps(events) plus the columns hour, weekday (Monday=0) and is_weekend."""
    raise NotImplementedError("add_time_features is not written yet")
