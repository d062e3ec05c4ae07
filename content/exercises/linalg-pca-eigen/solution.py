"""Principal component analysis from eigenvectors: reference solution."""

import numpy as np


def covariance_matrix(X):
    """Sample covariance matrix (d, d) of X (n, d), as a matrix product of the centred data."""
    X = np.asarray(X, dtype=float)
    Xc = X - X.mean(axis=0)  # centre each column; otherwise the mean dominates everything
    # (d, n) @ (n, d) -> (d, d): entry (i, j) is the dot product of centred columns i and j.
    return Xc.T @ Xc / (len(X) - 1)


def principal_components(X, k):
    """(components (k, d) as rows, largest eigenvalue first; explained variance ratio (k,))."""
    cov = covariance_matrix(X)
    # eigh is for symmetric matrices: real eigenvalues in ascending order, orthonormal
    # eigenvectors as the *columns* of the second result.
    eigenvalues, eigenvectors = np.linalg.eigh(cov)
    order = np.argsort(eigenvalues)[::-1]        # largest first
    eigenvalues = eigenvalues[order]
    eigenvectors = eigenvectors[:, order]
    components = eigenvectors[:, :k].T           # one component per row
    ratio = eigenvalues[:k] / eigenvalues.sum()  # the sum of eigenvalues is the total variance
    return components, ratio


def project(X, components):
    """Coordinates (n, k) of the centred samples along the components."""
    X = np.asarray(X, dtype=float)
    # Each coordinate is a dot product with a unit component: (n, d) @ (d, k).
    return (X - X.mean(axis=0)) @ np.asarray(components).T
