"""Count the words in a text: reference solution."""

import string


def word_counts(text):
    """Return a dict mapping each (lowercased, punctuation-stripped) word of `text` to its count."""
    counts = {}
    # split() with no argument splits on any run of whitespace: spaces, tabs and newlines.
    for raw in text.lower().split():
        # strip() with an argument removes those characters from both ends only,
        # so "don't" and "e-mail" keep their inner punctuation.
        word = raw.strip(string.punctuation)
        if word:  # "--" strips to "" and is not a word
            counts[word] = counts.get(word, 0) + 1
    return counts


def top_words(counts, n):
    """Return the n most frequent (word, count) pairs, highest count first, ties alphabetically."""
    # A key that returns a tuple sorts by its first item, then by the second on ties:
    # -count puts the largest counts first, word breaks ties alphabetically.
    ranked = sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))
    return ranked[:n]
