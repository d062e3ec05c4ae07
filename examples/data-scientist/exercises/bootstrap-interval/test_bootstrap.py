import numpy as np

SAMPLE = np.random.default_rng(42).normal(loc=10.0, scale=2.0, size=200)


def test_interval_around_the_mean(learner):
    low, high = learner.bootstrap_ci(SAMPLE)
    assert low < high, f"expected low < high, got ({low}, {high}): is every resample the same?"
    assert low < SAMPLE.mean() < high, f"the interval ({low:.3f}, {high:.3f}) should contain the sample mean {SAMPLE.mean():.3f}"


def test_width(learner):
    low, high = learner.bootstrap_ci(SAMPLE)
    expected = 2 * 1.96 * SAMPLE.std(ddof=1) / np.sqrt(len(SAMPLE))
    assert 0.7 * expected < high - low < 1.3 * expected, (
        f"a 95% interval for this mean is about {expected:.3f} wide, got {high - low:.3f}: use the 2.5th and 97.5th percentiles"
    )


def test_same_seed_same_interval(learner):
    assert learner.bootstrap_ci(SAMPLE, seed=7) == learner.bootstrap_ci(SAMPLE, seed=7), "the same seed should give the same interval"
