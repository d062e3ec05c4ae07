"""Type hints that a type checker accepts: annotate every function, and fix what the checker finds."""


def mean_by_group(rows):
    """rows: (group name, value) pairs -> {group name: mean of its values}."""
    sums = {}
    counts = {}
    for group, value in rows:
        sums[group] = sums.get(group, 0.0) + value
        counts[group] = counts.get(group, 0) + 1
    return {group: sums[group] / counts[group] for group in sums}


def first_above(values, threshold):
    """The first of values (floats) that is above threshold, or None if none is."""
    for value in values:
        if value > threshold:
            return value
    return None


def describe_first_above(values, threshold):
    """'first above 3.0: 4.5', or 'nothing above 3.0' when no value is above it."""
    return f"first above {threshold}: {first_above(values, threshold):.1f}"
