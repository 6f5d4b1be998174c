"""CI: check's annotations and JSON, the pre-commit hook, and the GitHub workflows (this repository's and the
ones `journeysite new` writes), validated against GitHub's workflow schema and run step by step on a site."""
from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import fastjsonschema
import pytest
import yaml

from conftest import write_site
from gittools import commit_all, git, init
from journeysite.build import build_site
from journeysite.cli import build_parser, main
from journeysite.config import read_site_config
from journeysite.problem_formats import escape_data, escape_property, github_annotations
from journeysite.problems import Problem
from journeysite.scaffold import PLACEHOLDER_REQUIREMENT, TEMPLATE, WORKFLOWS, installed_requirement, site_files
from sites import FORMAT_CONFIG, FORMAT_SITE

REPO = Path(__file__).resolve().parent.parent
SCHEMA = Path(__file__).parent / "schemas" / "github-workflow.json"
BIN = Path(sys.executable).parent
REPO_WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
TEMPLATE_WORKFLOWS = [TEMPLATE / "github" / "workflows" / name for name in WORKFLOWS]
ALL_WORKFLOWS = REPO_WORKFLOWS + TEMPLATE_WORKFLOWS
BAD_SITE = {"docs/p.md": "---\ntype: persona\nname: Q\ncolour: blue\n---\n",
            "docs/j.md": "---\ntype: journey\ntitle: J\npersona: nobody\n---\n"}


class _GitHubYaml(yaml.SafeLoader):
    """YAML as GitHub reads workflows (1.2 core schema): ``on``, ``yes``, ``no`` stay strings."""


_GitHubYaml.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
_GitHubYaml.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                                  list("tTfF"))


def workflow(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_GitHubYaml)


def steps(flow: dict) -> list[tuple[str, dict]]:
    return [(name, step) for name, job in flow["jobs"].items() for step in job.get("steps", [])]


# -- check --format ------------------------------------------------------------------------

def test_escaping_follows_githubs_rules():
    assert escape_data("50% done\r\nnext: a, b") == "50%25 done%0D%0Anext: a, b"
    assert escape_property("docs/a,b:c%.md\n") == "docs/a%2Cb%3Ac%25.md%0A"
    problems = [Problem("docs/a,b:c.md", 3, "bad: 100%\nreally", "warning"), Problem("mkdocs.yml", 1, "x")]
    assert github_annotations(problems, "site/") == [
        "::warning file=site/docs/a%2Cb%3Ac.md,line=3,title=journeysite::bad: 100%25%0Areally",
        "::error file=site/mkdocs.yml,line=1,title=journeysite::x"]


def test_check_prints_annotations_at_paths_from_the_workspace(tmp_path, capsys, monkeypatch):
    site = write_site(tmp_path / "repo" / "cx", BAD_SITE)
    problems = build_site(read_site_config(site / "mkdocs.yml")).problems
    # a file's own values first, what one file says of another after
    assert [(p.path, p.line, p.severity) for p in problems] == [("docs/p.md", 4, "warning"), ("docs/j.md", 4, "error")]
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path / "repo"))
    assert main(["check", str(site), "--format", "github"]) == 1
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [
        f"::warning file=cx/docs/p.md,line=4,title=journeysite::{escape_data(problems[0].message)}",
        f"::error file=cx/docs/j.md,line=4,title=journeysite::{escape_data(problems[1].message)}"]
    assert captured.err.splitlines()[-1] == "1 erreur, 1 avertissement dans 3 fichiers"  # the site is French
    monkeypatch.setenv("GITHUB_WORKSPACE", str(site))
    assert main(["check", str(site), "--format", "github"]) == 1
    assert capsys.readouterr().out.startswith("::warning file=docs/p.md,line=4,")


