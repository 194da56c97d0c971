"""Shared parts of the reference benchmarks: thread settings, the timing loop and the JSON result line.

Import this module FIRST in every bench script: the thread-count environment variables must be set before numpy,
torch or scikit-learn load their thread pools.
"""
import json
import os
import sys
import time


def _threads_from_argv():
    argv = sys.argv
    for i, a in enumerate(argv):
        if a == "--threads" and i + 1 < len(argv):
            return int(argv[i + 1])
        if a.startswith("--threads="):
            return int(a.split("=", 1)[1])
    return os.cpu_count() or 1


THREADS = _threads_from_argv()
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS",
             "VECLIB_MAXIMUM_THREADS"):
    os.environ[_var] = str(THREADS)


def add_common_args(parser):
    parser.add_argument("--threads", type=int, default=THREADS, help="threads (or worker processes) to use")
    parser.add_argument("--warmup", type=int, default=1, help="untimed runs before the timed ones")
    parser.add_argument("--repeats", type=int, default=3, help="timed runs")
    parser.add_argument("--workload", required=True, help="which workload of this script to run")


def skip(reason):
    """The reference cannot run here (a package is missing): say why on the result line and stop."""
    print(json.dumps({"skipped": reason}))
    sys.exit(0)


def require(module_name, debian_package):
    try:
        return __import__(module_name, fromlist=["_"])
    except ImportError as e:
        skip(f"{debian_package} is not installed ({e})")


def measure(run_once, warmup, repeats):
    """Seconds of each timed call of run_once() after `warmup` untimed calls."""
    for _ in range(warmup):
        run_once()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        run_once()
        times.append(time.perf_counter() - t0)
    return times


def report(workload, items, times, **info):
    """The one JSON line the Java harness reads: items processed per timed run and the seconds of each run."""
    print(json.dumps({"workload": workload, "items": items, "times_s": times, "threads": THREADS, "info": info}))


def load_npy(path):
    import numpy as np
    return np.load(path, mmap_mode=None)


def worker_pool(threads, initializer=None, initargs=()):
    """A pool of `threads` forked worker processes for per-image work (scikit-image and pydicom are single-threaded,
    so this is how a Python user would use T cores); None when threads == 1."""
    if threads <= 1:
        return None
    import multiprocessing as mp
    return mp.get_context("fork").Pool(threads, initializer=initializer, initargs=initargs)


def chunks(n, parts):
    """[start, end) ranges splitting range(n) into about `parts * 4` pieces (small pieces balance the load)."""
    pieces = max(1, min(n, parts * 4))
    bounds = [round(i * n / pieces) for i in range(pieces + 1)]
    return [(bounds[i], bounds[i + 1]) for i in range(pieces) if bounds[i] < bounds[i + 1]]
