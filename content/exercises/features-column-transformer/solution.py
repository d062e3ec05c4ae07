"""A ColumnTransformer for mixed columns: impute, scale, one-hot encode."""

from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler


def build_preprocessor(numeric_columns, categorical_columns):
    """A ColumnTransformer that
    - fills missing numbers with the column's median, then standardises them;
    - fills missing categories with the most frequent one, then one-hot encodes them,
      turning a category never seen in training into all zeros (not an error)."""
    numeric = Pipeline([
        # The median is robust to outliers; it is learned from the training rows only.
        ("impute", SimpleImputer(strategy="median")),
        ("scale", StandardScaler()),
    ])
    categorical = Pipeline([
        ("impute", SimpleImputer(strategy="most_frequent")),
        # handle_unknown="ignore": a category first seen in production becomes all zeros
        # instead of crashing the prediction service.
        ("onehot", OneHotEncoder(handle_unknown="ignore")),
    ])
    return ColumnTransformer([
        ("num", numeric, list(numeric_columns)),
        ("cat", categorical, list(categorical_columns)),
    ])


def build_model(numeric_columns, categorical_columns):
    """A Pipeline: build_preprocessor(...), then LogisticRegression(max_iter=1000)."""
    # One object to fit, cross-validate, tune and save: preprocessing can't drift from the model.
    return Pipeline([
        ("prep", build_preprocessor(numeric_columns, categorical_columns)),
        ("clf", LogisticRegression(max_iter=1000)),
    ])
