import sqlite3

import pytest

PRODUCTS = [
    # id, name, category, price
    (1, "Sourdough", "bakery", 6.0),
    (2, "Baker's dozen", "bakery", 12.0),
    (3, "Baguette", "bakery", 2.0),
    (4, "Croissant", "bakery", 1.5),
    (5, "Milk", "dairy", 1.5),
    (6, "Butter", "dairy", 4.0),
    (7, "Yoghurt", "dairy", 3.0),
    (8, "Cream", "dairy", 2.5),
    (9, "Apples", "fruit", 3.0),
    (10, "Pears", "fruit", 3.0),
    (11, "Lemons", "tea", 9.0),
    (12, "Green tea", "tea", 5.0),
]
SALES = [  # product id, quantity
    (1, 4), (1, 10), (2, 6), (3, 12), (3, 6), (4, 20),
    (5, 18), (6, 15), (7, 9), (8, 10), (8, 1),
    (9, 4), (10, 4),  # a tie in fruit: broken by name
    (12, 2),  # Lemons are never sold: revenue 0
]


@pytest.fixture
def conn():
    conn = sqlite3.connect(":memory:")
    conn.executescript(
        """
        CREATE TABLE products (id INTEGER PRIMARY KEY, name TEXT NOT NULL, category TEXT NOT NULL, price REAL NOT NULL);
        CREATE TABLE sales (id INTEGER PRIMARY KEY, product_id INTEGER NOT NULL REFERENCES products(id), quantity INTEGER NOT NULL);
        """
    )
    conn.executemany("INSERT INTO products VALUES (?, ?, ?, ?)", PRODUCTS)
    conn.executemany("INSERT INTO sales (product_id, quantity) VALUES (?, ?)", SALES)
    conn.commit()
    yield conn
    conn.close()


def expected_top(n):
    revenue = {pid: 0.0 for pid, *_ in PRODUCTS}
    price = {pid: p for pid, _, _, p in PRODUCTS}
    for pid, quantity in SALES:
        revenue[pid] += quantity * price[pid]
    rows = sorted(((cat, name, revenue[pid]) for pid, name, cat, _ in PRODUCTS), key=lambda r: (r[0], -r[2], r[1]))
    out, seen = [], {}
    for row in rows:
        seen[row[0]] = seen.get(row[0], 0) + 1
        if seen[row[0]] <= n:
            out.append(row)
    return out


def top(learner, conn, n):
    result = [tuple(row) for row in learner.top_products_per_category(conn, n)]
    assert all(len(row) == 3 for row in result), "top_products_per_category() should return (category, name, revenue) rows"
    return result


def describe(rows):
    return ", ".join(f"{c}/{name}" for c, name, _ in rows)


def test_top_one_per_category(learner, conn):
    got = top(learner, conn, 1)
    expected = expected_top(1)
    categories = [row[0] for row in got]
    if sorted(set(categories)) == sorted({row[0] for row in expected}) and len(got) > len(expected):
        twice = sorted({c for c in categories if categories.count(c) > 1})
        raise AssertionError(
            f"with n=1 the categories {twice} got more than one row: two products there have the same revenue. "
            "Break revenue ties by name (ROW_NUMBER rather than RANK, or compare names in the subquery)"
        )
    assert len(got) == len(expected), (
        f"with n=1 expected one row per category ({len(expected)}), got {len(got)}: rank the products inside each "
        "category and keep the first n"
    )
    assert [r[:2] for r in got] == [r[:2] for r in expected], f"with n=1 expected {describe(expected)}; got {describe(got)}"


def test_top_two_and_three(learner, conn):
    for n in (2, 3):
        got = top(learner, conn, n)
        expected = expected_top(n)
        per_category = {}
        for category, *_ in got:
            per_category[category] = per_category.get(category, 0) + 1
        too_many = {c: k for c, k in per_category.items() if k > n}
        assert not too_many, (
            f"with n={n} some categories got more than {n} rows: {too_many}; break revenue ties by name"
        )
        assert [r[:2] for r in got] == [r[:2] for r in expected], (
            f"with n={n} expected {describe(expected)}; got {describe(got)} "
            "(order: category A to Z, revenue high to low, name A to Z)"
        )
        for (category, name, revenue), (_, _, exp) in zip(got, expected):
            assert revenue is not None and abs(revenue - exp) < 0.005, (
                f"{category}/{name}: expected revenue {exp:.2f} (sum of quantity * price, 0 if never sold), got {revenue}"
            )


def test_units_sold_with_an_apostrophe(learner, conn):
    try:
        got = learner.units_sold(conn, "Baker's dozen")
    except sqlite3.Error as error:
        raise AssertionError(
            f"units_sold(conn, \"Baker's dozen\") broke the query ({error}): the apostrophe ended the SQL string. "
            "Pass the name as a parameter: WHERE p.name = ? and conn.execute(sql, (product_name,))"
        ) from None
    assert got == 6, f"units_sold(conn, \"Baker's dozen\") should be 6, got {got}"
    assert learner.units_sold(conn, "Milk") == 18, "units_sold(conn, 'Milk') should be 18"


def test_units_sold_is_not_injectable(learner, conn):
    try:
        got = learner.units_sold(conn, "x' OR '1'='1")
    except sqlite3.Error as error:
        raise AssertionError(
            f"a name containing quotes broke the query ({error}): pass it as a parameter (?) instead of pasting it in"
        ) from None
    assert got in (0, None) and got == 0, (
        f"units_sold(conn, \"x' OR '1'='1\") returned {got}: the name was pasted into the SQL and rewrote the WHERE "
        "clause to match every product (SQL injection). Use a ? placeholder; no product has that name, so expect 0"
    )
    assert learner.units_sold(conn, "Lemons") == 0, "units_sold(conn, 'Lemons') should be 0: they were never sold"
    assert learner.units_sold(conn, "Durian") == 0, "units_sold(conn, 'Durian') should be 0 for a product that does not exist"


class Recorder:
    """Hands the learner's code the real connection, keeping the SQL text of every query."""

    def __init__(self, conn):
        self._conn, self.sql = conn, []

    def execute(self, sql, *args, **kwargs):
        self.sql.append(sql)
        return self._conn.execute(sql, *args, **kwargs)

    def cursor(self, *args, **kwargs):
        recorder, cursor = self, self._conn.cursor(*args, **kwargs)

        class Cursor:
            def execute(self, sql, *a, **k):
                recorder.sql.append(sql)
                return cursor.execute(sql, *a, **k)

            def __getattr__(self, name):
                return getattr(cursor, name)

            def __iter__(self):
                return iter(cursor)

        return Cursor()

    def __getattr__(self, name):
        return getattr(self._conn, name)


def test_units_sold_passes_the_name_as_a_parameter(learner, conn):
    recorder = Recorder(conn)
    got = learner.units_sold(recorder, "Croissant")
    assert got == 20, f"units_sold(conn, 'Croissant') should be 20, got {got}"
    pasted = [sql for sql in recorder.sql if "Croissant" in str(sql)]
    assert not pasted, (
        "the product name was written into the SQL text itself (escaping quotes by hand is easy to get wrong): "
        "write WHERE p.name = ? and pass the name in the parameters, conn.execute(sql, (product_name,))"
    )
