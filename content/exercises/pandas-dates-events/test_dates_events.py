import numpy as np
import pandas as pd
from pandas.api import types


def readme_events():
    return pd.DataFrame(
        {"timestamp": ["2026-03-04 09:30:00", "2026-03-02 23:59:59", "oops", "2026-03-02 08:00:00"], "user": ["b", "a", "c", "a"]}
    )


def random_events(seed=0, n=400):
    rng = np.random.default_rng(seed)
    start = pd.Timestamp("2026-01-01")
    # Events on about half of 60 days, so that many days have none.
    days = rng.choice(np.arange(0, 60, 2), size=n)
    seconds = rng.integers(0, 24 * 3600, size=n)
    stamps = [(start + pd.Timedelta(days=int(d), seconds=int(s))).strftime("%Y-%m-%d %H:%M:%S") for d, s in zip(days, seconds)]
    stamps[5] = "not a date"
    stamps[17] = ""
    return pd.DataFrame({"timestamp": stamps, "user": rng.choice(list("abcdef"), size=n)})


def day_strings(index):
    return [pd.Timestamp(d).strftime("%Y-%m-%d") for d in index]


def test_parse_returns_datetimes(learner):
    try:
        got = learner.parse_timestamps(readme_events())
    except (ValueError, TypeError) as error:
        raise AssertionError(
            f"parse_timestamps raised {type(error).__name__} ({str(error).splitlines()[0].split('. ')[0][:100]}) on the broken timestamp 'oops': "
            "pass errors='coerce' to pd.to_datetime so that it becomes NaT, then drop those rows"
        ) from None
    assert isinstance(got, pd.DataFrame), f"parse_timestamps should return a DataFrame, got {type(got).__name__}"
    assert types.is_datetime64_any_dtype(got["timestamp"]), f"the timestamp column should hold datetimes, got dtype {got['timestamp'].dtype}"


def test_parse_drops_broken_rows_and_sorts(learner):
    got = learner.parse_timestamps(readme_events())
    assert len(got) == 3, f"the row with the timestamp 'oops' should be dropped, leaving 3 rows; got {len(got)}"
    users = got["user"].tolist()
    assert users == ["a", "a", "b"], f"rows should be sorted by time (users a, a, b), got users {users}"
    assert list(got.index) == [0, 1, 2], f"the index should be 0, 1, 2 after sorting and dropping, got {list(got.index)}: use .reset_index(drop=True)"


def test_parse_leaves_events_unchanged(learner):
    events = readme_events()
    learner.parse_timestamps(events)
    assert events.equals(readme_events()), "parse_timestamps changed the events it was given: work on a copy (events.assign(...) or events.copy())"


def test_daily_counts_readme(learner):
    got = learner.daily_counts(readme_events())
    assert isinstance(got, pd.Series), f"daily_counts should return a Series, got {type(got).__name__}"
    days = day_strings(got.index)
    assert days == ["2026-03-02", "2026-03-03", "2026-03-04"], (
        f"expected one row per day from 2026-03-02 to 2026-03-04, the quiet 2026-03-03 included, got the days {days}: resample('D') fills the gaps"
    )
    assert [int(v) for v in got] == [2, 0, 1], f"expected the counts [2, 0, 1] (23:59:59 is still 2 March), got {[int(v) for v in got]}"


def test_daily_counts_larger(learner):
    events = random_events(1)
    got = learner.daily_counts(events)
    parsed = pd.to_datetime(events["timestamp"], format="%Y-%m-%d %H:%M:%S", errors="coerce").dropna()
    per_day = parsed.dt.strftime("%Y-%m-%d").value_counts()
    first, last = parsed.min().normalize(), parsed.max().normalize()
    all_days = [(first + pd.Timedelta(days=i)).strftime("%Y-%m-%d") for i in range((last - first).days + 1)]
    expected = [int(per_day.get(day, 0)) for day in all_days]
    assert len(got) == len(all_days), f"expected {len(all_days)} days from {all_days[0]} to {all_days[-1]} (every day, quiet ones with 0), got {len(got)}"
    assert int(got.sum()) == len(parsed), f"the counts should add up to the {len(parsed)} events with a readable timestamp, got {int(got.sum())}"
    assert day_strings(got.index) == all_days, "the days should be in order, from the first to the last"
    assert [int(v) for v in got] == expected, "some days have the wrong count on a larger log"


def test_time_features(learner):
    got = learner.add_time_features(readme_events())
    missing = {"timestamp", "user", "hour", "weekday", "is_weekend"} - set(got.columns)
    assert not missing, f"add_time_features should add hour, weekday and is_weekend to the parsed table; missing {sorted(missing)}"
    assert [int(h) for h in got["hour"]] == [8, 23, 9], f"hours should be [8, 23, 9] (rows sorted by time), got {got['hour'].tolist()}"
    assert [int(d) for d in got["weekday"]] == [0, 0, 2], f"2 March 2026 is a Monday (0) and 4 March a Wednesday (2): expected weekdays [0, 0, 2], got {got['weekday'].tolist()}"


def test_weekend_flag(learner):
    events = pd.DataFrame({"timestamp": ["2026-03-06 12:00:00", "2026-03-07 12:00:00", "2026-03-08 12:00:00", "2026-03-09 12:00:00"], "user": list("abcd")})
    got = learner.add_time_features(events)
    flags = [bool(x) for x in got["is_weekend"]]
    assert flags == [False, True, True, False], f"Friday 6, Saturday 7, Sunday 8, Monday 9 March: is_weekend should be [False, True, True, False], got {flags}"
    days = [int(d) for d in got["weekday"]]
    assert days == [4, 5, 6, 0], f"weekday should count Monday as 0 and Sunday as 6 (.dt.dayofweek): expected [4, 5, 6, 0], got {days}"
