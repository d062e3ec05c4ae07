"""A PyTorch training loop: train, evaluate, save and reload."""

import torch


def train_one_epoch(model, loader, optimizer, loss_fn):
    """One pass over loader in training mode, one optimiser step per batch.
    Returns the mean of the batches' losses, as a float."""
    # A first attempt, close to right. What happens to the gradients between two batches?
    losses = []
    for X, y in loader:
        loss = loss_fn(model(X), y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return sum(losses) / len(losses)


def evaluate(model, loader):
    """Accuracy (a float from 0 to 1) of model on loader: evaluation mode, no gradients."""
    raise NotImplementedError("evaluate() is not written yet: its docstring says what it should do")


def save_weights(model, path):
    """Save the model's weights (its state_dict) to path."""
    raise NotImplementedError("save_weights() is not written yet: its docstring says what it should do")


def load_weights(model, path):
    """Load weights saved by save_weights into model (a freshly built model of the same
    architecture) and return it."""
    raise NotImplementedError("load_weights() is not written yet: its docstring says what it should do")
