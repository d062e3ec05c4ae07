"""Bayes' rule and a medical test: reference solution."""


def posterior_positive(prevalence, sensitivity, specificity):
    """P(disease | positive test)."""
    true_positive = sensitivity * prevalence                  # ill and tests positive
    false_positive = (1 - specificity) * (1 - prevalence)     # healthy but tests positive
    # Bayes: the share of all positives that are true positives.
    return true_positive / (true_positive + false_positive)


def posterior_negative(prevalence, sensitivity, specificity):
    """P(disease | negative test)."""
    false_negative = (1 - sensitivity) * prevalence           # ill but tests negative
    true_negative = specificity * (1 - prevalence)            # healthy and tests negative
    return false_negative / (false_negative + true_negative)


def posterior_after_tests(prior, sensitivity, specificity, results):
    """P(disease) after the independent test results (True = positive), applied in order."""
    probability = prior
    for positive in results:
        # Today's posterior is tomorrow's prior.
        update = posterior_positive if positive else posterior_negative
        probability = update(probability, sensitivity, specificity)
    return probability
