"""The ``journeysite`` command: ``check``, ``export json|csv``, ``new``, ``diff``, ``--version``.

``main(argv)`` returns the exit code: 0 when all is well, 1 when the site has
problems (or ``new`` cannot write), 2 on usage errors. Problems go to stderr as
``PATH:LINE: message``; everything is written as UTF-8, whatever the locale.
The work itself lives in ``build``, ``export``, ``scaffold`` and ``sitediff``.

The command speaks the site's language (``theme.language``); ``--lang`` overrides it. Before a site
is known (help, usage errors), it speaks the language of the mkdocs.yml of the current folder, else
the system's (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``).
"""
from __future__ import annotations

import argparse
import codecs
import dataclasses
import os
import sys
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Callable, Iterator, Sequence

from .build import SiteBuild, build_site
from .config import read_site_config, written_language
from .export import ROWS, json_text, to_csv, to_json
from .i18n import N_, _, catalogue, current_language, languages, ngettext, use_language
from .problem_formats import github_annotations, problems_data, workspace_prefix
from .problems import ERROR, WARNING, Problem, count_errors, count_warnings, shown, sort_problems
from .render.diff_markdown import MIN_LENGTH, cut_report, render_markdown
from .revisions import RevisionError, open_sites, staged_site
from .safetext import echo
from .scaffold import LANGUAGES, PLACEHOLDER_REQUIREMENT, ScaffoldError, create_site
from .sitediff import compare, to_data

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml")
CHECK_FORMATS = ("text", "github", "json")
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
# argparse's own words (usage, errors), translated by journeysite's catalogue while the command runs.
ARGPARSE_MESSAGES = (
    N_("usage: "), N_("positional arguments"), N_("options"), N_("show this help message and exit"),
    N_("argument %(argument_name)s: %(message)s"), N_("unrecognized arguments: %s"),
    N_("the following arguments are required: %s"), N_("expected one argument"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"), N_("%(prog)s: error: %(message)s\n"),
    N_("ambiguous option: %(option)s could match %(matches)s"), N_("invalid %(type)s value: %(value)r"),
)


class UsageError(Exception):
    """The command cannot run as asked (exit 2); the message says why."""


# -- entry point -----------------------------------------------------------------------

def main(argv: Sequence[str] | None = None) -> int:
    """Run the command of ``argv`` (default: the process's arguments) and return its exit code."""
    utf8_output()
    argv = list(sys.argv[1:] if argv is None else argv)
    with use_language(requested_language(argv) or folder_language()), argparse_translated():
        parser = build_parser()
        try:
            args = parser.parse_args(argv)
        except SystemExit as exc:  # --help, --version, bad arguments: argparse has printed why
            return exc.code if isinstance(exc.code, int) else EXIT_USAGE
        try:
            return args.run(args)
        except UsageError as exc:
            error(_("journeysite: {problem}", problem=str(exc)))
            return EXIT_USAGE
        except BrokenPipeError:  # `journeysite export csv | head`: stop quietly
            _silence_stdout()
            return EXIT_PROBLEMS
        except KeyboardInterrupt:
            return 130


def requested_language(argv: Sequence[str]) -> str | None:
    """The ``--lang`` value of ``argv``, if any (read before argparse, so that its help speaks it)."""
    for index, word in enumerate(argv):
        if word == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if word.startswith("--lang="):
            return word.split("=", 1)[1]
    return None


def folder_language() -> str | None:
    """The language of the site in the current folder, else the system's."""
    for name in CONFIG_NAMES:
        try:
            found = written_language(Path(name).read_bytes())
        except OSError:
            continue
        if found:
            return found
    return next((os.environ[name] for name in LOCALE_VARIABLES if os.environ.get(name)), None)


@contextmanager
def argparse_translated() -> Iterator[None]:
    """argparse's own words (``usage:``, its errors) in the current language, while the block runs."""
    translations = catalogue(current_language())
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = translations.gettext, translations.ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


def build_parser() -> argparse.ArgumentParser:
    """The command's arguments, their help in the current language."""
    parser = argparse.ArgumentParser(
        prog="journeysite", description=_("Customer journey maps from Markdown + YAML, as an MkDocs site."))
    parser.add_argument("--version", action="version", version=f"journeysite {version()}",
                        help=_("show the version and exit"))
    commands = parser.add_subparsers(dest="command", required=True, metavar=_("COMMAND"))

    check = commands.add_parser("check", help=_("report every problem of a site as PATH:LINE: message"),
                                description=_("Read the site and report every problem (exit 1 when there are "
                                              "errors)."))
    add_site_argument(check)
    check.add_argument("--strict", action="store_true", help=_("warnings fail the check too"))
    check.add_argument("--staged", action="store_true",
                       help=_("check the site as git's index has it, what the next commit holds (files not added "
                              "and changes not staged are left out), as the pre-commit hook does"))
    check.add_argument("--format", choices=CHECK_FORMATS, default="text",
                       help=_("text: PATH:LINE: message on stderr (default); github: GitHub Actions annotations "
                              "on stdout; json: the problems as one JSON document on stdout"))
    add_language_argument(check)
    check.set_defaults(run=run_check)

    export = commands.add_parser("export", help=_("the computed site as JSON or CSV"),
                                 description=_("Export the computed site (refused while the site has errors)."))
    formats = export.add_subparsers(dest="format", required=True, metavar=_("FORMAT"))
    as_json = formats.add_parser("json", help=_("one JSON document, the whole computed site"))
    add_site_argument(as_json)
    add_output_argument(as_json)
    add_language_argument(as_json)
    as_json.set_defaults(run=run_export_json)
    as_csv = formats.add_parser("csv", help=_("one row per touchpoint (or workstream), for spreadsheets"))
    add_site_argument(as_csv)
    add_output_argument(as_csv)
    as_csv.add_argument("--sep", type=separator, default=None,
                        help=_("column separator: one character, or 'tab' (default: ';' for a language that writes "
                               "decimals with a comma, such as French, else ',')"))
    as_csv.add_argument("--no-bom", dest="bom", action="store_false",
                        help=_("no UTF-8 byte order mark at the start"))
    as_csv.add_argument("--ids", action="store_true",
                        help=_("write ids instead of labels, titles and names"))
    as_csv.add_argument("--rows", choices=ROWS, default="touchpoints",
                        help=_("one row per touchpoint (default) or per workstream"))
    add_language_argument(as_csv)
    as_csv.set_defaults(run=run_export_csv)

    new = commands.add_parser("new", help=_("create a small site of one's own to start from"),
                              description=_("Create a new site in DIR: a persona, a current journey and its target, "
                                            "workstreams, a channel page."))
    new.add_argument("dir", metavar=_("DIR"), help=_("a new or empty folder"))
    new.add_argument("--lang", choices=LANGUAGES, default="fr", help=_("language of the site (default: fr)"))
    new.set_defaults(run=run_new)

    diff = commands.add_parser(
        "diff", help=_("what changed for customers between two versions of a site, as Markdown"),
        description=_("Compare two versions of a site: per journey, workstream, persona and the referential, what "
                      "changed and what it moves, with the problems introduced or fixed. OLD and NEW are git "
                      "revisions of the site of --site (NEW defaults to its working tree) or site folders."))
    diff.add_argument("old", metavar="OLD", help=_("a git revision (main, HEAD~1, a commit) or a site folder"))
    diff.add_argument("new", metavar="NEW", nargs="?",
                      help=_("a git revision or a site folder (default: the site's working tree)"))
    diff.add_argument("--site", metavar=_("SITE_DIR"), default=".",
                      help=_("the site whose revisions OLD and NEW are (default: the current folder)"))
    diff.add_argument("--format", choices=("markdown", "json"), default="markdown",
                      help=_("markdown: a report for a pull request (default); json: the same as data"))
    diff.add_argument("--lang", choices=languages(), help=_("language of the report (default: the site's)"))
    diff.add_argument("--max-length", metavar="N", type=report_length,
                      help=_("cut the Markdown report to N characters at most, at a line, with a note saying so "
                             "(a pull-request comment holds 65536)"))
    add_output_argument(diff)
    diff.set_defaults(run=run_diff)
    return parser


def add_site_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("site", metavar=_("SITE_DIR"), nargs="?", default=".",
                        help=_("the site's folder or its mkdocs.yml (default: the current folder)"))


def add_output_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", metavar=_("FILE"), help=_("write to FILE instead of the standard output"))


def add_language_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=languages(),
                        help=_("language of the messages and of the export's words (default: the site's "
                               "theme.language)"))


