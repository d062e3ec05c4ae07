"""Precision, recall and F1 from a confusion matrix, by hand (no sklearn.metrics)."""


def confusion_counts(y_true, y_pred):
    """(tp, fp, fn, tn) for labels 0 and 1, as four ints."""
    tp = fp = fn = tn = 0
    for truth, pred in zip(y_true, y_pred):
        if truth == 1 and pred == 1:
            tp += 1
        elif truth == 0 and pred == 1:
            fp += 1  # a false alarm
        elif truth == 1 and pred == 0:
            fn += 1  # a miss
        else:
            tn += 1
    return tp, fp, fn, tn


def accuracy(tp, fp, fn, tn):
    """Share of all predictions that are right."""
    total = tp + fp + fn + tn
    return (tp + tn) / total if total else 0.0


def precision_recall_f1(tp, fp, fn):
    """(precision, recall, f1) as floats; 0.0 wherever a denominator is 0."""
    # Precision: of everything flagged positive, the share that really is positive.
    precision = tp / (tp + fp) if tp + fp else 0.0
    # Recall: of all real positives, the share that was found.
    recall = tp / (tp + fn) if tp + fn else 0.0
    # F1: the harmonic mean, low as soon as either one is low (unlike the arithmetic mean).
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return float(precision), float(recall), float(f1)
