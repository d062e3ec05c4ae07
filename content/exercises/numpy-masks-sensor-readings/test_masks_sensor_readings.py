import warnings

import numpy as np

R0 = np.array([[20.0, 21.0, -999.0], [25.0, -999.0, -999.0], [19.0, 31.0, -999.0]])


def quiet(func, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return np.asarray(func(*args, **kwargs))


def station(seed=0, days=60, sensors=5):
    rng = np.random.default_rng(seed)
    readings = rng.normal(20, 5, size=(days, sensors)).round(1)
    readings[rng.random(size=readings.shape) < 0.2] = -999.0
    return readings


def fresh():
    return R0.copy()


def test_mask_missing(learner):
    R = fresh()
    got = quiet(learner.mask_missing, R)
    assert np.array_equal(R, R0), (
        "mask_missing changed the array it was given (np.asarray of a float array is the same array, not a copy): "
        "build a new array, e.g. with np.where"
    )
    assert got.shape == R.shape, f"mask_missing should keep the shape {R.shape}, got {got.shape}"
    expected_nan = R0 == -999
    assert np.array_equal(np.isnan(got), expected_nan), f"NaN should be exactly where the value was -999; got NaN at {np.argwhere(np.isnan(got)).tolist()}"
    assert np.array_equal(got[~expected_nan], R0[~expected_nan]), "the readings that were not -999 should be unchanged"


def test_mask_missing_integer_input_and_no_change(learner):
    ints = np.array([[1, -999], [3, 4]])
    before = ints.copy()
    got = quiet(learner.mask_missing, ints)
    assert np.array_equal(ints, before), "mask_missing changed the array it was given: build a new array (np.where) instead of assigning into it"
    assert np.issubdtype(got.dtype, np.floating), f"mask_missing should return a float array (NaN is a float), got dtype {got.dtype}"
    assert np.isnan(got[0, 1]) and got[1, 1] == 4, f"expected [[1, nan], [3, 4]], got {got.tolist()}"


def test_mask_missing_custom_sentinel(learner):
    got = quiet(learner.mask_missing, np.array([[0.0, -1.0]]), sentinel=-1)
    assert np.isnan(got[0, 1]) and got[0, 0] == 0, f"with sentinel=-1, [[0, -1]] should become [[0, nan]], got {got.tolist()}"


def test_sensor_means_shape(learner):
    got = quiet(learner.sensor_means, station())
    assert got.shape == (5,), f"sensor_means of 60 days x 5 sensors should give one mean per sensor, shape (5,), got {got.shape}: reduce over the days, axis=0"


def test_sensor_means_ignore_missing(learner):
    got = quiet(learner.sensor_means, fresh())
    assert np.allclose(got[:2], [64 / 3, 26.0]), (
        f"the means of the first two sensors should be [21.333, 26.0] (the -999 readings left out), got {np.round(got[:2], 3).tolist()}"
    )
    assert np.isnan(got[2]), f"the third sensor never worked: its mean should be nan, got {got[2]}"
    data = station(1)
    clean = np.where(data == -999, np.nan, data)
    assert np.allclose(quiet(learner.sensor_means, data), np.nanmean(clean, axis=0)), "the sensor means on a larger random station are wrong"


def test_missing_per_sensor(learner):
    got = quiet(learner.missing_per_sensor, fresh())
    assert got.tolist() == [0, 1, 3], f"missing_per_sensor should be [0, 1, 3] for the README's example, got {got.tolist()}"
    data = station(2)
    assert quiet(learner.missing_per_sensor, data).tolist() == (data == -999).sum(axis=0).tolist(), "the counts on a larger random station are wrong: count per column (axis=0)"


def test_hot_days(learner):
    got = quiet(learner.hot_days, fresh(), 24)
    assert got.tolist() == [1, 2], f"hot_days(readings, 24) should be [1, 2] for the README's example, got {got.tolist()}"
    assert np.issubdtype(got.dtype, np.integer), f"hot_days should return integer indices, got dtype {got.dtype}"


def test_hot_days_strictly_above(learner):
    got = quiet(learner.hot_days, fresh(), 25)
    assert got.tolist() == [2], f"hot_days(readings, 25) should be [2] (25.0 is not strictly above 25), got {got.tolist()}"


def test_hot_days_never_counts_the_sentinel(learner):
    got = quiet(learner.hot_days, fresh(), -2000)
    assert got.tolist() == [0, 1, 2], f"with threshold -2000 every day with a working sensor is hot: expected [0, 1, 2], got {got.tolist()}"
    only_missing = np.array([[-999.0, -999.0], [5.0, -999.0]])
    got = quiet(learner.hot_days, only_missing, -2000)
    assert got.tolist() == [1], f"a day where every sensor is missing (-999) is never hot, even for threshold -2000: expected [1], got {got.tolist()}"


def test_nothing_changes_the_input(learner):
    data = station(3)
    before = data.copy()
    for func, args in ((learner.sensor_means, ()), (learner.missing_per_sensor, ()), (learner.hot_days, (20,))):
        quiet(func, data, *args)
        assert np.array_equal(data, before), f"{func.__name__} changed the array it was given: work on a new array"