def separator(value: str) -> str:
    """The --sep value: one character ('tab' or '\\t' for a tab), not a quote or a newline."""
    value = {"tab": "\t", "\\t": "\t"}.get(value.lower(), value)
    if len(value) != 1 or value in "\"'\r\n":
        raise argparse.ArgumentTypeError(_("must be one character other than a quote or a newline, not {value}",
                                           value=shown(value)))
    return value


def version() -> str:
    from importlib.metadata import PackageNotFoundError, version as package_version

    try:
        return package_version("journeysite")
    except PackageNotFoundError:
        return "unknown"


# -- commands --------------------------------------------------------------------------

def run_check(args: argparse.Namespace) -> int:
    if not args.staged:
        return check_site(args, args.site)
    site = Path(args.site)
    try:
        with staged_site(site.parent if site.is_file() else site) as staged:
            return check_site(args, str(staged.config_file))
    except RevisionError as exc:
        raise UsageError(str(exc)) from None


def check_site(args: argparse.Namespace, target: str) -> int:
    """``journeysite check`` of the site at ``target`` (``args.site`` or a copy of its staged files)."""
    result, problems, language = build_target(target, args.lang)
    with use_language(language):
        errors = sum(p.severity == ERROR for p in problems)
        warnings = sum(p.severity == WARNING for p in problems)
        files = 1 + (len(result.site.pages) if result else 0)
        if args.format == "json":
            write_output(json_text(problems_data(problems, files)), None)
            return EXIT_PROBLEMS if errors or (args.strict and warnings) else EXIT_OK
        if args.format == "github":
            for line in github_annotations(problems, workspace_prefix(find_config(args.site).parent)):
                out(line)
        else:
            report(problems)
        if errors or (args.strict and warnings):
            counts = {"errors": count_errors(errors), "warnings": count_warnings(warnings),
                      "files": ngettext("{count} file", "{count} files", files)}
            if args.strict and warnings and not errors:
                error(_("{errors}, {warnings} in {files} (--strict: warnings fail)", **counts))
            else:
                error(_("{errors}, {warnings} in {files}", **counts))
            return EXIT_PROBLEMS
        assert result is not None
        site = result.site
        counts = [ngettext("{count} persona", "{count} personas", len(site.personas)),
                  ngettext("{count} journey", "{count} journeys", len(site.journeys)),
                  ngettext("{count} workstream", "{count} workstreams", len(site.chantiers))]
        if site.channel_pages:  # optional pages
            counts.append(ngettext("{count} channel page", "{count} channel pages", len(site.channel_pages)))
        if warnings:
            out(_("OK: {counts} ({warnings})", counts=", ".join(counts), warnings=count_warnings(warnings)))
        else:
            out(_("OK: {counts}", counts=", ".join(counts)))
    return EXIT_OK


