"""Report, drop and fill missing values: see README.md."""

import pandas as pd


def missing_report(df):
    """Fraction of missing values per column, highest first (ties in column order)."""
    # A first try: this counts the missing values instead of giving a fraction, and does not sort.
    return df.isna().sum()


def fill_missing(df, max_missing=0.5):
    """Drop columns with more than max_missing missing; fill numeric ones with the median, others with 'unknown'."""
    raise NotImplementedError("fill_missing is not written yet")


def fill_by_group(df, group_col, value_col):
    """Fill missing value_col with the median of its group_col group (overall median if the group has none)."""
    raise NotImplementedError("fill_by_group is not written yet")
