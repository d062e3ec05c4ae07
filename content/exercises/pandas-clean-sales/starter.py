"""Clean a messy sales table: see README.md."""

import pandas as pd


def clean_sales(df):
    """Return a cleaned copy of df: tidy categories, float prices, int quantities, no duplicate rows."""
    # A first try: it drops duplicates before cleaning, so " Books" and "books" still look different,
    # and leaves price and quantity as text.
    df = df.drop_duplicates()
    df["category"] = df["category"].str.lower()
    return df
