import pytest


def pos(p, se, sp):
    return se * p / (se * p + (1 - sp) * (1 - p))


def neg(p, se, sp):
    return (1 - se) * p / ((1 - se) * p + sp * (1 - p))


def test_positive_readme(learner):
    got = learner.posterior_positive(0.01, 0.90, 0.91)
    assert got == pytest.approx(0.0917431193, abs=1e-9), (
        f"posterior_positive(0.01, 0.90, 0.91) should be about 0.0917, got {got}. "
        + ("0.9 is P(positive | disease), the sensitivity; the question is P(disease | positive): apply Bayes' rule, which weighs it by the prevalence"
           if got == pytest.approx(0.9) else "apply Bayes' rule: P(positive | disease) P(disease) / P(positive)")
    )


@pytest.mark.parametrize("p, se, sp", [(0.2, 0.8, 0.7), (0.5, 0.99, 0.5), (0.001, 0.999, 0.999)])
def test_positive_other_numbers(learner, p, se, sp):
    got = learner.posterior_positive(p, se, sp)
    assert got == pytest.approx(pos(p, se, sp), abs=1e-9), f"posterior_positive({p}, {se}, {sp}) should be {pos(p, se, sp):.9f}, got {got}"


def test_negative_readme(learner):
    got = learner.posterior_negative(0.01, 0.90, 0.91)
    assert got == pytest.approx(0.0011087704, abs=1e-9), (
        f"posterior_negative(0.01, 0.90, 0.91) should be about 0.00111, got {got}: after a negative test, use the chances of a negative, "
        "1 - sensitivity for the ill and the specificity for the healthy"
    )


@pytest.mark.parametrize("p, se, sp", [(0.2, 0.8, 0.7), (0.5, 0.6, 0.95)])
def test_negative_other_numbers(learner, p, se, sp):
    got = learner.posterior_negative(p, se, sp)
    assert got == pytest.approx(neg(p, se, sp), abs=1e-9), f"posterior_negative({p}, {se}, {sp}) should be {neg(p, se, sp):.9f}, got {got}"


def test_extreme_cases(learner):
    got = learner.posterior_positive(0.3, 0.8, 1.0)
    assert got == pytest.approx(1.0), f"with specificity 1 no healthy person tests positive, so a positive test means disease: expected 1.0, got {got}"
    got = learner.posterior_negative(0.3, 1.0, 0.8)
    assert got == pytest.approx(0.0), f"with sensitivity 1 every ill person tests positive, so a negative test rules it out: expected 0.0, got {got}"
    got = learner.posterior_positive(0.0, 0.9, 0.9)
    assert got == pytest.approx(0.0), f"if nobody has the disease (prevalence 0), a positive test changes nothing: expected 0.0, got {got}"


def test_no_results_keeps_the_prior(learner):
    got = learner.posterior_after_tests(0.01, 0.9, 0.91, [])
    assert got == pytest.approx(0.01), f"with no test result the probability stays the prior, 0.01, got {got}"


def test_two_positives(learner):
    got = learner.posterior_after_tests(0.01, 0.90, 0.91, [True, True])
    want = pos(pos(0.01, 0.9, 0.91), 0.9, 0.91)
    assert got == pytest.approx(want, abs=1e-9), (
        f"after two positive tests the probability should be {want:.6f}, got {got}: the posterior after the first test is the prior of the second"
    )


def test_mixed_results_in_order(learner):
    results = [True, False, True, True, False]
    want = 0.05
    for r in results:
        want = (pos if r else neg)(want, 0.8, 0.85)
    got = learner.posterior_after_tests(0.05, 0.8, 0.85, results)
    assert got == pytest.approx(want, abs=1e-9), f"after the results {results} from a prior of 0.05, expected {want:.9f}, got {got}"


def test_positive_then_negative_roughly_cancel(learner):
    got = learner.posterior_after_tests(0.3, 0.9, 0.9, [True, False])
    assert got == pytest.approx(0.3, abs=1e-9), f"with sensitivity = specificity = 0.9, one positive and one negative result cancel out: expected 0.3, got {got}"
