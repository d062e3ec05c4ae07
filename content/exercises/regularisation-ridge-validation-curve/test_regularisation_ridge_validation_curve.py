import warnings

import numpy as np
from sklearn.datasets import make_regression
from sklearn.linear_model import Lasso, Ridge
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

ALPHAS = [0.01, 0.1, 1, 3, 10, 30, 100]


def data():
    X, y = make_regression(n_samples=250, n_features=45, n_informative=8, noise=30.0, random_state=1)
    X = X * np.linspace(0.1, 10, 45)  # features on very different scales
    return train_test_split(X, y, train_size=50, random_state=0)


def rmse(model, X, y):
    return float(np.sqrt(np.mean((model.predict(X) - y) ** 2)))


def errors_of(learner):
    X_tr, X_va, y_tr, y_va = data()
    errors = learner.ridge_errors(X_tr, y_tr, X_va, y_va, ALPHAS)
    assert isinstance(errors, dict), "ridge_errors() should return a dict {alpha: (train_rmse, val_rmse)}"
    assert sorted(errors) == ALPHAS, f"expected one entry per alpha {ALPHAS}, got the keys {sorted(errors)}"
    return {a: (float(errors[a][0]), float(errors[a][1])) for a in ALPHAS}


def test_ridge_errors(learner):
    errors = errors_of(learner)
    X_tr, X_va, y_tr, y_va = data()
    for alpha in ALPHAS:
        model = make_pipeline(StandardScaler(), Ridge(alpha=alpha)).fit(X_tr, y_tr)
        train, val = rmse(model, X_tr, y_tr), rmse(model, X_va, y_va)
        got_train, got_val = errors[alpha]
        if abs(got_train - val) < 1e-6 and abs(got_val - train) < 1e-6:
            raise AssertionError("the two errors are swapped: return (train_rmse, val_rmse) in that order")
        raw = Ridge(alpha=alpha).fit(X_tr, y_tr)
        if abs(got_train - rmse(raw, X_tr, y_tr)) < 1e-6 and abs(got_val - rmse(raw, X_va, y_va)) < 1e-6:
            raise AssertionError(
                f"for alpha={alpha} your errors are those of a Ridge on unscaled features: put a StandardScaler "
                "before it (make_pipeline(StandardScaler(), Ridge(alpha=alpha))) so the penalty treats every feature alike"
            )
        assert abs(got_train - train) < 1e-6 and abs(got_val - val) < 1e-6, (
            f"for alpha={alpha} expected train RMSE {train:.2f} and validation RMSE {val:.2f} (Ridge in a pipeline "
            f"after StandardScaler, fitted on the training rows), got {got_train:.2f} and {got_val:.2f}"
        )


def test_training_error_grows_with_alpha(learner):
    errors = errors_of(learner)
    train = [errors[a][0] for a in ALPHAS]
    assert all(b >= a - 1e-9 for a, b in zip(train, train[1:])), (
        f"the training RMSE should grow as alpha grows (more penalty, looser fit), got {np.round(train, 2).tolist()}"
    )


def test_best_alpha_uses_validation_error(learner):
    errors = errors_of(learner)
    got = learner.best_alpha(errors)
    assert got != 0.01, (
        "best_alpha picked 0.01, the alpha with the lowest *training* error, where the model overfits "
        f"(train RMSE {errors[0.01][0]:.1f}, validation RMSE {errors[0.01][1]:.1f}): choose by validation error"
    )
    assert got == 3, f"the lowest validation RMSE is at alpha=3 ({errors[3][1]:.1f}), got alpha={got}"


def test_label_fit(learner):
    errors = errors_of(learner)
    cases = {0.01: "overfitting", 0.1: "overfitting", 3: "best", 30: "underfitting", 100: "underfitting"}
    for alpha, expected in cases.items():
        got = learner.label_fit(errors, alpha)
        assert got == expected, (
            f"alpha={alpha} (train RMSE {errors[alpha][0]:.1f}, validation RMSE {errors[alpha][1]:.1f}) should be "
            f"labelled '{expected}', got {got!r}"
        )


def test_lasso_nonzero(learner):
    X_tr, _, y_tr, _ = data()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        counts = learner.lasso_nonzero(X_tr, y_tr, ALPHAS)
        assert isinstance(counts, dict) and sorted(counts) == ALPHAS, (
            f"lasso_nonzero() should return a dict with one count per alpha {ALPHAS}"
        )
        for alpha in ALPHAS:
            model = make_pipeline(StandardScaler(), Lasso(alpha=alpha, max_iter=10_000)).fit(X_tr, y_tr)
            expected = int(np.count_nonzero(model[-1].coef_))
            assert int(counts[alpha]) == expected, (
                f"for alpha={alpha} expected {expected} non-zero lasso coefficients (of 45), got {counts[alpha]}"
            )
