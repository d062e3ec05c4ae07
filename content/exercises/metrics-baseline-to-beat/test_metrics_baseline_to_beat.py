import numpy as np
from sklearn.datasets import make_classification, make_regression
from sklearn.linear_model import LinearRegression, Ridge
from sklearn.metrics import mean_absolute_error, mean_squared_error, r2_score
from sklearn.model_selection import train_test_split

KEYS = ["model_mae", "model_rmse", "model_r2", "baseline_mae", "baseline_rmse", "baseline_r2"]


def regression_data():
    X, y = make_regression(n_samples=300, n_features=5, noise=20.0, random_state=0)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=0)
    # The test targets drift upwards: their mean is not the training mean.
    return X_train, y_train, X_test, y_test + 40.0


def test_classification_baseline_on_imbalanced_data(learner):
    X, y = make_classification(n_samples=1000, weights=[0.9], flip_y=0, random_state=0)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, stratify=y, random_state=0)
    got = float(learner.classification_baseline(X_train, y_train, X_test, y_test))
    expected = float(np.mean(y_test == 0))
    assert abs(got - expected) < 1e-9, (
        f"with 90% of the labels 0, always predicting 0 is right {expected:.3f} of the time on the test set; "
        f"got {got:.3f}: the baseline predicts the most frequent training label"
    )


def test_classification_baseline_learns_from_training_labels(learner):
    X = np.zeros((10, 1))
    got = float(learner.classification_baseline(X[:6], [1, 1, 1, 1, 0, 0], X[6:], [0, 0, 0, 1]))
    assert abs(got - 0.25) < 1e-9, (
        "the most frequent training label is 1, which is right for 1 of the 4 test rows: expected 0.25, "
        f"got {got}: take the majority label from y_train, not from y_test"
    )


def test_regression_report_has_the_six_numbers(learner):
    X_train, y_train, X_test, y_test = regression_data()
    report = learner.regression_report(LinearRegression(), X_train, y_train, X_test, y_test)
    assert isinstance(report, dict), "regression_report() should return a dict, got " + type(report).__name__
    missing = [k for k in KEYS if k not in report]
    assert not missing, f"the report is missing the keys {missing}"


def test_model_scores(learner):
    X_train, y_train, X_test, y_test = regression_data()
    report = learner.regression_report(Ridge(alpha=1.0), X_train, y_train, X_test, y_test)
    pred = Ridge(alpha=1.0).fit(X_train, y_train).predict(X_test)
    expected = {
        "model_mae": mean_absolute_error(y_test, pred),
        "model_rmse": np.sqrt(mean_squared_error(y_test, pred)),
        "model_r2": r2_score(y_test, pred),
    }
    for key, value in expected.items():
        assert abs(float(report[key]) - value) < 1e-6, (
            f"expected {key} = {value:.4f} for the model fitted on the training rows, got {float(report[key]):.4f}"
        )


def test_baseline_predicts_the_training_mean(learner):
    X_train, y_train, X_test, y_test = regression_data()
    report = learner.regression_report(LinearRegression(), X_train, y_train, X_test, y_test)
    pred = np.full(len(y_test), np.mean(y_train))
    expected = {
        "baseline_mae": mean_absolute_error(y_test, pred),
        "baseline_rmse": np.sqrt(mean_squared_error(y_test, pred)),
        "baseline_r2": r2_score(y_test, pred),
    }
    if abs(float(report["baseline_rmse"]) - np.std(y_test)) < 1e-6:
        raise AssertionError(
            "the baseline predicted the mean of the test targets, which you would not know in advance: "
            "fit it on y_train (DummyRegressor(strategy='mean').fit(X_train, y_train))"
        )
    for key, value in expected.items():
        assert abs(float(report[key]) - value) < 1e-6, (
            f"expected {key} = {value:.4f} for a baseline that always predicts the training mean, got {float(report[key]):.4f}"
        )
    assert report["baseline_rmse"] >= report["baseline_mae"] - 1e-9, "RMSE can never be below MAE: check the two formulas"
