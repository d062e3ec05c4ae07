"""Linear and logistic regression by hand: coefficients, probabilities, classes."""

import numpy as np


def fit_least_squares(X, y):
    """(intercept, coefficients) of ordinary least squares with an intercept:
    a float and a 1-D array with one coefficient per column of X."""
    X = np.asarray(X, dtype=float)
    # A column of ones lets the solver learn the intercept as just another coefficient.
    A = np.column_stack([np.ones(len(X)), X])
    # lstsq minimises ||A @ w - y||^2; it is more stable than inverting A.T @ A yourself.
    w, *_ = np.linalg.lstsq(A, np.asarray(y, dtype=float), rcond=None)
    return float(w[0]), w[1:]


def probability_by_hand(model, X):
    """For a fitted binary LogisticRegression: the probability of class 1 for each row,
    computed from model.coef_ and model.intercept_ (not predict_proba)."""
    # 1. A linear score, exactly as in linear regression (this is model.decision_function).
    z = np.asarray(X, dtype=float) @ model.coef_[0] + model.intercept_[0]
    # 2. The sigmoid maps any score to (0, 1): 0 -> 0.5, large positive -> close to 1.
    return 1.0 / (1.0 + np.exp(-z))


def predict_by_hand(model, X, threshold=0.5):
    """Class 1 where the probability is at least threshold, else 0, as an int array."""
    # 3. A threshold turns the probability into a class. At 0.5 this agrees with model.predict,
    #    which takes class 1 where the score z is above 0 (the probability above 0.5); only a
    #    score of exactly 0 could differ. A business goal may call for another threshold.
    return (probability_by_hand(model, X) >= threshold).astype(int)
