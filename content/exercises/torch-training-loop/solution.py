"""A PyTorch training loop: train, evaluate, save and reload."""

import torch


def train_one_epoch(model, loader, optimizer, loss_fn):
    """One pass over loader in training mode, one optimiser step per batch.
    Returns the mean of the batches' losses, as a float."""
    model.train()  # dropout on, batch norm updates its running statistics
    losses = []
    for X, y in loader:
        optimizer.zero_grad()  # backward() adds to .grad: clear the previous batch's gradients
        loss = loss_fn(model(X), y)
        loss.backward()  # fills each parameter's .grad
        optimizer.step()  # moves each parameter against its gradient
        losses.append(loss.item())  # a float: keeps no computation graph alive
    return sum(losses) / len(losses)


def evaluate(model, loader):
    """Accuracy (a float from 0 to 1) of model on loader: evaluation mode, no gradients."""
    model.eval()  # dropout off, batch norm uses its running statistics
    correct = total = 0
    with torch.no_grad():  # no graph is built: faster, and less memory
        for X, y in loader:
            predicted = model(X).argmax(dim=1)
            correct += (predicted == y).sum().item()
            total += y.numel()
    return correct / total


def save_weights(model, path):
    """Save the model's weights (its state_dict) to path."""
    # The state_dict is a plain dict of tensors: it does not depend on the class's code
    # staying importable, and it loads with weights_only=True (no arbitrary code).
    torch.save(model.state_dict(), path)


def load_weights(model, path):
    """Load weights saved by save_weights into model (a freshly built model of the same
    architecture) and return it."""
    model.load_state_dict(torch.load(path, map_location="cpu", weights_only=True))
    return model
