"""A vocabulary class that turns words into ids: see README.md."""

UNKNOWN = "<unk>"


class Vocabulary:
    def __init__(self, min_count=1):
        self.min_count = min_count
        self.token_to_id = {UNKNOWN: 0}

    def fit(self, texts):
        """Rebuild the vocabulary from `texts`: <unk> is 0, then tokens by count (desc), ties alphabetically."""
        # A first try: ids in order of first appearance, and no `return self`.
        for text in texts:
            for token in text.lower().split():
                if token not in self.token_to_id:
                    self.token_to_id[token] = len(self.token_to_id)

    def encode(self, text):
        """Return the id of each token of `text` (0 for a token it does not know)."""
        return [self.token_to_id.get(token, 0) for token in text.lower().split()]

    def decode(self, ids):
        """Return the token of each id."""
        raise NotImplementedError("decode is not written yet")

    def __len__(self):
        return len(self.token_to_id)
