"""What a rebuild reuses from the build before it: ``mkdocs serve`` keeps one ``BuildCache``.

- **Parsed files**, by their text: a file's front matter is read, and its item built, once per
  version of the file.
- **Rendered pages**, by what they read. While a page renders, every value it reads from its
  context (an item, a computed figure, a lookup's result, a whole collection it walks) goes
  through a recording proxy and is noted with a fingerprint of the value. The next build
  reuses the page when the page itself is the same, everything global is the same (the
  configuration, the referential, the plugins and their code), and each noted read gives a
  value with the same fingerprint. Views declare nothing: what they read is what they depend
  on, so a new view, or a view reading something new, is cached correctly as it is.
- **Fragments of a page**, the same way (``fragment``): a view renders a piece of a page (a row of a long
  table) through ``fragment(context, key, args, render)``; when the page renders again, a fragment whose
  reads give the same values is taken as it was (its reads count as the page's).

A fingerprint is a hash of the value: of each field a dataclass shows in its ``repr``, of each
item of a list or mapping, of the ``repr`` of anything else; a value whose ``repr`` shows nothing
of its content (``<object at 0x…>``) makes its page uncacheable, rendered every time. Only what
is read through the page's context is seen: a view that reads files, the clock, or module state
of its own is not (none of the built-in views does).
"""
from __future__ import annotations

import hashlib
import inspect
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from dataclasses import fields as dataclass_fields
from functools import lru_cache
from pathlib import Path
from types import MethodType
from typing import Any, Callable, Iterator

from .frontmatter import Document, read_document

_ATTR, _KEY, _HAS, _CALL, _ALL = "attr", "key", "has", "call", "all"
_MISSING = object()
_UNKNOWN, _FAILED = object(), object()
# Reads that are part of the build's fingerprint (the same for every page), not noted per page; and the
# build's diagrams, which pages add to (drawn once every page is rendered: a page reused is kept drawn).
GLOBAL_ATTRIBUTES = frozenset({"pm", "labels", "use_directory_urls", "referential", "language", "docs_prefix", "url",
                               "diagrams"})


class Uncacheable(Exception):
    """A value with no fingerprint: the page that read it is rendered on every build."""


@dataclass
class Recorder:
    """What one page read: ``{access path: fingerprint}``."""

    reads: dict[tuple, Any] = field(default_factory=dict)
    cacheable: bool = True

    def note(self, path: tuple, value: Any, fingerprints: "Fingerprints") -> None:
        if path in self.reads or not self.cacheable:
            return
        try:
            self.reads[path] = fingerprints.of(value)
        except Uncacheable:
            self.cacheable = False


class Fingerprints:
    """Fingerprints of values, each computed once (an item reused from build to build, once for all)."""

    def __init__(self, earlier: dict[int, tuple[Any, Any]] | None = None) -> None:
        self._earlier = earlier or {}
        self._memo: dict[int, tuple[Any, Any]] = {}  # id -> (the value, kept alive; its fingerprint)

    def known(self) -> dict[int, tuple[Any, Any]]:
        """The fingerprints of this build's immutable values (the items), for the next build."""
        return {key: known for key, known in self._memo.items() if _frozen(known[0])}

    def of(self, value: Any) -> Any:
        if value is None or isinstance(value, (str, int, float, bool)):
            return (type(value).__name__, value)
        if value is _MISSING:
            return "missing"
        if type(value) in (tuple, list):
            if all(v is None or isinstance(v, (str, int, float, bool)) for v in value):
                return hashlib.blake2b(repr(value).encode("utf-8", "surrogatepass"), digest_size=16).digest()
            return self._digest((type(value).__name__, [self.of(v) for v in value]))
        known = self._memo.get(id(value)) or self._earlier.get(id(value))
        if known is not None and known[0] is value:
            self._memo[id(value)] = known
            return known[1]
        fields = _shown_fields(type(value))
        if fields is not None:  # a dataclass: each field's own fingerprint (items' are kept from build to build)
            digest = self._digest((type(value).__name__, [self.of(getattr(value, name)) for name in fields]))
        elif isinstance(value, Mapping):
            digest = self._digest([(key, self.of(item)) for key, item in value.items()])
        else:
            text = repr(value)
            if " at 0x" in text:
                raise Uncacheable(text[:80])
            digest = self._digest(text)
        self._memo[id(value)] = (value, digest)
        return digest

    @staticmethod
    def _digest(parts: Any) -> bytes:
        return hashlib.blake2b(repr(parts).encode("utf-8", "surrogatepass"), digest_size=16).digest()


