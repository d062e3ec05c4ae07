"""How a decision tree chooses a split, and why a forest beats one tree."""

import numpy as np
from sklearn.ensemble import RandomForestClassifier
from sklearn.tree import DecisionTreeClassifier


def gini(labels):
    """Gini impurity of a 1-D array of class labels (0.0 for an empty array)."""
    raise NotImplementedError("gini() is not written yet: its docstring says what it should do")


def best_split(x, y):
    """(threshold, weighted_gini) of the best split of one numeric feature x for labels y.
    Candidates: midpoints between consecutive distinct values of x; rows with x <= threshold go
    left. weighted_gini = (n_left * gini(left) + n_right * gini(right)) / n; the lowest wins,
    the smallest threshold on a tie."""
    raise NotImplementedError("best_split() is not written yet: its docstring says what it should do")


def tree_vs_forest(X_train, y_train, X_test, y_test):
    """{"tree": (train_accuracy, test_accuracy), "forest": (train_accuracy, test_accuracy)} for
    DecisionTreeClassifier(random_state=0) and RandomForestClassifier(n_estimators=100, random_state=0)."""
    raise NotImplementedError("tree_vs_forest() is not written yet: its docstring says what it should do")
