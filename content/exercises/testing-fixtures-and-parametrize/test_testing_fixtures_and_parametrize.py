"""Runs the learner's own tests against the correct functions and against broken ones."""

import json
import os
import subprocess
import sys
import textwrap

import pytest

NAMES = ["parse_price", "total_by_customer"]

PARSE = '''
def parse_price(text):
    cleaned = text.strip()
    if cleaned[:1] in ("$", "\\u20ac", "\\u00a3"):
        cleaned = cleaned[1:].strip()
    price = float(cleaned.replace(",", ""))
    if price < 0:
        raise ValueError("negative")
    return price
'''
TOTAL = '''
def total_by_customer(orders):
    totals = {}
    for order in orders:
        customer = order["customer"]
        totals[customer] = totals.get(customer, 0.0) + parse_price(order["price"])
    return totals
'''
CORRECT = PARSE + TOTAL

BUGS = {
    "parse_price that does not drop the commas between thousands, so '1,234.50' raises ValueError": '''
def parse_price(text):
    cleaned = text.strip()
    if cleaned[:1] in ("$", "\\u20ac", "\\u00a3"):
        cleaned = cleaned[1:].strip()
    price = float(cleaned)
    if price < 0:
        raise ValueError("negative")
    return price
''' + TOTAL,
    "parse_price that only strips the '$' sign, so euro and pound prices raise ValueError": '''
def parse_price(text):
    cleaned = text.strip()
    if cleaned[:1] == "$":
        cleaned = cleaned[1:].strip()
    price = float(cleaned.replace(",", ""))
    if price < 0:
        raise ValueError("negative")
    return price
''' + TOTAL,
    "parse_price that accepts negative prices instead of raising ValueError": '''
def parse_price(text):
    cleaned = text.strip()
    if cleaned[:1] in ("$", "\\u20ac", "\\u00a3"):
        cleaned = cleaned[1:].strip()
    return float(cleaned.replace(",", ""))
''' + TOTAL,
    "total_by_customer that keeps only each customer's last price instead of adding them up": PARSE + '''
def total_by_customer(orders):
    totals = {}
    for order in orders:
        totals[order["customer"]] = parse_price(order["price"])
    return totals
''',
}

PLUGIN = '''
import importlib.util
import json

_spec = importlib.util.spec_from_file_location("mlroadmap_version_under_test", {path!r})
_impl = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_impl)


def _own_fixtures(item):
    info = getattr(item, "_fixtureinfo", None)
    found = []
    for name in getattr(item, "fixturenames", []):
        defs = info.name2fixturedefs.get(name) if info is not None else None
        func = getattr(defs[-1], "func", None) if defs else None
        if func is not None and getattr(func, "__module__", None) == item.module.__name__:
            found.append(name)
    return found


def pytest_collection_modifyitems(session, config, items):
    report = []
    for item in items:
        module = getattr(item, "module", None)
        if module is None:
            continue
        # Swap the version under test in, under the names the learner's tests call.
        for name in {names!r}:
            setattr(module, name, getattr(_impl, name))
        report.append({{
            "function": getattr(item, "originalname", None) or item.name.split("[")[0],
            "parametrized": hasattr(item, "callspec"),
            "own_fixtures": _own_fixtures(item),
        }})
    with open({report!r}, "w", encoding="utf-8") as handle:
        json.dump(report, handle)
'''


def run_learner_tests(learner, tmp_path, implementation):
    """Run pytest on a copy of the learner's file with `implementation` swapped in:
    (exit code, summary, what was collected)."""
    work = tmp_path / "work"
    work.mkdir()
    target = work / os.path.basename(learner.__file__)
    target.write_text(open(learner.__file__, encoding="utf-8").read(), encoding="utf-8")
    (tmp_path / "version_under_test.py").write_text(textwrap.dedent(implementation), encoding="utf-8")
    report = tmp_path / "collected.json"
    (tmp_path / "mlroadmap_swap.py").write_text(
        PLUGIN.format(path=str(tmp_path / "version_under_test.py"), names=NAMES, report=str(report)), encoding="utf-8"
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
    collected = json.loads(report.read_text(encoding="utf-8")) if report.exists() else []
    return done.returncode, "\n".join(summary[:3]) or "\n".join(lines[-3:]), collected


_correct_runs = {}


def run_on_correct(learner, tmp_path):
    # Several checks look at the run on the correct functions: run it once.
    if learner.__file__ not in _correct_runs:
        _correct_runs[learner.__file__] = run_learner_tests(learner, tmp_path, CORRECT)
    return _correct_runs[learner.__file__]


def test_your_tests_are_found(learner, tmp_path):
    code, summary, _ = run_on_correct(learner, tmp_path)
    assert code != 5, "pytest found no tests in your file: write functions whose names start with test_"
    assert code in (0, 1), f"pytest could not run your file:\n{summary}"


def test_a_parametrised_test_with_three_cases(learner, tmp_path):
    _, _, collected = run_on_correct(learner, tmp_path)
    cases = {}
    for item in collected:
        if item["parametrized"]:
            cases[item["function"]] = cases.get(item["function"], 0) + 1
    assert cases, (
        "none of your tests is parametrised: put @pytest.mark.parametrize(\"text, expected\", [...]) above a test "
        "to run it over a list of cases"
    )
    assert max(cases.values()) >= 3, (
        f"your parametrised tests have {max(cases.values())} case(s) at most; give one at least 3"
    )


def test_a_fixture_of_your_own(learner, tmp_path):
    _, _, collected = run_on_correct(learner, tmp_path)
    assert any(item["own_fixtures"] for item in collected), (
        "none of your tests uses a fixture defined in your file: write a function marked @pytest.fixture that "
        "returns sample orders, and name it as a parameter of a test"
    )


def test_your_tests_pass_on_the_correct_functions(learner, tmp_path):
    code, summary, _ = run_on_correct(learner, tmp_path)
    assert code == 0, (
        "some of your tests fail on the correct functions, so they expect something the docstrings do not "
        f"promise:\n{summary}"
    )


@pytest.mark.parametrize("bug", list(BUGS))
def test_your_tests_catch_the_bug(learner, tmp_path, bug):
    code, _, _ = run_learner_tests(learner, tmp_path, BUGS[bug])
    assert code == 1, f"all your tests pass on a broken {bug}: add a test case that this bug would fail"
