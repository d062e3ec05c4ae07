"""Report, drop and fill missing values: reference solution."""

import pandas as pd
from pandas.api.types import is_numeric_dtype


def missing_report(df):
    """Fraction of missing values per column, highest first (ties in column order)."""
    # isna() gives True/False; the mean of booleans is the fraction of True.
    return df.isna().mean().sort_values(ascending=False, kind="stable")


def fill_missing(df, max_missing=0.5):
    """Drop columns with more than max_missing missing; fill numeric ones with the median, others with 'unknown'."""
    fractions = df.isna().mean()                     # in column order, so it lines up with df's columns
    kept = df.loc[:, fractions <= max_missing]       # a new DataFrame: df itself is untouched
    fill_values = {
        column: kept[column].median() if is_numeric_dtype(kept[column]) else "unknown"
        for column in kept.columns
    }
    # One fillna with a dict fills each column with its own value.
    return kept.fillna(fill_values)


def fill_by_group(df, group_col, value_col):
    """Fill missing value_col with the median of its group_col group (overall median if the group has none)."""
    # transform returns one value per row (its group's median), aligned with df's index.
    group_median = df.groupby(group_col)[value_col].transform("median")
    filled = df[value_col].fillna(group_median).fillna(df[value_col].median())
    # assign returns a copy with the column replaced; no chained assignment (it does nothing in pandas 3).
    return df.assign(**{value_col: filled})