@lru_cache(maxsize=None)
def _shown_fields(cls: type) -> tuple[str, ...] | None:
    """The fields a dataclass shows in its ``repr`` (what tells two of them apart), None for other classes."""
    if not hasattr(cls, "__dataclass_fields__"):
        return None
    return tuple(f.name for f in dataclass_fields(cls) if f.repr)


def _frozen(value: Any) -> bool:
    params = getattr(type(value), "__dataclass_params__", None)
    return bool(params is not None and params.frozen)


class _Session:
    """The recording going on in one build: the page recording now (and the fragment of it, if any), the
    build's fingerprints and the values found again at recorded paths (each the same for every page)."""

    def __init__(self, earlier: dict[int, tuple[Any, Any]] | None = None, cache: "BuildCache | None" = None) -> None:
        self.recorder: Recorder | None = None
        self.fragment_recorder: Recorder | None = None
        self.fingerprints = Fingerprints(earlier)
        self.values: dict[tuple, Any] = {}
        self.cache = cache
        self.root: Any = None  # what paths start from (the render context)

    def note(self, path: tuple, value: Any) -> None:
        recorder = self.recorder
        if recorder is not None and path not in recorder.reads:
            recorder.note(path, value, self.fingerprints)
        inner = self.fragment_recorder
        if inner is not None and path not in inner.reads:
            inner.note(path, value, self.fingerprints)

    def unchanged(self, reads: dict[tuple, Any]) -> bool:
        """Whether every read of ``reads`` gives a value with the same fingerprint in this build."""
        values = self.values
        for path, expected in reads.items():
            found = values.get(path, _UNKNOWN)
            if found is _UNKNOWN:
                try:
                    found = self.fingerprints.of(_replay(self.root, path))
                except Exception:  # a read that fails now (a plugin changed): render again
                    found = _FAILED
                values[path] = found
            if found != expected:
                return False
        return True

    def fragment(self, key: Any, args: tuple, render: Callable[[], Any]) -> Any:
        """``fragment`` of the page recording now (``BuildCache.fragment``), or ``render()`` outside one."""
        if self.recorder is None or self.cache is None or self.fragment_recorder is not None:
            return render()
        return self.cache.fragment(key, args, render)


def fragment(context: Any, key: Any, args: tuple, render: Callable[[], Any]) -> Any:
    """``render()``, a fragment of the page rendering now, or under ``mkdocs serve`` what it gave in the build
    before for the same ``key`` and ``args`` when every value it read through ``context`` (the page's
    render context) is the same. ``key`` names the fragment and holds what else it depends on (the page
    it is on: its links are relative to it); ``args`` are the values it is rendered from, by fingerprint.
    What the fragment read counts as read by the page. Outside a recorded build, ``render()``."""
    if not isinstance(context, Recorded):
        return render()
    return context._session.fragment(key, args, render)


_PLAIN = (str, int, float, bool, type(None))
_GLOBAL, _LEAF, _PROXY = 0, 1, 2


def _wrap(value: Any, path: tuple, session: _Session, recorded: tuple[type, ...]) -> tuple[int, Any]:
    """``value`` read at ``path``: (_PROXY, a recording proxy) for containers and methods, else
    (_LEAF, (path, value)), the value noted."""
    if isinstance(value, MethodType):
        return _PROXY, _RecordedCall(value, path, session, recorded)
    if isinstance(value, recorded):
        return _PROXY, Recorded(value, path, session, recorded)
    if isinstance(value, Mapping) and not hasattr(type(value), "__dataclass_fields__"):
        return _PROXY, RecordedMapping(value, path, session, recorded)
    session.note(path, value)
    return _LEAF, (path, value)


def _read(known: tuple[int, Any], session: _Session) -> Any:
    """What a read gives, the value noted again for the page rendering now (a list or dict a method
    returned is copied: each reader may change its own)."""
    kind, value = known
    if kind == _LEAF:
        session.note(value[0], value[1])
        found = value[1]
        return found.copy() if type(found) in (list, dict, set) else found
    return value


