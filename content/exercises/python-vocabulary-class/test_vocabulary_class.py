TEXTS = ["the cat sat", "the dog sat", "the end"]


def test_new_vocabulary_knows_only_unk(learner):
    vocab = learner.Vocabulary()
    assert len(vocab) == 1, f"a new Vocabulary knows only '<unk>', so len() should be 1, got {len(vocab)}"
    got = vocab.encode("hello")
    assert list(got) == [0], f"a new Vocabulary encodes any word as 0 ('<unk>'), got {got!r}"


def test_vocabularies_do_not_share_words(learner):
    first = learner.Vocabulary()
    first.fit(["apple"])
    second = learner.Vocabulary()
    assert len(second) == 1, (
        f"a new Vocabulary already knew {len(second)} tokens after another one was fitted: "
        "create its dictionaries in __init__ (self.... = {}), not as class attributes"
    )
    assert len(first) == 2, f"the first vocabulary should still know '<unk>' and 'apple', len() gave {len(first)}"


def test_fit_returns_the_vocabulary(learner):
    vocab = learner.Vocabulary()
    got = vocab.fit(TEXTS)
    assert got is vocab, f"fit should end with `return self` so that Vocabulary().fit(texts) gives the vocabulary; it returned {got!r}"


def test_size_after_fit(learner):
    vocab = learner.Vocabulary().fit(TEXTS)
    assert len(vocab) == 6, f"after fitting {TEXTS!r} the vocabulary has '<unk>' plus 5 words, so len() should be 6, got {len(vocab)}"


def test_ids_ordered_by_count_then_alphabet(learner):
    vocab = learner.Vocabulary().fit(TEXTS)
    got = list(vocab.encode("the sat cat dog end"))
    assert got == [1, 2, 3, 4, 5], (
        f"'the' (3 times) should be id 1, 'sat' (twice) id 2, then 'cat', 'dog', 'end' (once each, alphabetical) ids 3, 4, 5: "
        f"encode('the sat cat dog end') should give [1, 2, 3, 4, 5], got {got!r}"
    )


def test_encode_unknown_and_case(learner):
    vocab = learner.Vocabulary().fit(TEXTS)
    got = list(vocab.encode("The DOG ate"))
    assert got == [1, 4, 0], f"encode('The DOG ate') should give [1, 4, 0] (lowercase tokens, 0 for a word it does not know), got {got!r}"


def test_decode(learner):
    vocab = learner.Vocabulary().fit(TEXTS)
    got = list(vocab.decode([1, 2, 0, 5]))
    assert got == ["the", "sat", "<unk>", "end"], f"decode([1, 2, 0, 5]) should give ['the', 'sat', '<unk>', 'end'], got {got!r}"


def test_decode_undoes_encode(learner):
    texts = ["b a c a b a", "d e f d"]
    vocab = learner.Vocabulary().fit(texts)
    for text in texts:
        got = list(vocab.decode(vocab.encode(text)))
        assert got == text.split(), f"decode(encode({text!r})) should give back {text.split()!r}, got {got!r}"


def test_min_count(learner):
    vocab = learner.Vocabulary(min_count=2).fit(TEXTS)
    assert len(vocab) == 3, f"with min_count=2 only 'the' and 'sat' (plus '<unk>') are kept, so len() should be 3, got {len(vocab)}"
    got = list(vocab.encode("the cat sat"))
    assert got == [1, 0, 2], f"with min_count=2, encode('the cat sat') should give [1, 0, 2] ('cat' is too rare), got {got!r}"


def test_fit_again_starts_from_scratch(learner):
    vocab = learner.Vocabulary().fit(TEXTS)
    vocab.fit(["zebra zebra yak"])
    assert len(vocab) == 3, f"fitting again on ['zebra zebra yak'] should forget the old words: len() should be 3, got {len(vocab)}"
    got = list(vocab.encode("zebra yak the"))
    assert got == [1, 2, 0], f"after the second fit, encode('zebra yak the') should give [1, 2, 0], got {got!r}"
