"""Vectorise a double loop of distances: see README.md."""

import math

import numpy as np


def pairwise_distances(A, B):
    """D[i, j] = Euclidean distance between A[i] and B[j], shape (len(A), len(B))."""
    # The loop version: right answers, but it runs n * m * d steps of Python.
    # Rewrite it with array operations (see the hints).
    A = np.asarray(A, dtype=float)
    B = np.asarray(B, dtype=float)
    D = np.empty((len(A), len(B)))
    for i in range(len(A)):
        for j in range(len(B)):
            total = 0.0
            for k in range(A.shape[1]):
                total += (A[i, k] - B[j, k]) ** 2
            D[i, j] = math.sqrt(total)
    return D


def nearest_neighbour(A, B):
    """For each row of A, the index of the closest row of B."""
    D = pairwise_distances(A, B)
    return np.array([int(np.argmin(row)) for row in D])
