"""SQL: top N per group, with parameters instead of string formatting."""

import sqlite3


def top_products_per_category(conn: sqlite3.Connection, n: int):
    """[(category, name, revenue), ...]: the n products with the highest revenue
    (sum of quantity * price; 0 for a product never sold) in each category.
    Order: category A to Z, then revenue high to low, then name A to Z; revenue ties are
    broken by name, so no category gets more than n rows. n is passed as a parameter."""
    # The CTE gives each product its revenue; the LEFT JOIN keeps products never sold (revenue 0).
    # The correlated subquery counts the products of the same category ranked above this one
    # (higher revenue, or the same revenue and an earlier name): keep it when fewer than n are.
    # With a window function, the same filter is
    #   ROW_NUMBER() OVER (PARTITION BY category ORDER BY revenue DESC, name) <= ?
    sql = """
        WITH revenue AS (
            SELECT p.id, p.category, p.name, COALESCE(SUM(s.quantity * p.price), 0) AS revenue
            FROM products AS p
            LEFT JOIN sales AS s ON s.product_id = p.id
            GROUP BY p.id, p.category, p.name
        )
        SELECT r.category, r.name, r.revenue
        FROM revenue AS r
        WHERE (
            SELECT COUNT(*)
            FROM revenue AS above
            WHERE above.category = r.category
              AND (above.revenue > r.revenue OR (above.revenue = r.revenue AND above.name < r.name))
        ) < ?
        ORDER BY r.category, r.revenue DESC, r.name
    """
    return conn.execute(sql, (n,)).fetchall()


def units_sold(conn: sqlite3.Connection, product_name: str):
    """Total quantity sold of the product with exactly this name (0 if none),
    the name passed to SQL as a parameter."""
    # The ? placeholder sends the name as data: quotes in it are just characters, and
    # nothing in it can change the query.
    (total,) = conn.execute(
        """
        SELECT COALESCE(SUM(s.quantity), 0)
        FROM sales AS s
        JOIN products AS p ON p.id = s.product_id
        WHERE p.name = ?
        """,
        (product_name,),
    ).fetchone()
    return total
