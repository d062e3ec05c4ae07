"""Mini-batch SGD and the largest learning rate that converges: see README.md."""

import numpy as np


def minibatch_indices(n, batch_size, rng):
    """One epoch's batches: shuffled index arrays covering 0..n-1 once, of size batch_size (last may be smaller)."""
    # A first try: the right batches... always in the same order.
    order = np.arange(n)
    return [order[start:start + batch_size] for start in range(0, n, batch_size)]


def sgd_linear_regression(X, y, learning_rate, batch_size, n_epochs, rng):
    """Mini-batch gradient descent from zeros; returns (w, b, epoch_losses) with the full-data loss after each epoch."""
    raise NotImplementedError("sgd_linear_regression is not written yet")


def max_stable_learning_rate(X):
    """2 / largest eigenvalue of the Hessian (2/n) A^T A, A = X with a column of ones."""
    raise NotImplementedError("max_stable_learning_rate is not written yet")
