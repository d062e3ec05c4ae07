"""train() and eval(): dropout and batch norm at training and prediction time."""

import torch


def predict(model, X):
    """Predicted class indices (a 1-D tensor of argmax over the outputs) for the rows of X, in
    evaluation mode and without gradients. The model is left in the mode it was in."""
    was_training = model.training
    model.eval()  # dropout off; batch norm uses (and does not update) its running statistics
    try:
        with torch.no_grad():  # no graph: less memory, and the result needs no gradients
            return model(X).argmax(dim=1)
    finally:
        model.train(was_training)  # leave the model as we found it, even if forward raised


def train_step(model, optimizer, loss_fn, X, y):
    """One optimisation step on the batch (X, y) in training mode; returns the loss as a float."""
    model.train()  # the model may come back from predict() or an evaluation in eval mode
    optimizer.zero_grad()
    loss = loss_fn(model(X), y)
    loss.backward()
    optimizer.step()
    return loss.item()
