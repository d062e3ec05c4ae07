"""The pytest plugin mlroadmap loads (`-p mlroadmap_checks`) when it runs an exercise's checks.

Contract with the checks an author writes (content/exercises/<id>/test_*.py):
- the learner's file (or, under `exercises verify`, the starter or the reference solution) is the
  path in MLROADMAP_EXERCISE_FILE; a check receives it, imported as a module, as the fixture
  `learner`: `def test_shape(learner): assert learner.f(...).shape == (3, 4), "expected ..."`;
- a check says what is wrong in its assertion message, in words a learner can act on; the first
  failing check's message is what mlroadmap shows;
- when the learner's file cannot be imported (a syntax error, an exception at the top level), every
  check fails with LearnerCodeError, whose message is the last lines of the learner's traceback.

When MLROADMAP_RESULT_FILE is set, the plugin writes there, as JSON, the outcome of every check in
order: {"checks": [{"name", "outcome": "passed"|"failed"|"skipped", "message"}], "learnerError",
"missingModule", "collectionError"}: "missingModule" names a module that could not be imported (by
the learner's file or a check file), "collectionError" says why a check file could not be loaded.
Messages are cut to MAX_MESSAGE characters: an assertion quoting a huge value must not flood the screen.
"""

import importlib.util
import json
import os
import re
import sys
import traceback

import pytest


class LearnerCodeError(Exception):
    """The learner's file raised while it was imported."""


def _learner_traceback(error, path):
    """The last lines of the traceback, from the learner's own file on (never the plugin's frames)."""
    frames = traceback.extract_tb(error.__traceback__)
    theirs = [frame for frame in frames if os.path.abspath(frame.filename) == os.path.abspath(path)]
    lines = traceback.format_list(theirs[-3:]) if theirs else []
    lines += traceback.format_exception_only(type(error), error)
    return "".join(lines).rstrip()


_loaded = {}
_missing = {"module": None}
MAX_MESSAGE = 4000


def _cut(text):
    if text is None or len(text) <= MAX_MESSAGE:
        return text
    return text[: MAX_MESSAGE // 2] + "\n[...]\n" + text[-MAX_MESSAGE // 2 :]


def load_learner_module(path=None):
    """Import the learner's file once per session (as a fresh module named after the file)."""
    path = path or os.environ.get("MLROADMAP_EXERCISE_FILE")
    if not path:
        raise LearnerCodeError("MLROADMAP_EXERCISE_FILE is not set: run the checks through mlroadmap")
    if path in _loaded:
        result = _loaded[path]
        if isinstance(result, LearnerCodeError):
            raise result
        return result
    name = os.environ.get("MLROADMAP_EXERCISE_MODULE") or os.path.splitext(os.path.basename(path))[0]
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        error = LearnerCodeError(f"cannot read {path} as Python")
        _loaded[path] = error
        raise error
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException as caught:  # noqa: BLE001 - any failure of the learner's code is reported
        if isinstance(caught, KeyboardInterrupt):
            raise
        if isinstance(caught, ModuleNotFoundError) and caught.name:
            _missing["module"] = caught.name.split(".")[0]
        error = LearnerCodeError(_learner_traceback(caught, path))
        _loaded[path] = error
        raise error from None
    _loaded[path] = module
    return module


@pytest.fixture
def learner():
    return load_learner_module()


_results = []


def _message(report):
    if report.passed:
        return None
    if report.skipped:
        longrepr = report.longrepr
        if isinstance(longrepr, tuple) and len(longrepr) == 3:
            return str(longrepr[2]).removeprefix("Skipped: ")
        return str(longrepr)
    call = getattr(report, "_mlroadmap_excinfo", None)
    if call is not None:
        error = call.value
        if isinstance(error, LearnerCodeError):
            return str(error)
        if isinstance(error, AssertionError):
            text = str(error)
            # pytest's assertion rewriting appends "\nassert <expression>": keep the author's words.
            head = text.split("\nassert ")[0].strip()
            return head or "a check failed"
        path = os.environ.get("MLROADMAP_EXERCISE_FILE", "")
        return _learner_traceback(error, path)
    return str(report.longrepr).strip().splitlines()[-1] if report.longrepr else "a check failed"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if call.excinfo is not None:
        report._mlroadmap_excinfo = call.excinfo


def pytest_runtest_logreport(report):
    if report.when == "call" or (report.when == "setup" and not report.passed):
        _results.append({"name": report.nodeid.split("::")[-1], "outcome": report.outcome, "message": _cut(_message(report))})


_collection = {"error": None}


def pytest_collectreport(report):
    if not report.failed or _collection["error"] is not None:
        return
    text = str(report.longrepr)
    found = re.search(r"No module named '([\w.]+)'", text)
    if found:
        _missing["module"] = found.group(1).split(".")[0]
    lines = [line for line in text.strip().splitlines() if line.strip()]
    _collection["error"] = _cut("\n".join(lines[-3:]) if lines else "a check file could not be loaded")


def pytest_sessionfinish(session, exitstatus):
    target = os.environ.get("MLROADMAP_RESULT_FILE")
    if not target:
        return
    learner_error = None
    loaded = _loaded.get(os.environ.get("MLROADMAP_EXERCISE_FILE", ""))
    if isinstance(loaded, LearnerCodeError):
        learner_error = str(loaded)
    with open(target, "w", encoding="utf-8") as handle:
        json.dump(
            {
                "checks": _results,
                "learnerError": _cut(learner_error),
                "missingModule": _missing["module"],
                "collectionError": _collection["error"],
            },
            handle,
        )
