import pandas as pd


def mean_by_group(df: pd.DataFrame, key: str, value: str) -> pd.Series:
    """The mean of `value` for each group of `key`, sorted by group."""
    return df.groupby(key)[value].mean().sort_index()
