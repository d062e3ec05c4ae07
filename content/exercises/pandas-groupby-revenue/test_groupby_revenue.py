import numpy as np
import pandas as pd


def readme_orders():
    return pd.DataFrame(
        {
            "order_id": [1, 1, 2, 3, 3, 4],
            "region": ["north", "north", "south", "north", "north", "south"],
            "product": ["pen", "ink", "pen", "pen", "paper", "ink"],
            "quantity": [10, 2, 5, 1, 3, 4],
            "unit_price": [1.5, 8.0, 1.5, 1.5, 4.0, 8.0],
        }
    )


def random_orders(seed=0, n_orders=300):
    rng = np.random.default_rng(seed)
    rows = []
    prices = {"pen": 1.5, "ink": 8.0, "paper": 4.0, "stapler": 12.0}
    for order_id in range(n_orders):
        region = rng.choice(["north", "south", "east", "west"])
        for product in rng.choice(list(prices), size=rng.integers(1, 4), replace=False):
            rows.append((order_id, region, product, int(rng.integers(1, 20)), prices[product]))
    return pd.DataFrame(rows, columns=["order_id", "region", "product", "quantity", "unit_price"])


def as_table(got):
    assert isinstance(got, pd.DataFrame), f"revenue_by_region should return a DataFrame, got {type(got).__name__}"
    if "region" not in got.columns and got.index.name == "region":
        got = got.reset_index()
    missing = {"region", "revenue", "n_orders"} - set(got.columns)
    assert not missing, f"revenue_by_region should have the columns region, revenue and n_orders; missing {sorted(missing)}, got {list(got.columns)}"
    return got


def test_orders_unchanged(learner):
    orders = readme_orders()
    for name in ("revenue_by_region", "top_product_per_region", "revenue_pivot"):
        try:
            getattr(learner, name)(orders)
        except NotImplementedError:
            pass
        assert orders.equals(readme_orders()), f"{name} changed the orders DataFrame (it now has the columns {list(orders.columns)}): add columns to a copy, e.g. with orders.assign(...)"


def test_revenue_by_region_columns(learner):
    as_table(learner.revenue_by_region(readme_orders()))


def test_revenue_totals(learner):
    got = as_table(learner.revenue_by_region(readme_orders())).set_index("region")
    assert set(got.index) == {"north", "south"}, f"expected one row per region (north, south), got {sorted(got.index)}"
    revenue = {region: float(value) for region, value in got["revenue"].items()}
    assert np.isclose(revenue["north"], 44.5) and np.isclose(revenue["south"], 39.5), f"revenue should be north 44.5 and south 39.5 (sum of quantity * unit_price), got {revenue}"


def test_distinct_orders(learner):
    got = as_table(learner.revenue_by_region(readme_orders())).set_index("region")
    counts = {region: int(value) for region, value in got["n_orders"].items()}
    assert counts == {"north": 2, "south": 2}, (
        f"n_orders should be north 2 and south 2, got {counts}: north has 4 order lines but only 2 distinct orders (1 and 3); "
        "count distinct order ids with 'nunique'"
    )


def test_sorted_by_revenue(learner):
    orders = random_orders(1)
    got = as_table(learner.revenue_by_region(orders))
    values = got["revenue"].astype(float).tolist()
    assert values == sorted(values, reverse=True), f"rows should be sorted by revenue, highest first; got revenues {np.round(values, 1).tolist()}"
    assert list(got.index) == list(range(len(got))), f"the index should be 0, 1, 2, ... after sorting, got {list(got.index)}: use .reset_index()"
    lines = orders.quantity * orders.unit_price
    expected = lines.groupby(orders.region).sum()
    for region, value in zip(got["region"], values):
        assert np.isclose(value, expected[region]), f"revenue of {region} on a larger table should be {expected[region]:.1f}, got {value:.1f}"


def test_top_product(learner):
    got = learner.top_product_per_region(readme_orders())
    assert isinstance(got, dict), f"top_product_per_region should return a dict, got {type(got).__name__}"
    assert got == {"north": "pen", "south": "ink"}, (
        f"expected {{'north': 'pen', 'south': 'ink'}} (north: pen 16.5 beats ink 16.0 and paper 12.0), got {got}: sum revenue per region and product first"
    )


def test_top_product_tie_is_alphabetical(learner):
    orders = pd.DataFrame(
        {"order_id": [1, 2, 3], "region": ["east"] * 3, "product": ["stapler", "ink", "pen"], "quantity": [2, 3, 1], "unit_price": [12.0, 8.0, 24.0]}
    )
    got = learner.top_product_per_region(orders)
    assert got == {"east": "ink"}, f"stapler, ink and pen all made 24.0 in east: on a tie take the first name alphabetically, 'ink'; got {got}"


def test_top_product_larger_table(learner):
    orders = random_orders(2)
    lines = orders.assign(revenue=orders.quantity * orders.unit_price).groupby(["region", "product"])["revenue"].sum()
    expected = {region: lines[region].sort_index().idxmax() for region in lines.index.get_level_values(0).unique()}
    got = learner.top_product_per_region(orders)
    assert got == expected, f"on a larger table expected {expected}, got {got}"


def test_pivot(learner):
    got = learner.revenue_pivot(readme_orders())
    assert isinstance(got, pd.DataFrame), f"revenue_pivot should return a DataFrame, got {type(got).__name__}"
    assert sorted(map(str, got.index)) == ["north", "south"], f"the pivot should have one row per region (the index), got the index {list(got.index)}"
    assert sorted(map(str, got.columns)) == ["ink", "paper", "pen"], f"the pivot should have one column per product, got {list(got.columns)}"
    assert not got.isna().any().any(), "the pivot has NaN where a region sold none of a product: it should be 0 (fill_value=0)"
    expected = {("north", "ink"): 16.0, ("north", "paper"): 12.0, ("north", "pen"): 16.5, ("south", "ink"): 32.0, ("south", "paper"): 0.0, ("south", "pen"): 7.5}
    for (region, product), value in expected.items():
        have = float(got.loc[region, product])
        assert np.isclose(have, value), f"the pivot's revenue for {region}/{product} should be {value}, got {have}"
