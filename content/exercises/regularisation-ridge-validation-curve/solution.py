"""Ridge and lasso: a validation curve over the regularisation strength."""

import numpy as np
from sklearn.linear_model import Lasso, Ridge
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def _rmse(model, X, y):
    return float(np.sqrt(np.mean((model.predict(X) - np.asarray(y)) ** 2)))


def ridge_errors(X_train, y_train, X_val, y_val, alphas):
    """{alpha: (train_rmse, val_rmse)} for Ridge(alpha=alpha) fitted on the training rows."""
    errors = {}
    for alpha in alphas:
        # Scale inside the pipeline: the penalty then treats every coefficient alike.
        model = make_pipeline(StandardScaler(), Ridge(alpha=alpha)).fit(X_train, y_train)
        # Both errors: their gap is what tells overfitting from underfitting.
        errors[alpha] = (_rmse(model, X_train, y_train), _rmse(model, X_val, y_val))
    return errors


def best_alpha(errors):
    """The alpha of `errors` (as returned above) with the lowest validation RMSE."""
    # Only the validation error says how the model does on rows it has not seen.
    return min(errors, key=lambda alpha: errors[alpha][1])


def label_fit(errors, alpha):
    """"overfitting" if alpha is below the best alpha, "underfitting" if above, "best" if equal."""
    best = best_alpha(errors)
    if alpha < best:
        return "overfitting"  # too little penalty: the model follows the training noise
    if alpha > best:
        return "underfitting"  # too much penalty: the model is too simple even for the training rows
    return "best"


def lasso_nonzero(X_train, y_train, alphas):
    """{alpha: number of non-zero coefficients} for Lasso(alpha=alpha, max_iter=10_000)."""
    counts = {}
    for alpha in alphas:
        model = make_pipeline(StandardScaler(), Lasso(alpha=alpha, max_iter=10_000)).fit(X_train, y_train)
        # The L1 penalty sets coefficients to exactly zero: the lasso also selects features.
        counts[alpha] = int(np.count_nonzero(model[-1].coef_))
    return counts
