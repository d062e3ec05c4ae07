"""Check a gradient numerically: see README.md."""

import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def logistic_loss(w, X, y):
    """Mean binary cross-entropy of sigmoid(X @ w) against labels y (0 or 1). Given: do not change."""
    p = sigmoid(X @ w)
    return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))


def numerical_gradient(f, x, h=1e-5):
    """Central-difference estimate of the gradient of f at x (a float array shaped like x)."""
    x = np.asarray(x)
    grad = np.zeros(x.shape)
    fx = f(x)
    for i in range(x.size):
        nudged = x.copy()
        nudged[i] += h
        # A first try: a forward difference. Close... but how close?
        grad[i] = (f(nudged) - fx) / h
    return grad


def logistic_loss_gradient(w, X, y):
    """Analytic gradient of logistic_loss with respect to w (same shape as w)."""
    raise NotImplementedError("logistic_loss_gradient is not written yet")
