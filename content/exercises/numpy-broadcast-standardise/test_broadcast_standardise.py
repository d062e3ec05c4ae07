import numpy as np


def data(seed=0, n=50, d=4):
    rng = np.random.default_rng(seed)
    return rng.normal(loc=[0.0, 5.0, -3.0, 100.0][:d], scale=[1.0, 2.0, 0.5, 30.0][:d], size=(n, d))


def test_standardise_shape(learner):
    got = np.asarray(learner.standardise(data()))
    assert got.shape == (50, 4), f"standardise of a (50, 4) array should return shape (50, 4), got {got.shape}"


def test_standardise_column_means_are_zero(learner):
    got = np.asarray(learner.standardise(data()))
    means = got.mean(axis=0)
    assert np.allclose(means, 0, atol=1e-9), (
        f"after standardising, every column should have mean 0, got column means {np.round(means, 3).tolist()}: "
        "compute one mean per column with X.mean(axis=0)"
    )


def test_standardise_column_stds_are_one(learner):
    got = np.asarray(learner.standardise(data()))
    stds = got.std(axis=0)
    assert np.allclose(stds, 1, atol=1e-9), (
        f"after standardising, every column should have standard deviation 1 (np.std, ddof=0), got {np.round(stds, 3).tolist()}: "
        "divide by X.std(axis=0)"
    )


def test_standardise_readme_example(learner):
    got = np.asarray(learner.standardise(np.array([[1.0, 10.0], [3.0, 10.0]])))
    assert not np.isnan(got).any(), "a constant column (here [10, 10]) has standard deviation 0: it should become all zeros, but the result contains NaN"
    assert np.allclose(got, [[-1, 0], [1, 0]]), f"standardise([[1, 10], [3, 10]]) should be [[-1, 0], [1, 0]], got {got.tolist()}"


def test_standardise_integer_input_and_no_change(learner):
    X = np.array([[1, 2], [3, 6], [5, 10]])
    before = X.copy()
    got = np.asarray(learner.standardise(X))
    assert np.array_equal(X, before), "standardise changed the array it was given: work on a new array (e.g. np.asarray(X, dtype=float) then arithmetic that creates new arrays)"
    assert np.allclose(got[:, 0], [-1.224744871, 0, 1.224744871]), f"integer input should be standardised as floats: column 0 should be about [-1.2247, 0, 1.2247], got {got[:, 0].tolist()}"


def test_min_max_scale_range(learner):
    X = data(1)
    got = np.asarray(learner.min_max_scale(X))
    assert got.shape == X.shape, f"min_max_scale should keep the shape {X.shape}, got {got.shape}"
    assert np.allclose(got.min(axis=0), 0) and np.allclose(got.max(axis=0), 1), (
        f"every column should go from 0 to 1, got column minimums {np.round(got.min(axis=0), 3).tolist()} and maximums "
        f"{np.round(got.max(axis=0), 3).tolist()}: use each column's own min and max (axis=0)"
    )


def test_min_max_scale_example_and_constant_column(learner):
    got = np.asarray(learner.min_max_scale(np.array([[0.0, 5.0, 7.0], [2.0, 15.0, 7.0], [4.0, 10.0, 7.0]])))
    assert not np.isnan(got).any(), "a constant column should become all zeros, but the result contains NaN (max - min is 0 there)"
    expected = [[0, 0, 0], [0.5, 1, 0], [1, 0.5, 0]]
    assert np.allclose(got, expected), f"expected {expected}, got {got.tolist()}"


def test_softmax_rows_sum_to_one(learner):
    scores = np.random.default_rng(2).normal(size=(5, 3))
    got = np.asarray(learner.softmax(scores))
    assert got.shape == (5, 3), f"softmax of a (5, 3) array should have shape (5, 3), got {got.shape}"
    sums = got.sum(axis=1)
    assert np.allclose(sums, 1), f"each row of the softmax should sum to 1, got row sums {np.round(sums, 3).tolist()}: normalise along axis=1"


def test_softmax_values(learner):
    got = np.asarray(learner.softmax(np.array([[1.0, 1.0], [0.0, np.log(3.0)]])))
    assert np.allclose(got, [[0.5, 0.5], [0.25, 0.75]]), f"softmax([[1, 1], [0, log 3]]) should be [[0.5, 0.5], [0.25, 0.75]], got {got.tolist()}"


def test_softmax_square_input_is_per_row(learner):
    scores = np.array([[0.0, 1.0, 2.0], [0.0, 0.0, 0.0], [5.0, 1.0, 1.0]])
    got = np.asarray(learner.softmax(scores))
    expected = np.exp(scores) / np.exp(scores).sum(axis=1, keepdims=True)
    assert np.allclose(got, expected), (
        "on a square (3, 3) array the rows are not the right probabilities: a (n,) array of row sums or maxima lines up with "
        "the columns when broadcast; keep it as (n, 1) with keepdims=True"
    )


def test_softmax_large_scores(learner):
    with np.errstate(all="ignore"):
        got = np.asarray(learner.softmax(np.array([[1000.0, 1000.0], [1000.0, 0.0]])))
    assert np.isfinite(got).all(), f"softmax([[1000, 1000], [1000, 0]]) should be finite, got {got.tolist()}: subtract each row's maximum before np.exp"
    assert np.allclose(got, [[0.5, 0.5], [1.0, 0.0]]), f"softmax([[1000, 1000], [1000, 0]]) should be about [[0.5, 0.5], [1, 0]], got {got.tolist()}"
