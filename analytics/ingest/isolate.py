"""Run the parse of one uploaded file in a separate process with a memory and time limit.

The readers bound what they allocate (analytics.filecheck, sheet_extent, loaders_csv), but a reader
written in Rust or C (calamine, GDAL) aborts the whole process when an allocation fails. Parsing in a
child process turns that into an IngestError for this one file while the dashboard keeps serving
everyone else. On POSIX the child gets an address-space limit (RLIMIT_AS) and a CPU-time limit; on
Windows, which has neither, it still runs apart with the wall-clock limit.

Children of the dashboard are forked from a forkserver that has already imported pandas and the readers,
so starting one costs milliseconds and never copies the dashboard's threads or open database connections.
A one-shot process with a single thread (the `ingest` command) forks itself instead: it has no threads to
copy, and starting the forkserver (which imports pandas, GDAL and geopandas once more) would cost it more
than the parse.
"""

from __future__ import annotations

import io
import logging
import multiprocessing
import os
import sys
import threading
from pathlib import Path
from typing import Any, Callable

from analytics.errors import IngestError, Problem

MB = 1024 * 1024
# Third-party modules are always preloaded (they are most of the import time). The forkserver starts with the
# interpreter's default sys.path (Python 3.11 does not pass the parent's), where the current directory comes
# first: our own modules are preloaded too only when the current directory is this checkout, so the forkserver
# can never hold another copy of analytics; otherwise each child imports them after taking the parent's sys.path.
PRELOAD = ["numpy", "pandas", "python_calamine", "shapely", "pyogrio", "geopandas", "sqlalchemy",
           "sqlalchemy.dialects.postgresql", "sqlalchemy.dialects.sqlite", "pydantic", "pydantic.functional_validators"]
OWN_PRELOAD = ["analytics.ingest.isolate", "analytics.ingest.upload_reader", "analytics.places.files"]
CHECKOUT = Path(__file__).resolve().parents[2]  # the folder holding analytics/
_preload_lock = threading.Lock()
_preload_chosen = False


def choose_preload() -> None:
    """Before the forkserver first starts: preload our own modules too when it will import them from this checkout."""
    global _preload_chosen
    with _preload_lock:
        if _preload_chosen or CONTEXT.get_start_method() != "forkserver":
            return
        same = Path.cwd().resolve() == CHECKOUT and not (sys.flags.isolated or getattr(sys.flags, "safe_path", False))
        CONTEXT.set_forkserver_preload(PRELOAD + OWN_PRELOAD if same else PRELOAD)
        _preload_chosen = True


def _context():
    """Return the process start method: forkserver (preloaded readers) on POSIX, spawn elsewhere."""
    if sys.platform == "win32" or "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    return context


CONTEXT = _context()


try:
    from multiprocessing import popen_forkserver, spawn
except ImportError:  # Windows: no fd passing, no forkserver
    popen_forkserver = spawn = None


if CONTEXT.get_start_method() == "forkserver" and popen_forkserver is not None:

    class WorkerPopen(popen_forkserver.Popen):
        """Starts a worker from the forkserver without re-running the parent's main script.

        multiprocessing re-runs the main script in every child so that functions defined there can be
        unpickled. Under `streamlit run` that script is Streamlit's launcher (1.5 s per child); workers
        only call importable functions, so the main-module entries are left out of the preparation data.
        """

        def _launch(self, process_obj):  # popen_forkserver.Popen._launch (CPython 3.11) minus those entries
            from multiprocessing import forkserver, util
            from multiprocessing.context import reduction, set_spawning_popen

            prep_data = {k: v for k, v in spawn.get_preparation_data(process_obj._name).items()
                         if k not in ("init_main_from_path", "init_main_from_name")}
            buf = io.BytesIO()
            set_spawning_popen(self)
            try:
                reduction.dump(prep_data, buf)
                reduction.dump(process_obj, buf)
            finally:
                set_spawning_popen(None)
            self.sentinel, w = forkserver.connect_to_new_process(self._fds)
            _parent_w = os.dup(w)
            self.finalizer = util.Finalize(self, util.close_fds, (_parent_w, self.sentinel))
            with open(w, "wb", closefd=True) as f:
                f.write(buf.getbuffer())
            self.pid = forkserver.read_signed(self.sentinel)

    class WorkerProcess(CONTEXT.Process):
        """A forkserver process started by WorkerPopen."""

        @staticmethod
        def _Popen(process_obj):
            return WorkerPopen(process_obj)

    WORKER_PROCESS = WorkerProcess