def test_a_yaml_mistake_is_annotated_at_its_column(make_site, capsys, monkeypatch):
    site = make_site({"docs/p.md": "---\ntype: persona\nname: Q\nquote: Trop cher : je pars\n---\n"})
    monkeypatch.setenv("GITHUB_WORKSPACE", str(site))
    assert main(["check", str(site), "--format", "github"]) == 1
    assert capsys.readouterr().out.startswith("::error file=docs/p.md,line=4,col=18,title=journeysite::")
    assert main(["check", str(site), "--format", "json"]) == 1
    assert [(p["line"], p["column"]) for p in json.loads(capsys.readouterr().out)["problems"]] == [(4, 18)]


def test_check_json_gives_the_problems_as_data(make_site, capsys):
    site = make_site(BAD_SITE)
    problems = build_site(read_site_config(site / "mkdocs.yml")).problems
    assert main(["check", str(site), "--format", "json"]) == 1
    captured = capsys.readouterr()
    assert captured.err == ""
    assert json.loads(captured.out) == {"format": 1, "errors": 1, "warnings": 1, "files": 3, "problems": [
        {"path": p.path, "line": p.line, "column": None, "severity": p.severity, "message": p.message}
        for p in problems]}
    assert main(["check", str(site), "--format", "json", "--strict"]) == 1
    capsys.readouterr()
    site = make_site(FORMAT_SITE, FORMAT_CONFIG)
    assert main(["check", str(site), "--format", "json", "--strict"]) == 0
    assert json.loads(capsys.readouterr().out)["problems"] == []


# -- pre-commit -----------------------------------------------------------------------------

def test_pre_commit_hook_is_well_formed_and_its_entry_checks_a_site(make_site):
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert isinstance(hooks, list) and len(hooks) == 1
    hook = hooks[0]
    # pre-commit's manifest: these keys are required, these are all it knows, with these types.
    known = {"id": str, "name": str, "entry": str, "language": str, "files": str, "exclude": str, "types": list,
             "types_or": list, "exclude_types": list, "always_run": bool, "fail_fast": bool, "verbose": bool,
             "pass_filenames": bool, "require_serial": bool, "description": str, "language_version": str,
             "minimum_pre_commit_version": str, "args": list, "stages": list}
    assert {"id", "name", "entry", "language"} <= set(hook) <= set(known)
    assert all(isinstance(value, known[key]) for key, value in hook.items())
    assert hook["language"] == "python" and hook["pass_filenames"] is False  # the whole site, never single files
    re.compile(hook["files"])
    assert re.search(hook["files"], "docs/parcours/achat.md") and re.search(hook["files"], "mkdocs.yml")
    command = shlex.split(hook["entry"])
    scripts = re.search(r"\[project\.scripts\]\n(.*?)\n\n", (REPO / "pyproject.toml").read_text(), re.S).group(1)
    assert f'{command[0]} = "journeysite.cli:main"' in scripts  # pre-commit installs this package and runs it
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    good, bad = make_site(FORMAT_SITE, FORMAT_CONFIG), make_site(BAD_SITE)
    for site in (good, bad):
        init(site)
        git(site, "add", "-A")
    assert subprocess.run(command, cwd=good, env=env, capture_output=True).returncode == 0
    run = subprocess.run(command, cwd=bad, env=env, capture_output=True, text=True)
    first = build_site(read_site_config(bad / "mkdocs.yml")).problems[0]
    assert run.returncode == 1 and run.stderr.startswith(f"{first}\n") and first.path == "docs/p.md"


@pytest.fixture
def staged_repo(tmp_path: Path) -> Path:
    """The format site in a subfolder of a repository, every file staged, nothing committed."""
    root = init(tmp_path / "repo")
    write_site(root / "cx", FORMAT_SITE, FORMAT_CONFIG)
    git(root, "add", "-A")
    return root


def check_staged(site: Path, capsys) -> tuple[int, str]:
    code = main(["check", "--staged", str(site)])
    return code, capsys.readouterr().err