class Recorded:
    """An object (the render context, the site, its computations) whose reads are noted."""

    __slots__ = ("_target", "_path", "_session", "_recorded", "_children")

    def __init__(self, target: Any, path: tuple, session: _Session, recorded: tuple[type, ...]) -> None:
        object.__setattr__(self, "_target", target)
        object.__setattr__(self, "_path", path)
        object.__setattr__(self, "_session", session)
        object.__setattr__(self, "_recorded", recorded)
        object.__setattr__(self, "_children", {})  # name -> what reading it gives (the object is immutable)

    def __getattr__(self, name: str) -> Any:
        known = self._children.get(name)
        if known is not None:
            return _read(known, self._session)
        attribute = getattr(type(self._target), name, None)
        if isinstance(attribute, property):  # computed from what it reads: its reads are noted
            return attribute.fget(self)
        value = getattr(self._target, name)
        if name in GLOBAL_ATTRIBUTES or name.startswith("__"):
            known = (_GLOBAL, value)
        else:
            known = _wrap(value, self._path + ((_ATTR, name),), self._session, self._recorded)
        self._children[name] = known
        return _read(known, self._session)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self._target).__name__} is read-only while a page renders")

    def __repr__(self) -> str:
        return f"Recorded({self._path})"


class _RecordedCall:
    """A method of a recorded object: each call is noted with its arguments and its result."""

    __slots__ = ("_method", "_path", "_session", "_recorded", "_calls")

    def __init__(self, method: MethodType, path: tuple, session: _Session, recorded: tuple[type, ...]) -> None:
        self._method, self._path, self._session, self._recorded = method, path, session, recorded
        self._calls: dict[tuple, tuple[int, Any]] = {}  # arguments -> what the call gives

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if not kwargs and all(isinstance(a, _PLAIN) for a in args):
            known = self._calls.get(args)
            if known is None:
                known = _wrap(self._method(*args), self._path + ((_CALL, args, ()),), self._session, self._recorded)
                self._calls[args] = known
            return _read(known, self._session)
        raw_args = tuple(_target_of(a) for a in args)
        raw_kwargs = {k: _target_of(v) for k, v in kwargs.items()}
        try:
            key = (_CALL, tuple(_argument_key(a) for a in args),
                   tuple(sorted((k, _argument_key(v)) for k, v in kwargs.items())))
            hash(key)
        except (TypeError, Uncacheable):
            if self._session.recorder is not None:
                self._session.recorder.cacheable = False
            return self._method(*raw_args, **raw_kwargs)
        known = _wrap(self._method(*raw_args, **raw_kwargs), self._path + (key,), self._session, self._recorded)
        return _read(known, self._session)


class RecordedMapping(Mapping):
    """A mapping of the site or its computations: each key read is noted; walking it notes all of it."""

    __slots__ = ("_target", "_path", "_session", "_recorded", "_children")

    def __init__(self, target: Mapping, path: tuple, session: _Session, recorded: tuple[type, ...]) -> None:
        self._target, self._path, self._session, self._recorded = target, path, session, recorded
        self._children: dict[Any, tuple[int, Any]] = {}

    def _known(self, key: Any) -> tuple[int, Any]:
        known = self._children.get(key)
        if known is None:
            path = self._path + ((_KEY, key),)
            if key in self._target:
                known = _wrap(self._target[key], path, self._session, self._recorded)
            else:
                self._session.note(path, _MISSING)
                known = (_LEAF, (path, _MISSING))
            self._children[key] = known
            return known
        return known

    def __getitem__(self, key: Any) -> Any:
        value = _read(self._known(key), self._session)
        if value is _MISSING:
            raise KeyError(key)
        return value

    def get(self, key: Any, default: Any = None) -> Any:
        value = _read(self._known(key), self._session)
        return default if value is _MISSING else value

    def __contains__(self, key: object) -> bool:
        found = key in self._target
        self._session.note(self._path + ((_HAS, key),), found)
        return found

    def _all(self) -> Mapping:
        self._session.note(self._path + ((_ALL,),), self._target)
        return self._target

    def __iter__(self) -> Iterator:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())

    def keys(self):  # type: ignore[override]
        return self._all().keys()

    def values(self):  # type: ignore[override]
        return self._all().values()

    def items(self):  # type: ignore[override]
        return self._all().items()

    def __repr__(self) -> str:
        return f"RecordedMapping({self._path})"


