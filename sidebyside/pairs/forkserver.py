"""Run snippets in forked children of an interpreter that has already imported its framework.

Why: ``import tensorflow`` costs most of a snippet's run time, and the test
suite runs every snippet. A server process imports the framework once and
nothing else runs in it; each snippet then runs in a ``fork()`` of that
server, which starts with the framework already in memory.

What makes a forked run equal to ``python snippet.py`` in a fresh process
(``runner.run``, which ``make record`` always uses):

- the server starts with the same environment as a fresh run (``RUN_ENV``),
  so everything the framework reads at import time is the same; a snippet
  that sets variables with literal ``os.environ[...] = ...`` lines before its
  imports (``preset_env``, e.g. ``KERAS_BACKEND``) gets a server started with
  them set, which also preloads the module that reads them (``PRESET_READERS``);
  a snippet that imports a slow module its framework does not load
  (``COMPANIONS``: ``torch.utils.tensorboard`` loads all of TensorFlow) gets a
  server that preloads it too, so plain halves never carry it;
- the server imports the framework and runs nothing: no op, no thread pool,
  no random draw. It refuses to serve if the import left more than one OS
  thread, because ``fork()`` copies only the calling thread;
- each child: its own session (process group), a new empty working
  directory, ``os.environ`` replaced by exactly the fresh run's environment
  (plus whatever the framework import itself set, as it would in a fresh run),
  ``sys.argv``/``sys.path[0]``/``__main__`` as ``python file.py`` sets them,
  stdin from /dev/null, stdout/stderr captured, NumPy's and PyTorch's global
  generators reseeded from OS entropy as a fresh import seeds them (Python's
  ``random`` reseeds itself after fork); the child ends through normal interpreter
  shutdown, so ``atexit`` handlers and non-daemon threads behave as at the
  end of a fresh process.

What is not reset, and is therefore the parent's: modules already imported
(and whatever they read at import, such as ``KERAS_HOME`` or matplotlib's
config dir, which point into the server's own temporary home). Snippets
that could notice are never forked: ``fresh_only`` lists the reasons
(worker pools, process groups, environment variables written any other
way than ``preset_env`` reads), and ``tests/test_snippets.py`` runs those
the fresh way. A ``tf.distribute`` snippet may fork: the server ran no op,
so the child can still split the CPU into logical devices before
TensorFlow's runtime starts, as a fresh process does. So may a snippet that
starts a program (``subprocess``) or DataLoader workers: those start from
the forked child, which holds what a fresh run holds at that point. Every
forked run is compared with the recording that the fresh path made; a snippet whose output depends on process state therefore
fails its test, and the test then says whether the fresh path agrees.

The child's stdout and stderr go, as bytes, to files the client names; the
client then judges them with ``runner.checked_output``, the validator of a
fresh run (exit status, time limit, output size, UTF-8), so a forked run is
refused exactly when and as a fresh one is.
"""

from __future__ import annotations

import ast
import atexit
import gc
import io
import json
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import tokenize
import types
from pathlib import Path

from sidebyside.pairs.catalog import Half, parse_header
from sidebyside.pairs.runner import Completed, Result, base_env, checked_output, framework_version, snippet_env

FRAMEWORK_MODULES: dict[str, str] = {"tensorflow": "tensorflow", "pytorch": "torch", "jax": "jax"}
"""Framework of a half -> the module its server preloads."""

PRESET_READERS: dict[str, str] = {"KERAS_BACKEND": "keras"}
"""A variable a snippet may set before its imports -> the module that reads it at import.

A server started with that variable set preloads the module too, so the
module is in memory the way the snippet's own import would have made it
(Keras picks its backend once, at import)."""

COMPANIONS: dict[str, tuple[str, ...]] = {"torch.utils.tensorboard": ("torch._dynamo", "torch.utils.tensorboard")}
"""A module a half imports that costs seconds its framework's server has not spent -> what a server for such
halves imports after the framework, in this order (torch's compiler stack before TensorBoard loads TensorFlow,
as those halves import them). Each such half paid a whole TensorFlow import in its fork before."""

