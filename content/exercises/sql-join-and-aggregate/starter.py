"""SQL with sqlite3: JOIN, GROUP BY and HAVING."""

import sqlite3


def revenue_by_country(conn: sqlite3.Connection):
    """[(country, number_of_orders, total_amount), ...] for the countries that have orders,
    the highest total first (ties: country A to Z)."""
    raise NotImplementedError("revenue_by_country() is not written yet: its docstring says what it should do")


def customers_without_orders(conn: sqlite3.Connection):
    """Names of the customers who have never ordered, A to Z."""
    # A first attempt. Which customers can an inner JOIN with orders ever return?
    rows = conn.execute(
        """
        SELECT customers.name
        FROM customers
        JOIN orders ON orders.customer_id = customers.id
        WHERE orders.id IS NULL
        ORDER BY customers.name
        """
    ).fetchall()
    return [name for (name,) in rows]


def big_spenders(conn: sqlite3.Connection, min_total):
    """[(name, total_amount), ...] of the customers whose orders add up to more than min_total,
    the highest total first."""
    raise NotImplementedError("big_spenders() is not written yet: its docstring says what it should do")
