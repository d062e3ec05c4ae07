"""Split first, then scale: keep the test rows out of everything the model learns from."""

from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler


def split_and_scale(X, y, test_size=0.25, random_state=0):
    """Return X_train_scaled, X_test_scaled, y_train, y_test.

    The scaler must learn its mean and standard deviation from the training rows only.
    """
    # 1. Split before anything learns from the data.
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=test_size, random_state=random_state
    )
    # 2. The scaler learns its mean and std from the training rows only...
    scaler = StandardScaler().fit(X_train)
    # 3. ...and applies those same numbers to both sets. The test rows are never fitted on.
    return scaler.transform(X_train), scaler.transform(X_test), y_train, y_test