else:
    WORKER_PROCESS = CONTEXT.Process


def address_space_now() -> int:
    """Return this process's current virtual memory size in bytes (0 when it cannot be read)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def apply_limits(memory_mb: int, cpu_seconds: int) -> None:
    """Limit this (child) process: memory_mb of address space beyond what it already uses, and CPU time."""
    try:
        import resource
    except ImportError:  # Windows: no rlimits; the parent's wall-clock limit still applies
        return
    # The interpreter, pandas and GDAL already map a few hundred MB of address space before reading a
    # byte, so the budget is added to what is mapped now rather than counted from zero.
    base = address_space_now() or 512 * MB
    limit = base + memory_mb * MB
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 5))


def _child(conn, memory_mb: int, cpu_seconds: int, func: Callable, args: tuple, kwargs: dict) -> None:
    apply_limits(memory_mb, cpu_seconds)
    try:
        outcome = ("ok", func(*args, **kwargs))
    except IngestError as error:
        outcome = ("refused", error)
    except MemoryError:
        outcome = ("memory", None)
    except Exception as error:  # a reader's own error: the parent turns it into one Indonesian sentence
        outcome = ("failed", f"{type(error).__name__}: {str(error)[:300]}")
    try:
        conn.send(outcome)
    except MemoryError:
        conn.send(("memory", None))
    finally:
        conn.close()


def too_big(file_name: str, memory_mb: int) -> IngestError:
    """Return the error for a file whose reading needed more memory than allowed (or crashed the reader)."""
    message = (f"Berkas '{file_name}' tidak dapat dibaca: membacanya memerlukan lebih dari {memory_mb:,} MB memori "
               "atau berkas rusak. Berkas ditolak tanpa mengganggu pengguna lain. Bagi berkas menjadi beberapa "
               "bagian, atau buka di Excel, simpan ulang, lalu unggah lagi.")
    return IngestError(message, [Problem(file_name, None, None, None, None, message)])


def _process_class():
    """Return the worker process class: a plain fork in a single-threaded POSIX process, else the forkserver's."""
    if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods() and sys.platform != "win32":
        return multiprocessing.get_context("fork").Process
    choose_preload()
    return WORKER_PROCESS


def run_isolated(func: Callable[..., Any], *args: Any, file_name: str, memory_mb: int, timeout_seconds: int,
                 **kwargs: Any) -> Any:
    """Return func(*args, **kwargs) computed in a limited child process; IngestError if it fails for the file."""
    process_class = _process_class()
    receiver, sender = CONTEXT.Pipe(duplex=False)
    child = process_class(target=_child, args=(sender, memory_mb, timeout_seconds, func, args, kwargs),
                            daemon=True, name=f"waspada-baca-{os.getpid()}")
    try:
        child.start()
    except (OSError, RuntimeError, AssertionError) as error:
        # No child process possible here (a sandbox without fork/sockets, or already inside a daemon worker):
        # the readers still bound their own work, so the parse runs in this process rather than not at all.
        receiver.close()
        sender.close()
        logging.getLogger(__name__).warning("parsing worker unavailable (%s); parsing in process", error)
        return func(*args, **kwargs)
    sender.close()  # only the child writes: the parent sees EOF as soon as the child dies
    try:
        if not receiver.poll(timeout_seconds):
            message = (f"Berkas '{file_name}' tidak selesai dibaca dalam {timeout_seconds} detik dan dihentikan. "
                       "Bagi berkas menjadi beberapa bagian lalu unggah lagi.")
            raise IngestError(message, [Problem(file_name, None, None, None, None, message)])
        try:
            status, value = receiver.recv()
        except (EOFError, OSError):  # the child died: out of memory in native code, or killed
            raise too_big(file_name, memory_mb) from None
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join(5)
    if status == "ok":
        return value
    if status == "refused":
        raise value
    if status == "memory":
        raise too_big(file_name, memory_mb)
    message = (f"Berkas '{file_name}' tidak dapat dibaca ({value}). "
               "Buka berkas di aplikasi asalnya, simpan ulang, lalu unggah lagi.")
    raise IngestError(message, [Problem(file_name, None, None, None, None, message)])
