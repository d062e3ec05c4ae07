import pytest

torch = pytest.importorskip("torch", reason="PyTorch is not installed: pip install torch")
from torch import nn  # noqa: E402


def model():
    torch.manual_seed(0)
    net = nn.Sequential(nn.Linear(4, 32), nn.BatchNorm1d(32), nn.ReLU(), nn.Dropout(0.5), nn.Linear(32, 3))
    # Give batch norm running statistics unlike a fresh layer's, as after some training.
    with torch.no_grad():
        net[1].running_mean.uniform_(-1, 1)
        net[1].running_var.uniform_(0.5, 2)
    return net


def batch(n=64, seed=0):
    generator = torch.Generator().manual_seed(seed)
    X = torch.randn(n, 4, generator=generator) * 3 + 1
    y = torch.randint(0, 3, (n,), generator=generator)
    return X, y


def as_classes(result, n):
    assert torch.is_tensor(result), "predict() should return a tensor of class indices, got " + type(result).__name__
    assert result.shape == (n,), f"expected one class index per row, shape ({n},), got {tuple(result.shape)}"
    return result


def test_predictions_are_repeatable_and_use_eval_mode(learner):
    net, (X, _) = model(), batch()
    net.train()
    first = as_classes(learner.predict(net, X), len(X))
    second = as_classes(learner.predict(net, X), len(X))
    assert torch.equal(first, second), (
        "two predictions on the same rows differ: dropout was active. Call model.eval() before predicting"
    )
    net.eval()
    with torch.no_grad():
        expected = net(X).argmax(dim=1)
    assert torch.equal(first, expected), "the predictions should be the argmax of the model's outputs in eval mode"


def test_single_row(learner):
    net, (X, _) = model(), batch()
    net.train()
    try:
        got = as_classes(learner.predict(net, X[:1]), 1)
    except ValueError as error:
        raise AssertionError(
            f"predicting one row failed ({error}): in training mode batch norm needs a batch's statistics; "
            "in eval mode it uses its running ones"
        ) from None
    net.eval()
    with torch.no_grad():
        assert torch.equal(got, net(X[:1]).argmax(dim=1)), "the prediction for a single row is wrong"


def test_predict_leaves_batch_norm_statistics_alone(learner):
    net, (X, _) = model(), batch()
    before = net[1].running_mean.clone(), net[1].running_var.clone()
    net.train()
    learner.predict(net, X)
    assert torch.equal(net[1].running_mean, before[0]) and torch.equal(net[1].running_var, before[1]), (
        "predicting changed batch norm's running statistics: the model was in training mode. Call model.eval()"
    )


def test_predict_without_gradients(learner):
    net, (X, _) = model(), batch()
    seen = []
    net.register_forward_hook(lambda module, inputs, output: seen.append(torch.is_grad_enabled()))
    learner.predict(net, X)
    assert seen, "predict() should run the model on X"
    assert not any(seen), (
        "predict ran the model with gradients on, building a computation graph it never uses: "
        "predict inside `with torch.no_grad():`"
    )


def test_predict_restores_the_mode(learner):
    net, (X, _) = model(), batch()
    net.train()
    learner.predict(net, X)
    assert net.training, "the model was in training mode before predict() and in eval mode after: restore it with model.train(was_training)"
    net.eval()
    learner.predict(net, X)
    assert not net.training, "the model was in eval mode before predict() and in training mode after: leave it as it was"


def test_train_step(learner):
    net, (X, y) = model(), batch()
    net.eval()
    weights = net[0].weight.detach().clone()
    running = net[1].running_mean.clone()
    optimizer = torch.optim.SGD(net.parameters(), lr=0.1)
    loss = learner.train_step(net, optimizer, nn.CrossEntropyLoss(), X, y)
    assert not torch.equal(net[1].running_mean, running), (
        "train_step ran in eval mode (batch norm's running statistics did not move): call model.train() first"
    )
    assert not torch.equal(net[0].weight, weights), "train_step did not change the weights: call loss.backward() and optimizer.step()"
    assert isinstance(loss, float), f"train_step() should return the loss as a float (loss.item()), got {type(loss).__name__}"
