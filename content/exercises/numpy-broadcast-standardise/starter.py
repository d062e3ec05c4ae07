"""Standardise columns and take a softmax with broadcasting: see README.md."""

import numpy as np


def standardise(X):
    """Each column minus its mean, divided by its standard deviation (constant columns -> 0)."""
    X = np.asarray(X, dtype=float)
    # A first try: one mean and one std for the whole array, not one per column.
    return (X - X.mean()) / X.std()


def min_max_scale(X):
    """Each column rescaled to [0, 1] (constant columns -> 0)."""
    raise NotImplementedError("min_max_scale is not written yet")


def softmax(scores):
    """Row-wise softmax of an (n, k) array: each row becomes probabilities that sum to 1."""
    raise NotImplementedError("softmax is not written yet")
