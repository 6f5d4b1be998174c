"""Rendering a build's pages on two cores: a forked copy of this process renders some of them.

Pages render independently of one another (everything they read was loaded and computed before), so a
page's output does not depend on which process renders it: the outputs are put back in page order, and
the caller makes the rest as a serial build would (``build._render``: the diagrams each page asked for
numbered in page order). Each process takes the next page not taken yet, from the last (the site's
pages, listing every item, come last and cost most) to the first, so both finish together. The split is used only where it is safe and pays: on Linux (``fork``), with two
cores for this process, no other thread running (a forked child would inherit the locks other threads
hold) and enough pages. ``split`` gives None when a worker failed or wrote nothing, or when a plugin
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
            payload = pickle.dumps((failed(), theirs), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write, "wb") as pipe:
                pipe.write(payload)
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
    with os.fdopen(read, "rb") as pipe:
        payload = pipe.read()
    _pid, status = os.waitpid(child, 0)
    if status != 0 or not payload:
        return None
    child_failed, theirs = pickle.loads(payload)
    if child_failed or failed():
        return None
    mine.update(theirs)
    return [mine[index] for index in range(count)]
