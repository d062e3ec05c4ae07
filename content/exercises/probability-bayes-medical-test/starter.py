"""Bayes' rule and a medical test: see README.md."""


def posterior_positive(prevalence, sensitivity, specificity):
    """P(disease | positive test)."""
    # The intuitive answer: "the test is 90% accurate, so 90%". It is P(positive | disease),
    # not P(disease | positive).
    return sensitivity


def posterior_negative(prevalence, sensitivity, specificity):
    """P(disease | negative test)."""
    raise NotImplementedError("posterior_negative is not written yet")


def posterior_after_tests(prior, sensitivity, specificity, results):
    """P(disease) after the independent test results (True = positive), applied in order."""
    raise NotImplementedError("posterior_after_tests is not written yet")