def test_check_staged_reads_what_the_commit_holds(staged_repo, capsys):
    site = staged_repo / "cx"
    # A broken file not added yet: not in the commit, not checked (plain check sees it).
    (site / "docs/personas/brouillon.md").write_text("---\ntype: persona\nname: [Brouillon\n---\n")
    assert check_staged(site, capsys) == (0, "")
    assert main(["check", str(site)]) == 1 and "docs/personas/brouillon.md" in capsys.readouterr().err
    # A broken edit staged, then fixed in the working tree but not staged: the commit would be broken.
    journey = site / "docs/parcours/achat.md"
    good = journey.read_text(encoding="utf-8")
    journey.write_text(good.replace("title: Acheter", "title: [Acheter"), encoding="utf-8")
    git(staged_repo, "add", "cx/docs/parcours/achat.md")
    journey.write_text(good, encoding="utf-8")
    code, err = check_staged(site, capsys)
    assert code == 1 and err.startswith("docs/parcours/achat.md:")  # the same paths as plain check gives
    assert main(["check", str(site / "mkdocs.yml")]) == 1  # (the draft above)
    capsys.readouterr()
    git(staged_repo, "add", "cx/docs/parcours/achat.md")
    # A staged journey naming a persona whose file is not added: the commit would miss it.
    (site / "docs/personas/brouillon.md").unlink()
    (site / "docs/personas/nina.md").write_text("---\ntype: persona\nname: Nina\n---\n")
    journey.write_text(good.replace("persona: quentin", "persona: [quentin, nina]"), encoding="utf-8")
    git(staged_repo, "add", "cx/docs/parcours/achat.md")
    code, err = check_staged(site, capsys)
    assert code == 1 and "nina" in err and main(["check", str(site)]) == 0
    capsys.readouterr()
    git(staged_repo, "add", "cx/docs/personas/nina.md")
    assert check_staged(site, capsys) == (0, "")
    # Nothing was touched: the files, and the index (every file staged, as left).
    assert (site / "docs/personas/nina.md").is_file() and journey.read_text(encoding="utf-8") != good
    assert git(staged_repo, "diff", "--name-only") == "" and "cx/docs/personas/nina.md" in \
        git(staged_repo, "diff", "--cached", "--name-only")


def test_check_staged_needs_a_repository_and_a_staged_site(make_site, staged_repo, capsys):
    site = make_site(FORMAT_SITE, FORMAT_CONFIG)
    assert main(["check", "--staged", str(site)]) == 2
    assert "--staged" in capsys.readouterr().err
    git(staged_repo, "rm", "-q", "--cached", "cx/mkdocs.yml")
    assert main(["check", "--staged", str(staged_repo / "cx")]) == 2
    assert "(git add)" in capsys.readouterr().err


# -- the workflows --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def validate():
    return fastjsonschema.compile(json.loads(SCHEMA.read_text(encoding="utf-8")))


@pytest.mark.parametrize("path", ALL_WORKFLOWS, ids=lambda p: p.name)
def test_workflows_validate_against_githubs_schema(path, validate):
    validate(workflow(path))


def test_the_schema_catches_a_broken_workflow(validate):
    flow = workflow(TEMPLATE_WORKFLOWS[0])
    flow["jobs"]["site"]["steps"][0]["uses "] = flow["jobs"]["site"]["steps"][0].pop("uses")
    with pytest.raises(fastjsonschema.JsonSchemaException):
        validate(flow)
    flow = workflow(TEMPLATE_WORKFLOWS[0])
    flow["permissions"] = {"contents": "readonly"}
    with pytest.raises(fastjsonschema.JsonSchemaException):
        validate(flow)


def test_this_repository_runs_its_tests_on_pull_requests_and_pushes():
    flow = workflow(REPO / ".github" / "workflows" / "tests.yml")
    assert set(flow["on"]) >= {"pull_request", "push"} and flow["permissions"] == {"contents": "read"}
    runs = [step["run"] for _job, step in steps(flow) if "run" in step]
    assert runs == ["bash .ci/run"] and (REPO / ".ci" / "run").is_file()


TOOLS = ("journeysite", "mkdocs", "python", "pip", "gh", "git")


