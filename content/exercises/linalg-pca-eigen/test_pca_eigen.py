import numpy as np


def correlated(seed=0, n=400, d=4, shift=0.0):
    rng = np.random.default_rng(seed)
    # Variances about 25, 4, 1, 0.04 along a random rotation: well separated eigenvalues.
    latent = rng.normal(size=(n, d)) * np.array([5.0, 2.0, 1.0, 0.2])[:d]
    rotation, _ = np.linalg.qr(rng.normal(size=(d, d)))
    return latent @ rotation.T + shift


def reference(X):
    values, vectors = np.linalg.eigh(np.cov(X, rowvar=False))
    order = np.argsort(values)[::-1]
    return values[order], vectors[:, order].T


def test_covariance_matrix(learner):
    X = correlated(1)
    got = np.asarray(learner.covariance_matrix(X))
    assert got.shape == (4, 4), f"the covariance matrix of a (400, 4) array should be (4, 4), got {got.shape}: (d, n) @ (n, d)"
    want = np.cov(X, rowvar=False)
    assert np.allclose(got, want), "the covariance matrix differs from np.cov(X, rowvar=False): centre the columns, then Xc.T @ Xc / (n - 1)"


def test_components_shape(learner):
    components, ratio = learner.principal_components(correlated(2), 2)
    components, ratio = np.asarray(components), np.asarray(ratio)
    assert components.shape == (2, 4), f"with k=2 and 4 features, components should have shape (2, 4) (one component per row), got {components.shape}"
    assert ratio.shape == (2,), f"explained_variance_ratio should have shape (2,), got {ratio.shape}"


def test_components_are_orthonormal(learner):
    components, _ = learner.principal_components(correlated(3), 3)
    gram = np.asarray(components) @ np.asarray(components).T
    assert np.allclose(gram, np.eye(3), atol=1e-8), (
        f"the components should be unit vectors at right angles to each other (components @ components.T = identity), got\n{np.round(gram, 3)}\n"
        "eigh's eigenvectors are the columns of its second result: transpose them to make rows"
    )


def test_components_are_eigenvectors(learner):
    X = correlated(4)
    cov = np.cov(X, rowvar=False)
    components, _ = learner.principal_components(X, 4)
    for i, v in enumerate(np.asarray(components)):
        image = cov @ v
        eigenvalue = v @ image
        assert np.allclose(image, eigenvalue * v, atol=1e-6), f"component {i} is not an eigenvector of the covariance matrix (cov @ v is not a multiple of v): the eigenvectors are the columns of eigh's second result, so select and reorder columns, then transpose"


def test_largest_variance_first(learner):
    X = correlated(5)
    values, vectors = reference(X)
    components, _ = learner.principal_components(X, 2)
    alignment = np.abs(np.asarray(components) @ vectors[0])
    assert np.isclose(alignment[0], 1, atol=1e-6), (
        "the first component is not the direction of largest variance: np.linalg.eigh returns eigenvalues in ascending order, "
        "so the largest come last. Sort them from largest to smallest (and the eigenvectors with them)"
    )
    assert np.isclose(abs(np.asarray(components)[1] @ vectors[1]), 1, atol=1e-6), "the second component should be the direction of the second largest variance"


def test_data_is_centred(learner):
    X = correlated(6)
    components, _ = learner.principal_components(X, 1)
    shifted, _ = learner.principal_components(X + np.array([100.0, -50.0, 30.0, 80.0]), 1)
    assert np.isclose(abs(np.asarray(components)[0] @ np.asarray(shifted)[0]), 1, atol=1e-6), (
        "moving the whole cloud of points (adding a constant to each column) changed the first component: centre X (subtract the column means) first"
    )


def test_explained_variance_ratio(learner):
    X = correlated(7)
    values, _ = reference(X)
    _, ratio = learner.principal_components(X, 3)
    want = values[:3] / values.sum()
    assert np.allclose(np.asarray(ratio), want, atol=1e-8), (
        f"explained_variance_ratio should be {np.round(want, 4).tolist()} (each eigenvalue over the sum of all of them), got {np.round(np.asarray(ratio), 4).tolist()}"
    )


def test_readme_line(learner):
    rng = np.random.default_rng(0)
    t = rng.normal(size=500)
    X = np.column_stack([t, 2 * t + 0.1 * rng.normal(size=500)]) + 10
    components, ratio = learner.principal_components(X, 1)
    direction = np.asarray(components)[0]
    assert np.isclose(abs(direction @ (np.array([1.0, 2.0]) / np.sqrt(5))), 1, atol=1e-3), f"points near the line y = 2x should give a first component along (1, 2)/sqrt(5), got {direction}"
    assert np.asarray(ratio)[0] > 0.99, f"one component should explain more than 99% of the variance of points near a line, got {np.asarray(ratio)[0]:.4f}"


def test_project(learner):
    X = correlated(8, shift=7.0)
    components, _ = learner.principal_components(X, 2)
    got = np.asarray(learner.project(X, components))
    assert got.shape == (400, 2), f"project of 400 samples on 2 components should have shape (400, 2), got {got.shape}"
    assert np.allclose(got.mean(axis=0), 0, atol=1e-8), f"projected coordinates should have mean 0 (centre X before projecting), got means {np.round(got.mean(axis=0), 3).tolist()}"
    values, _ = reference(X)
    assert np.allclose(got.var(axis=0, ddof=1), values[:2]), (
        f"the variance of the projected coordinates along each component should be its eigenvalue, {np.round(values[:2], 3).tolist()}, "
        f"got {np.round(got.var(axis=0, ddof=1), 3).tolist()}: (X - mean) @ components.T"
    )
