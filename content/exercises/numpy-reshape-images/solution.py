"""Reshape, transpose and slice a batch of images: reference solution."""

import numpy as np


def to_images(pixels, n_images, height, width):
    """A flat array of n_images*height*width values -> shape (n_images, height, width)."""
    # reshape regroups values in row-major (C) order: the last axis changes fastest,
    # which is exactly "image after image, row after row".
    return np.asarray(pixels).reshape(n_images, height, width)


def flatten_images(images):
    """Shape (N, H, W) -> (N, H*W), one row per image."""
    images = np.asarray(images)
    # -1 lets NumPy compute H*W; keeping the first axis keeps one row per image.
    return images.reshape(images.shape[0], -1)


def channels_first(batch):
    """Shape (N, H, W, C) -> (N, C, H, W) with result[n, c, i, j] == batch[n, i, j, c]."""
    # Moving an axis is a transpose, not a reshape: new axis k is old axis axes[k].
    return np.transpose(np.asarray(batch), (0, 3, 1, 2))


def center_crop(images, size):
    """The central size x size square of each image of shape (N, H, W)."""
    images = np.asarray(images)
    height, width = images.shape[-2:]
    top = (height - size) // 2   # floor: an odd extra pixel is left at the bottom/right
    left = (width - size) // 2
    # `...` keeps every leading axis (here the batch axis) whole.
    return images[..., top:top + size, left:left + size].copy()