def _target_of(value: Any) -> Any:
    return value._target if isinstance(value, (Recorded, RecordedMapping)) else value


def _argument_key(value: Any) -> Any:
    """How a call's argument is noted: a recorded object by its path, anything else as it is."""
    if isinstance(value, (Recorded, RecordedMapping)):
        return ("recorded", value._path)
    hash(value)
    return value


def _replay(root: Any, path: tuple) -> Any:
    """The value at ``path`` from ``root`` in this build (``_MISSING`` for a key that is gone)."""
    value = root
    for step in path:
        kind = step[0]
        if kind == _ATTR:
            value = getattr(value, step[1])
        elif kind == _KEY:
            if step[1] not in value:
                return _MISSING
            value = value[step[1]]
        elif kind == _HAS:
            return step[1] in value
        elif kind == _CALL:
            args = tuple(_replay(root, a[1]) if isinstance(a, tuple) and a[:1] == ("recorded",) else a
                         for a in step[1])
            kwargs = {k: _replay(root, v[1]) if isinstance(v, tuple) and v[:1] == ("recorded",) else v
                      for k, v in step[2]}
            value = value(*args, **kwargs)
        elif kind == _ALL:
            return value
    return value


@dataclass
class CachedPage:
    """A page as rendered before, with what it read and the problems found rendering it."""

    reads: dict[tuple, Any]
    result: Any
    problems: tuple


class BuildCache:
    """Parsed files and rendered pages kept from one build to the next (see the module's docstring).

    A build calls ``start``, reads files with ``document``, gives its fingerprint to ``render_with``
    (when it changes, no page is reused), looks pages up with ``page`` and records the others with
    ``recording``, then ``end``: what this build did not use is forgotten, so the cache holds one
    build's worth, whatever the number of rebuilds.
    """

    def __init__(self) -> None:
        self._documents: dict[str, Document] = {}
        self._documents_used: dict[str, Document] = {}
        self._items: dict[tuple, tuple[Any, tuple]] = {}
        self._items_used: dict[tuple, tuple[Any, tuple]] = {}
        self._items_context: str | None = None
        self._pages: dict[Any, CachedPage] = {}
        self._pages_used: dict[Any, CachedPage] = {}
        self._fragments: dict[Any, CachedPage] = {}  # fragments of pages (``fragment``), by key and arguments
        self._fragments_used: dict[Any, CachedPage] = {}
        self._build: Any = None
        self._fingerprints: dict[int, tuple[Any, Any]] = {}  # of the last build's values, kept alive
        self._session = _Session(cache=self)
        self.rendered: list[str] = []  # what the last build rendered (the others were reused), for tests
        self.reused: list[str] = []
        self.fragments_reused = 0

    # -- parsed files ----------------------------------------------------------------------

    def document(self, text: str) -> Document:
        """``read_document(text)``, read once per text."""
        found = self._documents.get(text)
        if found is None:
            found = read_document(text)
        self._documents_used[text] = found
        return found

    def items_for(self, context: str) -> None:
        """Items are about to be built in ``context`` (the referential, the configuration): when it
        changed, no item is reused."""
        if context != self._items_context:
            self._items = {}
        self._items_context = context

    def item(self, key: tuple) -> tuple[Any, tuple] | None:
        """(the item, its problems) built before from the same file text, if any."""
        found = self._items.get(key)
        if found is not None:
            self._items_used[key] = found
        return found

    def keep_item(self, key: tuple, item: Any, problems: tuple) -> None:
        self._items_used[key] = (item, problems)

    # -- a build ---------------------------------------------------------------------------

    def start(self) -> None:
        """A build starts: nothing of it used yet."""
        self._documents_used, self._items_used, self._pages_used, self._fragments_used = {}, {}, {}, {}
        self._session = _Session(self._fingerprints, self)
        self.rendered, self.reused, self.fragments_reused = [], [], 0

    def render_with(self, fingerprint: Any) -> None:
        """Pages are about to render, in a build whose global inputs have ``fingerprint`` (None: not
        to be told apart, so nothing is reused)."""
        if fingerprint is None or fingerprint != self._build:
            self._pages, self._fragments = {}, {}
        self._build = fingerprint

    def forget_pages(self) -> None:
        """No page of this build or the ones before is to be reused."""
        self._pages, self._pages_used, self._build = {}, {}, None
        self._fragments, self._fragments_used = {}, {}

    def end(self) -> None:
        """The build is over: what it did not use is forgotten."""
        self._documents, self._documents_used = self._documents_used, {}
        self._items, self._items_used = self._items_used, {}
        self._pages, self._pages_used = self._pages_used, {}
        self._fragments, self._fragments_used = self._fragments_used, {}
        self._fingerprints = self._session.fingerprints.known()
        self._session = _Session(self._fingerprints, self)

    def recorded(self, root: Any, types: tuple[type, ...]) -> Recorded:
        """``root`` (the render context) behind a recording proxy; ``types`` are the objects whose
        attributes are recorded one by one (others are values, fingerprinted whole)."""
        self._session.root = root
        return Recorded(root, (), self._session, types)

    def page(self, key: Any, root: Any, name: str) -> Any | None:
        """The result cached under ``key`` when every read it made gives the same value from ``root``."""
        if self._build is None:
            return None
        try:
            hash(key)
        except TypeError:
            return None
        self._session.root = root
        cached = self._reusable(self._pages, key)
        if cached is None:
            return None
        self._pages_used[key] = cached
        self.reused.append(name)
        return cached

    def fragment(self, key: Any, args: tuple, render: Callable[[], Any]) -> Any:
        """``render()``, a fragment of the page recording now (``incremental.fragment``), or what it gave before
        for the same ``key`` and ``args`` when its reads give the same values; either way its reads count as the
        page's."""
        session = self._session
        page = session.recorder
        assert page is not None
        if self._build is None:
            return render()
        try:
            key = (key, session.fingerprints.of(args))
            hash(key)
        except (TypeError, Uncacheable):
            return render()
        cached = self._reusable(self._fragments, key)
        if cached is not None:
            for path, fingerprint in cached.reads.items():  # checked: the page read the same
                page.reads.setdefault(path, fingerprint)
            self._fragments_used[key] = cached
            self.fragments_reused += 1
            return cached.result
        session.fragment_recorder = inner = Recorder()
        try:
            result = render()
        finally:
            session.fragment_recorder = None
        if inner.cacheable:
            self._fragments_used[key] = CachedPage(inner.reads, result, ())
        return result

    def _reusable(self, kept: dict[Any, CachedPage], key: Any) -> CachedPage | None:
        """What ``kept`` holds under ``key``, when every read it made gives the same value in this build."""
        cached = kept.get(key)
        if cached is None or not self._session.unchanged(cached.reads):
            return None
        return cached

    def recording(self, key: Any, name: str) -> "_Recording":
        """A ``with`` block rendering the page ``key``: its reads are noted; ``store`` keeps the result."""
        return _Recording(self, key, name)


