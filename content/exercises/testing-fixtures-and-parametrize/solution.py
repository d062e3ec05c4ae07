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


# One row per promise of the docstring: adding a case costs one line.
@pytest.mark.parametrize(
    "text, expected",
    [
        ("12", 12.0),
        (" 7.5 ", 7.5),
        ("$3", 3.0),
        ("€4.20", 4.2),
        ("£0.99", 0.99),
        ("1,234.50", 1234.5),
        ("$ 1,000,000", 1_000_000.0),
        ("0", 0.0),
    ],
)
def test_parse_price(text, expected):
    assert parse_price(text) == pytest.approx(expected)


# What must be refused is behaviour too.
@pytest.mark.parametrize("text", ["", "   ", "abc", "-5", "$-1.50", "12 apples"])
def test_parse_price_refuses(text):
    with pytest.raises(ValueError):
        parse_price(text)


@pytest.fixture
def orders():
    # Sample data shared by the tests below: ada orders three times (totals must add up),
    # and the last order is the only one of its customer (it must not be dropped).
    return [
        {"customer": "ada", "price": "10"},
        {"customer": "bo", "price": "$2.50"},
        {"customer": "ada", "price": "€1,000"},
        {"customer": "ada", "price": " 0.5 "},
        {"customer": "cy", "price": "£7"},
    ]


def test_totals_per_customer(orders):
    assert total_by_customer(orders) == pytest.approx({"ada": 1010.5, "bo": 2.5, "cy": 7.0})


def test_every_customer_appears(orders):
    assert set(total_by_customer(orders)) == {"ada", "bo", "cy"}


def test_no_orders():
    assert total_by_customer([]) == {}
