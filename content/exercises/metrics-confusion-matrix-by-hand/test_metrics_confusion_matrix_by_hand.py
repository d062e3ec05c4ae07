import numpy as np

Y_TRUE = [1, 1, 1, 1, 0, 0, 0, 0, 0, 0]
Y_PRED = [1, 1, 1, 0, 1, 1, 0, 0, 0, 0]


def counts_of(learner, y_true, y_pred):
    result = learner.confusion_counts(y_true, y_pred)
    assert isinstance(result, (tuple, list)) and len(result) == 4, "confusion_counts() should return (tp, fp, fn, tn)"
    return tuple(int(v) for v in result)


def test_counts_on_the_example(learner):
    got = counts_of(learner, Y_TRUE, Y_PRED)
    assert got == (3, 2, 1, 4), (
        f"expected (tp, fp, fn, tn) = (3, 2, 1, 4), got {got}: a false positive is predicted 1 but actually 0, "
        "a false negative is predicted 0 but actually 1"
    )


def test_counts_on_numpy_arrays(learner):
    rng = np.random.default_rng(0)
    y_true = rng.integers(0, 2, size=500)
    y_pred = rng.integers(0, 2, size=500)
    expected = (
        int(np.sum((y_true == 1) & (y_pred == 1))),
        int(np.sum((y_true == 0) & (y_pred == 1))),
        int(np.sum((y_true == 1) & (y_pred == 0))),
        int(np.sum((y_true == 0) & (y_pred == 0))),
    )
    got = counts_of(learner, y_true, y_pred)
    assert got == expected, f"on 500 random labels in NumPy arrays, expected (tp, fp, fn, tn) = {expected}, got {got}"


def test_accuracy(learner):
    got = float(learner.accuracy(3, 2, 1, 4))
    assert abs(got - 0.7) < 1e-9, f"expected accuracy (tp + tn) / total = 0.7, got {got}"


def test_precision_recall_f1(learner):
    result = learner.precision_recall_f1(3, 2, 1)
    assert isinstance(result, (tuple, list)) and len(result) == 3, "precision_recall_f1() should return (precision, recall, f1)"
    p, r, f = (float(v) for v in result)
    assert abs(p - 0.6) < 1e-9, f"expected precision tp / (tp + fp) = 3 / 5 = 0.6, got {p}"
    assert abs(r - 0.75) < 1e-9, f"expected recall tp / (tp + fn) = 3 / 4 = 0.75, got {r}"
    assert abs(f - 2 / 3) < 1e-9, (
        f"expected F1 = 2 * p * r / (p + r) = 0.6667 (the harmonic mean, not the average), got {f}"
    )


def test_zero_denominators(learner):
    try:
        p, r, f = (float(v) for v in learner.precision_recall_f1(0, 0, 5))
    except ZeroDivisionError:
        raise AssertionError(
            "precision_recall_f1(0, 0, 5) divided by zero: a model that flags nothing has no precision to "
            "compute; return 0.0 there (as scikit-learn does with zero_division=0)"
        ) from None
    assert (p, r, f) == (0.0, 0.0, 0.0), f"for tp=0, fp=0, fn=5 expected (0.0, 0.0, 0.0), got {(p, r, f)}"
    try:
        p, r, f = (float(v) for v in learner.precision_recall_f1(0, 3, 0))
    except ZeroDivisionError:
        raise AssertionError(
            "precision_recall_f1(0, 3, 0) divided by zero: with no real positives, return 0.0 for recall and F1"
        ) from None
    assert (p, r, f) == (0.0, 0.0, 0.0), f"for tp=0, fp=3, fn=0 expected (0.0, 0.0, 0.0), got {(p, r, f)}"


def test_accuracy_paradox(learner):
    y_true = np.array([0] * 95 + [1] * 5)
    always_zero = np.zeros(100, dtype=int)
    tp, fp, fn, tn = counts_of(learner, y_true, always_zero)
    acc = float(learner.accuracy(tp, fp, fn, tn))
    p, r, f = (float(v) for v in learner.precision_recall_f1(tp, fp, fn))
    assert abs(acc - 0.95) < 1e-9 and r == 0.0 and f == 0.0, (
        f"a model that always predicts 0 on 95 negatives and 5 positives should get accuracy 0.95 but recall "
        f"and F1 of 0.0; got accuracy {acc}, recall {r}, F1 {f}"
    )
