"""Overfit one batch, then AdamW with weight-decay groups and a warm-up schedule."""

import math

import torch
from torch import nn


def overfit_one_batch(model, X, y, steps=300, lr=1e-2):
    """Train model on the single batch (X, y) for `steps` Adam steps (cross-entropy loss);
    return the list of the `steps` losses, as floats."""
    raise NotImplementedError("overfit_one_batch() is not written yet: its docstring says what it should do")


def make_optimizer(model, lr, weight_decay):
    """AdamW with two parameter groups: every parameter with 2 or more dimensions (weight
    matrices) gets weight_decay; every other one (biases, normalisation weights) gets 0.0."""
    # A first attempt: one group, everything decayed. Which parameters should not be?
    return torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=weight_decay)


def make_scheduler(optimizer, warmup_steps, total_steps):
    """A LambdaLR whose factor rises linearly to 1 over the first warmup_steps steps, then
    falls along a cosine to 0 at total_steps."""
    raise NotImplementedError("make_scheduler() is not written yet: its docstring says what it should do")