def run_export_json(args: argparse.Namespace) -> int:
    return export(args, to_json)


def run_export_csv(args: argparse.Namespace) -> int:
    return export(args, lambda result: to_csv(result, sep=args.sep, bom=args.bom, ids=args.ids, rows=args.rows))


def export(args: argparse.Namespace, render: Callable[[SiteBuild], str]) -> int:
    """Build the site and write ``render(build)``; refuse when the site has errors."""
    result, problems, language = build_target(args.site, args.lang)
    with use_language(language):
        report(problems)
        errors = sum(p.severity == ERROR for p in problems)
        if result is None or errors or result.computed is None:
            error(_("{errors}: nothing exported (see journeysite check)", errors=count_errors(max(errors, 1))))
            return EXIT_PROBLEMS
        write_output(render(result), args.output)
    return EXIT_OK


def run_new(args: argparse.Namespace) -> int:
    target = Path(args.dir)
    with use_language(args.lang):
        try:
            written = create_site(target, args.lang)
        except ScaffoldError as exc:
            error(_("journeysite: {problem}", problem=str(exc)))
            return EXIT_PROBLEMS
        except OSError as exc:
            error(_("journeysite: cannot create the site in {folder}: {problem}", folder=target,
                    problem=exc.strerror or exc))
            return EXIT_PROBLEMS
        out(ngettext("Created a new site in {folder} ({count} file). Next:",
                     "Created a new site in {folder} ({count} files). Next:", len(written), folder=target))
        out(f"  cd {target}")
        out("  journeysite check --strict   # " + _("every problem, with its line"))
        out("  mkdocs serve                 # " + _("the site at {url}", url="http://127.0.0.1:8000"))
        if PLACEHOLDER_REQUIREMENT in (target / "requirements.txt").read_text(encoding="utf-8"):
            out(_("Before pushing it to GitHub, say in requirements.txt where its CI gets journeysite."))
    return EXIT_OK


