"""Vectorise a double loop of distances: reference solution."""

import numpy as np


def pairwise_distances(A, B):
    """D[i, j] = Euclidean distance between A[i] and B[j], shape (len(A), len(B))."""
    A = np.asarray(A, dtype=float)
    B = np.asarray(B, dtype=float)
    # (n, 1, d) - (1, m, d) broadcasts to (n, m, d): every pair's difference vector at once.
    diff = A[:, None, :] - B[None, :, :]
    # Sum the squares over the coordinates (the last axis), leaving (n, m).
    return np.sqrt((diff ** 2).sum(axis=-1))
    # For very large inputs, the (n, m, d) array costs memory; the expansion
    # |a|^2 + |b|^2 - 2 a.b needs only (n, m):
    #   sq = (A**2).sum(1)[:, None] + (B**2).sum(1)[None, :] - 2 * A @ B.T
    #   return np.sqrt(np.maximum(sq, 0))   # rounding can make sq slightly negative


def nearest_neighbour(A, B):
    """For each row of A, the index of the closest row of B."""
    # argmin along axis=1 looks across each row, i.e. across the points of B.
    return np.argmin(pairwise_distances(A, B), axis=1)