FRESH_ONLY: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\bmultiprocessing\b|\bProcessPoolExecutor\b|\bos\.fork\b"), "starts worker processes"),
    (re.compile(r"\btorch\.distributed\b"), "joins a torch.distributed process group"),
]
"""Code patterns (comments ignored) that make a snippet run only in a fresh process, with why."""

ENVIRON_METHODS = frozenset({"update", "setdefault", "pop", "popitem", "clear", "__setitem__", "__delitem__"})
"""``os.environ`` methods that write to it."""


FORCE_FRESH = "SIDEBYSIDE_FRESH"
"""Set to 1 to run every snippet test in a fresh process (the way ``make record`` does)."""


def fresh_only(path: Path) -> str | None:
    """Why ``path`` must not run in a forked child, or None when it may."""
    if os.environ.get(FORCE_FRESH) == "1":
        return f"{FORCE_FRESH}=1"
    framework = path.name.rsplit(".", 2)[-2] if path.name.count(".") >= 2 else ""
    if framework not in FRAMEWORK_MODULES:
        return f"no preloaded server for '{framework}' halves"
    if "launch" in parse_header(path):  # several processes started by a launcher, never a fork of one interpreter
        return "is started by a launcher ('# launch:' header)"
    code = _code_without_comments(path)
    for pattern, why in FRESH_ONLY:
        if pattern.search(code):
            return why
    if preset_env(path) is None:
        return ("sets environment variables other than by 'os.environ[\"NAME\"] = \"value\"' lines before its "
                "first import, and libraries may already have read them at import")
    return None


