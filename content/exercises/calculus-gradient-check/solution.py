"""Check a gradient numerically: reference solution."""

import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def logistic_loss(w, X, y):
    """Mean binary cross-entropy of sigmoid(X @ w) against labels y (0 or 1). Given: do not change."""
    p = sigmoid(X @ w)
    return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))


def numerical_gradient(f, x, h=1e-5):
    """Central-difference estimate of the gradient of f at x (a float array shaped like x)."""
    # A float copy: nudging an int array by 1e-5 would round back, and the caller's x stays intact.
    x = np.array(x, dtype=float)
    grad = np.zeros_like(x)
    for i in range(x.size):
        x_plus, x_minus = x.copy(), x.copy()
        x_plus[i] += h
        x_minus[i] -= h
        # Central difference: the error terms of order h cancel, leaving an error of order h^2.
        grad[i] = (f(x_plus) - f(x_minus)) / (2 * h)
    return grad


def logistic_loss_gradient(w, X, y):
    """Analytic gradient of logistic_loss with respect to w (same shape as w)."""
    # Chain rule: dL/dp * dp/dz * dz/dw. For cross-entropy after a sigmoid the first two
    # collapse to (p - y), and z = X @ w gives dz/dw = X. Average over the n samples.
    p = sigmoid(X @ w)
    return X.T @ (p - y) / len(y)
