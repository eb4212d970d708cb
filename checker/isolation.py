"""Each input file is checked in a worker process with a time limit and a memory limit.

A hostile or broken document can hang in C code (a PDF content stream, a regex engine) or allocate without end;
no try/except in the same process stops that. The worker is a fork of the checker, so the loaded rulebook and
spaCy pipeline cost nothing to start; it sends its results back pickled, and the parent kills it when the time
limit passes or its resident memory goes over the memory limit.

The time limit is per unit of progress: the worker beats (beat()) when it finishes a document of the file or an
OCR'd page, and each beat gives it the limit again, so a 200-notice OCDS file or a 50-page scan is not cut off
while a hang is; a file's total time is capped at TOTAL_FACTOR times the limit. Where fork is unavailable the
check runs in-process with no limits.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import resource
import select
import signal
import time
import traceback
from dataclasses import dataclass

from checker.limits import DEFAULTS, how_to_change

DEFAULT_TIMEOUT_S = float(DEFAULTS.timeout_s)
DEFAULT_MEMORY_MB = DEFAULTS.memory_mb
TOTAL_FACTOR = 20
POLL_S = 0.05
_beat_fd: int | None = None  # set in a worker: where beat() writes


@dataclass(frozen=True)
class Limits:
    """Per-document limits; None turns a limit off (timeout 0 or memory 0 on the command line)."""

    timeout_s: float | None = DEFAULT_TIMEOUT_S
    memory_mb: int | None = DEFAULT_MEMORY_MB


class LimitExceeded(Exception):
    """The worker was stopped: cause says which limit, in words for the one-line error."""

    def __init__(self, cause: str):
        super().__init__(cause)
        self.cause = cause


class WorkerFailed(Exception):
    """The worker raised: the exception is re-raised in the parent where it pickles, else this carries its text."""


def beat() -> None:
    """Progress was made (a document checked, a page OCR'd): the time limit starts again. A no-op outside a
    worker; safe from threads."""
    if _beat_fd is not None:
        try:
            os.write(_beat_fd, b".")
        except OSError:
            pass


def can_isolate() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def run(fn, args: tuple, limits: Limits):
    """fn(*args) in a forked worker under limits; its return value, or its exception re-raised here."""
    if not can_isolate() or (limits.timeout_s is None and limits.memory_mb is None):
        return fn(*args)
    worker = Worker(fn, args, limits)
    while not worker.poll():
        _wait_for_output([worker], POLL_S)
    return worker.result()


def pool(tasks, jobs: int):
    """Run (key, fn, args, limits) tasks in up to `jobs` forked workers at once, each under its limits; yield
    (key, value) or (key, exception) as each finishes, in the order they finish. tasks is read lazily, one task
    per free worker, so a stream of tasks never waits in memory. Forks come from the calling thread only. When
    the consumer stops (an interrupt, a closed generator) every running worker is killed.

    Without fork the tasks run one at a time in this process, with no limits."""
    tasks = iter(tasks)
    if not can_isolate():
        for key, fn, args, _limits in tasks:
            try:
                yield key, fn(*args)
            except Exception as exc:  # noqa: BLE001 - handed to the caller as data, as a worker's would be
                yield key, exc
        return
    running: dict[Worker, object] = {}
    more = True
    try:
        while running or more:
            while more and len(running) < max(1, jobs):
                task = next(tasks, None)
                if task is None:
                    more = False
                    break
                key, fn, args, limits = task
                running[Worker(fn, args, limits)] = key
            finished = [w for w in running if w.poll()]
            if not finished:
                _wait_for_output(running, POLL_S / 5 if len(running) > 1 else POLL_S)
                continue
            for worker in finished:
                key = running.pop(worker)
                try:
                    value = worker.result()
                except Exception as exc:  # noqa: BLE001
                    value = exc
                yield key, value
    finally:
        for worker in running:
            worker.kill()


def _wait_for_output(workers, timeout: float) -> None:
    """Until a worker sends something or closes its pipe (a result is read the moment it is written, not at the
    next tick), or timeout seconds pass, when the limits are looked at again."""
    try:
        select.select([w.fd for w in workers if not w.done], [], [], timeout)
    except (OSError, ValueError):  # a pipe closed under us: poll() sees it
        time.sleep(timeout)


_STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM}


def _fork() -> int:
    """os.fork() with Ctrl-C and SIGTERM held until it has returned: arriving inside it, their
    KeyboardInterrupt was raised in an at-fork hook (logging's lock release), where Python prints and ignores
    it, so the run went on as if never stopped. Held, they are delivered as soon as fork returns, in both
    processes."""
    held = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
    try:
        return os.fork()
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


class Worker:
    """One forked worker running fn(*args): poll() until it is done, then result()."""

    def __init__(self, fn, args: tuple, limits: Limits):
        self.limits = limits
        reader, writer = os.pipe()
        beats_in, beats_out = os.pipe()
        pid = _fork()
        if pid == 0:  # the worker
            os.close(reader)
            os.close(beats_in)
            _worker(writer, beats_out, fn, args, limits)
        os.close(writer)
        os.close(beats_out)
        self.pid, self.fd, self.beats = pid, reader, beats_in
        os.set_blocking(reader, False)
        os.set_blocking(beats_in, False)
        self.start = time.monotonic()
        self.deadline = self.start + limits.timeout_s if limits.timeout_s else None
        self.chunks: list[bytes] = []
        self.stopped: str | None = None
        self.done = False

    def poll(self) -> bool:
        """Read what the worker sent, check its limits; True when it has finished or been stopped."""
        if self.done:
            return True
        limits = self.limits
        if self.deadline is not None and _drained(self.beats):
            self.deadline = min(time.monotonic() + limits.timeout_s, self.start + TOTAL_FACTOR * limits.timeout_s)
        while True:
            try:
                chunk = os.read(self.fd, 1 << 20)
            except BlockingIOError:
                break
            if not chunk:  # the worker closed its end: done, or died
                self._close(kill=False)
                return True
            self.chunks.append(chunk)
        if self.deadline is not None and time.monotonic() > self.deadline:
            self.stopped = (f"stopped after {limits.timeout_s:g} s without progress (the per-document time limit; "
                            f"{how_to_change('timeout_s')})")
        elif limits.memory_mb and _rss_mb(self.pid) > limits.memory_mb:
            self.stopped = (f"stopped at over {limits.memory_mb} MB of memory (the per-document memory limit; "
                            f"{how_to_change('memory_mb')})")
        if self.stopped:
            self._close(kill=True)
            return True
        return False

    def result(self):
        """The worker's return value, or its exception (or LimitExceeded) raised here."""
        if self.stopped:
            raise LimitExceeded(self.stopped)
        if not self.chunks:
            raise LimitExceeded(f"the worker checking it died without a result (memory over the "
                                f"{self.limits.memory_mb} MB limit?)")
        status, value, said = pickle.loads(b"".join(self.chunks))
        self.chunks = []
        if said:
            import sys

            sys.stderr.write(said)
        if status == "ok":
            return value
        if status == "memory":
            raise LimitExceeded(f"ran out of memory under the {self.limits.memory_mb} MB per-document limit "
                                f"({how_to_change('memory_mb')})")
        raise value

    def kill(self) -> None:
        if not self.done:
            self._close(kill=True)

    def _close(self, kill: bool) -> None:
        self.done = True
        os.close(self.fd)
        os.close(self.beats)
        if kill:
            _kill(self.pid)
        else:
            os.waitpid(self.pid, 0)


def _worker(fd: int, beats: int, fn, args: tuple, limits: Limits) -> None:
    global _beat_fd
    _beat_fd = beats
    status = 0
    try:
        import signal

        # Ctrl-C reaches the whole process group: the parent decides (it keeps what finished and kills the
        # workers); SIGTERM is the default again, so a worker can be stopped on its own
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        if limits.memory_mb:
            # a backstop for an allocation faster than the parent's polling: the address space the fork already
            # has plus twice the limit
            ceiling = _vm_size_bytes() + 2 * limits.memory_mb * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (ceiling, ceiling))
        import io
        import sys

        sys.stderr = io.StringIO()  # what the worker says (TENDERCHECK_DEBUG tracebacks) goes back with its result
        try:
            payload = ("ok", fn(*args))
        except MemoryError:
            payload = ("memory", None)
        except BaseException as exc:  # noqa: BLE001 - every failure goes back to the parent as data
            payload = ("error", _portable(exc))
        said = sys.stderr.getvalue()
        try:
            data = pickle.dumps((*payload, said), protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # noqa: BLE001
            data = pickle.dumps(("error", WorkerFailed(f"{type(exc).__name__}: {exc}"), said))
        with os.fdopen(fd, "wb") as out:
            out.write(data)
    except BaseException:  # noqa: BLE001
        status = 1
    finally:
        os._exit(status)  # never run the parent's atexit handlers or pytest's teardown in the worker


def _portable(exc: BaseException) -> BaseException:
    """The exception itself when it pickles (InputError keeps its path and code), else its text with the trace."""
    try:
        pickle.loads(pickle.dumps(exc))
        exc.worker_traceback = traceback.format_exc()
        return exc
    except Exception:  # noqa: BLE001
        failed = WorkerFailed(f"{type(exc).__name__}: {exc}")
        failed.worker_traceback = traceback.format_exc()
        return failed


def _drained(fd: int) -> bool:
    """Whether any beats were waiting on fd (all of them are read)."""
    seen = False
    while True:
        try:
            data = os.read(fd, 4096)
        except BlockingIOError:
            return seen
        if not data:
            return seen
        seen = True


def _kill(pid: int) -> None:
    import signal

    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    os.waitpid(pid, 0)


def _rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/statm", "rb") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / (1024 * 1024)
    except (OSError, ValueError, IndexError):
        return 0.0


def _vm_size_bytes() -> int:
    try:
        with open("/proc/self/statm", "rb") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0
