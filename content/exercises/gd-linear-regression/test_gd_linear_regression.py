import warnings

import numpy as np


def data(seed=0, n=200, w=(3.0, -2.0), b=5.0, noise=0.1):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, len(w)))
    y = X @ np.array(w) + b + rng.normal(scale=noise, size=n)
    return X, y


def numerical(X, y, w, b, h=1e-6):
    def loss(w, b):
        return np.mean((X @ w + b - y) ** 2)

    dw = np.array([(loss(w + h * e, b) - loss(w - h * e, b)) / (2 * h) for e in np.eye(len(w))])
    db = (loss(w, b + h) - loss(w, b - h)) / (2 * h)
    return dw, db


def test_predict(learner):
    X = np.array([[1.0, 2.0], [0.0, -1.0], [3.0, 0.5]])
    got = np.asarray(learner.predict(X, np.array([2.0, 1.0]), 0.5))
    assert got.shape == (3,), f"predict should return one prediction per row, shape (3,), got {got.shape}"
    assert np.allclose(got, [4.5, -0.5, 7.0]), f"X @ w + b should be [4.5, -0.5, 7.0], got {got.tolist()}"


def test_mse_loss(learner):
    X = np.array([[1.0], [2.0], [3.0]])
    y = np.array([1.0, 2.0, 5.0])
    got = learner.mse_loss(X, y, np.array([1.0]), 0.0)
    assert np.isclose(got, 4 / 3), f"the errors are [0, 0, -2], so the mean squared error is 4/3 = 1.3333, got {got}"


def describe(got, want):
    if np.allclose(got, -want, rtol=1e-4, atol=1e-8):
        return "it has the opposite sign: differentiate (prediction - y) ** 2, whose inner derivative is +x"
    if np.allclose(got, want / 2, rtol=1e-4, atol=1e-8):
        return "it is half the right value: the derivative of error ** 2 is 2 * error"
    if np.allclose(got, -want / 2, rtol=1e-4, atol=1e-8):
        return "it has the opposite sign and is half the right value: the derivative of (prediction - y) ** 2 is 2 * (prediction - y) * x"
    return "compare with a numerical estimate of the gradient"


def test_gradient_w(learner):
    X, y = data(1)
    w, b = np.array([0.5, 0.5]), 1.0
    dw, _ = learner.mse_gradients(X, y, w, b)
    dw = np.asarray(dw, dtype=float)
    want, _ = numerical(X, y, w, b)
    assert dw.shape == want.shape, f"dw should have the shape of w, {want.shape}, got {dw.shape}"
    assert np.allclose(dw, want, rtol=1e-4, atol=1e-6), f"dw should be {np.round(want, 4).tolist()}, got {np.round(dw, 4).tolist()}: {describe(dw, want)}"


def test_gradient_b(learner):
    X, y = data(2)
    w, b = np.array([1.0, 0.0]), -1.0
    _, db = learner.mse_gradients(X, y, w, b)
    _, want = numerical(X, y, w, b)
    assert np.isclose(float(db), want, rtol=1e-4), f"db should be {want:.4f}, got {float(db):.4f}: {describe(np.array([float(db)]), np.array([want]))}"


def fitted(learner, **kwargs):
    X, y = data(3)
    result = learner.fit_linear_regression(X, y, **kwargs)
    assert len(result) == 3, f"fit_linear_regression should return (w, b, losses), got {len(result)} values"
    return X, y, result


def test_fit_finds_least_squares(learner):
    X, y, (w, b, _) = fitted(learner)
    A = np.column_stack([X, np.ones(len(X))])
    exact, *_ = np.linalg.lstsq(A, y, rcond=None)
    w = np.asarray(w, dtype=float)
    assert w.shape == (2,), f"w should have one weight per feature, shape (2,), got {w.shape}"
    assert np.allclose(w, exact[:2], atol=1e-3) and np.isclose(float(b), exact[2], atol=1e-3), (
        f"after 500 steps at learning rate 0.1, w and b should reach the least-squares solution w = {np.round(exact[:2], 3).tolist()}, "
        f"b = {exact[2]:.3f}; got w = {np.round(w, 3).tolist()}, b = {float(b):.3f}"
    )


def test_losses(learner):
    X, y, (_, _, losses) = fitted(learner, learning_rate=0.05, n_steps=40)
    losses = [float(v) for v in losses]
    assert len(losses) == 40, f"with n_steps=40, losses should have 40 entries (the loss before each step), got {len(losses)}"
    first = float(np.mean(y ** 2))
    assert np.isclose(losses[0], first), f"losses[0] should be the loss of the all-zero model, mean(y ** 2) = {first:.4f}, got {losses[0]:.4f}: start from w = 0, b = 0 and record the loss before updating"
    assert all(later < earlier for earlier, later in zip(losses, losses[1:])), "with a small learning rate the loss should fall at every step, but it went up somewhere"


def test_too_large_a_learning_rate_diverges(learner):
    X, y = data(4)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        _, _, losses = learner.fit_linear_regression(X, y, learning_rate=1.5, n_steps=30)
    losses = [float(v) for v in losses]
    assert len(losses) == 30, f"with n_steps=30, losses should have 30 entries even when training diverges, got {len(losses)}"
    assert not np.isfinite(losses[-1]) or losses[-1] > 100 * losses[0], (
        f"with learning_rate=1.5 the steps overshoot and the loss should explode, but it went from {losses[0]:.3g} to {losses[-1]:.3g}: "
        "do not clip the steps or stop early; plain gradient descent diverges when the learning rate is too large"
    )
