"""Count the words in a text: see README.md."""


def word_counts(text):
    """Return a dict mapping each (lowercased, punctuation-stripped) word of `text` to its count."""
    counts = {}
    # A first try: this counts "The" and "the" as different words, and keeps "data," with its comma.
    for word in text.split(" "):
        counts[word] = counts.get(word, 0) + 1
    return counts


def top_words(counts, n):
    """Return the n most frequent (word, count) pairs, highest count first, ties alphabetically."""
    raise NotImplementedError("top_words is not written yet")
