import numpy as np
import pytest


def scores(seed=0, n=200):
    return np.random.default_rng(seed).normal(loc=70, scale=10, size=n)


def test_statistics_shape(learner):
    got = np.asarray(learner.bootstrap_statistics(scores(), np.mean, 500, np.random.default_rng(1)))
    assert got.shape == (500,), f"bootstrap_statistics with n_resamples=500 should return an array of shape (500,), got {got.shape}"


def test_resamples_with_replacement(learner):
    data = np.arange(10.0)
    got = np.asarray(learner.bootstrap_statistics(data, np.mean, 200, np.random.default_rng(2)))
    assert np.ptp(got) > 0, (
        f"every resample had the same mean ({got[0]}): the resamples are only the data shuffled. "
        "Draw them with replacement, so that some values repeat and some are left out"
    )


def test_spread_is_the_standard_error(learner):
    data = scores(3)
    got = np.asarray(learner.bootstrap_statistics(data, np.mean, 4000, np.random.default_rng(4)))
    standard_error = data.std() / np.sqrt(len(data))
    assert abs(got.mean() - data.mean()) < 0.2 * standard_error, f"the bootstrap means should centre on the sample mean {data.mean():.2f}, got a centre of {got.mean():.2f}"
    assert got.std() == pytest.approx(standard_error, rel=0.1), (
        f"the bootstrap means should spread about as much as the standard error, {standard_error:.3f}, got a spread of {got.std():.3f}: "
        "each resample must have as many values as the data"
    )


def test_uses_the_statistic(learner):
    data = np.array([1.0, 1.0, 1.0, 1.0, 100.0])
    got = np.asarray(learner.bootstrap_statistics(data, np.median, 300, np.random.default_rng(5)))
    assert np.median(got) == 1.0, f"with statistic=np.median the typical bootstrap median of [1, 1, 1, 1, 100] is 1.0, got {np.median(got)}: apply the statistic you are given"


def test_ci_is_two_floats_around_the_mean(learner):
    data = scores()
    got = learner.bootstrap_ci(data, n_resamples=2000, rng=np.random.default_rng(1))
    assert len(got) == 2, f"bootstrap_ci should return (low, high), got {got!r}"
    low, high = float(got[0]), float(got[1])
    assert low < data.mean() < high, f"the 95% interval ({low:.2f}, {high:.2f}) should contain the sample mean {data.mean():.2f}"


def test_ci_width(learner):
    data = scores(6, n=400)
    low, high = map(float, learner.bootstrap_ci(data, n_resamples=4000, rng=np.random.default_rng(7)))
    expected = 2 * 1.96 * data.std() / np.sqrt(len(data))
    assert (high - low) == pytest.approx(expected, rel=0.15), (
        f"for 400 normal scores with standard deviation 10, a 95% interval for the mean should be about {expected:.2f} wide, "
        f"got ({low:.2f}, {high:.2f}), {high - low:.2f} wide: take the 2.5th and 97.5th percentiles"
    )


def test_ci_is_the_percentiles_of_the_bootstrap(learner):
    data = scores(8)
    stats = np.asarray(learner.bootstrap_statistics(data, np.median, 1000, np.random.default_rng(9)))
    want = np.percentile(stats, [5, 95])
    got = learner.bootstrap_ci(data, np.median, n_resamples=1000, confidence=0.9, rng=np.random.default_rng(9))
    got = (float(got[0]), float(got[1]))
    assert got == pytest.approx(tuple(want), abs=1e-9), (
        f"with confidence=0.9, the interval should be the 5th and 95th percentiles of bootstrap_statistics(data, statistic, n_resamples, rng): "
        f"expected ({want[0]:.4f}, {want[1]:.4f}), got ({got[0]:.4f}, {got[1]:.4f})"
    )


def test_higher_confidence_is_wider(learner):
    data = scores(10)
    low90, high90 = map(float, learner.bootstrap_ci(data, confidence=0.90, n_resamples=3000, rng=np.random.default_rng(11)))
    low99, high99 = map(float, learner.bootstrap_ci(data, confidence=0.99, n_resamples=3000, rng=np.random.default_rng(11)))
    assert high99 - low99 > high90 - low90, (
        f"a 99% interval should be wider than a 90% one, got {high99 - low99:.2f} and {high90 - low90:.2f}: use the confidence argument"
    )


def test_same_seed_same_interval(learner):
    data = scores(12)
    first = tuple(map(float, learner.bootstrap_ci(data, n_resamples=1000, rng=np.random.default_rng(13))))
    again = tuple(map(float, learner.bootstrap_ci(data, n_resamples=1000, rng=np.random.default_rng(13))))
    assert first == again, f"the same seed should give the same interval, got {first} then {again}: draw all randomness from rng"


def test_default_rng(learner):
    low, high = map(float, learner.bootstrap_ci(scores(14), n_resamples=500))
    assert low < high, f"with rng=None the interval should still work, got ({low}, {high})"


def test_data_unchanged(learner):
    data = scores(15)
    before = data.copy()
    learner.bootstrap_ci(data, np.median, n_resamples=200, rng=np.random.default_rng(0))
    assert np.array_equal(data, before), "bootstrap_ci changed the data it was given (sorted or shuffled it in place?): work on copies"