def run_diff(args: argparse.Namespace) -> int:
    site_dir = Path(args.site)
    if site_dir.is_file():  # its mkdocs.yml
        site_dir = site_dir.parent
    try:
        with open_sites(args.old, args.new, site_dir) as (old, new):
            builds = [build_side(side.config_file, args.lang) for side in (old, new)]
            readable = [b for b in reversed(builds) if not b.config.problems] or builds  # the new side's, if it can
            with use_language(args.lang or readable[0].config.language):
                diff = compare(builds[0], builds[1], old.name, new.name)
                if args.format == "json":
                    text = json_text(to_data(diff))
                else:
                    text = render_markdown(diff, builds[0].site, builds[1].site)
                    if args.max_length:
                        text = cut_report(text, args.max_length)
    except RevisionError as exc:
        raise UsageError(str(exc)) from None
    write_output(text, args.output)
    return EXIT_OK


def report_length(value: str) -> int:
    """``--max-length``: a whole number of characters, enough for the report's title, summary and note."""
    try:
        length = int(value)
    except ValueError:
        length = 0
    if length < MIN_LENGTH:
        raise argparse.ArgumentTypeError(_("give a number of characters, {least} or more", least=MIN_LENGTH))
    return length


def build_side(config_file: Path, language: str | None) -> SiteBuild:
    """The build of one side of a diff (``language`` overrides the site's for messages and labels)."""
    try:
        config = read_site_config(config_file)
    except OSError as exc:
        raise UsageError(_("cannot read {file}: {reason}", file=config_file, reason=exc.strerror or exc)) from None
    # The diff compares models, computations and problems: pages are not rendered (the problems are the same).
    return build_site(dataclasses.replace(config, language=language) if language else config, render=False)


# -- reading a site --------------------------------------------------------------------

def find_config(target: str) -> Path:
    """The mkdocs.yml of ``target`` (a site folder or the file itself)."""
    path = Path(target)
    if path.is_dir():
        for name in CONFIG_NAMES:
            if (path / name).is_file():
                return path / name
        raise UsageError(_("no mkdocs.yml in '{folder}': give a site's folder or its mkdocs.yml (journeysite new "
                           "DIR creates a site)", folder=target))
    if not path.exists():
        raise UsageError(_("'{path}' does not exist: give a site's folder or its mkdocs.yml", path=target))
    if path.suffix not in (".yml", ".yaml"):
        raise UsageError(_("'{path}' is not a .yml file: give a site's folder or its mkdocs.yml", path=target))
    return path


def build_target(target: str, language: str | None = None) -> tuple[SiteBuild | None, list[Problem], str]:
    """(the build, its problems, the language to report them in) of the site at ``target``, in ``language``
    when given, else in the site's; no build when mkdocs.yml is unreadable. Pages are not rendered: the
    problems are the same (``build_site(render=False)``)."""
    config_file = find_config(target)
    try:
        config = read_site_config(config_file, language)
    except OSError as exc:
        raise UsageError(_("cannot read {path}: {problem}", path=config_file, problem=exc.strerror or exc)) from None
    if language:
        config = replace(config, language=language)
    if config.problems:
        return None, list(config.problems), config.language
    result = build_site(config, render=False)  # no page rendered, no diagram drawn: no dot runs here
    return result, sort_problems(result.problems), config.language


# -- output ----------------------------------------------------------------------------

def report(problems: Sequence[Problem]) -> None:
    """Every problem, one a line, on stderr."""
    for problem in problems:
        error(str(problem))


def out(line: str) -> None:
    print(line, file=sys.stdout)


def error(line: str) -> None:
    print(echo(line), file=sys.stderr)  # it may quote a path or a value: nothing in it controls the terminal


def write_output(text: str, output: str | None) -> None:
    """``text`` as UTF-8 bytes (no newline translation) to ``output``, or stdout for None or '-'."""
    data = text.encode("utf-8")
    if output and output != "-":
        try:
            Path(output).write_bytes(data)
        except OSError as exc:
            raise UsageError(_("cannot write {path}: {problem}", path=output, problem=exc.strerror or exc)) from None
        return
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    buffer.write(data)
    buffer.flush()


def utf8_output() -> None:
    """Write UTF-8 to stdout and stderr even under a C or Latin-1 locale."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        try:
            if reconfigure and codecs.lookup(getattr(stream, "encoding", "") or "ascii").name != "utf-8":
                reconfigure(encoding="utf-8")
        except (LookupError, ValueError, OSError):
            pass


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
