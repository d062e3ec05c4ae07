"""One Python that imports pytest and the exercises' libraries once, then runs each check in a fork.

`mlroadmap exercises verify` runs every exercise's checks twice (the solution must pass, the starter
fail). Each run in a new Python spends most of its time importing pytest, NumPy, pandas and
scikit-learn (about 1.2 s for an exercise that uses scikit-learn, against 0.1 s for the checks
themselves). This server imports them once; each run is a fork of it, so it starts with those modules
loaded and nothing else of any earlier run (the plugin, mlroadmap_checks, is imported in the fork).
Only verify uses it: a learner's own code is always checked in a Python of its own (runner.ts).

Protocol, one JSON object a line:
- the server's first line on stdout: {"ready": true, "preloaded": [module names imported]};
- each request on stdin: {"args": [pytest arguments], "cwd": "...", "env": {name: value},
  "stdout": "<file>", "stderr": "<file>"}: the fork moves to its own process group, goes to `cwd`,
  takes `env` as its whole environment, sends its output to the two files and runs pytest.main(args);
- for each request, two lines: {"pid": <the fork's pid>} at once (so a run that takes too long can
  be ended with its group), then {"code": <exit code>} or {"signal": <number>} when it ends.
The server ends when stdin closes. It serves one request at a time.
"""

import json
import os
import sys
import warnings


def main():
    preloaded = []
    for name in sys.argv[1:]:
        try:
            __import__(name)
            preloaded.append(name)
        except Exception:  # A library this Python lacks: each run finds out for itself.
            pass
    import gc

    import pytest

    # What is loaded now stays out of the collector's sight: a fork's collections then do not touch
    # (and so copy) the pages the server's objects are on.
    gc.collect()
    gc.freeze()
    # A fork of a process whose libraries started threads (OpenBLAS) is what multiprocessing does on
    # Linux; the child only runs pytest. Python 3.12+ warns about it on stderr.
    warnings.filterwarnings("ignore", category=DeprecationWarning, message=".*fork.*")
    out = sys.stdout
    out.write(json.dumps({"ready": True, "preloaded": preloaded}) + "\n")
    out.flush()
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            code = 70
            try:
                os.setpgid(0, 0)
                os.chdir(request["cwd"])
                os.environ.clear()
                os.environ.update(request["env"])
                for fd, path in ((1, request["stdout"]), (2, request["stderr"])):
                    target = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
                    os.dup2(target, fd)
                    os.close(target)
                stdin = os.open(os.devnull, os.O_RDONLY)
                os.dup2(stdin, 0)
                os.close(stdin)
                sys.stdin = open(os.devnull)
                # As `python -m pytest` has it: the folder it runs in first (the server's own, an empty
                # temporary folder, was there).
                sys.path[0] = os.getcwd()
                # A fork starts with the server's random state: seeded again as a new Python seeds
                # it (Python's own `random` is reseeded by fork itself; the hash seed stays the server's).
                if "numpy" in sys.modules:
                    sys.modules["numpy"].random.seed()
                code = pytest.main(request["args"])
            except BaseException:  # Whatever happened is pytest's (or the checks') to report on stderr.
                import traceback

                traceback.print_exc()
            finally:
                _end_as_python_does(int(code) if isinstance(code, int) else 1)
        # The fork's group made here too, so that it exists before anyone is told the pid.
        try:
            os.setpgid(pid, pid)
        except OSError:
            pass
        out.write(json.dumps({"pid": pid}) + "\n")
        out.flush()
        _, status = os.waitpid(pid, 0)
        if os.WIFSIGNALED(status):
            out.write(json.dumps({"signal": os.WTERMSIG(status)}) + "\n")
        else:
            out.write(json.dumps({"code": os.WEXITSTATUS(status)}) + "\n")
        out.flush()


def _end_as_python_does(code):
    """A fork's end, as a Python's own: non-daemon threads waited for, atexit handlers run (one may end it
    with another code), output flushed; then the exit, without the rest of the server's teardown."""
    try:
        import atexit
        import threading

        threading._shutdown()
        atexit._run_exitfuncs()
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)


if __name__ == "__main__":
    main()
