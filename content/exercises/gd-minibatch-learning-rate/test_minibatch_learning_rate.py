import warnings

import numpy as np


def data(seed=0, n=200):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 2)) * [1.0, 3.0]
    y = X @ np.array([2.0, -1.0]) + 0.5 + rng.normal(scale=0.1, size=n)
    return X, y


def least_squares(X, y):
    A = np.column_stack([X, np.ones(len(X))])
    solution, *_ = np.linalg.lstsq(A, y, rcond=None)
    return solution[:-1], solution[-1]


def full_batch(X, y, lr, steps):
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(steps):
        e = X @ w + b - y
        w, b = w - lr * 2 * X.T @ e / len(y), b - lr * 2 * e.mean()
    return w, b


def loss(X, y, w, b):
    return float(np.mean((X @ np.asarray(w, dtype=float) + float(b) - y) ** 2))


def test_batches_cover_every_index_once(learner):
    batches = learner.minibatch_indices(10, 3, np.random.default_rng(0))
    sizes = [len(batch) for batch in batches]
    assert sizes == [3, 3, 3, 1], f"10 indices in batches of 3 should give batch sizes [3, 3, 3, 1], got {sizes}"
    together = sorted(int(i) for batch in batches for i in batch)
    assert together == list(range(10)), f"the batches together should hold 0..9 exactly once, got {together}"


def test_batches_are_shuffled_with_rng(learner):
    batches = learner.minibatch_indices(100, 10, np.random.default_rng(1))
    flat = [int(i) for batch in batches for i in batch]
    assert flat != list(range(100)), "the batches come in the original order 0, 1, 2, ...: shuffle the indices every epoch with rng.permutation(n)"
    again = [int(i) for batch in learner.minibatch_indices(100, 10, np.random.default_rng(1)) for i in batch]
    assert flat == again, "the same seed should give the same batches: shuffle with the rng argument, not a generator of your own"
    rng = np.random.default_rng(2)
    first = [int(i) for batch in learner.minibatch_indices(100, 10, rng) for i in batch]
    second = [int(i) for batch in learner.minibatch_indices(100, 10, rng) for i in batch]
    assert first != second, "two epochs drawn from the same rng gave the same order: draw a new permutation at each call"


def test_full_batch_is_gradient_descent(learner):
    X, y = data(3)
    w, b, losses = learner.sgd_linear_regression(X, y, 0.02, len(y), 5, np.random.default_rng(0))
    want_w, want_b = full_batch(X, y, 0.02, 5)
    assert len(losses) == 5, f"with n_epochs=5, epoch_losses should have 5 entries, got {len(losses)}"
    assert np.allclose(np.asarray(w, dtype=float), want_w, atol=1e-8) and np.isclose(float(b), want_b, atol=1e-8), (
        f"with batch_size = n, each epoch is one step of full-batch gradient descent: after 5 epochs at learning rate 0.02 expected "
        f"w = {np.round(want_w, 5).tolist()}, b = {want_b:.5f}, got w = {np.round(np.asarray(w, dtype=float), 5).tolist()}, b = {float(b):.5f}. "
        "Start from zeros, and use the mean of the batch's gradients (2 * Xb.T @ error / len(batch)), not the sum"
    )


def test_epoch_losses_are_full_data_losses(learner):
    X, y = data(4)
    w, b, losses = learner.sgd_linear_regression(X, y, 0.01, 32, 3, np.random.default_rng(5))
    assert np.isclose(float(losses[-1]), loss(X, y, w, b)), (
        f"the last epoch loss should be the loss of the returned w and b on the whole data, {loss(X, y, w, b):.5f}, got {float(losses[-1]):.5f}"
    )


def test_minibatch_converges(learner):
    X, y = data(6)
    w, b, losses = learner.sgd_linear_regression(X, y, 0.01, 16, 20, np.random.default_rng(7))
    want_w, want_b = least_squares(X, y)
    assert len(losses) == 20, f"with n_epochs=20, epoch_losses should have 20 entries, got {len(losses)}"
    assert np.allclose(np.asarray(w, dtype=float), want_w, atol=0.05) and abs(float(b) - want_b) < 0.05, (
        f"mini-batch SGD (batches of 16, 20 epochs, learning rate 0.01) should get close to the least-squares w = {np.round(want_w, 3).tolist()}, "
        f"b = {want_b:.3f}; got w = {np.round(np.asarray(w, dtype=float), 3).tolist()}, b = {float(b):.3f}. "
        "Each step uses the mean gradient of its own batch (divide by the batch's length, not by n)"
    )
    assert float(losses[-1]) < float(losses[0]), f"the loss should fall over the epochs, it went from {float(losses[0]):.4f} to {float(losses[-1]):.4f}"


def test_single_example_sgd_converges(learner):
    X, y = data(8)
    w, b, _ = learner.sgd_linear_regression(X, y, 0.002, 1, 10, np.random.default_rng(9))
    want_w, want_b = least_squares(X, y)
    assert np.allclose(np.asarray(w, dtype=float), want_w, atol=0.05) and abs(float(b) - want_b) < 0.05, (
        f"SGD with batch_size=1 (10 epochs, learning rate 0.002) should get close to w = {np.round(want_w, 3).tolist()}, b = {want_b:.3f}; "
        f"got w = {np.round(np.asarray(w, dtype=float), 3).tolist()}, b = {float(b):.3f}"
    )


def test_same_seed_same_result(learner):
    X, y = data(10)
    first = learner.sgd_linear_regression(X, y, 0.01, 8, 3, np.random.default_rng(11))
    again = learner.sgd_linear_regression(X, y, 0.01, 8, 3, np.random.default_rng(11))
    assert np.array_equal(np.asarray(first[0]), np.asarray(again[0])) and float(first[1]) == float(again[1]), (
        "the same seed should give the same w and b: take every random choice from the rng argument"
    )


def test_max_stable_learning_rate_value(learner):
    X, _ = data(12)
    A = np.column_stack([X, np.ones(len(X))])
    want = 2 / np.linalg.eigvalsh(2 / len(X) * A.T @ A).max()
    got = float(learner.max_stable_learning_rate(X))
    assert np.isclose(got, want, rtol=1e-6), (
        f"max_stable_learning_rate should be 2 / (largest eigenvalue of (2/n) A^T A) = {want:.6f}, got {got:.6f}"
        + (": include the column of ones for the bias in A" if np.isclose(got, 2 / np.linalg.eigvalsh(2 / len(X) * X.T @ X).max(), rtol=1e-6) else "")
    )


def test_converges_below_and_diverges_above(learner):
    X, y = data(13)
    edge = float(learner.max_stable_learning_rate(X))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        _, _, below = learner.sgd_linear_regression(X, y, 0.9 * edge, len(y), 150, np.random.default_rng(0))
        _, _, above = learner.sgd_linear_regression(X, y, 1.1 * edge, len(y), 150, np.random.default_rng(0))
    start = float(np.mean(y ** 2))
    assert np.isfinite(float(below[-1])) and float(below[-1]) < start, (
        f"full-batch training at 0.9 x max_stable_learning_rate should converge, but the loss went from {start:.3g} to {float(below[-1]):.3g}"
    )
    assert not np.isfinite(float(above[-1])) or float(above[-1]) > 1000 * start, (
        f"full-batch training at 1.1 x max_stable_learning_rate should diverge, but the loss went from {start:.3g} to {float(above[-1]):.3g}: "
        "is max_stable_learning_rate too small, or does training hide divergence?"
    )
