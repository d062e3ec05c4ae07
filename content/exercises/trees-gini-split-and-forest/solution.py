"""How a decision tree chooses a split, and why a forest beats one tree."""

import numpy as np
from sklearn.ensemble import RandomForestClassifier
from sklearn.tree import DecisionTreeClassifier


def gini(labels):
    """Gini impurity of a 1-D array of class labels (0.0 for an empty array)."""
    labels = np.asarray(labels)
    if labels.size == 0:
        return 0.0
    _, counts = np.unique(labels, return_counts=True)
    p = counts / counts.sum()
    # The chance that two rows drawn at random from the node have different classes.
    return float(1.0 - np.sum(p**2))


def best_split(x, y):
    """(threshold, weighted_gini) of the best split of one numeric feature x for labels y.
    Candidates: midpoints between consecutive distinct values of x; rows with x <= threshold go
    left. weighted_gini = (n_left * gini(left) + n_right * gini(right)) / n; the lowest wins,
    the smallest threshold on a tie."""
    x, y = np.asarray(x, dtype=float), np.asarray(y)
    values = np.unique(x)  # sorted, distinct
    best = (None, np.inf)
    for threshold in (values[:-1] + values[1:]) / 2:
        left, right = y[x <= threshold], y[x > threshold]
        # Weight each side by its size: a pure side of 2 rows matters less than one of 200.
        score = (len(left) * gini(left) + len(right) * gini(right)) / len(y)
        if score < best[1]:  # strictly lower: the first (smallest) threshold wins a tie
            best = (float(threshold), float(score))
    return best


def tree_vs_forest(X_train, y_train, X_test, y_test):
    """{"tree": (train_accuracy, test_accuracy), "forest": (train_accuracy, test_accuracy)} for
    DecisionTreeClassifier(random_state=0) and RandomForestClassifier(n_estimators=100, random_state=0)."""
    models = {
        # Grown until the leaves are pure: low bias, high variance.
        "tree": DecisionTreeClassifier(random_state=0),
        # Many such trees on bootstrap samples and random feature subsets, averaged: the variance falls.
        "forest": RandomForestClassifier(n_estimators=100, random_state=0),
    }
    results = {}
    for name, model in models.items():
        model.fit(X_train, y_train)
        results[name] = (float(model.score(X_train, y_train)), float(model.score(X_test, y_test)))
    return results
