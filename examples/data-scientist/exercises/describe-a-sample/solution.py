import statistics


def describe(values):
    """The mean, median and sample standard deviation of `values`."""
    return {
        "mean": statistics.mean(values),
        "median": statistics.median(values),
        "stdev": statistics.stdev(values),
    }
