"""Write pytest tests that catch the bugs in a broken min_max_scale.

Leave min_max_scale as it is: the checks run your tests against it and against broken versions.
"""

import pytest


def min_max_scale(values):
    """Rescale a list of numbers to [0, 1]: the smallest becomes 0.0 and the largest 1.0, each
    value keeping its place in the list. An empty list gives []. If all the values are equal,
    every result is 0.0 (there is no range to divide by)."""
    if not values:
        return []
    low, high = min(values), max(values)
    if high == low:
        return [0.0 for _ in values]
    return [(value - low) / (high - low) for value in values]


# Your tests below. This one passes, but what bug could it ever catch?
def test_returns_a_list():
    assert isinstance(min_max_scale([1, 2, 3]), list)