class _Recording:
    def __init__(self, cache: BuildCache, key: Any, name: str) -> None:
        self.cache, self.key, self.name = cache, key, name
        self.recorder = Recorder()
        self.problems: tuple = ()

    def __enter__(self) -> "_Recording":
        self.cache._session.recorder = self.recorder
        return self

    def __exit__(self, *exc: Any) -> None:
        self.cache._session.recorder = None
        self.cache.rendered.append(self.name)

    def with_problems(self, problems: list) -> "_Recording":
        """The problems rendering the page found (reported again whenever it is reused)."""
        self.problems = tuple(problems)
        return self

    def store(self, result: Any) -> None:
        """Keep ``result`` for the page, unless it read something with no fingerprint."""
        if self.cache._build is None or not self.recorder.cacheable:
            return
        try:
            hash(self.key)
        except TypeError:
            return
        self.cache._pages_used[self.key] = CachedPage(self.recorder.reads, result, self.problems)


def plugins_fingerprint(pm: Any) -> Any:
    """Which plugins run, and the code of each one's module (a local plugin edited changes it)."""
    found = []
    for name, plugin in sorted(pm.list_name_plugin(), key=lambda item: str(item[0])):
        if plugin is None:
            continue
        module = plugin if inspect.ismodule(plugin) else sys.modules.get(type(plugin).__module__)
        source = getattr(module, "__file__", None)
        try:
            digest = hashlib.blake2b(Path(source).read_bytes(), digest_size=16).hexdigest() if source else None
        except OSError:
            digest = None
        if digest is None:
            return None  # a plugin with no file to tell its version by: nothing is reused
        found.append((str(name), digest))
    return tuple(found)
