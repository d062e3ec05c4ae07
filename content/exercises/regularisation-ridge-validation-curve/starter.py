"""Ridge and lasso: a validation curve over the regularisation strength."""

import numpy as np
from sklearn.linear_model import Lasso, Ridge
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def ridge_errors(X_train, y_train, X_val, y_val, alphas):
    """{alpha: (train_rmse, val_rmse)} for Ridge(alpha=alpha) fitted on the training rows."""
    raise NotImplementedError("ridge_errors() is not written yet: its docstring says what it should do")


def best_alpha(errors):
    """The alpha of `errors` (as returned above) with the lowest validation RMSE."""
    # A first attempt: the alpha that fits the training rows best. Is that the one to keep?
    return min(errors, key=lambda alpha: errors[alpha][0])


def label_fit(errors, alpha):
    """"overfitting" if alpha is below the best alpha, "underfitting" if above, "best" if equal."""
    raise NotImplementedError("label_fit() is not written yet: its docstring says what it should do")


def lasso_nonzero(X_train, y_train, alphas):
    """{alpha: number of non-zero coefficients} for Lasso(alpha=alpha, max_iter=10_000)."""
    raise NotImplementedError("lasso_nonzero() is not written yet: its docstring says what it should do")
