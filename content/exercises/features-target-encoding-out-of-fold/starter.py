"""Target encoding without target leakage (out-of-fold)."""

import numpy as np
import pandas as pd
from sklearn.model_selection import KFold


def fit_target_means(train, column, target):
    """(mapping, default): the mean of train[target] for each category of train[column] as a
    dict, and the overall mean of train[target] for categories not in the mapping."""
    raise NotImplementedError("fit_target_means() is not written yet: its docstring says what it should do")


def apply_target_means(df, column, mapping, default):
    """A float Series with df's index: each row's category mapped through mapping,
    categories not in mapping given default. df itself is left unchanged."""
    raise NotImplementedError("apply_target_means() is not written yet: its docstring says what it should do")


def out_of_fold_encoding(train, column, target, n_splits=5, seed=0):
    """A float Series with train's index. With KFold(n_splits, shuffle=True, random_state=seed)
    over the rows of train, each fold's rows are encoded with fit_target_means fitted on the
    other folds' rows."""
    # The tempting version: fit on all training rows, apply to the same rows.
    # Whose target ends up in each row's encoding?
    mapping, default = fit_target_means(train, column, target)
    return apply_target_means(train, column, mapping, default)
