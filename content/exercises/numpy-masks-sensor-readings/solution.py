"""Boolean masks and aggregations along axes: reference solution."""

import warnings

import numpy as np


def mask_missing(readings, sentinel=-999):
    """A new float array with np.nan wherever readings == sentinel."""
    readings = np.asarray(readings)
    # np.where builds a new array: the caller's array is never touched.
    return np.where(readings == sentinel, np.nan, readings.astype(float))


def sensor_means(readings, sentinel=-999):
    """Mean of each sensor (column), ignoring missing readings."""
    clean = mask_missing(readings, sentinel)
    with warnings.catch_warnings():
        # A sensor with no reading at all gives NaN and a RuntimeWarning: NaN is the answer we want.
        warnings.simplefilter("ignore", RuntimeWarning)
        return np.nanmean(clean, axis=0)  # axis=0 reduces over the rows (days): one value per column


def missing_per_sensor(readings, sentinel=-999):
    """How many readings each sensor (column) missed."""
    # Summing booleans counts the Trues.
    return (np.asarray(readings) == sentinel).sum(axis=0)


def hot_days(readings, threshold, sentinel=-999):
    """Indices of the days (rows) where a working sensor read more than threshold."""
    clean = mask_missing(readings, sentinel)
    # NaN > threshold is False, so a missing reading never makes a day hot.
    hot = (clean > threshold).any(axis=1)  # axis=1: across the sensors of each day
    return np.flatnonzero(hot)