def preset_env(path: Path) -> dict[str, str] | None:
    """What ``path`` puts in the environment before its imports: ``{}`` if nothing, None if it is not that simple.

    Only top-level ``os.environ["NAME"] = "value"`` lines with literal strings,
    above every import but ``os``'s, count: a server started with exactly
    those variables imported its framework as the snippet's own imports
    would. Any other write (later, computed, repeated, ``update``, ``pop``,
    ``putenv``) makes the snippet fresh-only. Reading the environment is fine.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"))
    writes = sum(1 for node in ast.walk(tree) if _writes_environment(node))
    preset: dict[str, str] = {}
    for statement in tree.body:
        if isinstance(statement, ast.Import | ast.ImportFrom) and not _imports_only_os(statement):
            break
        if (isinstance(statement, ast.Assign) and len(statement.targets) == 1
                and isinstance(target := statement.targets[0], ast.Subscript) and _is_environ(target.value)
                and isinstance(target.slice, ast.Constant) and isinstance(target.slice.value, str)
                and isinstance(statement.value, ast.Constant) and isinstance(statement.value.value, str)):
            preset[target.slice.value] = statement.value.value
    return preset if len(preset) == writes else None


def companions(path: Path) -> tuple[str, ...]:
    """The ``COMPANIONS`` modules a server for ``path`` preloads: those of every module the script imports."""
    imported: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            imported.add(node.module)
    return tuple(module for name, modules in COMPANIONS.items() if name in imported for module in modules)


def _is_environ(node: ast.expr) -> bool:
    return ast.unparse(node) in ("os.environ", "environ")


def _writes_environment(node: ast.AST) -> bool:
    """An item assigned or deleted in ``os.environ``, a writing method called on it, or ``putenv``/``unsetenv``."""
    if isinstance(node, ast.Subscript):
        return isinstance(node.ctx, ast.Store | ast.Del) and _is_environ(node.value)
    if isinstance(node, ast.Call):
        func = node.func
        if isinstance(func, ast.Attribute):
            return (func.attr in ENVIRON_METHODS and _is_environ(func.value)) or func.attr in ("putenv", "unsetenv")
        return isinstance(func, ast.Name) and func.id in ("putenv", "unsetenv")
    return False


def _imports_only_os(statement: ast.Import | ast.ImportFrom) -> bool:
    if isinstance(statement, ast.ImportFrom):
        return statement.module in ("__future__", "os")
    return all(alias.name == "os" for alias in statement.names)


def _code_without_comments(path: Path) -> str:
    """The script with comments and string literals blanked out.

    Headers such as '# differs: tf.distribute ...' and docstrings that name an
    API must not make a snippet fresh-only; only code counts.
    """
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    with path.open("rb") as handle:
        tokens = [t for t in tokenize.tokenize(handle.readline) if t.type in (tokenize.COMMENT, tokenize.STRING)]
    for token in reversed(tokens):  # from the end, so earlier positions stay valid
        (row, col), (end_row, end_col) = token.start, token.end
        if row == end_row:
            lines[row - 1] = lines[row - 1][:col] + lines[row - 1][end_col:]
        else:
            lines[row - 1] = lines[row - 1][:col]
            for middle in range(row, end_row - 1):
                lines[middle] = ""
            lines[end_row - 1] = lines[end_row - 1][end_col:]
    return "".join(lines)


# ---------------------------------------------------------------- server side


def _os_threads() -> int:
    return len(os.listdir("/proc/self/task"))


def serve(modules: list[str], base_path: list[str], preload: str = "") -> None:
    """Import the framework (and the modules its preset variables feed), then run one snippet per request line
    on stdin, one JSON reply per line on stdout.

    Request: ``{"path": ..., "env": {...}, "workdir": ..., "timeout": s, "stdout": file, "stderr": file}``.
    Reply: ``{"returncode": n, "timed_out": bool}``; the output stays as bytes in the client's two
    files, so the client judges it exactly as a fresh run's (``runner.checked_output``).
    """
    before = dict(os.environ)
    for module in modules:
        __import__(module)
    import_env = {k: v for k, v in os.environ.items() if before.get(k) != v}  # what the import itself set
    import_unset = [k for k in before if k not in os.environ]
    if preload:  # tests only: code that leaves the server in a state it must refuse
        exec(preload, {})  # noqa: S102
    gc.collect()
    threads = _os_threads()
    requests = os.fdopen(os.dup(0), "rb", buffering=0)
    replies = os.dup(1)
    if threads != 1:
        _reply(replies, {"ready": False, "why": f"importing {', '.join(modules)} left {threads} OS threads; fork() would copy only one"})
        return
    _reply(replies, {"ready": True, "pid": os.getpid()})
    while line := _read_line(requests):
        request = json.loads(line)
        out_path, err_path = str(request["stdout"]), str(request["stderr"])
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            requests.close()
            os.close(replies)
            env = {**dict(request["env"]), **import_env}  # type: ignore[call-overload]
            for key in import_unset:
                env.pop(key, None)
            _become_snippet(request, env, base_path, out_path, err_path)  # never returns
        returncode, timed_out = _wait(pid, float(request["timeout"]))
        _reply(replies, {"returncode": returncode, "timed_out": timed_out})
    # The client closed its end: leave without tearing down the framework's thousands of modules (seconds of
    # CPU per server, nothing to save; every child has been waited for).
    os._exit(0)


def _read_line(stream: io.RawIOBase) -> bytes:
    """One request line, read without a buffer (a forked child must not inherit unread input)."""
    data = bytearray()
    while (byte := stream.read(1)) and byte != b"\n":
        data += byte
    return bytes(data)


def _reply(fd: int, message: dict[str, object]) -> None:
    data = (json.dumps(message) + "\n").encode("utf-8")
    while data:
        data = data[os.write(fd, data):]


def _wait(pid: int, timeout: float) -> tuple[int, bool]:
    """Wait for the child (killing its whole process group at the deadline); (returncode, timed_out)."""
    pidfd = os.pidfd_open(pid)
    try:
        ready, _, _ = select.select([pidfd], [], [], timeout)
    finally:
        os.close(pidfd)
    timed_out = not ready
    if timed_out:
        _kill_group(pid)
    _, status = os.waitpid(pid, 0)
    _kill_group(pid)  # grandchildren the snippet left behind
    return os.waitstatus_to_exitcode(status), timed_out


def _kill_group(pgid: int) -> None:
    try:
        os.killpg(pgid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _become_snippet(request: dict[str, object], env: dict[str, str], base_path: list[str], out_path: str, err_path: str) -> None:
    """In the child: look like ``python <path>`` started in a fresh process, run it, exit through shutdown."""
    os.setsid()
    path = str(request["path"])
    null = os.open(os.devnull, os.O_RDONLY)
    out = os.open(out_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    err = os.open(err_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    for fd, target in ((null, 0), (out, 1), (err, 2)):
        os.dup2(fd, target)
        os.close(fd)
    os.chdir(str(request["workdir"]))
    os.environ.clear()
    os.environ.update(env)
    sys.argv[:] = [path]
    sys.path[:] = [os.path.dirname(path), *base_path]
    _reseed_from_entropy()
    main = types.ModuleType("__main__")
    main.__dict__.update({"__file__": path, "__builtins__": __builtins__, "__cached__": None})
    sys.modules["__main__"] = main
    status = 0
    try:
        exec(compile(Path(path).read_bytes(), path, "exec", dont_inherit=True), main.__dict__)  # noqa: S102 - running it is the point
    except SystemExit as stop:
        status = _exit_status(stop.code)
    except BaseException as error:  # what the interpreter does with an uncaught exception
        sys.excepthook(type(error), error, error.__traceback__.tb_next if error.__traceback__ else None)
        status = 1
    _shut_down(status)


def _reseed_from_entropy() -> None:
    """Seed the global generators that a fresh import seeds from OS entropy, so unseeded code stays unrepeatable.

    Python's ``random`` does this itself after ``fork()``. TensorFlow creates
    its generators on first use, which happens in the child.
    """
    if "numpy" in sys.modules:
        sys.modules["numpy"].random.seed()
    if "torch" in sys.modules:
        sys.modules["torch"].seed()


def _exit_status(code: object) -> int:
    """``SystemExit.code`` -> process exit status, as the interpreter maps it."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1


