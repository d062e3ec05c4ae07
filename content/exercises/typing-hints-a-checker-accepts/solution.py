"""Type hints that a type checker accepts: annotate every function, and fix what the checker finds."""

from collections.abc import Iterable


def mean_by_group(rows: Iterable[tuple[str, float]]) -> dict[str, float]:
    """rows: (group name, value) pairs -> {group name: mean of its values}."""
    # Annotating the empty dicts tells the checker what they will hold.
    sums: dict[str, float] = {}
    counts: dict[str, int] = {}
    for group, value in rows:
        sums[group] = sums.get(group, 0.0) + value
        counts[group] = counts.get(group, 0) + 1
    return {group: sums[group] / counts[group] for group in sums}


def first_above(values: Iterable[float], threshold: float) -> float | None:
    """The first of values (floats) that is above threshold, or None if none is."""
    # "float | None" is part of the contract: every caller must handle the None.
    for value in values:
        if value > threshold:
            return value
    return None


def describe_first_above(values: Iterable[float], threshold: float) -> str:
    """'first above 3.0: 4.5', or 'nothing above 3.0' when no value is above it."""
    found = first_above(values, threshold)
    if found is None:
        return f"nothing above {threshold}"
    # Here the checker knows found is a float: the None case returned above.
    return f"first above {threshold}: {found:.1f}"
