"""A baseline to beat: what does a model that learned nothing score?"""

import numpy as np
from sklearn.dummy import DummyClassifier, DummyRegressor
from sklearn.metrics import mean_absolute_error, mean_squared_error, r2_score


def classification_baseline(X_train, y_train, X_test, y_test):
    """Test accuracy of a classifier that always predicts the most frequent training label."""
    # The baseline learns only one thing from the training rows: which label is most common.
    baseline = DummyClassifier(strategy="most_frequent").fit(X_train, y_train)
    return float(baseline.score(X_test, y_test))


def _scores(y_true, y_pred, prefix):
    return {
        prefix + "mae": float(mean_absolute_error(y_true, y_pred)),
        # RMSE squares the errors before averaging, so one large error weighs more than in MAE.
        prefix + "rmse": float(np.sqrt(mean_squared_error(y_true, y_pred))),
        prefix + "r2": float(r2_score(y_true, y_pred)),
    }


def regression_report(model, X_train, y_train, X_test, y_test):
    """Fit model on the training rows; return a dict with the test-set
    "model_mae", "model_rmse", "model_r2" and "baseline_mae", "baseline_rmse", "baseline_r2",
    the baseline always predicting the mean of y_train."""
    model.fit(X_train, y_train)
    # The baseline predicts the *training* mean: the test targets are what we pretend not to know.
    baseline = DummyRegressor(strategy="mean").fit(X_train, y_train)
    report = _scores(y_test, model.predict(X_test), "model_")
    report.update(_scores(y_test, baseline.predict(X_test), "baseline_"))
    return report
