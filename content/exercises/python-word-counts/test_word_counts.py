def test_returns_a_dict(learner):
    got = learner.word_counts("data science")
    assert isinstance(got, dict), f"word_counts should return a dict, got {type(got).__name__}"
    assert got == {"data": 1, "science": 1}, f'word_counts("data science") should be {{"data": 1, "science": 1}}, got {got!r}'


def test_ignores_case(learner):
    got = learner.word_counts("The the THE")
    assert got == {"the": 3}, f'"The the THE" should count as {{"the": 3}} (lowercase every word), got {got!r}'


def test_strips_punctuation_at_the_ends(learner):
    got = learner.word_counts("data, (model) loss.")
    expected = {"data": 1, "model": 1, "loss": 1}
    assert got == expected, f'"data, (model) loss." should give {expected!r} (remove punctuation at the start and end of each word), got {got!r}'


def test_keeps_punctuation_inside_words(learner):
    got = learner.word_counts("don't e-mail")
    expected = {"don't": 1, "e-mail": 1}
    assert got == expected, f'"don\'t e-mail" should give {expected!r}: only punctuation at the ends of a word is removed, got {got!r}'


def test_skips_punctuation_only_tokens(learner):
    got = learner.word_counts("train -- test ...")
    expected = {"train": 1, "test": 1}
    assert got == expected, f'"train -- test ..." should give {expected!r}: a token that is only punctuation is not a word, got {got!r}'


def test_any_whitespace_separates_words(learner):
    got = learner.word_counts("  one\ttwo\n\nthree  one ")
    expected = {"one": 2, "two": 1, "three": 1}
    assert got == expected, f"tabs, newlines and repeated spaces all separate words: expected {expected!r}, got {got!r}"


def test_empty_text(learner):
    got = learner.word_counts("")
    assert got == {}, f"an empty text has no words: expected {{}}, got {got!r}"


def test_readme_example(learner):
    got = learner.word_counts("The model, the data -- and THE loss.")
    expected = {"the": 3, "model": 1, "data": 1, "and": 1, "loss": 1}
    assert got == expected, f"for the README's example expected {expected!r}, got {got!r}"


def test_top_words_sorted_by_count(learner):
    got = learner.top_words({"a": 1, "b": 5, "c": 3}, 3)
    assert isinstance(got, list), f"top_words should return a list of (word, count) tuples, got {type(got).__name__}"
    got = [tuple(pair) for pair in got]
    assert got == [("b", 5), ("c", 3), ("a", 1)], f"expected [('b', 5), ('c', 3), ('a', 1)] (highest count first), got {got!r}"


def test_top_words_breaks_ties_alphabetically(learner):
    got = [tuple(pair) for pair in learner.top_words({"loss": 1, "the": 3, "and": 1, "model": 2}, 3)]
    expected = [("the", 3), ("model", 2), ("and", 1)]
    assert got == expected, f"words with the same count come in alphabetical order: expected {expected!r}, got {got!r}"


def test_top_words_respects_n(learner):
    counts = {"x": 2, "y": 1}
    got = learner.top_words(counts, 5)
    assert len(got) == 2, f"with only 2 words and n=5, return the 2 words; got {len(got)} items: {got!r}"
    got = learner.top_words({"x": 2, "y": 1, "z": 4}, 1)
    assert [tuple(p) for p in got] == [("z", 4)], f"with n=1 expected [('z', 4)], got {got!r}"


def test_top_words_leaves_its_input_alone(learner):
    counts = {"b": 1, "a": 2}
    learner.top_words(counts, 1)
    assert counts == {"b": 1, "a": 2}, f"top_words changed the dictionary it was given (now {counts!r}): sort a copy of its items instead"
