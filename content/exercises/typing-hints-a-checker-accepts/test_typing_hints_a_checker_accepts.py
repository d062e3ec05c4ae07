import collections.abc
import inspect
import os
import types
import typing

import pytest

SEQUENCES = {list, collections.abc.Sequence, collections.abc.Iterable, collections.abc.Collection}


def show(hint):
    if isinstance(hint, type) and typing.get_origin(hint) is None:
        return hint.__name__
    return str(hint).replace("typing.", "")


def is_union(hint):
    origin = typing.get_origin(hint)
    return origin is typing.Union or (hasattr(types, "UnionType") and origin is types.UnionType)


def is_float_or_none(hint):
    return is_union(hint) and set(typing.get_args(hint)) == {float, type(None)}


def is_sequence_of(hint, check):
    return typing.get_origin(hint) in SEQUENCES and len(typing.get_args(hint)) == 1 and check(typing.get_args(hint)[0])


def is_pair(hint):
    return typing.get_origin(hint) is tuple and typing.get_args(hint) == (str, float)


def is_str_float_dict(hint):
    return typing.get_origin(hint) in {dict, collections.abc.Mapping} and typing.get_args(hint) == (str, float)


def hints_of(learner, name):
    function = getattr(learner, name)
    try:
        hints = typing.get_type_hints(function)
    except Exception as error:  # noqa: BLE001 - a hint that cannot be evaluated is the learner's to fix
        raise AssertionError(f"the type hints of {name} cannot be read: {error}") from None
    missing = [p for p in inspect.signature(function).parameters if p not in hints]
    if "return" not in hints:
        missing.append("the return value")
    assert not missing, f"{name} has no type hint for: {', '.join(missing)}"
    return hints


def test_results(learner):
    got = learner.mean_by_group([("a", 1.0), ("b", 4.0), ("a", 3.0)])
    assert got == {"a": 2.0, "b": 4.0}, f"mean_by_group: expected {{'a': 2.0, 'b': 4.0}}, got {got}"
    assert learner.first_above([1.0, 4.5, 6.0], 3.0) == 4.5, "first_above([1.0, 4.5, 6.0], 3.0) should be 4.5"
    assert learner.first_above([1.0, 2.0], 3.0) is None, "first_above([1.0, 2.0], 3.0) should be None"
    got = learner.describe_first_above([1.0, 4.5, 6.0], 3.0)
    assert got == "first above 3.0: 4.5", f"describe_first_above([1.0, 4.5, 6.0], 3.0): expected 'first above 3.0: 4.5', got {got!r}"


def test_describe_handles_none(learner):
    try:
        got = learner.describe_first_above([1.0, 2.0], 3.0)
    except TypeError as error:
        raise AssertionError(
            f"describe_first_above([1.0, 2.0], 3.0) crashed ({error}): first_above returned None and it was formatted "
            "as a number. With '-> float | None' on first_above, a type checker points at this line: handle the None"
        ) from None
    assert got == "nothing above 3.0", f"describe_first_above([1.0, 2.0], 3.0): expected 'nothing above 3.0', got {got!r}"


def test_mean_by_group_hints(learner):
    hints = hints_of(learner, "mean_by_group")
    assert is_sequence_of(hints["rows"], is_pair), (
        f"rows should be annotated as a list (or Sequence, Iterable) of tuple[str, float], got {show(hints['rows'])}"
    )
    assert is_str_float_dict(hints["return"]), (
        f"mean_by_group should return dict[str, float], annotated {show(hints['return'])}"
    )


def test_first_above_hints(learner):
    hints = hints_of(learner, "first_above")
    params = list(inspect.signature(learner.first_above).parameters)
    values, threshold = params[0], params[1]
    assert is_sequence_of(hints[values], lambda h: h is float), (
        f"{values} should be annotated as a list (or Sequence, Iterable) of float, got {show(hints[values])}"
    )
    assert hints[threshold] is float, f"{threshold} should be annotated float, got {show(hints[threshold])}"
    assert hints["return"] is not float, (
        "first_above is annotated '-> float', but it returns None when no value is above the threshold: "
        "say so with '-> float | None'"
    )
    assert is_float_or_none(hints["return"]), (
        f"first_above should return 'float | None' (Optional[float]), annotated {show(hints['return'])}"
    )


def test_describe_hints(learner):
    hints = hints_of(learner, "describe_first_above")
    params = list(inspect.signature(learner.describe_first_above).parameters)
    assert is_sequence_of(hints[params[0]], lambda h: h is float) and hints[params[1]] is float, (
        "describe_first_above takes the same values and threshold as first_above: annotate them the same way"
    )
    assert hints["return"] is str, f"describe_first_above should return str, annotated {show(hints['return'])}"


def test_mypy_strict_accepts_it(learner):
    try:
        from mypy import api
    except ImportError:
        pytest.skip("mypy is not installed, so your hints were not type-checked: pip install mypy to add that check")

    out, err, status = api.run(
        ["--strict", "--no-error-summary", "--no-incremental", "--cache-dir", os.devnull, learner.__file__]
    )
    errors = []
    for line in out.splitlines():
        if ": error: " in line:
            location, message = line.split(": error: ", 1)
            errors.append(f"line {location.rsplit(':', 1)[-1]}: {message}")
    assert status == 0, "mypy --strict reports: " + ("; ".join(errors[:3]) or (out + err).strip())
