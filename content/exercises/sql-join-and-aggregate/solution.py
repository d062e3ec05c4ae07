"""SQL with sqlite3: JOIN, GROUP BY and HAVING."""

import sqlite3


def revenue_by_country(conn: sqlite3.Connection):
    """[(country, number_of_orders, total_amount), ...] for the countries that have orders,
    the highest total first (ties: country A to Z)."""
    # An inner JOIN keeps only the orders' customers, so countries without orders drop out.
    sql = """
        SELECT c.country, COUNT(*) AS n_orders, SUM(o.amount) AS total
        FROM orders AS o
        JOIN customers AS c ON c.id = o.customer_id
        GROUP BY c.country
        ORDER BY total DESC, c.country
    """
    return conn.execute(sql).fetchall()


def customers_without_orders(conn: sqlite3.Connection):
    """Names of the customers who have never ordered, A to Z."""
    # A LEFT JOIN keeps every customer; where no order matches, the order columns are NULL.
    sql = """
        SELECT c.name
        FROM customers AS c
        LEFT JOIN orders AS o ON o.customer_id = c.id
        WHERE o.id IS NULL
        ORDER BY c.name
    """
    return [name for (name,) in conn.execute(sql)]


def big_spenders(conn: sqlite3.Connection, min_total):
    """[(name, total_amount), ...] of the customers whose orders add up to more than min_total,
    the highest total first."""
    # WHERE filters rows before grouping; HAVING filters the groups after it.
    # The amount goes in as a parameter (?), never pasted into the SQL text.
    sql = """
        SELECT c.name, SUM(o.amount) AS total
        FROM customers AS c
        JOIN orders AS o ON o.customer_id = c.id
        GROUP BY c.id, c.name
        HAVING SUM(o.amount) > ?
        ORDER BY total DESC, c.name
    """
    return conn.execute(sql, (min_total,)).fetchall()
