"""Reshape, transpose and slice a batch of images: see README.md."""

import numpy as np


def to_images(pixels, n_images, height, width):
    """A flat array of n_images*height*width values -> shape (n_images, height, width)."""
    return np.asarray(pixels).reshape(n_images, height, width)


def flatten_images(images):
    """Shape (N, H, W) -> (N, H*W), one row per image."""
    return np.asarray(images).reshape(len(images), -1)


def channels_first(batch):
    """Shape (N, H, W, C) -> (N, C, H, W) with result[n, c, i, j] == batch[n, i, j, c]."""
    batch = np.asarray(batch)
    n, h, w, c = batch.shape
    # The shape is right... but are the pixels in the right place?
    return batch.reshape(n, c, h, w)


def center_crop(images, size):
    """The central size x size square of each image of shape (N, H, W)."""
    raise NotImplementedError("center_crop is not written yet")
