"""SQL: top N per group, with parameters instead of string formatting."""

import sqlite3


def top_products_per_category(conn: sqlite3.Connection, n: int):
    """[(category, name, revenue), ...]: the n products with the highest revenue
    (sum of quantity * price; 0 for a product never sold) in each category.
    Order: category A to Z, then revenue high to low, then name A to Z; revenue ties are
    broken by name, so no category gets more than n rows. n is passed as a parameter."""
    raise NotImplementedError("top_products_per_category() is not written yet: its docstring says what it should do")


def units_sold(conn: sqlite3.Connection, product_name: str):
    """Total quantity sold of the product with exactly this name (0 if none),
    the name passed to SQL as a parameter."""
    # A first attempt that pastes the name into the SQL. Try it with "Baker's dozen".
    row = conn.execute(
        f"""
        SELECT SUM(s.quantity)
        FROM sales AS s JOIN products AS p ON p.id = s.product_id
        WHERE p.name = '{product_name}'
        """
    ).fetchone()
    return row[0] or 0
