"""Linear and logistic regression by hand: coefficients, probabilities, classes."""

import numpy as np


def fit_least_squares(X, y):
    """(intercept, coefficients) of ordinary least squares with an intercept:
    a float and a 1-D array with one coefficient per column of X."""
    # A first attempt: solve X @ w = y. Where did the intercept go?
    coef, *_ = np.linalg.lstsq(X, y, rcond=None)
    return 0.0, coef


def probability_by_hand(model, X):
    """For a fitted binary LogisticRegression: the probability of class 1 for each row,
    computed from model.coef_ and model.intercept_ (not predict_proba)."""
    raise NotImplementedError("probability_by_hand() is not written yet: its docstring says what it should do")


def predict_by_hand(model, X, threshold=0.5):
    """Class 1 where the probability is at least threshold, else 0, as an int array."""
    raise NotImplementedError("predict_by_hand() is not written yet: its docstring says what it should do")
