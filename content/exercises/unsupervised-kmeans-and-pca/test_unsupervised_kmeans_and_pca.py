import numpy as np
import pytest
from sklearn.cluster import KMeans
from sklearn.datasets import make_blobs
from sklearn.decomposition import PCA
from sklearn.metrics import silhouette_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from threadpoolctl import threadpool_limits  # installed with scikit-learn

KS = [2, 3, 4, 5, 6]


@pytest.fixture(autouse=True)
def one_thread():
    # KMeans on a few hundred rows is fastest on one thread; on a busy machine, many threads
    # fighting over the cores make it ten times slower.
    with threadpool_limits(limits=1):
        yield


def blobs():
    X, _ = make_blobs(n_samples=300, centers=4, n_features=5, cluster_std=1.2, random_state=0)
    # Features on very different scales, as in real tables (euros next to ratios).
    return X * np.array([1.0, 200.0, 0.05, 10.0, 1.0])


def scores_of(learner):
    scores = learner.silhouette_by_k(blobs(), KS)
    assert isinstance(scores, dict) and sorted(scores) == KS, (
        f"silhouette_by_k() should return a dict with one score per k in {KS}"
    )
    return {k: float(v) for k, v in scores.items()}


def test_silhouette_scores(learner):
    scores = scores_of(learner)
    X = blobs()
    assert all(-1 <= v <= 1 for v in scores.values()), (
        f"silhouette scores lie between -1 and 1, got {({k: round(v, 3) for k, v in scores.items()})}: is it the inertia (KMeans.inertia_) instead?"
    )
    for k in KS:
        model = make_pipeline(StandardScaler(), KMeans(n_clusters=k, n_init=10, random_state=0)).fit(X)
        expected = silhouette_score(model[0].transform(X), model[-1].labels_)
        assert abs(scores[k] - expected) < 1e-6, (
            f"for k={k} expected a silhouette of {expected:.3f} (KMeans after StandardScaler, scored on the scaled "
            f"data), got {scores[k]:.3f}"
        )


def test_choose_k(learner):
    scores = scores_of(learner)
    got = learner.choose_k(scores)
    assert got == 4, f"the data has 4 groups and the silhouette peaks at k=4 ({scores[4]:.3f}), but choose_k gave {got}"
    assert learner.choose_k({2: 0.3, 3: 0.7, 4: 0.5}) == 3, "choose_k should return the k with the highest score"


def test_pca_2d(learner):
    X = blobs()
    result = learner.pca_2d(X)
    assert isinstance(result, (tuple, list)) and len(result) == 2, "pca_2d() should return (points, explained)"
    points, explained = np.asarray(result[0]), float(result[1])
    assert points.shape == (300, 2), f"expected the points as an array of shape (300, 2), got {points.shape}"
    pipeline = make_pipeline(StandardScaler(), PCA(n_components=2)).fit(X)
    expected = float(pipeline[-1].explained_variance_ratio_.sum())
    unscaled = float(PCA(n_components=2).fit(X).explained_variance_ratio_.sum())
    assert abs(explained - unscaled) > 1e-6 or abs(expected - unscaled) < 1e-6, (
        f"the explained variance {explained:.3f} is that of PCA on unscaled features, where the feature with the "
        "largest units dominates: scale first"
    )
    assert abs(explained - expected) < 1e-6, (
        f"expected the first two components to explain {expected:.3f} of the variance (after StandardScaler), got {explained:.3f}"
    )
    # Components are defined up to their sign: compare the absolute values.
    assert np.allclose(np.abs(points), np.abs(pipeline.transform(X)), atol=1e-6), (
        "the points should be the scaled data projected on the first two principal components"
    )
