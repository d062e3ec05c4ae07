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


# One test per promise of the docstring: each fails for a different way of breaking it.


def test_smallest_becomes_zero_and_largest_one():
    # The smallest value is not 0, so dividing by max instead of (max - min) shows.
    assert min_max_scale([2, 4, 6]) == pytest.approx([0.0, 0.5, 1.0])


def test_values_keep_their_place():
    # Unsorted input: a version that sorts would return [0.0, 0.5, 1.0].
    assert min_max_scale([10, 0, 5]) == pytest.approx([1.0, 0.0, 0.5])


def test_equal_values_give_zeros():
    # The edge case: max - min is 0.
    assert min_max_scale([3, 3, 3]) == [0.0, 0.0, 0.0]


def test_empty_list():
    assert min_max_scale([]) == []


def test_negative_values():
    assert min_max_scale([-4, 0, 4]) == pytest.approx([0.0, 0.5, 1.0])
