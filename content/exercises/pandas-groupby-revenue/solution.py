"""Revenue by region with groupby and a pivot table: reference solution."""

import pandas as pd


def _with_revenue(orders):
    # assign returns a new DataFrame: the caller's orders are not changed.
    return orders.assign(revenue=orders["quantity"] * orders["unit_price"])


def revenue_by_region(orders):
    """Columns region, revenue, n_orders (distinct orders); one row per region, highest revenue first."""
    summary = _with_revenue(orders).groupby("region").agg(
        # Named aggregation: new_column=(source_column, function).
        revenue=("revenue", "sum"),
        n_orders=("order_id", "nunique"),  # distinct orders, not order lines
    )
    # reset_index turns the group keys (the index) back into a column and numbers rows 0, 1, 2...
    return summary.sort_values("revenue", ascending=False).reset_index()


def top_product_per_region(orders):
    """{region: product with the highest revenue there}, ties broken alphabetically."""
    totals = _with_revenue(orders).groupby(["region", "product"], as_index=False)["revenue"].sum()
    # Sorting puts each region's best product first (ties: alphabetical), then keep that first row.
    best = totals.sort_values(["region", "revenue", "product"], ascending=[True, False, True])
    best = best.drop_duplicates("region")
    return dict(zip(best["region"], best["product"]))


def revenue_pivot(orders):
    """Total revenue, one row per region, one column per product, 0 where nothing was sold."""
    return _with_revenue(orders).pivot_table(
        index="region", columns="product", values="revenue", aggfunc="sum", fill_value=0
    )
