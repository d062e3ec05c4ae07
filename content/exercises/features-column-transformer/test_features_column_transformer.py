import numpy as np
import pandas as pd

NUMERIC = ["age", "income"]
CATEGORICAL = ["city", "plan"]
CITIES = ["Lyon", "Paris", "Nantes", "Lille"]
PLANS = ["basic", "pro"]


def customers(n=400, seed=0):
    rng = np.random.default_rng(seed)
    city = rng.choice(CITIES, size=n).astype(object)
    plan = rng.choice(PLANS, size=n, p=[0.7, 0.3]).astype(object)
    age = rng.normal(40, 12, size=n).round()
    income = rng.lognormal(10.5, 0.5, size=n).round(-2)
    logit = (income - 40000) / 15000 + np.where(city == "Paris", 1.5, -0.5) + np.where(plan == "pro", 1.0, 0.0)
    churn = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(int)
    age[rng.random(n) < 0.1] = np.nan
    income[rng.random(n) < 0.1] = np.nan
    city[rng.random(n) < 0.1] = np.nan
    df = pd.DataFrame({
        "age": age,
        "income": income,
        "city": pd.Series(city, dtype=object),
        "plan": pd.Series(plan, dtype=object),
    })
    return df, churn


def dense(matrix):
    return np.asarray(matrix.toarray() if hasattr(matrix, "toarray") else matrix, dtype=float)


def fitted_preprocessor(learner):
    df, _ = customers()
    prep = learner.build_preprocessor(NUMERIC, CATEGORICAL)
    assert hasattr(prep, "fit_transform"), (
        "build_preprocessor() should return a scikit-learn transformer (a ColumnTransformer), got " + type(prep).__name__
    )
    out = dense(prep.fit_transform(df))
    return prep, df, out


def names_of(prep):
    return [str(name) for name in prep.get_feature_names_out()]


def test_output_has_no_missing_values(learner):
    _, df, out = fitted_preprocessor(learner)
    assert out.ndim == 2 and out.shape[0] == len(df), f"expected one output row per input row ({len(df)}), got shape {out.shape}"
    assert not np.isnan(out).any(), (
        "the output still has missing values: fill them first (SimpleImputer with strategy 'median' for numbers, "
        "'most_frequent' for categories)"
    )


def test_numeric_columns_are_imputed_and_scaled(learner):
    prep, df, out = fitted_preprocessor(learner)
    names = names_of(prep)
    for column in NUMERIC:
        found = [i for i, name in enumerate(names) if name.split("__")[-1] == column]
        assert found, f"no output column named after '{column}' in get_feature_names_out(): {names}"
        values = out[:, found[0]]
        assert abs(values.mean()) < 1e-6 and abs(values.std() - 1) < 1e-6, (
            f"the '{column}' column should be standardised (mean 0, std 1 on the training rows), got mean "
            f"{values.mean():.3f} and std {values.std():.3f}"
        )
        filled = df[column].fillna(df[column].median()).to_numpy()
        expected = (filled - filled.mean()) / filled.std()
        assert np.allclose(values, expected, atol=1e-6), (
            f"the '{column}' column: fill missing values with the training median before scaling"
        )


def test_categories_are_one_hot_encoded(learner):
    prep, df, out = fitted_preprocessor(learner)
    names = names_of(prep)
    for column, categories in (("city", CITIES), ("plan", PLANS)):
        columns = [i for i, name in enumerate(names) if name.split("__")[-1].startswith(column + "_")]
        labels = sorted(names[i].split("__")[-1][len(column) + 1:] for i in columns)
        assert sorted(categories) == [c for c in labels if c != "nan"], (
            f"expected one 0/1 column per {column} seen in training ({sorted(categories)}), got columns {labels}"
        )
        block = out[:, columns]
        assert set(np.unique(block)) <= {0.0, 1.0} and np.all(block.sum(axis=1) == 1), (
            f"the {column} columns should be one-hot: 0s and 1s with exactly one 1 in each row"
        )


def test_unseen_category_gives_zeros(learner):
    prep, df, _ = fitted_preprocessor(learner)
    new = pd.DataFrame({
        "age": [33.0, np.nan],
        "income": [np.nan, 52000.0],
        "city": pd.Series(["Oslo", "Paris"], dtype=object),
        "plan": pd.Series(["pro", "basic"], dtype=object),
    })
    try:
        out = dense(prep.transform(new))
    except ValueError as error:
        raise AssertionError(
            "transforming a city never seen in training raised an error: a production model meets new categories, "
            f"use OneHotEncoder(handle_unknown='ignore') (the error was: {str(error).splitlines()[0][:120]})"
        ) from None
    names = names_of(prep)
    city = [i for i, name in enumerate(names) if name.split("__")[-1].startswith("city_")]
    assert np.all(out[0, city] == 0), "the unseen city 'Oslo' should give 0 in every city column"
    assert not np.isnan(out).any(), "new rows with missing numbers should be filled with the training median"


def test_model_fits_and_predicts(learner):
    df, y = customers()
    snapshot = df.copy()
    model = learner.build_model(NUMERIC, CATEGORICAL)
    assert hasattr(model, "steps"), "build_model() should return a scikit-learn Pipeline, got " + type(model).__name__
    model.fit(df.iloc[:300], y[:300])
    accuracy = float(np.mean(model.predict(df.iloc[300:]) == y[300:]))
    assert accuracy > 0.6, f"the model should predict better than chance on held-out rows, got accuracy {accuracy:.2f}"
    pd.testing.assert_frame_equal(df, snapshot, obj="the input DataFrame (it should not be modified)")
