"""Gradient descent for linear regression from scratch: see README.md."""

import numpy as np


def predict(X, w, b):
    """Predictions X @ w + b, shape (n,)."""
    return X @ w + b


def mse_loss(X, y, w, b):
    """Mean squared error of the predictions."""
    return float(np.mean((predict(X, w, b) - y) ** 2))


def mse_gradients(X, y, w, b):
    """(dw, db): gradient of mse_loss with respect to w (shape (d,)) and b (a float)."""
    # A first try, derived in a hurry. Check it against a numerical estimate!
    error = y - predict(X, w, b)
    dw = X.T @ error / len(y)
    db = float(error.mean())
    return dw, db


def fit_linear_regression(X, y, learning_rate=0.1, n_steps=500):
    """Gradient descent from w = 0, b = 0; returns (w, b, losses) with the loss before each step."""
    raise NotImplementedError("fit_linear_regression is not written yet")
