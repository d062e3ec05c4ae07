"""Precision, recall and F1 from a confusion matrix, by hand (no sklearn.metrics)."""


def confusion_counts(y_true, y_pred):
    """(tp, fp, fn, tn) for labels 0 and 1, as four ints."""
    raise NotImplementedError("confusion_counts() is not written yet: its docstring says what it should do")


def accuracy(tp, fp, fn, tn):
    """Share of all predictions that are right."""
    raise NotImplementedError("accuracy() is not written yet: its docstring says what it should do")


def precision_recall_f1(tp, fp, fn):
    """(precision, recall, f1) as floats; 0.0 wherever a denominator is 0."""
    precision = tp / (tp + fn)
    recall = tp / (tp + fp)
    f1 = (precision + recall) / 2
    return precision, recall, f1
