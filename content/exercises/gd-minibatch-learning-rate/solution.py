"""Mini-batch SGD and the largest learning rate that converges: reference solution."""

import numpy as np


def minibatch_indices(n, batch_size, rng):
    """One epoch's batches: shuffled index arrays covering 0..n-1 once, of size batch_size (last may be smaller)."""
    order = rng.permutation(n)  # a new random order each call, i.e. each epoch
    return [order[start:start + batch_size] for start in range(0, n, batch_size)]


def _loss(X, y, w, b):
    return float(np.mean((X @ w + b - y) ** 2))


def sgd_linear_regression(X, y, learning_rate, batch_size, n_epochs, rng):
    """Mini-batch gradient descent from zeros; returns (w, b, epoch_losses) with the full-data loss after each epoch."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    w = np.zeros(X.shape[1])
    b = 0.0
    epoch_losses = []
    for _ in range(n_epochs):
        for batch in minibatch_indices(len(y), batch_size, rng):
            Xb, yb = X[batch], y[batch]
            error = Xb @ w + b - yb
            # The mean over the batch: a noisy but unbiased estimate of the full gradient,
            # on the same scale whatever the batch size.
            dw = 2 * Xb.T @ error / len(yb)
            db = 2 * float(error.mean())
            w = w - learning_rate * dw
            b = b - learning_rate * db
        epoch_losses.append(_loss(X, y, w, b))
    return w, b, epoch_losses


def max_stable_learning_rate(X):
    """2 / largest eigenvalue of the Hessian (2/n) A^T A, A = X with a column of ones."""
    X = np.asarray(X, dtype=float)
    n = len(X)
    A = np.column_stack([X, np.ones(n)])  # the bias is a weight on a constant feature
    hessian = 2 / n * A.T @ A             # constant: the loss is quadratic in (w, b)
    # Along each eigenvector a step multiplies the error by (1 - lr * eigenvalue);
    # every factor stays below 1 in size only while lr < 2 / largest eigenvalue.
    return 2.0 / float(np.linalg.eigvalsh(hessian).max())
