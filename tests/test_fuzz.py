"""Property-based: front matter of any shape and type, for every kind, never breaks journeysite.

For each generated site, ``journeysite check`` and a real ``mkdocs build`` (Material, in this
process) never raise and never hang, and agree: the build fails exactly when check finds errors,
listing the same problems. Every problem is one safe line at a line of its file.

CI runs a few examples (the ``ci`` profile of conftest.py); ``make fuzz`` runs many more for a few
minutes (``--hypothesis-profile=fuzz``).
"""
from __future__ import annotations

import logging
import math
import shutil
import signal
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

import yaml
from conftest import MKDOCS_YML as CONFIG
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeysite.bounds import MAX_NUMBER, MAX_TEXT
from journeysite.build import build_site
from journeysite.config import read_site_config
from journeysite.load import CHANNEL_KEYS, CHANTIER_KEYS, JOURNEY_KEYS, PERSONA_KEYS, TOUCHPOINT_KEYS
from journeysite.pagemeta import HIDE_NAMES, THEME_KEYS
from journeysite.problems import ERROR
from journeysite.safetext import UNSAFE

HANG = 120  # seconds: a site this small that takes longer is hanging

# Values that mean something somewhere, and values that break things.
_MEANINGFUL = st.sampled_from([
    "web", "magasin", "achat", "recherche", "plaisir", "Déception", "irritant", "p", "j", "c", "index", "README",
    "j#t1", "a#b", "current", "target", "cible", "done", "dropped", "2027-Q1", "conquete", "main.html",
    "nope.html", "../main.html", "toc", "navigation", "material/home", "../../x", "img/x.jpg", "/etc/passwd",
    "<script>alert(1)</script>", "\"'><img src=x onerror=alert(1)>", "javascript:alert(1)", "\x1b[2J", "a\x00b",
    "::: journeysite matrix journey=j", "{{ config }}", "%s%n", "", " ", "t1", "yes", "no", "'no'",
])
# Values beyond what can be built: numbers past what a float holds exactly or a decimal sums (a 400-digit
# integer, a budget of 1e28), texts past what a file name or Graphviz holds (a 300-letter department, a
# name of thousands of characters).
_HUGE = st.one_of(st.integers(min_value=10 ** 15, max_value=10 ** 400), st.integers(max_value=-10 ** 15),
                  st.sampled_from([1e16, 1e28, -1e300, 1.7e308, 10 ** 15 + 1]))
