import numpy as np
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split

Y = [1, 0, 1, 1, 0]
SCORES = [0.9, 0.8, 0.8, 0.3, 0.2]


def recall_at(y, scores, t):
    y, scores = np.asarray(y), np.asarray(scores)
    return np.sum((scores >= t) & (y == 1)) / np.sum(y == 1)


def fitted():
    X, y = make_classification(n_samples=2000, n_features=8, n_informative=4, weights=[0.9], flip_y=0.02, random_state=1)
    X_train, X_val, y_train, y_val = train_test_split(X, y, test_size=0.5, stratify=y, random_state=0)
    model = LogisticRegression(max_iter=1000).fit(X_train, y_train)
    return model, X_val, y_val


def test_precision_recall_at(learner):
    result = learner.precision_recall_at(Y, SCORES, 0.8)
    assert isinstance(result, (tuple, list)) and len(result) == 2, "precision_recall_at() should return (precision, recall)"
    p, r = (float(v) for v in result)
    assert abs(r - 2 / 3) < 1e-9, (
        f"at threshold 0.8 the rows with scores 0.9, 0.8 and 0.8 are flagged (score >= threshold): 2 of the 3 "
        f"positives, so recall 0.667; got {r}"
    )
    assert abs(p - 2 / 3) < 1e-9, f"at threshold 0.8, 2 of the 3 flagged rows are positive: precision 0.667; got {p}"


def test_precision_when_nothing_is_flagged(learner):
    try:
        p, r = (float(v) for v in learner.precision_recall_at(Y, SCORES, 0.95))
    except ZeroDivisionError:
        raise AssertionError("at a threshold above every score nothing is flagged: return precision 0.0, not a division by zero") from None
    if np.isnan(p):
        raise AssertionError("at a threshold above every score nothing is flagged: return precision 0.0, not nan")
    assert (p, r) == (0.0, 0.0), f"at a threshold above every score expected (0.0, 0.0), got {(p, r)}"


def test_threshold_on_the_example(learner):
    got = float(learner.threshold_for_recall(Y, SCORES, 0.6))
    assert abs(got - 0.8) < 1e-9, (
        f"for a target recall of 0.6 expected the threshold 0.8 (0.9 finds 1 of 3 positives, 0.8 finds 2 of 3), got {got}"
    )
    got = float(learner.threshold_for_recall(Y, SCORES, 1.0))
    assert abs(got - 0.3) < 1e-9, f"for a target recall of 1.0 expected the threshold 0.3, got {got}"


def test_threshold_reaches_the_target_with_fewest_alerts(learner):
    model, X_val, y_val = fitted()
    scores = model.predict_proba(X_val)[:, 1]
    values = np.unique(scores)
    for target in (0.5, 0.8, 0.9, 0.95):
        t = float(learner.threshold_for_recall(y_val, scores, target))
        reached = recall_at(y_val, scores, t)
        assert reached >= target - 1e-12, (
            f"for a target recall of {target}, your threshold {t:.4f} only reaches recall {reached:.3f}"
        )
        higher = values[values > t + 1e-12]
        if len(higher):
            assert recall_at(y_val, scores, higher[0]) < target, (
                f"for a target recall of {target}, your threshold {t:.4f} flags more rows than needed: the higher "
                f"threshold {higher[0]:.4f} still reaches recall {recall_at(y_val, scores, higher[0]):.3f}; "
                "return the highest threshold that reaches the target"
            )


def test_choose_threshold_with_a_model(learner):
    model, X_val, y_val = fitted()
    result = learner.choose_threshold(model, X_val, y_val, 0.9)
    assert isinstance(result, (tuple, list)) and len(result) == 3, "choose_threshold() should return (threshold, precision, recall)"
    t, p, r = (float(v) for v in result)
    scores = model.predict_proba(X_val)[:, 1]
    values = np.unique(scores)[::-1]
    expected = next(v for v in values if recall_at(y_val, scores, v) >= 0.9)
    assert abs(t - expected) < 1e-9, (
        f"expected the threshold {expected:.4f} on model.predict_proba(X_val)[:, 1] for recall 0.9, got {t:.4f}"
    )
    flagged = scores >= expected
    exp_p = np.sum(flagged & (y_val == 1)) / flagged.sum()
    assert abs(p - exp_p) < 1e-9 and abs(r - recall_at(y_val, scores, expected)) < 1e-9, (
        f"at threshold {expected:.4f} expected precision {exp_p:.3f} and recall {recall_at(y_val, scores, expected):.3f}, "
        f"got {p:.3f} and {r:.3f}"
    )