def _shut_down(status: int) -> None:
    """End the child the way interpreter shutdown ends a fresh process, minus module teardown.

    In order, as ``Py_FinalizeEx`` does: wait for non-daemon threads, run
    ``atexit`` handlers, flush stdout/stderr. Tearing down the ~4000 modules
    that TensorFlow imports costs seconds and prints nothing, so the child
    skips it with ``os._exit``. (An object whose finaliser printed during
    module teardown would show up as a difference from the recording.)
    """
    threading._shutdown()  # type: ignore[attr-defined] - the same call the interpreter makes at exit
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            status = status or 120  # what CPython exits with when flushing stdout fails
    os._exit(status)


# ---------------------------------------------------------------- client side


class ForkServerUnavailable(RuntimeError):
    """The server could not start or refused to fork safely; use the fresh path."""


class ForkServer:
    """A preloaded interpreter for one framework and preset environment, started on first use, stopped by ``close``."""

    def __init__(self, framework: str, env: dict[str, str], start_timeout: float = 600, preload: str = "",
                 preset: dict[str, str] | None = None, extra: tuple[str, ...] = ()) -> None:
        self.framework = framework
        preset = preset or {}
        modules = [FRAMEWORK_MODULES[framework], *(PRESET_READERS[k] for k in sorted(preset) if k in PRESET_READERS),
                   *extra]
        self.home = tempfile.mkdtemp(prefix=f"sbs-forkserver-{framework}-")
        server_env = {**env, **preset, "HOME": self.home, "KERAS_HOME": os.path.join(self.home, ".keras"),
                      "MPLCONFIGDIR": os.path.join(self.home, ".mpl")}
        root = str(Path(__file__).resolve().parents[2])
        # sys.path[1:] of a '-c' interpreter is what 'python file.py' puts after the script's directory
        bootstrap = (f"import sys; base = sys.path[1:]; sys.path.insert(0, {root!r}); "
                     f"from sidebyside.pairs.forkserver import serve; serve({modules!r}, base, {preload!r})")
        self.log = open(os.path.join(self.home, "server.log"), "w+b")
        self.proc = subprocess.Popen(
            [sys.executable, "-c", bootstrap], cwd=self.home, env=server_env,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.log, start_new_session=True,
        )
        hello = self._read(start_timeout)
        if not hello.get("ready"):
            self.close()
            raise ForkServerUnavailable(str(hello.get("why", "server did not start")))

    def _read(self, timeout: float) -> dict[str, object]:
        assert self.proc.stdout is not None
        ready, _, _ = select.select([self.proc.stdout], [], [], timeout)
        line = self.proc.stdout.readline() if ready else b""
        if not line:
            self.log.seek(0)
            tail = self.log.read().decode("utf-8", "replace")[-2000:]
            raise ForkServerUnavailable(f"{self.framework} fork server gave no answer within {timeout:.0f} s: {tail}")
        return json.loads(line)

    def run(self, path: Path, env: dict[str, str], workdir: str, timeout: float) -> Completed:
        """Run ``path`` in a fresh fork with ``env`` in ``workdir``; the server enforces ``timeout``."""
        assert self.proc.stdin is not None
        with tempfile.TemporaryDirectory(prefix="sbs-fork-io-") as io_dir:
            out, err = Path(io_dir, "stdout"), Path(io_dir, "stderr")
            request = {"path": str(path.resolve()), "env": env, "workdir": workdir, "timeout": timeout,
                       "stdout": str(out), "stderr": str(err)}
            self.proc.stdin.write((json.dumps(request) + "\n").encode("utf-8"))
            self.proc.stdin.flush()
            reply = self._read(timeout + 60)
            return Completed(int(reply["returncode"]), out.read_bytes(), err.read_bytes(), bool(reply["timed_out"]))  # type: ignore[call-overload]

    def close(self) -> None:
        if self.proc.poll() is None:
            if self.proc.stdin:
                self.proc.stdin.close()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        for stream in (self.proc.stdout, self.proc.stdin):
            if stream:
                stream.close()
        self.log.close()
        shutil.rmtree(self.home, ignore_errors=True)