_LONG = st.one_of(st.integers(90, 400).map(lambda n: "Direction " + "d" * n),
                  st.integers(MAX_TEXT - 2, MAX_TEXT + 40).map(lambda n: "Très long " * (n // 10)))
_SCALAR = st.one_of(st.none(), st.booleans(), st.integers(-3, 6), st.integers(), st.floats(), st.text(max_size=12),
                    _MEANINGFUL, _HUGE, _LONG)
_VALUE = st.recursive(_SCALAR, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
    st.one_of(_MEANINGFUL, st.sampled_from(["exclude", "boost", "cards", "customer", "business", "nps", "x"])),
    inner, max_size=3), max_leaves=8)


def _front(kind: str | None, keys: tuple[str, ...]) -> st.SearchStrategy[dict]:
    fixed = {"type": st.just(kind)} if kind else {}
    optional = {key: _VALUE for key in (*keys, *THEME_KEYS, "title", "zzz") if key not in fixed}
    return st.fixed_dictionaries(fixed, optional=optional)


_TOUCHPOINT = st.fixed_dictionaries({"id": st.one_of(st.sampled_from(["t1", "t2", "T3", "index"]), _VALUE)},
                                    optional={key: _VALUE for key in TOUCHPOINT_KEYS if key != "id"})
_JOURNEY = st.tuples(_front("journey", JOURNEY_KEYS), st.lists(_TOUCHPOINT, max_size=3)).map(
    lambda pair: {**pair[0], "touchpoints": pair[1]} if pair[1] else pair[0])
SITES = st.fixed_dictionaries({
    "docs/p.md": _front("persona", PERSONA_KEYS),
    "docs/j.md": _JOURNEY,
    "docs/c.md": _front("chantier", CHANTIER_KEYS),
    "docs/canal.md": _front("channel", CHANNEL_KEYS),
    "docs/page.md": _front(None, ()),
})
# Sites of good items whose theme keys are mostly good too: the builds that get as far as the theme.
_THEME = st.fixed_dictionaries({}, optional={
    "hide": st.one_of(st.lists(st.sampled_from((*HIDE_NAMES, "nope")), max_size=3), st.sampled_from(HIDE_NAMES)),
    "template": st.sampled_from(["main.html", "404.html", "blog.html", "base.html", "nope.html"]),
    "icon": st.sampled_from(["material/home", "material/account-group", "octicons/x", "fontawesome/brands/github"]),
    "search": st.fixed_dictionaries({}, optional={"exclude": st.booleans(), "boost": st.floats(-5, 5)}),
    "description": st.text(max_size=15), "subtitle": st.text(max_size=15), "comments": st.booleans(),
    "social": st.fixed_dictionaries({}, optional={"cards": st.booleans(),
                                                  "cards_layout": st.sampled_from(["default", "a/b", "../x"])}),
})
_GOOD = {
    "docs/p.md": {"type": "persona", "name": "Paul"},
    "docs/j.md": {"type": "journey", "title": "Achat", "persona": "p",
                  "touchpoints": [{"id": "t1", "stage": "achat", "channel": "web", "action": "Je paie"}]},
    "docs/c.md": {"type": "chantier", "title": "C", "touchpoints": ["j#t1"]},
    "docs/canal.md": {"type": "channel", "id": "web"},
    "docs/page.md": {"title": "Page"},
}
GOOD_SITES = st.fixed_dictionaries({path: _THEME.map(lambda theme, item=item: {**item, **theme})
                                    for path, item in _GOOD.items()})
LINE_ENDS = st.sampled_from(["\n", "\r\n", "\r"])


def _document(data: dict, newline: str) -> str:
    text = "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n\nCorps du texte.\n"
    return text.replace("\n", newline)


@contextmanager
def _site(files: dict[str, dict], newline: str) -> Iterator[Path]:
    root = Path(tempfile.mkdtemp(prefix="journeysite-fuzz-"))
    try:
        (root / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
        (root / "docs").mkdir()
        (root / "docs/index.md").write_text("# Accueil\n", encoding="utf-8")
        for path, data in files.items():
            (root / path).write_text(_document(data, newline), encoding="utf-8", newline="")
        yield root
    finally:
        shutil.rmtree(root, ignore_errors=True)


@contextmanager
def _no_hang(seconds: int = HANG) -> Iterator[None]:
    """Fail instead of hanging (an alarm: this guards against loops, it measures no performance)."""
    def hang(signum: int, frame: Any) -> None:
        raise AssertionError(f"still running after {seconds} s: hanging")

    previous = signal.signal(signal.SIGALRM, hang)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _mkdocs_build(root: Path) -> list[str] | None:
    """A real ``mkdocs build`` in this process: None when it succeeds, else the problems its failure lists."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    logged: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: logged.append(record.getMessage())  # type: ignore[method-assign]
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        build(load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site")))
        return None
    except Abort:
        failure = next((m for m in logged if m.startswith("journeysite") and "\n  " in m), "")  # any language
        assert failure, f"mkdocs build failed, not on journeysite's problems: {logged}"
        return [line.strip() for line in failure.splitlines()[1:]]
    finally:
        logger.removeHandler(handler)


def _well_formed(problem: Any) -> None:
    line = str(problem)
    assert problem.line >= 1 and "\n" not in line and not UNSAFE.search(line), line


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(files=st.one_of(SITES, GOOD_SITES), newline=LINE_ENDS)
def test_check_and_mkdocs_build_never_raise_never_hang_and_agree(files: dict[str, dict], newline: str) -> None:
    with _site(files, newline) as root, _no_hang():
        checked = build_site(read_site_config(root / "mkdocs.yml"))
        for problem in checked.problems:
            _well_formed(problem)
        errors = [p for p in checked.problems if p.severity == ERROR]
        failure = _mkdocs_build(root)
        if errors:
            assert failure == [str(p) for p in checked.problems], "mkdocs build and check disagree"
        else:
            assert failure is None, f"check found no error, mkdocs build failed: {failure}"
            assert (root / "site/index.html").is_file()


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(files=SITES, newline=LINE_ENDS)
def test_pages_hold_only_checked_theme_keys_and_no_control_characters(files: dict[str, dict], newline: str) -> None:
    with _site(files, newline) as root, _no_hang():
        result = build_site(read_site_config(root / "mkdocs.yml"))
        for rendered in result.pages:
            assert not UNSAFE.search(rendered.markdown), rendered.page.doc_path
            front = yaml.safe_load(rendered.markdown.split("\n---\n")[0].removeprefix("---\n"))
            for key, value in front.items():
                assert key in (*THEME_KEYS, "title"), key
                if key in ("title", "description", "subtitle"):
                    assert isinstance(value, str) and "<" not in value and '"' not in value
                if key == "hide":
                    assert isinstance(value, list) and all(isinstance(v, str) for v in value)
        for number in _numbers(result):
            assert math.isfinite(number) and abs(number) <= MAX_NUMBER


def _numbers(result: Any) -> Iterator[float]:
    site = result.site
    for persona in site.personas.values():
        yield from persona.metrics.values()
    for journey in site.journeys.values():
        for touchpoint in journey.touchpoints:
            yield from touchpoint.metrics.values()
    for chantier in site.chantiers.values():
        if chantier.budget is not None:
            yield chantier.budget
