import numpy as np


def test_shape_and_type(learner):
    got = np.asarray(learner.numerical_gradient(lambda v: float(np.sum(v ** 2)), np.array([1.0, -2.0, 3.0])))
    assert got.shape == (3,), f"the gradient of a function of 3 variables should have shape (3,), got {got.shape}"
    assert np.allclose(got, [2.0, -4.0, 6.0], atol=1e-4), f"the gradient of sum(v**2) at [1, -2, 3] is 2v = [2, -4, 6], got {got.tolist()}"


def test_two_variables(learner):
    f = lambda v: v[0] ** 2 * v[1] + np.sin(v[1])
    got = np.asarray(learner.numerical_gradient(f, np.array([3.0, 0.0])))
    assert np.allclose(got, [0.0, 10.0], atol=1e-4), f"for f(x, y) = x^2 y + sin y at (3, 0): df/dx = 2xy = 0 and df/dy = x^2 + cos y = 10; got {got.tolist()}"


def test_central_difference_accuracy(learner):
    f = lambda v: float(np.sum(np.exp(v)))
    x = np.array([1.0, 2.0, 0.5])
    got = np.asarray(learner.numerical_gradient(f, x))
    want = np.exp(x)
    worst = np.max(np.abs(got - want) / np.abs(want))
    assert worst < 1e-8, (
        f"the gradient of sum(exp(v)) is off by a relative {worst:.1e}; central differences get within about 1e-10. "
        "Use (f(x + h) - f(x - h)) / (2h), not the forward difference (f(x + h) - f(x)) / h"
    )


def test_integer_input(learner):
    got = np.asarray(learner.numerical_gradient(lambda v: float(np.sum(v ** 2)), np.array([1, 2, 3])))
    assert np.allclose(got, [2.0, 4.0, 6.0], atol=1e-4), (
        f"called with the integer array [1, 2, 3], the gradient should be [2, 4, 6], got {got.tolist()}: "
        "an integer array cannot hold 1 + 1e-5; copy x as floats first (np.array(x, dtype=float))"
    )


def test_list_input(learner):
    got = np.asarray(learner.numerical_gradient(lambda v: float(v[0] * v[1]), [2.0, 5.0]))
    assert np.allclose(got, [5.0, 2.0], atol=1e-4), f"x may be a list: the gradient of x*y at [2, 5] is [5, 2], got {got.tolist()}"


def test_x_is_not_changed(learner):
    x = np.array([0.3, -0.7])
    learner.numerical_gradient(lambda v: float(np.sum(v ** 3)), x)
    assert np.array_equal(x, [0.3, -0.7]), f"numerical_gradient changed the x it was given (now {x.tolist()}): nudge copies, not x itself"


def data(seed=0, n=50, d=4):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d))
    y = (rng.random(n) < 0.5).astype(float)
    w = rng.normal(size=d) * 0.5
    return w, X, y


def true_gradient(w, X, y):
    p = 1 / (1 + np.exp(-(X @ w)))
    return X.T @ (p - y) / len(y)


def test_logistic_gradient_readme(learner):
    X = np.array([[1.0, 2.0], [1.0, -1.0], [1.0, 0.5]])
    y = np.array([1.0, 0.0, 1.0])
    got = np.asarray(learner.logistic_loss_gradient(np.zeros(2), X, y))
    assert got.shape == (2,), f"the gradient with respect to w (2 weights) should have shape (2,), got {got.shape}"
    assert np.allclose(got, [-1 / 6, -7 / 12]), f"at w = 0 for the README's data the gradient should be [-0.1667, -0.5833], got {np.round(got, 4).tolist()}"


def test_logistic_gradient_matches_numerical(learner):
    w, X, y = data(1)
    analytic = np.asarray(learner.logistic_loss_gradient(w, X, y))
    numeric = np.asarray(learner.numerical_gradient(lambda v: learner.logistic_loss(v, X, y), w))
    rel = np.linalg.norm(analytic - numeric) / max(np.linalg.norm(analytic) + np.linalg.norm(numeric), 1e-12)
    assert rel < 1e-6, (
        f"your analytic gradient and your numerical gradient disagree (relative difference {rel:.1e}; a correct pair agrees to about 1e-9). "
        "Check the chain rule step by step (cross-entropy, then sigmoid, then X @ w) and that you average over the samples"
    )


def test_logistic_gradient_values(learner):
    w, X, y = data(2, n=80, d=5)
    got = np.asarray(learner.logistic_loss_gradient(w, X, y))
    assert np.allclose(got, true_gradient(w, X, y), atol=1e-9), "the analytic gradient is wrong on random data: remember to average over the samples (divide by n)"
