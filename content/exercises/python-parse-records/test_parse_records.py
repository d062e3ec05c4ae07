import pytest


def test_parse_line_values_and_types(learner):
    got = learner.parse_line("Ada,36,91.5")
    assert isinstance(got, dict), f"parse_line should return a dict, got {type(got).__name__}"
    assert got == {"name": "Ada", "age": 36, "score": 91.5}, f"parse_line('Ada,36,91.5') should be {{'name': 'Ada', 'age': 36, 'score': 91.5}}, got {got!r}"
    assert isinstance(got["age"], int), f"age should be an int, got {type(got['age']).__name__} {got['age']!r}: convert it with int()"
    assert isinstance(got["score"], float), f"score should be a float, got {type(got['score']).__name__} {got['score']!r}: convert it with float()"


def test_parse_line_strips_spaces(learner):
    got = learner.parse_line(" Ada , 36, 91.5\n")
    assert got == {"name": "Ada", "age": 36, "score": 91.5}, f"spaces and the newline around fields should be removed: expected {{'name': 'Ada', 'age': 36, 'score': 91.5}}, got {got!r}"


@pytest.mark.parametrize(
    "line, why",
    [
        ("Alan,41", "it has only 2 fields"),
        ("Alan,41,70,extra", "it has 4 fields"),
        ("Ada,thirty-six,91.5", "the age is not a number"),
        ("Ada,36,high", "the score is not a number"),
        (" ,36,91.5", "the name is empty"),
    ],
    ids=["two-fields", "four-fields", "age-not-a-number", "score-not-a-number", "empty-name"],
)
def test_parse_line_rejects_bad_lines(learner, line, why):
    try:
        got = learner.parse_line(line)
    except ValueError:
        return
    except Exception as error:  # noqa: BLE001
        raise AssertionError(f"parse_line({line!r}) raised {type(error).__name__}; it should raise ValueError because {why}") from None
    raise AssertionError(f"parse_line({line!r}) returned {got!r}; it should raise ValueError because {why}")


def test_parse_records_keeps_going_after_a_bad_line(learner):
    lines = ["Ada,36,91.5", "Alan,41", "Grace,45,88"]
    try:
        records, errors = learner.parse_records(lines)
    except ValueError as error:
        raise AssertionError(f"parse_records stopped with ValueError ({error}) at a bad line: catch it with try/except and record the line in the errors instead") from None
    names = [r["name"] for r in records]
    assert names == ["Ada", "Grace"], f"the good records should be Ada and Grace, in order; got names {names!r}"
    assert [tuple(e) for e in errors] == [(2, "Alan,41")], f"errors should be [(2, 'Alan,41')] (line numbers start at 1), got {errors!r}"


def test_parse_records_skips_blank_and_comment_lines(learner):
    lines = ["# name,age,score", "Ada,36,91.5", "Alan,41", "", "   ", "  # a comment", "Grace,45,88"]
    records, errors = learner.parse_records(lines)
    assert [tuple(e) for e in errors] == [(3, "Alan,41")], f"blank lines and lines starting with # are skipped, not errors, but still count as lines: expected errors [(3, 'Alan,41')], got {errors!r}"
    assert len(records) == 2, f"expected 2 records (Ada and Grace), got {len(records)}: {records!r}"
    assert records[1] == {"name": "Grace", "age": 45, "score": 88.0}, f"expected Grace's record {{'name': 'Grace', 'age': 45, 'score': 88.0}}, got {records[1]!r}"


def test_parse_records_keeps_the_bad_line_as_given(learner):
    _, errors = learner.parse_records(["  Alan , 41 \n"])
    assert [tuple(e) for e in errors] == [(1, "  Alan , 41 \n")], f"an error should hold the line exactly as it was given (not stripped), got {errors!r}"


def test_parse_records_of_nothing(learner):
    got = learner.parse_records([])
    assert tuple(got) == ([], []), f"no lines should give ([], []), got {got!r}"
