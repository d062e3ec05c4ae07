import numpy as np


def make_data(n=200, seed=0):
    rng = np.random.default_rng(seed)
    # Columns on different scales, some test rows far from the rest: leakage shifts the mean.
    X = rng.normal(loc=[5.0, -3.0, 100.0], scale=[1.0, 10.0, 30.0], size=(n, 3))
    X[::7] += [40.0, 200.0, 900.0]
    # y holds the row number, so the checks can tell which rows ended up where.
    y = np.arange(n)
    return X, y


def call(learner, X, y, **kwargs):
    result = learner.split_and_scale(X, y, **kwargs)
    assert isinstance(result, (tuple, list)) and len(result) == 4, (
        "split_and_scale() should return four things: X_train_scaled, X_test_scaled, y_train, y_test"
    )
    return [np.asarray(part) for part in result]


def test_returns_four_arrays_of_the_right_size(learner):
    X, y = make_data()
    X_train, X_test, y_train, y_test = call(learner, X, y, test_size=0.25, random_state=0)
    assert X_train.shape == (150, 3) and X_test.shape == (50, 3), (
        f"with 200 rows and test_size=0.25, expected X_train of shape (150, 3) and X_test of shape (50, 3), "
        f"got {X_train.shape} and {X_test.shape}"
    )
    assert len(y_train) == 150 and len(y_test) == 50, (
        f"expected 150 training labels and 50 test labels, got {len(y_train)} and {len(y_test)}"
    )


def test_uses_test_size_and_random_state(learner):
    X, y = make_data()
    _, X_test, _, y_test = call(learner, X, y, test_size=0.1, random_state=3)
    assert len(y_test) == 20, f"with test_size=0.1, expected 20 test rows out of 200, got {len(y_test)}"
    _, _, _, again = call(learner, X, y, test_size=0.1, random_state=3)
    assert sorted(again.tolist()) == sorted(y_test.tolist()), (
        "the same random_state gave two different splits: pass random_state to train_test_split"
    )
    _, _, _, other = call(learner, X, y, test_size=0.1, random_state=4)
    assert sorted(other.tolist()) != sorted(y_test.tolist()), (
        "a different random_state gave the same split: pass random_state on to train_test_split"
    )


def test_every_row_keeps_its_label(learner):
    X, y = make_data()
    _, _, y_train, y_test = call(learner, X, y)
    rows = sorted(y_train.tolist() + y_test.tolist())
    assert rows == list(range(len(y))), (
        "every row should be in exactly one of the two sets, once: some rows were lost or repeated"
    )


def test_scaler_fitted_on_training_rows_only(learner):
    X, y = make_data()
    X_train, _, _, _ = call(learner, X, y)
    mean, std = X_train.mean(axis=0), X_train.std(axis=0)
    assert np.allclose(std, 1.0, atol=1e-6) and np.allclose(mean, 0.0, atol=1e-6), (
        "the scaled training rows should have mean 0 and standard deviation 1 in every column, got means "
        f"{np.round(mean, 3).tolist()} and stds {np.round(std, 3).tolist()}: the scaler learned from rows "
        "outside the training set (the test set leaked into it); fit it on the training rows only"
    )


def test_test_rows_scaled_with_training_statistics(learner):
    X, y = make_data()
    X_train_s, X_test_s, y_train, y_test = call(learner, X, y)
    train_rows, test_rows = X[y_train.astype(int)], X[y_test.astype(int)]
    expected = (test_rows - train_rows.mean(axis=0)) / train_rows.std(axis=0)
    assert np.allclose(X_train_s, (train_rows - train_rows.mean(axis=0)) / train_rows.std(axis=0), atol=1e-6), (
        "the scaled training rows do not match their labels: keep X and y in the same order when you split"
    )
    if np.allclose(X_test_s, (test_rows - test_rows.mean(axis=0)) / test_rows.std(axis=0), atol=1e-6):
        raise AssertionError(
            "the test rows were scaled with their own mean and std (a second fit on the test set): "
            "call only transform on them, with the scaler fitted on the training rows"
        )
    assert np.allclose(X_test_s, expected, atol=1e-6), (
        "the test rows should be scaled with the training rows' mean and standard deviation "
        "(scaler.transform(X_test) with the scaler fitted on X_train)"
    )
