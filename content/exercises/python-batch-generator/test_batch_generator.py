import inspect
import itertools

import pytest


class HugeSequence:
    """A sequence of a billion numbers that exist only when indexed: building every batch would never end."""

    def __init__(self):
        self.handed_out = 0

    def __len__(self):
        return 10**9

    def __getitem__(self, index):
        if isinstance(index, slice):
            values = range(*index.indices(len(self)))
        else:
            values = range(index, index + 1)
        self.handed_out += len(values)
        if self.handed_out > 1000:
            raise AssertionError(
                "asked for the first 2 batches of 3 from a sequence of a billion items, batches read more than "
                "1000 of them: make it a generator that slices one batch at a time, without copying the items first"
            )
        return list(values) if isinstance(index, slice) else index


def test_is_a_generator(learner):
    assert inspect.isgeneratorfunction(learner.batches), (
        "batches should be a generator function: use `yield batch` inside the loop instead of building and returning a list"
    )


def test_even_split(learner):
    got = list(learner.batches([1, 2, 3, 4], 2))
    assert got == [[1, 2], [3, 4]], f"batches([1, 2, 3, 4], 2) should give [[1, 2], [3, 4]], got {got!r}"


def test_short_last_batch(learner):
    got = list(learner.batches([1, 2, 3, 4, 5], 2))
    assert got == [[1, 2], [3, 4], [5]], f"batches([1, 2, 3, 4, 5], 2) should give [[1, 2], [3, 4], [5]] (keep the short last batch), got {got!r}"


def test_drop_last(learner):
    got = list(learner.batches([1, 2, 3, 4, 5], 2, drop_last=True))
    assert got == [[1, 2], [3, 4]], f"with drop_last=True the short last batch is left out: expected [[1, 2], [3, 4]], got {got!r}"
    got = list(learner.batches([1, 2, 3, 4], 2, drop_last=True))
    assert got == [[1, 2], [3, 4]], f"with drop_last=True and no short batch nothing is dropped: expected [[1, 2], [3, 4]], got {got!r}"


def test_batch_larger_than_items(learner):
    got = list(learner.batches([1, 2], 5))
    assert got == [[1, 2]], f"batches([1, 2], 5) should give one short batch [[1, 2]], got {got!r}"
    got = list(learner.batches([1, 2], 5, drop_last=True))
    assert got == [], f"batches([1, 2], 5, drop_last=True) should give no batch at all, got {got!r}"


def test_empty_input(learner):
    got = list(learner.batches([], 3))
    assert got == [], f"batches([], 3) should give no batches, got {got!r}"


def test_works_on_any_sequence(learner):
    got = list(learner.batches("abcdefg", 3))
    assert got == ["abc", "def", "g"], f'batches("abcdefg", 3) should give ["abc", "def", "g"] (slice the sequence itself), got {got!r}'


def test_lazy_on_a_huge_sequence(learner):
    if not inspect.isgeneratorfunction(learner.batches):
        raise AssertionError("batches should be a generator function: use `yield batch` inside the loop")
    first_two = list(itertools.islice(learner.batches(HugeSequence(), 3), 2))
    assert first_two == [[0, 1, 2], [3, 4, 5]], f"the first two batches of 0, 1, 2, ... in threes should be [[0, 1, 2], [3, 4, 5]], got {first_two!r}"


@pytest.mark.parametrize("bad", [0, -2])
def test_rejects_a_bad_batch_size(learner, bad):
    try:
        got = list(learner.batches([1, 2, 3], bad))
    except ValueError:
        return
    raise AssertionError(f"batches([1, 2, 3], {bad}) should raise ValueError (a batch size must be at least 1), it gave {got!r}")


def test_count_batches_agrees_with_batches(learner):
    for n in range(0, 12):
        for size in range(1, 6):
            for drop_last in (False, True):
                expected = len(list(learner.batches(list(range(n)), size, drop_last=drop_last)))
                got = learner.count_batches(n, size, drop_last=drop_last)
                assert got == expected, f"count_batches({n}, {size}, drop_last={drop_last}) should be {expected}, got {got}"


def test_count_batches_is_arithmetic(learner):
    got = learner.count_batches(10**12 + 1, 1000)
    assert got == 10**9 + 1, f"count_batches(10**12 + 1, 1000) should be {10**9 + 1} (round up), got {got}"
