import pytest

torch = pytest.importorskip("torch", reason="PyTorch is not installed: pip install torch")
from torch import nn  # noqa: E402


def model(seed=0):
    torch.manual_seed(seed)
    return nn.Sequential(nn.Linear(20, 64), nn.LayerNorm(64), nn.ReLU(), nn.Linear(64, 4))


def one_batch(seed=0):
    generator = torch.Generator().manual_seed(seed)
    X = torch.randn(16, 20, generator=generator)
    y = torch.randint(0, 4, (16,), generator=generator)  # random labels: only memorising fits them
    return X, y


def test_overfit_one_batch(learner):
    net, (X, y) = model(), one_batch()
    losses = learner.overfit_one_batch(net, X, y, steps=300, lr=1e-2)
    losses = list(losses)
    assert len(losses) == 300, f"expected one loss per step (300), got {len(losses)}"
    assert all(isinstance(v, float) for v in losses), "return the losses as floats (loss.item()), not tensors"
    assert losses[-1] < 0.01, (
        f"the loss went from {losses[0]:.3f} to {losses[-1]:.3f}, not below 0.01: on one batch of 16 rows the model "
        "should memorise it. Check that every step calls zero_grad, backward and step on the same optimizer"
    )
    net.eval()
    with torch.no_grad():
        correct = (net(X).argmax(dim=1) == y).sum().item()
    assert correct == 16, f"after overfitting, the model should predict all 16 labels of the batch, got {correct}"


def groups_of(learner):
    net = model()
    optimizer = learner.make_optimizer(net, lr=1e-3, weight_decay=0.05)
    assert isinstance(optimizer, torch.optim.AdamW), "make_optimizer() should return torch.optim.AdamW, got " + type(optimizer).__name__
    return net, optimizer


def test_weight_decay_groups(learner):
    net, optimizer = groups_of(learner)
    names = {id(p): name for name, p in net.named_parameters()}
    decayed, plain = set(), set()
    for group in optimizer.param_groups:
        target = decayed if group["weight_decay"] > 0 else plain
        for p in group["params"]:
            assert id(p) not in decayed | plain, f"the parameter {names.get(id(p))} is in two groups"
            target.add(id(p))
    missing = [name for name, p in net.named_parameters() if id(p) not in decayed | plain]
    assert not missing, f"these parameters are in no group, so they would never be trained: {missing}"
    wrongly_decayed = sorted(names[i] for i in decayed if net.get_parameter(names[i]).ndim < 2)
    assert not wrongly_decayed, (
        f"{wrongly_decayed} get weight decay: biases and LayerNorm parameters (1-dimensional) belong in a group "
        "with weight_decay 0.0"
    )
    undecayed = sorted(names[i] for i in plain if net.get_parameter(names[i]).ndim >= 2)
    assert not undecayed, f"the weight matrices {undecayed} should get weight decay"
    rates = {group["weight_decay"] for group in optimizer.param_groups if group["weight_decay"] > 0}
    assert rates == {0.05}, f"the decayed group should use the weight_decay passed in (0.05), got {sorted(rates)}"
    assert all(group["lr"] == 1e-3 for group in optimizer.param_groups), "every group should use the lr passed in (1e-3)"


def learning_rates(learner, warmup=10, total=100):
    net = model()
    optimizer = torch.optim.AdamW(net.parameters(), lr=1e-3)
    scheduler = learner.make_scheduler(optimizer, warmup_steps=warmup, total_steps=total)
    rates = []
    for _ in range(total):
        rates.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
    return rates


def test_warm_up(learner):
    rates = learning_rates(learner)
    assert rates[0] <= 0.2e-3, f"the first step should use a small learning rate (warm-up), got {rates[0]:.2e} of a base 1e-3"
    warmup = rates[:11]
    assert all(b > a for a, b in zip(warmup, warmup[1:9])), (
        f"during the 10 warm-up steps the learning rate should rise every step, got {[f'{r:.1e}' for r in warmup]}"
    )
    peak = max(rates)
    assert abs(peak - 1e-3) < 1e-9, f"the learning rate should peak at the base rate 1e-3, peaked at {peak:.2e}"
    assert rates.index(peak) in (9, 10), (
        f"the learning rate should reach the base rate at the end of the warm-up (step 9 or 10), reached it at step {rates.index(peak)}"
    )


def test_cosine_decay(learner):
    rates = learning_rates(learner)
    after = rates[11:]
    assert all(b < a for a, b in zip(after, after[1:])), "after the warm-up the learning rate should fall at every step"
    assert rates[-1] < 1e-3 * 0.01, f"by the last step the learning rate should be nearly 0, got {rates[-1]:.2e}"
    middle = rates[55]
    assert 0.35e-3 < middle < 0.65e-3, (
        f"half-way through the decay a cosine gives about half the base rate; got {middle:.2e} at step 55 "
        "(a linear decay also gives half here; check the shape: 0.5 * (1 + cos(pi * progress)))"
    )
    quarter = rates[32]
    assert quarter > 0.78e-3, (
        f"a quarter of the way through the decay a cosine is still near the top (about 0.85 of the base rate); got "
        f"{quarter / 1e-3:.2f} of it at step 32: use 0.5 * (1 + cos(pi * progress)), not a straight line"
    )
