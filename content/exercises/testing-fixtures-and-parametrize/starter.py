"""pytest fixtures and parametrised tests for data-processing code.

Leave parse_price and total_by_customer as they are: the checks run your tests against them and
against broken versions. Write your tests at the bottom.
"""

import pytest


def parse_price(text):
    """Turn a price written by a person into a float: surrounding spaces and one leading
    currency sign ($, €, £) are ignored, commas between thousands are dropped:
    "$1,234.50" -> 1234.5, " 12 " -> 12.0, "£0.99" -> 0.99.
    Raises ValueError for an empty text, a negative price, or anything that is not a number."""
    cleaned = text.strip()
    if cleaned[:1] in ("$", "€", "£"):
        cleaned = cleaned[1:].strip()
    price = float(cleaned.replace(",", ""))  # float() raises ValueError for "" and "abc"
    if price < 0:
        raise ValueError(f"a price cannot be negative: {text!r}")
    return price


def total_by_customer(orders):
    """The sum of the prices of a list of orders, per customer: {customer: total}.
    Each order is a dict {"customer": name, "price": text for parse_price}."""
    totals = {}
    for order in orders:
        customer = order["customer"]
        totals[customer] = totals.get(customer, 0.0) + parse_price(order["price"])
    return totals


# Your tests below. These two pass; which bugs could they catch?


def test_parse_a_whole_number():
    assert parse_price("12") == 12.0


def test_totals_is_a_dict():
    assert isinstance(total_by_customer([{"customer": "ada", "price": "10"}]), dict)
