import pandas as pd


def test_one_mean_per_group(learner):
    df = pd.DataFrame({"city": ["Oslo", "Lima", "Oslo"], "temp": [3.0, 19.0, 5.0]})
    got = learner.mean_by_group(df, "city", "temp")
    assert isinstance(got, pd.Series), f"expected a pandas Series with one mean per city, got {type(got).__name__}"
    assert list(got.index) == ["Lima", "Oslo"], f"expected the groups Lima and Oslo, in that order, got {list(got.index)}"
    assert got.tolist() == [19.0, 4.0], f"expected the means [19.0, 4.0], got {got.tolist()}"


def test_other_columns(learner):
    df = pd.DataFrame({"team": ["b", "a", "b", "a"], "score": [1, 2, 3, 6]})
    got = learner.mean_by_group(df, "team", "score")
    assert got.tolist() == [4.0, 2.0], f"for teams a and b expected the means [4.0, 2.0], got {list(got)}"
