"""Gradient descent for linear regression from scratch: reference solution."""

import numpy as np


def predict(X, w, b):
    """Predictions X @ w + b, shape (n,)."""
    return X @ w + b


def mse_loss(X, y, w, b):
    """Mean squared error of the predictions."""
    return float(np.mean((predict(X, w, b) - y) ** 2))


def mse_gradients(X, y, w, b):
    """(dw, db): gradient of mse_loss with respect to w (shape (d,)) and b (a float)."""
    error = predict(X, w, b) - y          # shape (n,)
    n = len(y)
    # d/dw mean(error^2) = mean(2 * error * x): the 2 comes from the square (chain rule),
    # X.T @ error sums error_i * x_i over the samples.
    dw = 2 * X.T @ error / n
    db = 2 * float(error.mean())          # d(error_i)/db = 1
    return dw, db


def fit_linear_regression(X, y, learning_rate=0.1, n_steps=500):
    """Gradient descent from w = 0, b = 0; returns (w, b, losses) with the loss before each step."""
    w = np.zeros(X.shape[1])
    b = 0.0
    losses = []
    for _ in range(n_steps):
        losses.append(mse_loss(X, y, w, b))
        dw, db = mse_gradients(X, y, w, b)
        # The gradient points towards a larger loss: step the other way.
        w = w - learning_rate * dw
        b = b - learning_rate * db
    return w, b, losses
