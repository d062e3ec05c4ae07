"""Join orders to customers without losing or duplicating rows: reference solution."""

import pandas as pd


def orders_with_customers(orders, customers):
    """Every order once, with the customer's name and country ('unknown' when there is no such customer)."""
    # One row per customer, or each of their orders would be matched (and counted) twice.
    unique_customers = customers.drop_duplicates("customer_id")
    merged = orders.merge(
        unique_customers,
        on="customer_id",
        how="left",               # keep every order, even without a matching customer
        validate="many_to_one",   # raise if a customer ever appears twice again
    )
    return merged.fillna({"name": "unknown", "country": "unknown"})


def customers_without_orders(customers, orders):
    """Sorted list of the customer ids that have no order."""
    # An anti-join: the customers whose id is NOT among the orders' customer ids.
    never_ordered = ~customers["customer_id"].isin(orders["customer_id"])
    return sorted(customers.loc[never_ordered, "customer_id"].unique().tolist())


def revenue_by_country(orders, customers):
    """Total amount per country (index), highest first; 'unknown' for orders of unknown customers."""
    merged = orders_with_customers(orders, customers)
    return merged.groupby("country")["amount"].sum().sort_values(ascending=False)
