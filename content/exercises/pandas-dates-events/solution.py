"""Parse timestamps, count events per day and make time features: reference solution."""

import pandas as pd


def parse_timestamps(events):
    """A copy with `timestamp` as datetimes, unreadable rows dropped, sorted by time, index 0..n-1."""
    # assign returns a new DataFrame; the caller's events are not changed.
    parsed = events.assign(
        # An explicit format is fast and unambiguous (is 03/04 March or April?);
        # errors="coerce" turns what does not match into NaT instead of raising.
        timestamp=pd.to_datetime(events["timestamp"], format="%Y-%m-%d %H:%M:%S", errors="coerce")
    )
    parsed = parsed.dropna(subset=["timestamp"])
    return parsed.sort_values("timestamp").reset_index(drop=True)


def daily_counts(events):
    """Number of events on each day from the first to the last, 0 on days without events."""
    parsed = parse_timestamps(events)
    # resample("D") makes one bin per calendar day over the whole range, empty days included;
    # size() counts the rows in each bin.
    return parsed.set_index("timestamp").resample("D").size()


def add_time_features(events):
    """parse_timestamps(events) plus the columns hour, weekday (Monday=0) and is_weekend."""
    parsed = parse_timestamps(events)
    when = parsed["timestamp"].dt  # the .dt accessor reads parts of each datetime
    return parsed.assign(
        hour=when.hour,
        weekday=when.dayofweek,           # Monday=0 ... Sunday=6
        is_weekend=when.dayofweek >= 5,
    )
