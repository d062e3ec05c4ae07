"""Scaling inside a Pipeline, scored with cross-validation."""

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_score
from sklearn.preprocessing import StandardScaler


def build_model():
    """A Pipeline: StandardScaler, then LogisticRegression."""
    raise NotImplementedError("build a Pipeline with a StandardScaler and a LogisticRegression")


def cross_validated_scores(X, y):
    """The 5 accuracy scores of build_model() under 5-fold cross-validation, as a NumPy array."""
    # A common first attempt: scale everything, then cross-validate. What has each fold's scaler seen?
    X_scaled = StandardScaler().fit_transform(X)
    return cross_val_score(LogisticRegression(), X_scaled, y, cv=5)


def summarise(scores):
    """(mean, standard deviation) of the scores, as two floats."""
    raise NotImplementedError("summarise() is not written yet: its docstring says what it should do")
