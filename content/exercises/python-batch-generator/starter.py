"""Yield data in batches with a generator: see README.md."""


def batches(items, batch_size, drop_last=False):
    """Yield consecutive slices of `items` of length `batch_size` (the last may be shorter unless drop_last)."""
    # A first try: it builds every batch up front (not a generator) and loses the short last batch.
    result = []
    for start in range(0, len(items) - batch_size + 1, batch_size):
        result.append(items[start:start + batch_size])
    return result


def count_batches(n_items, batch_size, drop_last=False):
    """How many batches `batches` yields for n_items items."""
    return n_items // batch_size
