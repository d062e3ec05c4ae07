"""An A/B test with a standard error, a z-test and a confidence interval: reference solution."""

import math
from statistics import NormalDist

STANDARD_NORMAL = NormalDist()  # mean 0, standard deviation 1


def standard_error_diff(conv_a, n_a, conv_b, n_b):
    """Unpooled standard error of p_b - p_a."""
    p_a, p_b = conv_a / n_a, conv_b / n_b
    # Variances of independent estimates add; the standard error is the square root of the sum.
    return math.sqrt(p_a * (1 - p_a) / n_a + p_b * (1 - p_b) / n_b)


def two_proportion_z_test(conv_a, n_a, conv_b, n_b):
    """(z, two-sided p-value) of the pooled two-proportion z-test."""
    p_a, p_b = conv_a / n_a, conv_b / n_b
    # Under the null hypothesis both groups share one rate: estimate it from all the data.
    pooled = (conv_a + conv_b) / (n_a + n_b)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n_a + 1 / n_b))
    z = (p_b - p_a) / se
    # Two-sided: a difference this large in either direction counts as evidence.
    p_value = 2 * (1 - STANDARD_NORMAL.cdf(abs(z)))
    return z, p_value


def diff_confidence_interval(conv_a, n_a, conv_b, n_b, confidence=0.95):
    """(low, high) confidence interval for p_b - p_a, with the unpooled standard error."""
    diff = conv_b / n_b - conv_a / n_a
    z_star = STANDARD_NORMAL.inv_cdf(1 - (1 - confidence) / 2)  # 1.96 for 95%
    margin = z_star * standard_error_diff(conv_a, n_a, conv_b, n_b)
    return diff - margin, diff + margin