class ForkPool:
    """One server per framework, preset environment (``preset_env``) and ``companions``, started on first use and kept
    for the session.

    A server that failed to start is remembered, so each later snippet
    learns it at once (and its caller runs that snippet fresh).
    """

    def __init__(self) -> None:
        self.servers: dict[tuple, ForkServer] = {}
        self.broken: dict[tuple, str] = {}

    def server(self, framework: str, preset: dict[str, str] | None = None, extra: tuple[str, ...] = ()) -> ForkServer:
        """The server for ``framework`` started with ``preset`` set and ``extra`` (``companions``) imported."""
        key = (framework, tuple(sorted((preset or {}).items()))) + ((extra,) if extra else ())
        if key in self.broken:
            raise ForkServerUnavailable(self.broken[key])
        if key not in self.servers:
            try:
                self.servers[key] = ForkServer(framework, base_env(), preset=preset, extra=extra)
            except ForkServerUnavailable as error:
                self.broken[key] = str(error)
                raise
        return self.servers[key]

    def close(self) -> None:
        for server in self.servers.values():
            server.close()
        self.servers.clear()


def run(half: Half, pool: ForkPool, timeout: int | None = None) -> Result:
    """Like ``runner.run`` in a fork of the preloaded server: the same environment and the same validator."""
    limit = timeout or half.timeout
    server = pool.server(half.framework, preset_env(half.path), companions(half.path))
    with tempfile.TemporaryDirectory(prefix="sbs-run-") as workdir:
        output = checked_output(half, limit, server.run(half.path, snippet_env(workdir), workdir, limit), workdir)
    return Result(half, framework_version(half.framework), output)
