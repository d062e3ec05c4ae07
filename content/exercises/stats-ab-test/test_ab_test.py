import math
from statistics import NormalDist

import numpy as np
import pytest

N = NormalDist()


def se_unpooled(ca, na, cb, nb):
    pa, pb = ca / na, cb / nb
    return math.sqrt(pa * (1 - pa) / na + pb * (1 - pb) / nb)


def z_test(ca, na, cb, nb):
    p = (ca + cb) / (na + nb)
    z = (cb / nb - ca / na) / math.sqrt(p * (1 - p) * (1 / na + 1 / nb))
    return z, 2 * (1 - N.cdf(abs(z)))


@pytest.mark.parametrize("args", [(200, 2000, 250, 2000), (30, 400, 18, 350), (5, 50, 9, 60)])
def test_standard_error(learner, args):
    got = learner.standard_error_diff(*args)
    want = se_unpooled(*args)
    assert got == pytest.approx(want, abs=1e-6), (
        f"standard_error_diff{args} should be {want:.6f}, got {got:.6f}: add the two variances p(1-p)/n first, then take the square root "
        "(standard errors themselves do not add)"
    )


def test_z_test_returns_two_numbers(learner):
    got = learner.two_proportion_z_test(200, 2000, 250, 2000)
    assert len(got) == 2, f"two_proportion_z_test should return (z, p_value), got {got!r}"


@pytest.mark.parametrize("args", [(200, 2000, 250, 2000), (30, 400, 18, 350), (5, 50, 9, 60)])
def test_z_value(learner, args):
    z, _ = learner.two_proportion_z_test(*args)
    want, _ = z_test(*args)
    assert z == pytest.approx(want, abs=1e-6), (
        f"z for {args} should be {want:.6f}, got {z:.6f}: z = (p_b - p_a) / se with the pooled standard error, "
        "p = (conv_a + conv_b) / (n_a + n_b)"
        + (" (the sign says which version is ahead: p_b - p_a, not p_a - p_b)" if z == pytest.approx(-want, abs=1e-6) else "")
    )


@pytest.mark.parametrize("args", [(200, 2000, 250, 2000), (30, 400, 18, 350), (5, 50, 9, 60)])
def test_p_value_is_two_sided(learner, args):
    _, p = learner.two_proportion_z_test(*args)
    _, want = z_test(*args)
    half = " (that is half the answer: count both tails, 2 * (1 - cdf(|z|)))" if p == pytest.approx(want / 2, abs=1e-6) else ""
    assert p == pytest.approx(want, abs=1e-6), f"the two-sided p-value for {args} should be {want:.6f}, got {p:.6f}{half}"


def test_no_difference(learner):
    z, p = learner.two_proportion_z_test(100, 1000, 100, 1000)
    assert z == pytest.approx(0.0) and p == pytest.approx(1.0), f"with equal rates z should be 0 and the p-value 1, got z={z}, p={p}"


def test_interval(learner):
    got = learner.diff_confidence_interval(200, 2000, 250, 2000)
    assert len(got) == 2, f"diff_confidence_interval should return (low, high), got {got!r}"
    se = se_unpooled(200, 2000, 250, 2000)
    want = (0.025 - 1.959963985 * se, 0.025 + 1.959963985 * se)
    assert tuple(got) == pytest.approx(want, abs=1e-6), (
        f"the 95% interval should be ({want[0]:.6f}, {want[1]:.6f}): 0.025 plus or minus 1.96 unpooled standard errors; got ({got[0]:.6f}, {got[1]:.6f})"
    )


def test_interval_confidence(learner):
    low90, high90 = learner.diff_confidence_interval(30, 400, 18, 350, confidence=0.90)
    low99, high99 = learner.diff_confidence_interval(30, 400, 18, 350, confidence=0.99)
    se = se_unpooled(30, 400, 18, 350)
    assert high99 - low99 == pytest.approx(2 * N.inv_cdf(0.995) * se, abs=1e-6), (
        f"a 99% interval should be 2 x {N.inv_cdf(0.995):.3f} standard errors wide ({2 * N.inv_cdf(0.995) * se:.6f}), got {high99 - low99:.6f}: "
        "use NormalDist().inv_cdf(1 - (1 - confidence) / 2)"
    )
    assert high90 - low90 < high99 - low99, "a 90% interval should be narrower than a 99% one"


def test_false_positive_rate_of_aa_tests(learner):
    rng = np.random.default_rng(0)
    n = 1000
    rejections = 0
    trials = 2000
    conv_a = rng.binomial(n, 0.1, size=trials)
    conv_b = rng.binomial(n, 0.1, size=trials)
    for a, b in zip(conv_a, conv_b):
        _, p = learner.two_proportion_z_test(int(a), n, int(b), n)
        rejections += p < 0.05
    rate = rejections / trials
    assert 0.03 <= rate <= 0.07, (
        f"over {trials} A/A tests (both versions truly convert 10%), p < 0.05 should happen about 5% of the time, got {rate:.1%}: "
        "check the p-value is two-sided and uses the pooled standard error"
    )
