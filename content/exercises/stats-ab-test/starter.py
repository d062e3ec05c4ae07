"""An A/B test with a standard error, a z-test and a confidence interval: see README.md."""

import math
from statistics import NormalDist


def standard_error_diff(conv_a, n_a, conv_b, n_b):
    """Unpooled standard error of p_b - p_a."""
    p_a, p_b = conv_a / n_a, conv_b / n_b
    # A first try: adds the two standard errors. Is that how uncertainties combine?
    return math.sqrt(p_a * (1 - p_a) / n_a) + math.sqrt(p_b * (1 - p_b) / n_b)


def two_proportion_z_test(conv_a, n_a, conv_b, n_b):
    """(z, two-sided p-value) of the pooled two-proportion z-test."""
    raise NotImplementedError("two_proportion_z_test is not written yet")


def diff_confidence_interval(conv_a, n_a, conv_b, n_b, confidence=0.95):
    """(low, high) confidence interval for p_b - p_a, with the unpooled standard error."""
    raise NotImplementedError("diff_confidence_interval is not written yet")
