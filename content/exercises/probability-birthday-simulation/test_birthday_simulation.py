import math
import time

import numpy as np
import pytest


def exact(n, days=365):
    if n > days:
        return 1.0
    return 1.0 - math.prod((days - k) / days for k in range(n))


@pytest.mark.parametrize("n", [2, 10, 23, 50])
def test_exact_values(learner, n):
    got = learner.exact_shared_birthday(n)
    want = exact(n)
    assert got == pytest.approx(want, abs=1e-9), (
        f"exact_shared_birthday({n}) should be {want:.9f}, got {got:.9f}: count the opposite event: "
        "multiply the chances that each new person misses every birthday already taken, and take 1 minus that"
    )


def test_exact_edge_cases(learner):
    assert learner.exact_shared_birthday(0) == pytest.approx(0.0), f"with no one in the room the probability is 0, got {learner.exact_shared_birthday(0)}"
    assert learner.exact_shared_birthday(1) == pytest.approx(0.0), f"with one person the probability is 0, got {learner.exact_shared_birthday(1)}"
    assert learner.exact_shared_birthday(366) == pytest.approx(1.0), f"with 366 people two must share a birthday: expected 1.0, got {learner.exact_shared_birthday(366)}"
    got = learner.exact_shared_birthday(2, days=2)
    assert got == pytest.approx(0.5), f"with 2 people and a 2-day calendar the probability is 0.5, got {got}: use the days argument"


def test_simulation_returns_a_fraction(learner):
    got = learner.simulate_shared_birthday(23, 1000, np.random.default_rng(0))
    assert isinstance(got, (float, np.floating)), f"simulate_shared_birthday should return a float (a fraction of the trials), got {type(got).__name__}"
    assert 0.0 <= got <= 1.0, f"a fraction of trials must be between 0 and 1, got {got}"


@pytest.mark.parametrize("n", [10, 23, 40])
def test_simulation_close_to_exact(learner, n):
    trials = 20_000
    got = learner.simulate_shared_birthday(n, trials, np.random.default_rng(100 + n))
    want = exact(n)
    standard_error = math.sqrt(want * (1 - want) / trials)
    assert abs(got - want) < 5 * standard_error, (
        f"for {n} people the simulated probability should be near the exact {want:.4f} (within {5 * standard_error:.4f}), got {got:.4f}"
    )


def test_simulation_small_calendar(learner):
    got = learner.simulate_shared_birthday(3, 20_000, np.random.default_rng(7), days=4)
    want = exact(3, 4)
    assert abs(got - want) < 0.02, f"with 3 people and days=4 the probability is {want:.4f}, simulated {got:.4f}: draw birthdays from range(days)"


def test_simulation_is_reproducible(learner):
    first = learner.simulate_shared_birthday(23, 2000, np.random.default_rng(42))
    again = learner.simulate_shared_birthday(23, 2000, np.random.default_rng(42))
    assert first == again, f"the same seed should give the same estimate, got {first} then {again}: draw every random number from the rng argument"
    others = {learner.simulate_shared_birthday(23, 2000, np.random.default_rng(seed)) for seed in range(5)}
    assert len(others) > 1, "five different seeds all gave the same estimate: draw the birthdays from the rng argument, not from a generator of your own"


def test_simulation_is_fast(learner):
    start = time.perf_counter()
    learner.simulate_shared_birthday(50, 20_000, np.random.default_rng(1))
    took = time.perf_counter() - start
    assert took < 5.0, f"20,000 trials of 50 people took {took:.1f} s: draw all the birthdays at once with rng.integers(..., size=(n_trials, n_people))"


def test_people_needed(learner):
    assert learner.people_needed(0.5) == 23, f"people_needed(0.5) should be 23, got {learner.people_needed(0.5)}"
    assert learner.people_needed(0.99) == 57, f"people_needed(0.99) should be 57, got {learner.people_needed(0.99)}"
    assert learner.people_needed(0.5, days=10) == 5, f"with days=10, people_needed(0.5) should be 5, got {learner.people_needed(0.5, days=10)}"