def commands(script: str) -> list[list[str]]:
    """The calls of the tools of ``TOOLS`` in a step's shell script, split as the shell would."""
    found = []
    for line in script.replace("\\\n", " ").splitlines():
        for match in re.finditer(r"(?<![\w/.-])(%s)(?![\w/.-])[^|;&)\n]*" % "|".join(TOOLS), line):
            found.append(shlex.split(match.group(0), comments=True))
    return found


def test_workflows_call_only_documented_commands():
    docs = (REPO / "README.md").read_text(encoding="utf-8") + (REPO / "docs" / "ci.md").read_text(encoding="utf-8")
    parser = build_parser()
    from mkdocs.__main__ import cli as mkdocs_cli
    called = set()
    for path in ALL_WORKFLOWS:
        for _job, step in steps(workflow(path)):
            for words in commands(step.get("run", "")):
                program, args = words[0], words[1:]
                called.add(program)
                if program == "journeysite":
                    parser.parse_args(args)  # the command and its options exist (argparse exits otherwise)
                    assert f"journeysite {args[0]}" in docs, words
                elif program == "mkdocs":
                    command = mkdocs_cli.get_command(mkdocs_cli.make_context("mkdocs", [args[0]]), args[0])
                    command.make_context(args[0], args[1:])  # click raises on an unknown option
                elif program == "python":
                    assert args[:3] == ["-m", "pip", "install"], words
                else:
                    assert program == "gh" and (args[:2] in (["pr", "comment"], ["pr", "view"])
                                                or args[0] == "api"), words
    assert called == {"journeysite", "mkdocs", "python", "gh"}


def test_no_job_running_a_pull_requests_code_holds_a_write_token_or_a_secret():
    for path in ALL_WORKFLOWS:
        flow = workflow(path)
        assert "pull_request_target" not in flow["on"], path.name
        assert "secrets." not in path.read_text(encoding="utf-8"), path.name
        assert flow.get("permissions") in ({"contents": "read"}, {}), path.name  # read-only unless a job says
        for name, job in flow["jobs"].items():
            job_steps = job.get("steps", [])
            for step in job_steps:
                # ${{ }} in a script is a script injection: values reach scripts through env only.
                assert "${{" not in step.get("run", ""), (path.name, name, step.get("name"))
                if "actions/checkout" in step.get("uses", ""):
                    assert step["with"]["persist-credentials"] is False, (path.name, name)
            if not any(v == "write" for v in (job.get("permissions") or {}).values()):
                continue
            # A job that may write: it never checks out, installs or runs journeysite, mkdocs or python...
            assert not any("actions/checkout" in step.get("uses", "") for step in job_steps), (path.name, name)
            assert {words[0] for step in job_steps for words in commands(step.get("run", ""))} <= {"gh"}
            # ...and, in a workflow that pull requests start, it never runs for one.
            if "pull_request" in flow["on"]:
                assert "github.event_name != 'pull_request'" in job["if"], (path.name, name)


def test_the_comment_workflow_never_runs_the_pull_requests_code():
    flow = workflow(TEMPLATE / "github" / "workflows" / "journeysite-comment.yml")
    assert list(flow["on"]) == ["workflow_run"] and flow["on"]["workflow_run"]["workflows"] == ["journeysite"]
    assert workflow(TEMPLATE_WORKFLOWS[0])["name"] == "journeysite"
    assert flow["permissions"] == {}
    job = flow["jobs"]["comment"]
    assert job["permissions"] == {"actions": "read", "pull-requests": "write"}
    uses = [step["uses"].split("@")[0] for step in job["steps"] if "uses" in step]
    assert uses == ["actions/download-artifact"]
    assert {words[0] for step in job["steps"] for words in commands(step.get("run", ""))} == {"gh"}


