import numpy as np
import pandas as pd


def readme_tables():
    orders = pd.DataFrame({"order_id": [10, 11, 12, 13], "customer_id": [1, 2, 1, 9], "amount": [100.0, 50.0, 25.0, 10.0]})
    customers = pd.DataFrame({"customer_id": [1, 2, 2, 3], "name": ["Ada", "Alan", "Alan", "Grace"], "country": ["UK", "UK", "UK", "US"]})
    return orders, customers


def random_tables(seed=0):
    rng = np.random.default_rng(seed)
    countries = ["UK", "US", "FR", "DE", "JP"]
    customers = pd.DataFrame({"customer_id": np.arange(1, 81), "name": [f"c{i}" for i in range(1, 81)], "country": rng.choice(countries, 80)})
    customers = pd.concat([customers, customers.sample(15, random_state=seed)]).sample(frac=1, random_state=seed).reset_index(drop=True)
    orders = pd.DataFrame({"order_id": np.arange(500), "customer_id": rng.integers(1, 100, 500), "amount": rng.integers(1, 500, 500).astype(float)})
    return orders, customers


def merged(learner, orders, customers):
    got = learner.orders_with_customers(orders, customers)
    assert isinstance(got, pd.DataFrame), f"orders_with_customers should return a DataFrame, got {type(got).__name__}"
    missing = {"order_id", "customer_id", "amount", "name", "country"} - set(got.columns)
    assert not missing, f"the result is missing the column(s) {sorted(missing)}; got {list(got.columns)}"
    return got


def test_inputs_unchanged(learner):
    orders, customers = readme_tables()
    learner.orders_with_customers(orders, customers)
    o, c = readme_tables()
    assert orders.equals(o) and customers.equals(c), "orders_with_customers changed one of its input tables: build new ones (drop_duplicates and merge return new DataFrames)"


def test_no_order_lost(learner):
    orders, customers = readme_tables()
    got = merged(learner, orders, customers)
    assert 13 in set(got["order_id"]), (
        "order 13 (customer 9, who is not in the customers table) is missing: an inner join drops orders without a match; use how='left'"
    )


def test_no_order_doubled(learner):
    orders, customers = readme_tables()
    got = merged(learner, orders, customers)
    assert len(got) == len(orders), (
        f"expected {len(orders)} rows, one per order, got {len(got)}: customer 2 appears twice in the customers table, so order 11 "
        "matched twice. Drop the repeated customers before merging"
    )


def test_customer_columns(learner):
    orders, customers = readme_tables()
    got = merged(learner, orders, customers).set_index("order_id")
    for order_id, name, country in [(10, "Ada", "UK"), (11, "Alan", "UK"), (12, "Ada", "UK")]:
        have = (got.loc[order_id, "name"], got.loc[order_id, "country"])
        assert have == (name, country), f"order {order_id} should have name {name!r} and country {country!r}, got {have}"


def test_unknown_customer_filled(learner):
    orders, customers = readme_tables()
    got = merged(learner, orders, customers).set_index("order_id")
    have = (got.loc[13, "name"], got.loc[13, "country"])
    assert have == ("unknown", "unknown"), f"order 13's customer is not in the table: its name and country should be 'unknown', got {have}"


def test_larger_tables(learner):
    orders, customers = random_tables(1)
    got = merged(learner, orders, customers)
    assert len(got) == len(orders), f"expected {len(orders)} rows (one per order) on a larger table, got {len(got)}"
    assert np.isclose(got["amount"].sum(), orders["amount"].sum()), "the total amount changed in the merge: each order must appear exactly once"
    lookup = customers.drop_duplicates("customer_id").set_index("customer_id")["country"]
    expected = orders["customer_id"].map(lookup).fillna("unknown")
    have = got.set_index("order_id").loc[orders["order_id"], "country"].to_numpy()
    assert (have == expected.to_numpy()).all(), "some orders got the wrong country on a larger table"


def test_customers_without_orders(learner):
    orders, customers = readme_tables()
    got = learner.customers_without_orders(customers, orders)
    assert list(got) == [3], f"only customer 3 (Grace) never ordered: expected [3], got {list(got)}"
    orders, customers = random_tables(2)
    expected = sorted(set(customers["customer_id"]) - set(orders["customer_id"]))
    got = [int(x) for x in learner.customers_without_orders(customers, orders)]
    assert got == expected, f"on a larger table expected {len(expected)} customers without orders, {expected[:5]}..., got {len(got)}: {got[:5]}... (each id once, sorted)"


def test_revenue_by_country(learner):
    orders, customers = readme_tables()
    got = learner.revenue_by_country(orders, customers)
    assert isinstance(got, pd.Series), f"revenue_by_country should return a Series (country as the index), got {type(got).__name__}"
    as_dict = {str(k): float(v) for k, v in got.items()}
    assert as_dict == {"UK": 175.0, "unknown": 10.0}, f"expected UK 175.0 and unknown 10.0, got {as_dict}"
    orders, customers = random_tables(3)
    got = learner.revenue_by_country(orders, customers)
    values = got.astype(float).tolist()
    assert values == sorted(values, reverse=True), f"the totals should be sorted highest first, got {values}"
    assert np.isclose(sum(values), orders["amount"].sum()), f"the totals per country should add up to the total of all orders, {orders['amount'].sum()}, got {sum(values)}"
