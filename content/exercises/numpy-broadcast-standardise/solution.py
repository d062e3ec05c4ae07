"""Standardise columns and take a softmax with broadcasting: reference solution."""

import numpy as np


def standardise(X):
    """Each column minus its mean, divided by its standard deviation (constant columns -> 0)."""
    X = np.asarray(X, dtype=float)  # a new float array: integers would truncate, and X is not changed
    mean = X.mean(axis=0)           # shape (d,): one value per column
    std = X.std(axis=0)
    std = np.where(std == 0, 1.0, std)  # a constant column is all zeros once centred: divide by 1
    # (n, d) - (d,) broadcasts: the (d,) row is applied to every row of X.
    return (X - mean) / std


def min_max_scale(X):
    """Each column rescaled to [0, 1] (constant columns -> 0)."""
    X = np.asarray(X, dtype=float)
    low = X.min(axis=0)
    span = X.max(axis=0) - low
    span = np.where(span == 0, 1.0, span)
    return (X - low) / span


def softmax(scores):
    """Row-wise softmax of an (n, k) array: each row becomes probabilities that sum to 1."""
    scores = np.asarray(scores, dtype=float)
    # keepdims=True keeps shape (n, 1), which broadcasts across each row of (n, k).
    # Subtracting the row max changes nothing mathematically (it cancels in the ratio)
    # but keeps exp() from overflowing to inf.
    shifted = scores - scores.max(axis=1, keepdims=True)
    exps = np.exp(shifted)
    return exps / exps.sum(axis=1, keepdims=True)
