import numpy as np
import pandas as pd


def readme_df():
    return pd.DataFrame(
        {
            "city": ["Paris", "Paris", "Lyon", None, "Lyon"],
            "rent": [1500.0, None, 800.0, 900.0, None],
            "notes": [None, None, None, "quiet", None],
        }
    )


def housing(seed=0, n=200):
    rng = np.random.default_rng(seed)
    city = rng.choice(["Paris", "Lyon", "Nice", "Lille"], size=n)
    base = pd.Series(city).map({"Paris": 1500, "Lyon": 850, "Nice": 1100, "Lille": 700}).to_numpy()
    df = pd.DataFrame(
        {
            "city": city,
            "rooms": rng.integers(1, 6, size=n).astype(float),
            "rent": (base + rng.normal(0, 100, size=n)).round(),
            "agent": rng.choice(["x", "y"], size=n).astype(object),
            "floor": rng.integers(0, 10, size=n).astype(float),
        }
    )
    df.loc[rng.random(n) < 0.3, "rent"] = np.nan
    df.loc[rng.random(n) < 0.1, "rooms"] = np.nan
    df.loc[rng.random(n) < 0.2, "agent"] = None
    df.loc[rng.random(n) < 0.7, "floor"] = np.nan
    return df


def test_report_is_a_fraction(learner):
    got = learner.missing_report(readme_df())
    assert isinstance(got, pd.Series), f"missing_report should return a Series indexed by column name, got {type(got).__name__}"
    as_dict = {k: float(v) for k, v in got.items()}
    assert np.isclose(as_dict.get("rent", -1), 0.4), f"2 of the 5 rents are missing, so 'rent' should be 0.4 (a fraction, not a count), got {as_dict.get('rent')}"
    assert set(as_dict) == {"city", "rent", "notes"}, f"every column should be in the report, got {sorted(as_dict)}"


def test_report_sorted(learner):
    got = learner.missing_report(readme_df())
    assert list(got.index) == ["notes", "rent", "city"], f"the report should be sorted from most to least missing: expected notes, rent, city; got {list(got.index)}"
    got = learner.missing_report(housing())
    values = [float(v) for v in got]
    assert values == sorted(values, reverse=True), f"the report should be sorted from most to least missing, got {np.round(values, 3).tolist()}"


def test_report_ties_keep_column_order(learner):
    df = pd.DataFrame({"b": [1, None], "a": [None, 2], "c": [1, 2]})
    got = list(learner.missing_report(df).index)
    assert got == ["b", "a", "c"], f"'b' and 'a' are both half missing: ties keep the column order (b before a); expected ['b', 'a', 'c'], got {got}. Use sort_values(..., kind='stable')"


def test_fill_missing_drops_mostly_empty_columns(learner):
    got = learner.fill_missing(readme_df())
    assert isinstance(got, pd.DataFrame), f"fill_missing should return a DataFrame, got {type(got).__name__}"
    assert "notes" not in got.columns, "'notes' is 80% missing, more than max_missing=0.5: it should be dropped"
    assert {"city", "rent"} <= set(got.columns), f"'city' and 'rent' should be kept, got the columns {list(got.columns)}"


def test_fill_missing_leaves_nothing_missing(learner):
    got = learner.fill_missing(housing())
    left = got.isna().sum()
    left = left[left > 0]
    assert left.empty, f"the result still has missing values in {dict(left)}: fill numeric columns with their median and the others with 'unknown'"


def test_fill_missing_values(learner):
    got = learner.fill_missing(readme_df())
    assert [float(v) for v in got["rent"]] == [1500.0, 900.0, 800.0, 900.0, 900.0], f"missing rents should be the median of the known ones (900.0), got {got['rent'].tolist()}"
    assert list(got["city"]) == ["Paris", "Paris", "Lyon", "unknown", "Lyon"], f"the missing city should be 'unknown', got {list(got['city'])}"


def test_fill_missing_threshold(learner):
    df = pd.DataFrame({"half": [1.0, None, 3.0, None], "most": [None, None, None, 4.0], "full": [1, 2, 3, 4]})
    got = learner.fill_missing(df, max_missing=0.5)
    assert "half" in got.columns, "'half' is exactly 50% missing, which is not more than max_missing=0.5: keep it"
    assert "most" not in got.columns, "'most' is 75% missing: drop it"
    got = learner.fill_missing(df, max_missing=0.8)
    assert "most" in got.columns, "with max_missing=0.8, 'most' (75% missing) should be kept: use the max_missing argument"


def test_fill_missing_input_unchanged(learner):
    df = housing(1)
    before = df.copy()
    learner.fill_missing(df)
    assert df.equals(before), "fill_missing changed the DataFrame it was given: fill a copy (fillna without inplace returns a new DataFrame)"


def test_fill_by_group_readme(learner):
    got = learner.fill_by_group(readme_df(), "city", "rent")
    assert isinstance(got, pd.DataFrame), f"fill_by_group should return a DataFrame, got {type(got).__name__}"
    rents = [float(v) for v in got["rent"]]
    assert rents == [1500.0, 1500.0, 800.0, 900.0, 800.0], (
        f"expected rents [1500, 1500, 800, 900, 800]: the missing Paris rent takes the Paris median and the missing Lyon rent the Lyon median; got {rents}"
    )


def test_fill_by_group_fallback(learner):
    df = pd.DataFrame({"city": ["Paris", "Nice", "Nice", "Paris", "Lyon"], "rent": [1000.0, None, None, 2000.0, 600.0]})
    got = learner.fill_by_group(df, "city", "rent")
    rents = [float(v) for v in got["rent"]]
    assert not any(np.isnan(rents)), f"no Nice rent is known, so its group median is NaN: fall back to the median of the whole column (1000.0); got {rents}"
    assert rents == [1000.0, 1000.0, 1000.0, 2000.0, 600.0], f"expected [1000, 1000, 1000, 2000, 600], got {rents}"


def test_fill_by_group_larger_and_unchanged(learner):
    df = housing(2)
    before = df.copy()
    got = learner.fill_by_group(df, "city", "rent")
    assert df.equals(before), "fill_by_group changed the DataFrame it was given: return a copy (df.assign(...) or df.copy())"
    medians = df.groupby("city")["rent"].median()
    missing = df["rent"].isna()
    expected = df.loc[missing, "city"].map(medians)
    have = got.loc[missing, "rent"]
    assert np.allclose(have.to_numpy(dtype=float), expected.to_numpy(dtype=float)), "on a larger table some missing rents did not get their own city's median"
    assert got["rent"][~missing].equals(df["rent"][~missing]), "rents that were known should not change"
