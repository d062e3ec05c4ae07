"""A bootstrap confidence interval: see README.md."""

import numpy as np


def bootstrap_statistics(data, statistic, n_resamples, rng):
    """statistic() of n_resamples bootstrap resamples of data, as an array of shape (n_resamples,)."""
    data = np.asarray(data)
    results = []
    for _ in range(n_resamples):
        # A first try: draws the resample without replacement. Is that a different sample?
        resample = rng.choice(data, size=len(data), replace=False)
        results.append(statistic(resample))
    return np.array(results)


def bootstrap_ci(data, statistic=np.mean, n_resamples=10_000, confidence=0.95, rng=None):
    """Percentile bootstrap confidence interval (low, high)."""
    raise NotImplementedError("bootstrap_ci is not written yet")
