import numpy as np
from sklearn.datasets import make_classification
from sklearn.model_selection import train_test_split

GRID = [0.01, 0.1, 1, 10, 100]


def data():
    return make_classification(n_samples=400, n_features=20, n_informative=5, random_state=0)


_results = {}


def result_of(learner):
    X, y = data()
    # The search takes a moment: run it once and share the result among the checks.
    if id(learner) not in _results:
        _results[id(learner)] = learner.tune_and_test(X, y)
    result = _results[id(learner)]
    assert isinstance(result, dict), "tune_and_test() should return a dict, got " + type(result).__name__
    missing = [k for k in ("search", "best_C", "cv_score", "test_score") if k not in result]
    assert not missing, f"the result is missing the keys {missing}"
    return result


def c_values(params):
    return [float(v) for p in params for k, v in p.items() if k.endswith("C")]


def test_result_and_grid(learner):
    result = result_of(learner)
    search = result["search"]
    assert hasattr(search, "best_params_"), "result['search'] should be the fitted GridSearchCV"
    tried = sorted(set(c_values(search.cv_results_["params"])))
    assert tried == GRID, f"expected the grid to try C in {GRID}, it tried {tried}"
    assert float(result["best_C"]) in GRID, f"best_C should be one of {GRID}, got {result['best_C']}"


def test_search_sees_only_training_rows(learner):
    search = result_of(learner)["search"]
    assert getattr(search, "n_splits_", None) == 5, f"expected 5-fold cross-validation, got {getattr(search, 'n_splits_', None)} folds"
    scaler = search.best_estimator_[0]
    seen = int(np.max(getattr(scaler, "n_samples_seen_", -1)))
    assert seen != 400, (
        "the search was fitted on all 400 rows, so the test rows helped choose C and the test score is optimistic: "
        "fit the search on the 300 training rows only"
    )
    assert seen == 300, (
        f"the best model's scaler was fitted on {seen} rows; expected the 300 training rows "
        "(train_test_split(X, y, test_size=0.25, stratify=y, random_state=0))"
    )


def test_scores(learner):
    result = result_of(learner)
    X, y = data()
    _, X_test, _, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=0)
    search = result["search"]
    expected_test = search.best_estimator_.score(X_test, y_test)
    assert abs(float(result["cv_score"]) - search.best_score_) < 1e-9, (
        f"cv_score should be the search's best_score_ ({search.best_score_:.3f}), got {float(result['cv_score']):.3f}"
    )
    assert abs(float(result["test_score"]) - expected_test) < 1e-9, (
        f"test_score should be the best model's accuracy on the 100 test rows ({expected_test:.3f}), "
        f"got {float(result['test_score']):.3f}"
    )


def test_random_search(learner):
    X, y = data()
    X_train, _, y_train, _ = train_test_split(X, y, test_size=0.25, stratify=y, random_state=0)
    search = learner.random_search(X_train, y_train)
    assert hasattr(search, "cv_results_"), "random_search() should return the fitted RandomizedSearchCV"
    tried = c_values(search.cv_results_["params"])
    assert len(tried) == 10, f"expected n_iter=10 candidates, got {len(tried)}"
    assert len(set(tried)) == 10 and not set(tried) <= set(GRID), (
        f"the candidates should be drawn from a continuous distribution (loguniform), got {sorted(tried)}"
    )
    assert all(1e-3 <= c <= 1e2 for c in tried), f"every C should lie between 0.001 and 100, got {sorted(tried)}"
    assert min(tried) < 0.1 and max(tried) > 1, (
        f"C should be drawn on a log scale (loguniform(1e-3, 1e2)), so that small values are tried too; got {sorted(tried)}"
    )
    assert getattr(search, "n_splits_", None) == 5, "expected 5-fold cross-validation in the randomised search"