@pytest.mark.parametrize("path", ALL_WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_pinned_to_a_commit_with_their_version(path):
    """A tag can be moved to other code; a commit cannot. The comment says which release it is."""
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if "uses:" in line]
    assert lines
    for line in lines:
        assert re.fullmatch(r"(- )?uses: actions/[a-z-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+", line), line
    shas = {}
    for other in ALL_WORKFLOWS:  # one action, one commit, everywhere
        for found in re.finditer(r"uses: (\S+)@(\S+) # (\S+)", other.read_text(encoding="utf-8")):
            assert shas.setdefault(found.group(1), found.group(2, 3)) == found.group(2, 3), found.group(0)


FAKE_GH = """\
#!{python}
# gh as the comment job calls it: pull request {number} at HEAD_SHA, comments from comments.json.
import json, os, subprocess, sys
args = sys.argv[1:]
with open("gh.log", "a", encoding="utf-8") as log:
    log.write(json.dumps(args) + "\\n")
if args[:2] == ["pr", "view"]:
    print(os.environ["HEAD_SHA"])
elif args[0] == "api" and "--paginate" in args:
    expression = args[args.index("--jq") + 1]
    with open("comments.json", "rb") as page:
        sys.stdout.write(subprocess.run(["jq", "-r", expression], stdin=page, capture_output=True, text=True,
                                        check=True).stdout)
elif args[0] == "api" or args[:2] == ["pr", "comment"]:
    body = args[args.index("-F") + 1] if "-F" in args else "body=@" + args[args.index("--body-file") + 1]
    with open(body.removeprefix("body=@"), encoding="utf-8") as file, open("posted", "w", encoding="utf-8") as out:
        out.write(file.read())
"""


