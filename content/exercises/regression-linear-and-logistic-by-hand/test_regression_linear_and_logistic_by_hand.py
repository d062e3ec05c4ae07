import numpy as np
from sklearn.datasets import make_classification, make_regression
from sklearn.linear_model import LinearRegression, LogisticRegression


def classifier():
    X, y = make_classification(n_samples=300, n_features=4, n_informative=3, n_redundant=0, random_state=0)
    X = X + [3.0, -2.0, 0.5, 1.0]
    return LogisticRegression(C=0.5).fit(X, y), X


def test_least_squares_matches_linear_regression(learner):
    X, y = make_regression(n_samples=120, n_features=3, noise=5.0, random_state=0)
    y = y + 25.0
    X = X + 4.0
    result = learner.fit_least_squares(X, y)
    assert isinstance(result, (tuple, list)) and len(result) == 2, "fit_least_squares() should return (intercept, coefficients)"
    intercept, coef = float(result[0]), np.ravel(np.asarray(result[1], dtype=float))
    reference = LinearRegression().fit(X, y)
    assert coef.shape == (3,), f"expected one coefficient per column of X (3), got an array of shape {coef.shape}"
    assert np.allclose(coef, reference.coef_, atol=1e-6), (
        f"expected the coefficients {np.round(reference.coef_, 4).tolist()} (as LinearRegression finds), got "
        f"{np.round(coef, 4).tolist()}: without a column of ones the line is forced through the origin"
    )
    assert abs(intercept - reference.intercept_) < 1e-6, (
        f"expected the intercept {reference.intercept_:.4f}, got {intercept:.4f}"
    )


def test_probability_matches_predict_proba(learner):
    model, X = classifier()
    got = np.ravel(np.asarray(learner.probability_by_hand(model, X), dtype=float))
    expected = model.predict_proba(X)[:, 1]
    assert got.shape == expected.shape, f"expected one probability per row ({expected.shape}), got shape {got.shape}"
    assert np.allclose(got, expected, atol=1e-9), (
        "the probabilities differ from predict_proba(X)[:, 1]: compute z = X @ coef_[0] + intercept_[0], "
        "then 1 / (1 + exp(-z))"
    )


def test_probability_is_computed_from_the_weights(learner):
    model, X = classifier()

    class Weights(LogisticRegression):
        def predict_proba(self, X):  # out of bounds on purpose: the weights must be used instead
            return np.full((len(X), 2), 7.0)

        def predict(self, X):
            return np.full(len(X), 7)

    spy = Weights()
    spy.coef_, spy.intercept_, spy.classes_ = model.coef_, model.intercept_, model.classes_
    got = np.ravel(np.asarray(learner.probability_by_hand(spy, X), dtype=float))
    assert np.allclose(got, model.predict_proba(X)[:, 1], atol=1e-9), (
        "probability_by_hand should compute the probabilities from model.coef_ and model.intercept_ with the "
        "sigmoid, not call predict_proba"
    )


def test_predict_matches_at_one_half(learner):
    model, X = classifier()
    got = np.ravel(np.asarray(learner.predict_by_hand(model, X)))
    assert np.array_equal(got.astype(int), model.predict(X)), (
        "at the default threshold 0.5, predict_by_hand should give the same classes as model.predict"
    )


def test_predict_with_other_thresholds(learner):
    model, X = classifier()
    proba = model.predict_proba(X)[:, 1]
    for threshold in (0.2, 0.8):
        got = np.ravel(np.asarray(learner.predict_by_hand(model, X, threshold=threshold))).astype(int)
        expected = (proba >= threshold).astype(int)
        assert np.array_equal(got, expected), (
            f"at threshold {threshold}, expected {int(expected.sum())} rows of class 1 (probability >= {threshold}), "
            f"got {int(got.sum())}"
        )
