import math


def test_skewed_sample(learner):
    got = learner.describe([1, 2, 3, 4, 100])
    assert set(got) >= {"mean", "median", "stdev"}, f"expected the keys mean, median and stdev, got {sorted(got)}"
    assert got["mean"] == 22, f"the mean of [1, 2, 3, 4, 100] is 22, got {got['mean']}"
    assert got["median"] == 3, f"the median of [1, 2, 3, 4, 100] is 3 (the middle value), got {got['median']}"


def test_sample_standard_deviation(learner):
    got = learner.describe([2, 4, 4, 4, 5, 5, 7, 9])
    expected = math.sqrt(32 / 7)
    assert math.isclose(got["stdev"], expected), f"the sample standard deviation divides by n - 1: expected {expected:.4f}, got {got['stdev']}"


def test_even_count(learner):
    got = learner.describe([1, 2, 3, 4])
    assert got["median"] == 2.5, f"with an even count the median is the mean of the two middle values: expected 2.5, got {got['median']}"
