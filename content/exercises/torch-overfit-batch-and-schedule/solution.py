"""Overfit one batch, then AdamW with weight-decay groups and a warm-up schedule."""

import math

import torch
from torch import nn


def overfit_one_batch(model, X, y, steps=300, lr=1e-2):
    """Train model on the single batch (X, y) for `steps` Adam steps (cross-entropy loss);
    return the list of the `steps` losses, as floats."""
    model.train()
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = nn.CrossEntropyLoss()
    losses = []
    for _ in range(steps):
        optimizer.zero_grad()
        loss = loss_fn(model(X), y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    # If this does not reach almost 0, something in the model or the loop is broken.
    return losses


def make_optimizer(model, lr, weight_decay):
    """AdamW with two parameter groups: every parameter with 2 or more dimensions (weight
    matrices) gets weight_decay; every other one (biases, normalisation weights) gets 0.0."""
    decay, no_decay = [], []
    for _, parameter in model.named_parameters():
        if not parameter.requires_grad:
            continue  # frozen parameters need no optimiser
        # Weight matrices and convolution kernels have 2+ dimensions; biases and the scale and
        # shift of LayerNorm/BatchNorm have 1. Shrinking those towards 0 does not regularise.
        (decay if parameter.ndim >= 2 else no_decay).append(parameter)
    groups = [
        {"params": decay, "weight_decay": weight_decay},
        {"params": no_decay, "weight_decay": 0.0},
    ]
    # AdamW applies the decay to the weights directly, not through the adaptive gradient
    # (which is what weight_decay in plain Adam does).
    return torch.optim.AdamW(groups, lr=lr)


def make_scheduler(optimizer, warmup_steps, total_steps):
    """A LambdaLR whose factor rises linearly to 1 over the first warmup_steps steps, then
    falls along a cosine to 0 at total_steps."""

    def factor(step):
        if step < warmup_steps:
            # Linear warm-up: small steps while Adam's moment estimates are still noisy.
            return (step + 1) / warmup_steps
        progress = min((step - warmup_steps) / max(1, total_steps - warmup_steps), 1.0)
        # Cosine decay from 1 to 0: long at a high rate, then a gentle landing.
        return 0.5 * (1.0 + math.cos(math.pi * progress))

    return torch.optim.lr_scheduler.LambdaLR(optimizer, factor)
