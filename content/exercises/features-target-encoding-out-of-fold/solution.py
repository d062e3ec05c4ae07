"""Target encoding without target leakage (out-of-fold)."""

import numpy as np
import pandas as pd
from sklearn.model_selection import KFold


def fit_target_means(train, column, target):
    """(mapping, default): the mean of train[target] for each category of train[column] as a
    dict, and the overall mean of train[target] for categories not in the mapping."""
    means = train.groupby(column)[target].mean()
    mapping = {key: float(value) for key, value in means.items()}
    return mapping, float(train[target].mean())


def apply_target_means(df, column, mapping, default):
    """A float Series with df's index: each row's category mapped through mapping,
    categories not in mapping given default. df itself is left unchanged."""
    # .map gives NaN for a category the training rows never had: fall back to the overall mean.
    return df[column].map(mapping).astype(float).fillna(default)


def out_of_fold_encoding(train, column, target, n_splits=5, seed=0):
    """A float Series with train's index. With KFold(n_splits, shuffle=True, random_state=seed)
    over the rows of train, each fold's rows are encoded with fit_target_means fitted on the
    other folds' rows."""
    encoded = np.empty(len(train), dtype=float)
    folds = KFold(n_splits=n_splits, shuffle=True, random_state=seed)
    for fit_rows, encode_rows in folds.split(train):
        # The means come from the other folds only: no row ever sees its own target.
        mapping, default = fit_target_means(train.iloc[fit_rows], column, target)
        encoded[encode_rows] = apply_target_means(train.iloc[encode_rows], column, mapping, default).to_numpy()
    # KFold works with positions; the result is labelled with train's own index.
    return pd.Series(encoded, index=train.index, name=column)
