"""Stratified folds for imbalanced labels."""

import numpy as np
from sklearn.model_selection import StratifiedKFold


def make_folds(y, n_splits=5, seed=0):
    """A list of n_splits (train_indices, test_indices) pairs of NumPy integer arrays:
    stratified on y, shuffled with seed."""
    y = np.asarray(y)
    # Stratification needs the labels; the features do not matter to the split, so a
    # placeholder array with the right number of rows will do.
    splitter = StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=seed)
    return list(splitter.split(np.zeros(len(y)), y))


def positive_rates(y, folds):
    """The share of positive labels (y == 1) in each fold's test indices, as a list of floats."""
    y = np.asarray(y)
    return [float(np.mean(y[test] == 1)) for _, test in folds]
