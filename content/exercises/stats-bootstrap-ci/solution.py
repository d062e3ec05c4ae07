"""A bootstrap confidence interval: reference solution."""

import numpy as np


def bootstrap_statistics(data, statistic, n_resamples, rng):
    """statistic() of n_resamples bootstrap resamples of data, as an array of shape (n_resamples,)."""
    data = np.asarray(data)
    n = len(data)
    results = np.empty(n_resamples)
    for i in range(n_resamples):
        # With replacement: each resample is a new sample of size n from the empirical
        # distribution, so some points repeat and some are left out.
        indices = rng.integers(0, n, size=n)
        results[i] = statistic(data[indices])  # fancy indexing makes a new array: data is untouched
    return results


def bootstrap_ci(data, statistic=np.mean, n_resamples=10_000, confidence=0.95, rng=None):
    """Percentile bootstrap confidence interval (low, high)."""
    if rng is None:
        rng = np.random.default_rng()
    stats = bootstrap_statistics(data, statistic, n_resamples, rng)
    alpha = 1 - confidence
    # Cut alpha/2 off each tail of the bootstrap distribution.
    low, high = np.percentile(stats, [100 * alpha / 2, 100 * (1 - alpha / 2)])
    return float(low), float(high)
