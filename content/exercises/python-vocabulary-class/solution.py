"""A vocabulary class that turns words into ids: reference solution."""

from collections import Counter

UNKNOWN = "<unk>"


class Vocabulary:
    def __init__(self, min_count=1):
        self.min_count = min_count
        # State lives on the instance (self), created here: a dict written as a class attribute
        # would be shared by every Vocabulary.
        self._reset()

    def _reset(self):
        self.token_to_id = {UNKNOWN: 0}
        self.id_to_token = [UNKNOWN]  # a list: ids are 0, 1, 2, ... so the id is the index

    def fit(self, texts):
        """Rebuild the vocabulary from `texts`: <unk> is 0, then tokens by count (desc), ties alphabetically."""
        counts = Counter(token for text in texts for token in text.lower().split())
        kept = [(token, count) for token, count in counts.items() if count >= self.min_count]
        kept.sort(key=lambda item: (-item[1], item[0]))
        self._reset()  # fitting again starts from scratch
        for token, _ in kept:
            self.token_to_id[token] = len(self.id_to_token)
            self.id_to_token.append(token)
        return self  # lets a caller write Vocabulary().fit(texts)

    def encode(self, text):
        """Return the id of each token of `text` (0 for a token it does not know)."""
        return [self.token_to_id.get(token, 0) for token in text.lower().split()]

    def decode(self, ids):
        """Return the token of each id."""
        return [self.id_to_token[i] for i in ids]

    def __len__(self):
        return len(self.id_to_token)
