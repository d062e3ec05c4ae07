"""Scaling inside a Pipeline, scored with cross-validation."""

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_score
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler


def build_model():
    """A Pipeline: StandardScaler, then LogisticRegression."""
    # Named steps make the pipeline easy to inspect: model.named_steps["scale"].mean_
    return Pipeline([
        ("scale", StandardScaler()),
        ("clf", LogisticRegression(max_iter=1000)),
    ])


def cross_validated_scores(X, y):
    """The 5 accuracy scores of build_model() under 5-fold cross-validation, as a NumPy array."""
    # The raw X goes in: for each fold, cross_val_score clones the whole pipeline and fits it,
    # scaler included, on that fold's training rows only. The validation fold stays unseen.
    return cross_val_score(build_model(), X, y, cv=5, scoring="accuracy")


def summarise(scores):
    """(mean, standard deviation) of the scores, as two floats."""
    scores = np.asarray(scores, dtype=float)
    # Report both: the mean says how good, the spread says how much to trust the mean.
    return float(scores.mean()), float(scores.std())
