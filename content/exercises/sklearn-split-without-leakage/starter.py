"""Split first, then scale: keep the test rows out of everything the model learns from."""

from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler


def split_and_scale(X, y, test_size=0.25, random_state=0):
    """Return X_train_scaled, X_test_scaled, y_train, y_test.

    The scaler must learn its mean and standard deviation from the training rows only.
    """
    # This first attempt scales the whole dataset, then splits it. Is that fair to the test set?
    X_scaled = StandardScaler().fit_transform(X)
    X_train, X_test, y_train, y_test = train_test_split(
        X_scaled, y, test_size=test_size, random_state=random_state
    )
    return X_train, X_test, y_train, y_test
