import numpy as np
import pandas as pd
from sklearn.model_selection import KFold

SMALL = pd.DataFrame({"shop": ["a", "a", "b", "b", "c"], "bought": [1, 0, 1, 1, 0]})


def shops(n=300, seed=0):
    rng = np.random.default_rng(seed)
    shop = rng.choice([f"s{i:02d}" for i in range(40)], size=n)
    bought = (rng.random(n) < 0.3).astype(int)
    # An index that does not start at 0, as after filtering or a train/test split.
    return pd.DataFrame({"shop": shop, "bought": bought}, index=np.arange(1000, 1000 + n))


def as_series(result, like):
    assert isinstance(result, pd.Series), "expected a pandas Series, got " + type(result).__name__
    assert len(result) == len(like), f"expected one value per row ({len(like)}), got {len(result)}"
    assert list(result.index) == list(like.index), (
        "the result's index should be the input's index (the checks use an index starting at 1000): "
        "build it with pd.Series(values, index=df.index)"
    )
    return result.astype(float)


def test_fit_target_means(learner):
    result = learner.fit_target_means(SMALL, "shop", "bought")
    assert isinstance(result, (tuple, list)) and len(result) == 2, "fit_target_means() should return (mapping, default)"
    mapping, default = result
    got = {str(k): round(float(v), 9) for k, v in dict(mapping).items()}
    assert got == {"a": 0.5, "b": 1.0, "c": 0.0}, f"expected the means {{'a': 0.5, 'b': 1.0, 'c': 0.0}}, got {got}"
    assert abs(float(default) - 0.6) < 1e-9, f"expected the default (overall mean of the target) 0.6, got {default}"


def test_apply_target_means(learner):
    new = pd.DataFrame({"shop": ["b", "z", "a"]}, index=[10, 11, 12])
    snapshot = new.copy()
    result = as_series(learner.apply_target_means(new, "shop", {"a": 0.5, "b": 1.0, "c": 0.0}, 0.6), new)
    assert np.allclose(result.to_numpy(), [1.0, 0.6, 0.5]), (
        f"expected [1.0, 0.6, 0.5] (the unseen shop 'z' gets the default), got {result.tolist()}"
    )
    pd.testing.assert_frame_equal(new, snapshot, obj="the DataFrame given to apply_target_means (leave it unchanged)")


def test_out_of_fold_has_one_value_per_row(learner):
    train = shops()
    result = as_series(learner.out_of_fold_encoding(train, "shop", "bought", n_splits=5, seed=0), train)
    assert not result.isna().any(), "every row should get a value (use the default for shops missing from the other folds)"


def test_no_row_sees_its_own_target(learner):
    train = shops()
    before = as_series(learner.out_of_fold_encoding(train, "shop", "bought", n_splits=5, seed=0), train)
    for position in (0, 17, 123, 299):
        changed = train.copy()
        label = changed.index[position]
        changed.loc[label, "bought"] = 1 - changed.loc[label, "bought"]
        after = as_series(learner.out_of_fold_encoding(changed, "shop", "bought", n_splits=5, seed=0), changed)
        assert abs(after.loc[label] - before.loc[label]) < 1e-12, (
            f"target leakage: changing the target of row {label} changed that row's own encoding "
            f"({before.loc[label]:.3f} -> {after.loc[label]:.3f}). Encode each fold with means fitted on the other folds only"
        )


def test_out_of_fold_values(learner):
    train = shops(seed=1)
    result = as_series(learner.out_of_fold_encoding(train, "shop", "bought", n_splits=4, seed=3), train)
    expected = np.empty(len(train))
    for fit_rows, enc_rows in KFold(n_splits=4, shuffle=True, random_state=3).split(train):
        part = train.iloc[fit_rows]
        means = part.groupby("shop")["bought"].mean()
        expected[enc_rows] = train.iloc[enc_rows]["shop"].map(means).fillna(part["bought"].mean()).to_numpy()
    wrong = int(np.sum(~np.isclose(result.to_numpy(), expected)))
    assert wrong == 0, (
        f"{wrong} of {len(train)} rows differ from the expected out-of-fold values with n_splits=4, seed=3: use "
        "KFold(n_splits, shuffle=True, random_state=seed).split(train), fit on train.iloc[other rows], "
        "apply to train.iloc[this fold's rows]"
    )
