import random
import sqlite3

import pytest

COUNTRIES = ["UK", "SE", "FR", "DE", "ES", "IT"]


@pytest.fixture
def conn():
    rng = random.Random(7)
    conn = sqlite3.connect(":memory:")
    conn.executescript(
        """
        CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, country TEXT NOT NULL);
        CREATE TABLE orders (
            id INTEGER PRIMARY KEY,
            customer_id INTEGER NOT NULL REFERENCES customers(id),
            amount REAL NOT NULL,
            ordered_on TEXT NOT NULL
        );
        """
    )
    names = ["Ada", "Bo", "Cy", "Di", "Eve", "Fay", "Gus", "Hal", "Ivy", "Jo", "Kai", "Lu", "Mo", "Ned", "Oli", "Pia"]
    customers = []
    for i, name in enumerate(names, start=1):
        # IT has one customer, who never orders: IT must not show up in revenue_by_country.
        country = "IT" if name == "Pia" else COUNTRIES[i % 5]
        customers.append((i, name, country))
    conn.executemany("INSERT INTO customers VALUES (?, ?, ?)", customers)
    buyers = [c for c in customers if c[1] not in ("Di", "Kai", "Pia")]
    orders = []
    for order_id in range(1, 61):
        customer = rng.choice(buyers)
        orders.append((order_id, customer[0], round(rng.uniform(5, 200), 2), f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"))
    conn.executemany("INSERT INTO orders VALUES (?, ?, ?, ?)", orders)
    conn.commit()
    DATA[id(conn)] = (customers, orders)
    yield conn
    conn.close()


DATA = {}


def totals(conn):
    customers, orders = DATA[id(conn)]
    by_customer = {}
    for _, customer_id, amount, _ in orders:
        count, total = by_customer.get(customer_id, (0, 0.0))
        by_customer[customer_id] = (count + 1, total + amount)
    return customers, by_customer


def rows(result, width, what):
    result = [tuple(row) for row in result]
    assert all(len(row) == width for row in result), f"{what} should return rows of {width} values each"
    return result


def test_revenue_by_country_rows(learner, conn):
    customers, by_customer = totals(conn)
    expected = {}
    for customer_id, name, country in customers:
        if customer_id in by_customer:
            count, total = by_customer[customer_id]
            old = expected.get(country, (0, 0.0))
            expected[country] = (old[0] + count, old[1] + total)
    got = rows(learner.revenue_by_country(conn), 3, "revenue_by_country()")
    countries = [row[0] for row in got]
    assert "IT" not in countries, (
        "IT has a customer but no orders, so it should not appear: join orders to customers with an inner JOIN"
    )
    assert sorted(countries) == sorted(expected), f"expected the countries {sorted(expected)}, got {countries}"
    for country, count, total in got:
        assert count == expected[country][0], f"{country}: expected {expected[country][0]} orders, got {count}"
        assert abs(total - expected[country][1]) < 0.005, (
            f"{country}: expected a total of {expected[country][1]:.2f}, got {total}"
        )
    order = [c for c, _ in sorted(expected.items(), key=lambda item: (-item[1][1], item[0]))]
    assert countries == order, f"expected the countries from highest to lowest total, {order}; got {countries}"


def test_customers_without_orders(learner, conn):
    got = list(learner.customers_without_orders(conn))
    got = [row[0] if isinstance(row, (tuple, list)) else row for row in got]
    assert got, (
        "no customers found, but three have never ordered: an inner JOIN drops them before WHERE runs; "
        "use a LEFT JOIN and keep the rows where the order is NULL"
    )
    assert got == ["Di", "Kai", "Pia"], f"expected ['Di', 'Kai', 'Pia'] (A to Z), got {got}"


def test_big_spenders(learner, conn):
    customers, by_customer = totals(conn)
    names = {customer_id: name for customer_id, name, _ in customers}
    for min_total in (300, 500, 0):
        expected = sorted(
            ((names[cid], total) for cid, (_, total) in by_customer.items() if total > min_total),
            key=lambda item: (-item[1], item[0]),
        )
        got = rows(learner.big_spenders(conn, min_total), 2, "big_spenders()")
        got_names, expected_names = [name for name, _ in got], [name for name, _ in expected]
        assert sorted(got_names) == sorted(expected_names), (
            f"big_spenders(conn, {min_total}): expected {sorted(expected_names)}, got {sorted(got_names)}: a customer's "
            "total is the sum of their orders, so filter the groups with HAVING SUM(...) > ? after GROUP BY "
            "(WHERE filters single orders before grouping)"
        )
        assert got_names == expected_names, (
            f"big_spenders(conn, {min_total}): expected the highest total first, {expected_names}; got {got_names}"
        )
        for (name, total), (_, expected_total) in zip(got, expected):
            assert abs(total - expected_total) < 0.005, f"{name}: expected a total of {expected_total:.2f}, got {total}"