def run_comment_job(tmp_path: Path, report: str, comments: list[dict]) -> tuple[list[list[str]], str]:
    """The comment job's script with a fake gh: its gh calls, and the body it posted."""
    flow = workflow(TEMPLATE / "github" / "workflows" / "journeysite-comment.yml")
    script = next(step["run"] for _job, step in steps(flow) if "run" in step)
    work = tmp_path / "job"
    (work / "journeysite-diff").mkdir(parents=True)
    (work / "journeysite-diff" / "diff.md").write_text(report, encoding="utf-8")
    (work / "journeysite-diff" / "number").write_text("7\n")
    (work / "comments.json").write_text(json.dumps(comments), encoding="utf-8")
    fake = tmp_path / "bin" / "gh"
    fake.parent.mkdir()
    fake.write_text(FAKE_GH.format(python=sys.executable, number=7), encoding="utf-8")
    fake.chmod(0o755)
    env = {**os.environ, "PATH": f"{fake.parent}{os.pathsep}{os.environ['PATH']}", "GH_TOKEN": "x",
           "REPO": "acme/cx", "HEAD_SHA": "abc123"}
    run = subprocess.run(["bash", "-e", "-c", script], cwd=work, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    calls = [json.loads(line) for line in (work / "gh.log").read_text(encoding="utf-8").splitlines()]
    return calls, (work / "posted").read_text(encoding="utf-8")


def test_the_comment_job_updates_its_own_comment_and_no_other(tmp_path):
    report = "## journeysite diff\n\nEn bref : é.\n"
    others = [{"id": 1, "user": {"login": "github-actions[bot]"}, "body": "Coverage: 93 %"},  # another workflow's
              {"id": 2, "user": {"login": "mallory"}, "body": "<!-- journeysite-diff -->\nfake"},  # not ours
              {"id": 3, "user": {"login": "github-actions[bot]"}, "body": "<!-- journeysite-diff -->\nold"},
              {"id": 4, "user": {"login": "github-actions[bot]"}, "body": "Lint: ok"}]
    calls, posted = run_comment_job(tmp_path / "update", report, others)
    assert calls[-1][:4] == ["api", "--method", "PATCH", "repos/acme/cx/issues/comments/3"]
    assert posted == "<!-- journeysite-diff -->\n" + report
    calls, posted = run_comment_job(tmp_path / "first", report, [others[0], others[1], others[3]])
    assert calls[-1][:3] == ["pr", "comment", "7"] and posted == "<!-- journeysite-diff -->\n" + report
    # A report that does not fit (journeysite diff --max-length cuts it before) is not cut blindly.
    calls, posted = run_comment_job(tmp_path / "long", "é" * 70000, [])
    assert posted.startswith("<!-- journeysite-diff -->\n") and "too long for a comment" in posted
    assert len(posted) < 200


def test_new_sites_get_the_workflows_and_say_where_ci_installs_journeysite(tmp_path, capsys):
    assert main(["new", str(tmp_path / "site")]) == 0
    out = capsys.readouterr().out
    for name in WORKFLOWS:
        written = tmp_path / "site" / ".github" / "workflows" / name
        assert written.read_text(encoding="utf-8") == (TEMPLATE / "github" / "workflows" / name).read_text()
    requirements = (tmp_path / "site" / "requirements.txt").read_text(encoding="utf-8")
    if installed_requirement() is None:  # this checkout is installed in place: the site must say where from
        assert PLACEHOLDER_REQUIREMENT in requirements and "requirements.txt" in out
    for language in ("fr", "en"):
        assert {".github/workflows/journeysite.yml", ".github/workflows/journeysite-comment.yml",
                "requirements.txt"} <= set(site_files(language))


def test_installed_requirement_names_where_journeysite_came_from(monkeypatch):
    import journeysite.scaffold as scaffold

    class Dist:
        version = "1.2.0"

        def __init__(self, direct):
            self.direct = direct

        def read_text(self, name):
            return self.direct

    for direct, expected in [
            (None, "journeysite==1.2.0"),
            ('{"url": "https://git.example.com/cx/journeysite.git", "vcs_info": {"vcs": "git", "commit_id": "abc"}}',
             "journeysite @ git+https://git.example.com/cx/journeysite.git@abc"),
            ('{"url": "file:///home/me/journeysite", "dir_info": {"editable": true}}', None)]:
        monkeypatch.setattr(scaffold, "distribution", lambda name, d=direct: Dist(d))
        assert scaffold.installed_requirement() == expected


def test_the_site_workflow_runs_step_by_step_on_a_pull_request(tmp_path):
    """The template's scripts, run in order as GitHub would on a pull request (the `uses:` steps and the
    install are what GitHub does; journeysite is installed here)."""
    repo = tmp_path / "repo"
    assert main(["new", str(repo)]) == 0
    init(repo)
    commit_all(repo, "new site")
    git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")  # what checkout with fetch-depth 0 gives
    journey = repo / "journeys" / "parcours" / "premier-achat.md"
    journey.write_text(journey.read_text(encoding="utf-8").replace("emotion: irritant", "emotion: deception"),
                       encoding="utf-8")
    commit_all(repo, "better", date="2026-01-06T10:00:00+00:00")
    summary = tmp_path / "summary.md"
    flow = workflow(repo / ".github" / "workflows" / "journeysite.yml")
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", "GITHUB_STEP_SUMMARY": str(summary),
           "GITHUB_WORKSPACE": str(repo), "NO_MKDOCS_2_WARNING": "1"}
    context = {"github.base_ref": "main", "github.event.pull_request.number": "7"}
    ran = []
    for _job, step in steps(flow):
        if "run" not in step or "pip install" in step["run"]:
            continue
        if "github.event_name != 'pull_request'" in step.get("if", ""):
            continue
        step_env = {k: context.get(v.strip("${} "), v) for k, v in (step.get("env") or {}).items()}
        run = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=repo, env={**env, **step_env},
                             capture_output=True, text=True)
        assert run.returncode == 0, (step.get("name"), run.stdout, run.stderr)
        ran.append(step["name"])
    assert ran == ["Check the journeys", "What changes for customers", "Build the site"]
    report = summary.read_text(encoding="utf-8")
    assert report.startswith("## journeysite diff\u00a0: `origin/main` → copie de travail")
    assert "émotion\u00a0: Irritant → Déception (+1)" in report
    assert (repo / "journeysite-diff" / "number").read_text().strip() == "7"
    assert (repo / "site" / "journeys" / "premier-achat" / "index.html").is_file()
