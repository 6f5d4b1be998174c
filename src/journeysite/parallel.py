"""Rendering a build's pages on two cores: a forked copy of this process renders some of them.

Pages render independently of one another (everything they read was loaded and computed before), so a
page's output does not depend on which process renders it: the outputs are put back in page order, and
the caller makes the rest as a serial build would (``build._render``: the diagrams each page asked for
numbered in page order). Each process takes the next page not taken yet, from the last (the site's
pages, listing every item, come last and cost most) to the first, so both finish together. The split
is used only where it is safe and pays: on Linux (``fork``), with two cores for this process, no other
thread running (a forked child would inherit the locks other threads hold) and enough pages. ``split`` gives None when a worker failed or wrote nothing, or when a plugin
failed in either process: the caller then builds serially (a failing plugin is asked no more in the
process where it failed, so which pages would miss it would depend on the split).
"""
from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
import sys
import threading
from typing import Any, Callable

MIN_PAGES = 40  # below this, forking costs more than it saves


def workers() -> int:
    """How many processes may render a build's pages: 2 where the split is safe and cores allow, else 1."""
    if not sys.platform.startswith("linux") or not hasattr(os, "fork") or threading.active_count() > 1:
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return 2 if cores >= 2 else 1


def split(count: int, render: Callable[[int], Any], failed: Callable[[], bool]) -> list[Any] | None:
    """``[render(0), …, render(count - 1)]``, some rendered by a forked child (their results must pickle);
    None when the child failed or ``failed()`` (a plugin failed) is true in either process."""
    taken, lock = multiprocessing.RawValue("i", count), multiprocessing.Lock()

    def share() -> dict[int, Any]:
        """What this process renders: the next page not taken, until none is left."""
        done = {}
        while True:
            with lock:
                index = taken.value = taken.value - 1
            if index < 0:
                return done
            done[index] = render(index)

    read, write = os.pipe()
    try:
        child = os.fork()
    except OSError:
        os.close(read)
        os.close(write)
        return None
    if child == 0:  # the worker: render, hand the results over, leave without running the parent's exit code
        status = 1
        try:
            os.close(read)
            theirs = share()
            with os.fdopen(write, "wb") as pipe:  # one result at a time: the parent holds one more at most
                pickle.dump(failed(), pipe, protocol=pickle.HIGHEST_PROTOCOL)
                for item in theirs.items():
                    pickle.dump(item, pipe, protocol=pickle.HIGHEST_PROTOCOL)
                pickle.dump(_END, pipe)
            status = 0
        except BaseException:  # noqa: BLE001 - the parent sees no result and builds serially
            pass
        finally:
            os._exit(status)
    os.close(write)
    try:
        mine = share()
    except BaseException:
        os.close(read)
        os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)
        raise
    theirs, complete = _receive(read)
    _pid, status = os.waitpid(child, 0)
    if status != 0 or not complete or failed():
        return None
    mine.update(theirs)
    return [mine[index] for index in range(count)]


_END = "end"  # the last thing a worker writes: what comes before it is whole


def _receive(read: int) -> tuple[dict[int, Any], bool]:
    """What the worker rendered, and whether it came whole (the worker saw no plugin fail and wrote it all)."""
    received: dict[int, Any] = {}
    with os.fdopen(read, "rb") as pipe:
        try:
            if pickle.load(pipe):  # a plugin failed in the worker
                return received, False
            while (item := pickle.load(pipe)) != _END:
                index, result = item
                received[index] = result
        except (EOFError, pickle.UnpicklingError, ValueError, TypeError):
            return received, False
    return received, True
