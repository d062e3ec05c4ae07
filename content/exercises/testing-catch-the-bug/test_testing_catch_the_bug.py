"""Runs the learner's own tests against a correct min_max_scale and against broken ones."""

import os
import re
import subprocess
import sys
import textwrap

import pytest

NAMES = ["min_max_scale"]

CORRECT = '''
def min_max_scale(values):
    if not values:
        return []
    low, high = min(values), max(values)
    if high == low:
        return [0.0 for _ in values]
    return [(value - low) / (high - low) for value in values]
'''

BUGS = {
    "divides by the largest value instead of by the range (max - min)": '''
def min_max_scale(values):
    if not values:
        return []
    low, high = min(values), max(values)
    if high == low:
        return [0.0 for _ in values]
    return [(value - low) / high for value in values]
''',
    "returns the scaled values in sorted order instead of in the order they came": '''
def min_max_scale(values):
    if not values:
        return []
    values = sorted(values)
    low, high = values[0], values[-1]
    if high == low:
        return [0.0 for _ in values]
    return [(value - low) / (high - low) for value in values]
''',
    "crashes with ZeroDivisionError when all the values are equal": '''
def min_max_scale(values):
    if not values:
        return []
    low, high = min(values), max(values)
    return [(value - low) / (high - low) for value in values]
''',
}

PLUGIN = '''
import importlib.util

_spec = importlib.util.spec_from_file_location("mlroadmap_version_under_test", {path!r})
_impl = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_impl)


def pytest_collection_modifyitems(session, config, items):
    # Swap the version under test in, under the name the learner's tests call.
    for item in items:
        module = getattr(item, "module", None)
        if module is not None:
            for name in {names!r}:
                setattr(module, name, getattr(_impl, name))
'''


def run_learner_tests(learner, tmp_path, implementation):
    """Run pytest on a copy of the learner's file with `implementation` swapped in: (exit code, summary)."""
    work = tmp_path / "work"
    work.mkdir()
    source = open(learner.__file__, encoding="utf-8").read()
    target = work / os.path.basename(learner.__file__)
    target.write_text(source, encoding="utf-8")
    (tmp_path / "version_under_test.py").write_text(textwrap.dedent(implementation), encoding="utf-8")
    (tmp_path / "mlroadmap_swap.py").write_text(
        PLUGIN.format(path=str(tmp_path / "version_under_test.py"), names=NAMES), encoding="utf-8"
    )
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "MLROADMAP_"))}
    env["PYTHONPATH"] = str(tmp_path) + os.pathsep + env.get("PYTHONPATH", "")
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["PYTHONIOENCODING"] = "utf-8"  # the learner's test ids may hold any character (a euro sign)
    command = [
        sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--noconftest",
        "-p", "mlroadmap_swap", "-c", str(tmp_path / "pytest.ini"), "--rootdir", str(tmp_path),
        "--tb=no", "-rfE", str(target),
    ]
    try:
        done = subprocess.run(
            command, cwd=str(work), env=env, capture_output=True, encoding="utf-8", errors="replace", timeout=60
        )
    except subprocess.TimeoutExpired:
        raise AssertionError("your tests took longer than 60 s to run: is there an endless loop?") from None
    lines = (done.stdout + done.stderr).splitlines()
    summary = [line for line in lines if line.startswith(("FAILED", "ERROR", "E "))]
    return done.returncode, "\n".join(summary[:3]) or "\n".join(lines[-3:])


_correct_runs = {}


def run_on_correct(learner, tmp_path):
    # Two checks look at the run on the correct function: run it once.
    if learner.__file__ not in _correct_runs:
        _correct_runs[learner.__file__] = run_learner_tests(learner, tmp_path, CORRECT)
    return _correct_runs[learner.__file__]


def test_your_tests_are_found(learner, tmp_path):
    code, summary = run_on_correct(learner, tmp_path)
    assert code != 5, (
        "pytest found no tests in your file: write functions whose names start with test_, "
        "such as def test_three_values():"
    )
    assert code in (0, 1), f"pytest could not run your file:\n{summary}"


def test_your_tests_pass_on_the_correct_function(learner, tmp_path):
    code, summary = run_on_correct(learner, tmp_path)
    assert code == 0, (
        "some of your tests fail on the correct min_max_scale, so they expect something it does not "
        f"promise (compare floats with pytest.approx):\n{summary}"
    )


@pytest.mark.parametrize("bug", list(BUGS))
def test_your_tests_catch_the_bug(learner, tmp_path, bug):
    code, summary = run_learner_tests(learner, tmp_path, BUGS[bug])
    assert code == 1, (
        f"all your tests pass on a broken min_max_scale that {bug}: add a test that this bug would fail"
    )
