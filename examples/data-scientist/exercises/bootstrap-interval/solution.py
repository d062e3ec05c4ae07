import numpy as np


def bootstrap_ci(sample, n_boot=2000, seed=0):
    """A 95% percentile-bootstrap confidence interval for the mean of `sample`."""
    rng = np.random.default_rng(seed)
    sample = np.asarray(sample, dtype=float)
    means = np.array([rng.choice(sample, size=len(sample), replace=True).mean() for _ in range(n_boot)])
    low, high = np.percentile(means, [2.5, 97.5])
    return (float(low), float(high))
