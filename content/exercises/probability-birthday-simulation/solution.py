"""The birthday problem, exactly and by simulation: reference solution."""

import numpy as np


def exact_shared_birthday(n_people, days=365):
    """Exact probability that at least two of n_people share a birthday."""
    # P(all different) = (days/days) * ((days-1)/days) * ... * ((days-n+1)/days):
    # person k+1 must avoid the k days already taken. The complement is what we want.
    if n_people > days:
        return 1.0  # more people than days: a shared day is certain (pigeonhole)
    all_different = 1.0
    for k in range(n_people):
        all_different *= (days - k) / days
    return 1.0 - all_different


def simulate_shared_birthday(n_people, n_trials, rng, days=365):
    """Fraction of n_trials simulated rooms in which two people share a birthday."""
    # One row per simulated room, drawn in one call: no Python loop over the trials.
    birthdays = rng.integers(0, days, size=(n_trials, n_people))
    birthdays.sort(axis=1)
    # After sorting, equal birthdays sit next to each other.
    shared = (np.diff(birthdays, axis=1) == 0).any(axis=1)
    return float(shared.mean())  # the mean of booleans is the fraction of True


def people_needed(probability, days=365):
    """Smallest number of people with exact_shared_birthday >= probability."""
    n = 0
    while exact_shared_birthday(n, days) < probability:
        n += 1
    return n
