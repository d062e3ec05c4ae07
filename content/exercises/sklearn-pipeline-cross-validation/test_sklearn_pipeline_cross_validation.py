import numpy as np
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def make_data():
    X, y = make_classification(n_samples=200, n_features=5, n_informative=3, random_state=2)
    # The last 40 rows (the last fold) have their features on another scale and centre.
    # A scaler fitted on all rows has seen them; one fitted on the other folds has not.
    X = X.copy()
    X[160:, :] = X[160:, :] * 50 + 200
    return X, y


def test_build_model_is_a_pipeline(learner):
    model = learner.build_model()
    assert hasattr(model, "steps"), (
        "build_model() should return a scikit-learn Pipeline (make_pipeline or Pipeline), got " + type(model).__name__
    )
    last = model.steps[-1][1]
    assert isinstance(last, LogisticRegression), (
        "the last step of the pipeline should be a LogisticRegression, got " + type(last).__name__
    )


def test_pipeline_standardises_then_classifies(learner):
    X, y = make_classification(n_samples=120, n_features=4, random_state=0)
    X = X * [1.0, 10.0, 100.0, 1000.0] + 7.0
    model = learner.build_model().fit(X, y)
    transformed = np.asarray(model[:-1].transform(X))
    assert transformed.shape == X.shape and np.allclose(transformed.mean(axis=0), 0, atol=1e-6) and np.allclose(
        transformed.std(axis=0), 1, atol=1e-6
    ), "the steps before the classifier should standardise every feature to mean 0 and std 1: start the pipeline with a StandardScaler"


def test_five_scores(learner):
    X, y = make_data()
    scores = np.asarray(learner.cross_validated_scores(X, y), dtype=float)
    assert scores.shape == (5,), f"expected an array of 5 scores (one per fold), got shape {scores.shape}"
    assert np.all((scores >= 0) & (scores <= 1)), f"accuracy scores lie between 0 and 1, got {scores.tolist()}"


def test_scores_have_no_leakage(learner):
    X, y = make_data()
    scores = np.asarray(learner.cross_validated_scores(X, y), dtype=float)
    expected = cross_val_score(make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000)), X, y, cv=5)
    if np.allclose(scores, expected, atol=1e-6):
        return
    leaky = cross_val_score(LogisticRegression(max_iter=1000), StandardScaler().fit_transform(X), y, cv=5)
    assert not np.allclose(scores, leaky, atol=1e-6), (
        f"the validation folds leaked into the scaler: the last fold scored {scores[-1]:.3f}, but a scaler that "
        f"never saw it gives {expected[-1]:.3f}. Pass the pipeline and the raw X to cross_val_score, and let "
        "the pipeline scale inside each fold"
    )
    raise AssertionError(
        f"expected the scores {np.round(expected, 3).tolist()}, got {np.round(scores, 3).tolist()}: "
        "use cross_val_score(build_model(), X, y, cv=5) on the raw X (5 stratified folds, not shuffled)"
    )


def test_summarise(learner):
    result = learner.summarise(np.array([0.8, 0.9, 0.85, 0.75, 0.7]))
    assert isinstance(result, (tuple, list)) and len(result) == 2, "summarise() should return (mean, std)"
    mean, std = (float(v) for v in result)
    assert abs(mean - 0.8) < 1e-9, f"expected the mean 0.8, got {mean}"
    assert abs(std - np.std([0.8, 0.9, 0.85, 0.75, 0.7])) < 1e-9 or abs(
        std - np.std([0.8, 0.9, 0.85, 0.75, 0.7], ddof=1)
    ) < 1e-9, f"expected the standard deviation {np.std([0.8, 0.9, 0.85, 0.75, 0.7]):.4f}, got {std}"
