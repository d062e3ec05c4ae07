"""Choosing a decision threshold for a target recall."""

import numpy as np


def precision_recall_at(y_true, scores, threshold):
    """(precision, recall) when rows with score >= threshold are flagged positive.
    Precision is 0.0 when nothing is flagged."""
    y_true = np.asarray(y_true)
    flagged = np.asarray(scores) >= threshold
    tp = np.sum(flagged & (y_true == 1))
    precision = tp / flagged.sum() if flagged.sum() else 0.0
    recall = tp / np.sum(y_true == 1)
    return float(precision), float(recall)


def threshold_for_recall(y_true, scores, target_recall):
    """The highest threshold, among the score values, whose recall is at least target_recall."""
    # Lowering the threshold only ever adds flagged rows, so recall only grows as we go down.
    # The first (highest) score value that reaches the target flags the fewest rows.
    for threshold in np.unique(scores)[::-1]:
        _, recall = precision_recall_at(y_true, scores, threshold)
        if recall >= target_recall:
            return float(threshold)
    # Not reached (an empty input, or no positives at all): flag everything.
    return float(np.min(scores))


def choose_threshold(model, X_val, y_val, target_recall):
    """Fit nothing: score X_val with model.predict_proba and return
    (threshold, precision, recall) for the threshold chosen by threshold_for_recall."""
    # The probability of the positive class; the model was fitted on the training set, and the
    # threshold is chosen on validation data so that the test set stays untouched for the end.
    scores = model.predict_proba(X_val)[:, 1]
    threshold = threshold_for_recall(y_val, scores, target_recall)
    precision, recall = precision_recall_at(y_val, scores, threshold)
    return threshold, precision, recall
