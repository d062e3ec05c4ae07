"""Principal component analysis from eigenvectors: see README.md."""

import numpy as np


def covariance_matrix(X):
    """Sample covariance matrix (d, d) of X (n, d), as a matrix product of the centred data."""
    X = np.asarray(X, dtype=float)
    Xc = X - X.mean(axis=0)
    return Xc.T @ Xc / (len(X) - 1)


def principal_components(X, k):
    """(components (k, d) as rows, largest eigenvalue first; explained variance ratio (k,))."""
    eigenvalues, eigenvectors = np.linalg.eigh(covariance_matrix(X))
    # A first try: keeps the first k eigenpairs as eigh returns them. Which end are the largest?
    components = eigenvectors[:, :k].T
    ratio = eigenvalues[:k] / eigenvalues.sum()
    return components, ratio


def project(X, components):
    """Coordinates (n, k) of the centred samples along the components."""
    raise NotImplementedError("project is not written yet")
