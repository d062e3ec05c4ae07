"""Yield data in batches with a generator: reference solution."""


def batches(items, batch_size, drop_last=False):
    """Yield consecutive slices of `items` of length `batch_size` (the last may be shorter unless drop_last)."""
    if not isinstance(batch_size, int) or batch_size < 1:
        raise ValueError(f"batch_size must be a positive integer, got {batch_size!r}")
    for start in range(0, len(items), batch_size):
        # Slicing past the end stops at the end, so the last batch may be shorter.
        batch = items[start:start + batch_size]
        if drop_last and len(batch) < batch_size:
            return  # only the last batch can be short: stop here
        # yield hands this batch to the caller and pauses until the next one is asked for.
        yield batch


def count_batches(n_items, batch_size, drop_last=False):
    """How many batches `batches` yields for n_items items."""
    if drop_last:
        return n_items // batch_size
    # Ceiling division without floats: -(-a // b) rounds up.
    return -(-n_items // batch_size)
