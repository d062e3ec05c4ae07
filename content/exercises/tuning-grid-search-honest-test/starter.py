"""Grid and randomised search inside cross-validation, with an honest test score."""

from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV, RandomizedSearchCV, train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def tune_and_test(X, y):
    """Split X, y with train_test_split(test_size=0.25, stratify=y, random_state=0);
    grid-search C in [0.01, 0.1, 1, 10, 100] with 5-fold cross-validation on the training rows;
    return {"search": the fitted GridSearchCV, "best_C": the chosen C,
            "cv_score": its mean cross-validation accuracy, "test_score": the test accuracy}."""
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=0)
    model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000))
    search = GridSearchCV(model, {"logisticregression__C": [0.01, 0.1, 1, 10, 100]}, cv=5)
    # A first attempt: "more data makes a better search". Which rows does the search see here?
    search.fit(X, y)
    return {
        "search": search,
        "best_C": search.best_params_["logisticregression__C"],
        "cv_score": search.best_score_,
        "test_score": search.score(X_test, y_test),
    }


def random_search(X_train, y_train):
    """A fitted RandomizedSearchCV over the same model: C drawn from loguniform(1e-3, 1e2),
    n_iter=10, cv=5, random_state=0."""
    raise NotImplementedError("random_search() is not written yet: its docstring says what it should do")
