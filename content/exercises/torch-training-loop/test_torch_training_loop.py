import copy

import pytest

torch = pytest.importorskip("torch", reason="PyTorch is not installed: pip install torch")
from torch import nn  # noqa: E402
from torch.utils.data import DataLoader, TensorDataset  # noqa: E402


def data(n=256, seed=0):
    generator = torch.Generator().manual_seed(seed)
    X = torch.randn(n, 2, generator=generator)
    y = (X[:, 0] + X[:, 1] > 0).long()
    return X, y


def loader(batch_size=32, seed=0):
    X, y = data(seed=seed)
    return DataLoader(TensorDataset(X, y), batch_size=batch_size, shuffle=False)


def model(seed=0):
    torch.manual_seed(seed)
    return nn.Sequential(nn.Linear(2, 16), nn.ReLU(), nn.Linear(16, 2))


class Spy(nn.Module):
    """A model that notes, at each forward pass, its mode and whether gradients are on."""

    def __init__(self):
        super().__init__()
        torch.manual_seed(0)
        self.net = nn.Linear(2, 2)
        self.seen = []

    def forward(self, x):
        self.seen.append((self.training, torch.is_grad_enabled()))
        return self.net(x)


def test_one_epoch_matches_a_reference_loop(learner):
    mine, reference = model(), model()
    batches = loader()
    loss_fn = nn.CrossEntropyLoss()
    got = learner.train_one_epoch(mine, batches, torch.optim.SGD(mine.parameters(), lr=0.5), loss_fn)

    optimizer = torch.optim.SGD(reference.parameters(), lr=0.5)
    losses = []
    for X, y in batches:
        optimizer.zero_grad()
        loss = loss_fn(reference(X), y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())

    unchanged = all(torch.equal(a, b) for a, b in zip(mine.parameters(), model().parameters()))
    assert not unchanged, "the weights did not change: call optimizer.step() after loss.backward() for each batch"
    same = all(torch.allclose(a, b, atol=1e-6) for a, b in zip(mine.parameters(), reference.parameters()))
    assert same, (
        "after one epoch the weights differ from those of a correct loop on the same batches: call "
        "optimizer.zero_grad() before each backward(), or each step also carries the previous batches' gradients"
    )
    assert isinstance(got, (float, int)) or (torch.is_tensor(got) and got.numel() == 1), (
        "train_one_epoch() should return the mean loss as a float (use loss.item())"
    )
    expected = sum(losses) / len(losses)
    assert abs(float(got) - expected) < 1e-5, f"expected the mean of the batch losses, {expected:.4f}, got {float(got):.4f}"


def test_train_and_evaluate_modes(learner):
    spy = Spy()
    spy.eval()
    learner.train_one_epoch(spy, loader(batch_size=128), torch.optim.SGD(spy.parameters(), lr=0.1), nn.CrossEntropyLoss())
    assert spy.seen and all(training for training, _ in spy.seen), (
        "train_one_epoch ran the model in evaluation mode: call model.train() first (a model may come back from evaluate() in eval mode)"
    )
    spy.seen.clear()
    spy.train()
    learner.evaluate(spy, loader(batch_size=128))
    assert spy.seen and not any(training for training, _ in spy.seen), (
        "evaluate ran the model in training mode: call model.eval() first, so dropout and batch norm behave as at prediction time"
    )
    assert not any(grad for _, grad in spy.seen), (
        "evaluate built a computation graph for every batch: wrap the loop in `with torch.no_grad():`"
    )


def test_evaluate_accuracy(learner):
    net = model()
    X, y = data()
    with torch.no_grad():
        expected = (net(X).argmax(dim=1) == y).float().mean().item()
    got = learner.evaluate(net, loader(batch_size=50))
    assert abs(float(got) - expected) < 1e-6, (
        f"expected an accuracy of {expected:.4f} (share of rows whose argmax matches y, over every batch), got {float(got):.4f}"
    )


def test_training_learns(learner):
    net = model(seed=1)
    train = DataLoader(TensorDataset(*data(seed=1)), batch_size=32, shuffle=True, generator=torch.Generator().manual_seed(0))
    optimizer = torch.optim.SGD(net.parameters(), lr=0.1)
    for _ in range(20):
        learner.train_one_epoch(net, train, optimizer, nn.CrossEntropyLoss())
    accuracy = float(learner.evaluate(net, loader(seed=2)))
    assert accuracy > 0.9, f"after 20 epochs the model should get above 0.9 on new data from the same problem, got {accuracy:.2f}"


def test_save_and_reload(learner, tmp_path):
    net = model(seed=3)
    path = tmp_path / "weights.pt"
    learner.save_weights(net, str(path))
    assert path.exists(), "save_weights() did not write the file at the path it was given"
    try:
        state = torch.load(str(path), weights_only=True)
    except Exception:  # noqa: BLE001 - any failure means it is not a plain state_dict
        raise AssertionError(
            "the file is not a plain state_dict (torch.load(path, weights_only=True) refused it): save "
            "model.state_dict(), not the model object"
        ) from None
    assert isinstance(state, dict) and set(state) == set(net.state_dict()), (
        "the file should hold the model's state_dict: torch.save(model.state_dict(), path)"
    )
    fresh = model(seed=4)
    reloaded = learner.load_weights(fresh, str(path))
    assert reloaded is not None, "load_weights() should return the model"
    X, _ = data(n=10)
    with torch.no_grad():
        assert torch.allclose(reloaded(X), net(X)), "the reloaded model gives other outputs than the saved one"
