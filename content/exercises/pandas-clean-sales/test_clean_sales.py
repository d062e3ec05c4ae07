import numpy as np
import pandas as pd
from pandas.api import types


def raw_sales():
    return pd.DataFrame(
        {
            "order_id": [1, 2, 2, 3, 4, 5, 5],
            "category": [" Books", "toys ", "Toys", "BOOKS", "Garden", "toys", "toys"],
            "price": ["$1,234.50", "$5.00", "5.00", "n/a", "$12,000", "", "$7.25"],
            "quantity": [" 1", "2", "2 ", "3", " 10 ", "1", "4"],
        }
    )


def cleaned(learner):
    got = learner.clean_sales(raw_sales())
    assert isinstance(got, pd.DataFrame), f"clean_sales should return a DataFrame, got {type(got).__name__}"
    missing = {"order_id", "category", "price", "quantity"} - set(got.columns)
    assert not missing, f"the result lost the column(s) {sorted(missing)}: keep order_id, category, price and quantity"
    return got


def test_input_unchanged(learner):
    raw = raw_sales()
    learner.clean_sales(raw)
    assert raw.equals(raw_sales()), "clean_sales changed the DataFrame it was given: start with df = df.copy() and work on the copy"


def test_returns_the_columns(learner):
    cleaned(learner)


def test_price_is_float(learner):
    got = cleaned(learner)
    assert types.is_float_dtype(got["price"]), (
        f"price should be a float column, got dtype {got['price'].dtype}: remove '$' and ',' with .str.replace(..., regex=False), "
        "then pd.to_numeric(..., errors='coerce')"
    )


def test_quantity_is_integer(learner):
    got = cleaned(learner)
    assert types.is_integer_dtype(got["quantity"]), f"quantity should be an integer column, got dtype {got['quantity'].dtype}: strip the spaces and use .astype(int)"


def test_categories_are_tidy(learner):
    got = cleaned(learner)
    values = sorted(set(got["category"]))
    assert values == ["books", "garden", "toys"], f"categories should be stripped and lowercase: expected the values ['books', 'garden', 'toys'], got {values}"


def test_duplicates_dropped_after_cleaning(learner):
    got = cleaned(learner)
    assert len(got) >= 6, (
        f"expected 6 rows, got {len(got)}: only rows that are equal in every column are duplicates "
        "(order 5 has two different sales, with different prices: both stay)"
    )
    assert len(got) == 6, (
        f"expected 6 rows: order 2 appears twice as 'toys '/'Toys' with '$5.00'/'5.00', which are the same sale once cleaned; "
        f"got {len(got)} rows. Drop duplicates after cleaning the columns"
    )
    assert sorted(got["order_id"].tolist()) == [1, 2, 3, 4, 5, 5], (
        f"order 5 has two different sales (different prices), both must stay: expected order ids [1, 2, 3, 4, 5, 5], got {sorted(got['order_id'].tolist())}"
    )


def test_price_values(learner):
    got = cleaned(learner).sort_values(["order_id", "quantity"]).reset_index(drop=True)
    prices = got["price"].tolist()
    expected = [1234.5, 5.0, np.nan, 12000.0, np.nan, 7.25]
    for order, want, have in zip(got["order_id"], expected, prices):
        if np.isnan(want):
            assert pd.isna(have), f"order {order}'s price cannot be read (it is 'n/a' or empty): it should be NaN, got {have!r}"
        else:
            assert have == want, f"order {order}'s price should be {want}, got {have!r}"


def test_quantity_values(learner):
    got = cleaned(learner).sort_values(["order_id", "quantity"]).reset_index(drop=True)
    assert [int(q) for q in got["quantity"]] == [1, 2, 3, 10, 1, 4], f"quantities should be [1, 2, 3, 10, 1, 4] (sorted by order), got {got['quantity'].tolist()}"


def test_fresh_index(learner):
    got = cleaned(learner)
    assert list(got.index) == list(range(len(got))), f"the index should run 0..{len(got) - 1} after dropping rows, got {list(got.index)}: use .reset_index(drop=True)"


def test_first_duplicate_kept_in_order(learner):
    got = cleaned(learner)
    assert got["order_id"].tolist() == [1, 2, 3, 4, 5, 5], f"rows should keep their original order (first of each duplicate kept): expected order ids [1, 2, 3, 4, 5, 5], got {got['order_id'].tolist()}"
