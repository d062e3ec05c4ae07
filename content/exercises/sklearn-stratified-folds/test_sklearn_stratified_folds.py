import numpy as np
from sklearn.model_selection import KFold


def sorted_labels():
    # 1000 rows, 50 positives, all at the end: what you get when data is sorted by label or by date.
    return np.array([0] * 950 + [1] * 50)


def shuffled_labels(seed):
    rng = np.random.default_rng(seed)
    return rng.permutation(np.array([0] * 570 + [1] * 30))


def folds_of(learner, y, n_splits=5, seed=0):
    folds = learner.make_folds(y, n_splits=n_splits, seed=seed)
    folds = list(folds)
    assert len(folds) == n_splits, f"expected {n_splits} folds, got {len(folds)}"
    out = []
    for i, fold in enumerate(folds):
        assert len(fold) == 2, f"each fold should be a (train_indices, test_indices) pair; fold {i} has {len(fold)} parts"
        out.append((np.asarray(fold[0]).astype(int), np.asarray(fold[1]).astype(int)))
    return out


def test_folds_cover_every_row_once(learner):
    y = sorted_labels()
    folds = folds_of(learner, y)
    tested = np.concatenate([test for _, test in folds])
    assert sorted(tested.tolist()) == list(range(len(y))), (
        "the test parts of the folds should contain every row exactly once"
    )
    for i, (train, test) in enumerate(folds):
        assert not set(train.tolist()) & set(test.tolist()), f"fold {i}: some rows are in both its training and test parts"
        assert len(train) + len(test) == len(y), f"fold {i}: the training part should hold all the rows not in its test part"


def test_each_fold_gets_its_share_of_positives_on_sorted_labels(learner):
    y = sorted_labels()
    folds = folds_of(learner, y)
    counts = [int(y[test].sum()) for _, test in folds]
    assert all(abs(c - 10) <= 1 for c in counts), (
        f"with 50 positives in 1000 rows and 5 folds, each fold should test about 10 positives; got {counts}: "
        "stratify the folds on y"
    )


def test_stratified_on_shuffled_labels_with_several_seeds(learner):
    for seed in (1, 2, 3):
        y = shuffled_labels(seed)
        folds = folds_of(learner, y, n_splits=5, seed=seed)
        counts = [int(y[test].sum()) for _, test in folds]
        assert all(abs(c - 6) <= 1 for c in counts), (
            f"with 30 positives in 600 rows, each of 5 folds should test about 6 positives; with seed={seed} got "
            f"{counts}: shuffling alone is not enough, stratify on y"
        )


def test_seed_makes_folds_repeatable_and_shuffled(learner):
    y = shuffled_labels(7)
    first = folds_of(learner, y, seed=11)
    again = folds_of(learner, y, seed=11)
    assert all(np.array_equal(np.sort(a[1]), np.sort(b[1])) for a, b in zip(first, again)), (
        "the same seed gave different folds: pass it as random_state"
    )
    other = folds_of(learner, y, seed=12)
    assert not all(np.array_equal(np.sort(a[1]), np.sort(b[1])) for a, b in zip(first, other)), (
        "a different seed gave the same folds: shuffle them (shuffle=True, random_state=seed)"
    )
    in_order = [np.sort(test) for _, test in first]
    assert not all(np.all(np.diff(t) == 1) for t in in_order), (
        "each fold's test rows are one contiguous block: shuffle the rows before splitting"
    )


def test_positive_rates(learner):
    y = sorted_labels()
    folds = list(KFold(n_splits=5).split(np.zeros(len(y))))
    rates = [float(r) for r in learner.positive_rates(y, folds)]
    assert np.allclose(rates, [0.0, 0.0, 0.0, 0.0, 0.25]), (
        f"for plain KFold(5) on 950 negatives followed by 50 positives, expected [0.0, 0.0, 0.0, 0.0, 0.25], got {rates}"
    )
