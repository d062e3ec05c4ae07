import numpy as np


def test_to_images_shape(learner):
    got = np.asarray(learner.to_images(np.arange(24), 2, 3, 4))
    assert got.shape == (2, 3, 4), f"to_images(np.arange(24), 2, 3, 4) should have shape (2, 3, 4), got {got.shape}"


def test_to_images_values(learner):
    got = np.asarray(learner.to_images(np.arange(24), 2, 3, 4))
    assert np.array_equal(got[1, 0], [12, 13, 14, 15]), f"the first row of the second image should be [12, 13, 14, 15] (image after image, row after row), got {got[1, 0].tolist()}"


def test_flatten_images(learner):
    images = np.arange(2 * 3 * 4).reshape(2, 3, 4)
    got = np.asarray(learner.flatten_images(images))
    assert got.shape == (2, 12), f"flatten_images of shape (2, 3, 4) should have shape (2, 12), got {got.shape}"
    assert np.array_equal(got[1], np.arange(12, 24)), f"row 1 should hold all the pixels of image 1, 12..23 in order, got {got[1].tolist()}"


def test_flatten_a_single_image_batch(learner):
    got = np.asarray(learner.flatten_images(np.zeros((1, 5, 5))))
    assert got.shape == (1, 25), f"a batch of one 5x5 image should flatten to shape (1, 25), got {got.shape}"


def test_channels_first_shape(learner):
    got = np.asarray(learner.channels_first(np.zeros((8, 32, 30, 3))))
    assert got.shape == (8, 3, 32, 30), f"channels_first of shape (8, 32, 30, 3) should have shape (8, 3, 32, 30), got {got.shape}"


def test_channels_first_keeps_pixels_in_place(learner):
    rng = np.random.default_rng(0)
    batch = rng.integers(0, 256, size=(2, 4, 5, 3))
    got = np.asarray(learner.channels_first(batch))
    red_of_first_image = batch[0, :, :, 0]
    assert np.array_equal(got[0, 0], red_of_first_image), (
        "result[0, 0] should be the red channel of the first image (batch[0, :, :, 0]), but the pixels are scrambled: "
        "reshape only regroups values in their memory order; moving the channel axis is a transpose (np.transpose or np.moveaxis)"
    )
    assert np.array_equal(got, np.moveaxis(batch, -1, 1)), "every pixel should satisfy result[n, c, i, j] == batch[n, i, j, c]"


def test_center_crop_odd(learner):
    images = np.arange(25).reshape(1, 5, 5)
    got = np.asarray(learner.center_crop(images, 3))
    assert got.shape == (1, 3, 3), f"center_crop of shape (1, 5, 5) to 3 should have shape (1, 3, 3), got {got.shape}"
    expected = [[6, 7, 8], [11, 12, 13], [16, 17, 18]]
    assert np.array_equal(got[0], expected), f"the centre 3x3 of a 5x5 image of 0..24 should be {expected}, got {got[0].tolist()}"


def test_center_crop_uneven_margin(learner):
    images = np.arange(2 * 4 * 6).reshape(2, 4, 6)
    got = np.asarray(learner.center_crop(images, 3))
    expected = images[:, 0:3, 1:4]
    assert got.shape == (2, 3, 3), f"center_crop of shape (2, 4, 6) to 3 should have shape (2, 3, 3), got {got.shape}"
    assert np.array_equal(got, expected), (
        f"for a 4x6 image cropped to 3, the crop starts at row (4-3)//2 = 0 and column (6-3)//2 = 1: "
        f"expected the first image's crop to be {expected[0].tolist()}, got {got[0].tolist()}"
    )


def test_center_crop_does_not_alias_input(learner):
    images = np.zeros((1, 4, 4))
    got = np.asarray(learner.center_crop(images, 2))
    got[...] = 1
    assert images.sum() == 0, "changing the cropped array changed the original images: return a copy (slicing gives a view)"
