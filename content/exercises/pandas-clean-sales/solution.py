"""Clean a messy sales table: reference solution."""

import pandas as pd


def clean_sales(df):
    """Return a cleaned copy of df: tidy categories, float prices, int quantities, no duplicate rows."""
    df = df.copy()  # never change the caller's DataFrame
    # Assign whole columns: chained assignment such as df["price"][0] = ... does nothing under copy-on-write.
    df["category"] = df["category"].str.strip().str.lower()
    price_text = df["price"].str.replace("$", "", regex=False).str.replace(",", "", regex=False).str.strip()
    # errors="coerce" turns anything that is not a number ("n/a", "") into NaN instead of raising.
    df["price"] = pd.to_numeric(price_text, errors="coerce").astype(float)
    df["quantity"] = df["quantity"].str.strip().astype(int)
    # Only after cleaning do " Toys" and "toys" compare equal, so drop duplicates last.
    return df.drop_duplicates().reset_index(drop=True)
