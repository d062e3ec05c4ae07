import numpy as np
from sklearn.datasets import make_classification
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeClassifier


def split_of(learner, x, y):
    result = learner.best_split(x, y)
    assert isinstance(result, (tuple, list)) and len(result) == 2, "best_split() should return (threshold, weighted_gini)"
    return float(result[0]), float(result[1])


def test_gini(learner):
    cases = [([0, 0, 1, 1], 0.5), ([1, 1, 1], 0.0), ([0, 1, 2], 2 / 3), ([0, 0, 0, 1], 0.375)]
    for labels, expected in cases:
        got = float(learner.gini(np.array(labels)))
        assert abs(got - expected) < 1e-9, f"gini({labels}) should be 1 - sum(p_k ** 2) = {expected:.4f}, got {got:.4f}"


def test_best_split_on_the_example(learner):
    x = np.array([1.0, 2.0, 3.0, 4.0, 5.0, 6.0])
    y = np.array([0, 0, 0, 1, 1, 0])
    threshold, score = split_of(learner, x, y)
    assert abs(threshold - 3.5) < 1e-9, (
        f"expected the threshold 3.5 (the midpoint between 3 and 4: left 0 0 0 is pure), got {threshold}"
    )
    assert abs(score - 2 / 9) < 1e-9, (
        f"expected the weighted Gini (3 * 0 + 3 * 0.444) / 6 = 0.2222, got {score:.4f}"
    )


def test_best_split_is_the_one_a_tree_makes(learner):
    rng = np.random.default_rng(0)
    for trial in range(5):
        x = rng.normal(size=80).round(2)
        y = ((x + rng.normal(scale=0.8, size=80)) > 0.3).astype(int)
        stump = DecisionTreeClassifier(max_depth=1).fit(x.reshape(-1, 1), y)
        expected_threshold = float(stump.tree_.threshold[0])
        children = stump.tree_.children_left[0], stump.tree_.children_right[0]
        sizes = stump.tree_.n_node_samples
        expected_score = sum(sizes[c] * stump.tree_.impurity[c] for c in children) / sizes[0]
        threshold, score = split_of(learner, x, y)
        assert abs(score - expected_score) < 1e-6, (
            f"on random data (trial {trial}), scikit-learn's tree finds a split with weighted Gini "
            f"{expected_score:.4f} at x <= {expected_threshold:.3f}, yours has {score:.4f} at {threshold:.3f}"
        )
        assert abs(threshold - expected_threshold) < 1e-5, (
            f"on random data (trial {trial}), expected the threshold {expected_threshold:.4f} (a midpoint between two "
            f"distinct values of x), got {threshold:.4f}"
        )


def test_tree_vs_forest(learner):
    X, y = make_classification(n_samples=400, n_features=20, n_informative=6, flip_y=0.05, random_state=3)
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.3, random_state=0)
    result = learner.tree_vs_forest(X_tr, y_tr, X_te, y_te)
    assert isinstance(result, dict) and {"tree", "forest"} <= set(result), (
        "tree_vs_forest() should return a dict with the keys 'tree' and 'forest'"
    )
    tree = DecisionTreeClassifier(random_state=0).fit(X_tr, y_tr)
    forest = RandomForestClassifier(n_estimators=100, random_state=0).fit(X_tr, y_tr)
    for name, model in (("tree", tree), ("forest", forest)):
        train, test = (float(v) for v in result[name])
        exp_train, exp_test = model.score(X_tr, y_tr), model.score(X_te, y_te)
        assert abs(train - exp_train) < 1e-9 and abs(test - exp_test) < 1e-9, (
            f"for the {name}, expected (train, test) accuracy ({exp_train:.3f}, {exp_test:.3f}), got ({train:.3f}, {test:.3f})"
        )
    assert result["tree"][0] == 1.0 and result["forest"][1] > result["tree"][1], (
        "the unpruned tree should fit its training rows perfectly and the forest should score higher on the test rows"
    )
