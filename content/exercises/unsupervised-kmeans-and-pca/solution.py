"""k-means with a chosen k, and PCA to two dimensions."""

from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.metrics import silhouette_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def silhouette_by_k(X, k_values):
    """{k: silhouette score} for StandardScaler + KMeans(n_clusters=k, n_init=10, random_state=0),
    the score computed on the scaled data."""
    scores = {}
    for k in k_values:
        # n_init=10 restarts from 10 random starts and keeps the best; set it explicitly
        # (its default changed to "auto" in scikit-learn 1.4).
        model = make_pipeline(StandardScaler(), KMeans(n_clusters=k, n_init=10, random_state=0)).fit(X)
        # Judge the clusters in the space k-means saw: the scaled features.
        scores[k] = float(silhouette_score(model[0].transform(X), model[-1].labels_))
    return scores


def choose_k(scores):
    """The k with the highest silhouette score in `scores` (as returned above)."""
    # Unlike the inertia, which always falls as k grows, the silhouette peaks at a natural k.
    return max(scores, key=scores.get)


def pca_2d(X):
    """(points, explained): the data projected on its first 2 principal components after
    StandardScaler, as an (n, 2) array, and the share of the variance they explain (a float)."""
    pipeline = make_pipeline(StandardScaler(), PCA(n_components=2))
    points = pipeline.fit_transform(X)
    # How much of the (scaled) data's variance the 2-D picture keeps; report it with the plot.
    return points, float(pipeline[-1].explained_variance_ratio_.sum())
