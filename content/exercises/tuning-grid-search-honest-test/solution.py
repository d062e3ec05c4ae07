"""Grid and randomised search inside cross-validation, with an honest test score."""

from scipy.stats import loguniform
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV, RandomizedSearchCV, train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def _model():
    return make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000))


def tune_and_test(X, y):
    """Split X, y with train_test_split(test_size=0.25, stratify=y, random_state=0);
    grid-search C in [0.01, 0.1, 1, 10, 100] with 5-fold cross-validation on the training rows;
    return {"search": the fitted GridSearchCV, "best_C": the chosen C,
            "cv_score": its mean cross-validation accuracy, "test_score": the test accuracy}."""
    # 1. The test rows are set aside before any choice is made.
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=0)
    # 2. The search cross-validates every C on the training rows only, then refits the best
    #    pipeline on all the training rows (refit=True is the default).
    search = GridSearchCV(_model(), {"logisticregression__C": [0.01, 0.1, 1, 10, 100]}, cv=5)
    search.fit(X_train, y_train)
    return {
        "search": search,
        "best_C": search.best_params_["logisticregression__C"],
        "cv_score": float(search.best_score_),
        # 3. One look at the test rows, for the one chosen model: this is the number to report.
        "test_score": float(search.score(X_test, y_test)),
    }


def random_search(X_train, y_train):
    """A fitted RandomizedSearchCV over the same model: C drawn from loguniform(1e-3, 1e2),
    n_iter=10, cv=5, random_state=0."""
    # A log-uniform draw spends as many tries between 0.001 and 0.01 as between 10 and 100:
    # the right scale for a regularisation strength. Each try is a new value, not a grid point.
    search = RandomizedSearchCV(
        _model(),
        {"logisticregression__C": loguniform(1e-3, 1e2)},
        n_iter=10,
        cv=5,
        random_state=0,
    )
    return search.fit(X_train, y_train)
