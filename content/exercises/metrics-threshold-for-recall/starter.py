"""Choosing a decision threshold for a target recall."""

import numpy as np


def precision_recall_at(y_true, scores, threshold):
    """(precision, recall) when rows with score >= threshold are flagged positive.
    Precision is 0.0 when nothing is flagged."""
    raise NotImplementedError("precision_recall_at() is not written yet: its docstring says what it should do")


def threshold_for_recall(y_true, scores, target_recall):
    """The highest threshold, among the score values, whose recall is at least target_recall."""
    # The default that predict() uses. Does it reach the target recall?
    return 0.5


def choose_threshold(model, X_val, y_val, target_recall):
    """Fit nothing: score X_val with model.predict_proba and return
    (threshold, precision, recall) for the threshold chosen by threshold_for_recall."""
    raise NotImplementedError("choose_threshold() is not written yet: its docstring says what it should do")
