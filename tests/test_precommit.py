"""The commit checks on a real git repository of the example site: the plain git hook in
packaging/git-hooks/pre-commit and the pre-commit framework's hooks in .pre-commit-hooks.yaml."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.site.git_repos import clean_git_environment

from .conftest import EXAMPLE_SITE

PROJECT = Path(__file__).resolve().parent.parent
GIT_HOOK = PROJECT / "packaging" / "git-hooks" / "pre-commit"
HOOKS_FILE = PROJECT / ".pre-commit-hooks.yaml"
# The tests run the real `article-editor` of the environment they run in.
BIN = Path(sys.executable).parent
ARTICLE = "content/blog/mr-scanning.md"
SITE_README = "# Our site\n\nBuilt with a static site generator; articles live in content/blog.\n"

Git = Callable[..., subprocess.CompletedProcess[str]]


def clean_sample() -> str:
    """The example article without its two warnings, so a commit of it is clean."""
    text = (EXAMPLE_SITE / ARTICLE).read_text(encoding="utf-8")
    return text.replace("###\n\n    Referenceliste", "### Referenceliste")


def with_bad_date(text: str) -> str:
    return text.replace("datePublished: 01-06-2025", "datePublished: 31-02-2025")


@pytest.fixture
def git_env(tmp_path: Path) -> dict[str, str]:
    """An environment with our venv's bin first on PATH and a git that reads no one's own configuration."""
    home = tmp_path / "home"
    home.mkdir()
    env = clean_git_environment(home)
    env.pop("ARTICLE_EDITOR", None)
    env.update(
        PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}", PRE_COMMIT_HOME=str(tmp_path / "pre-commit-cache")
    )
    return env


@pytest.fixture
def site_repo(example_site: Path, git_env: dict[str, str]) -> Path:
    """The example site as a git repository: a clean article and a README.md that is no article, committed."""
    (example_site / ARTICLE).write_text(clean_sample(), encoding="utf-8")
    (example_site / "README.md").write_text(SITE_README, encoding="utf-8")
    for arguments in (["init", "-q", "-b", "main"], ["add", "."], ["commit", "-q", "-m", "The site"]):
        subprocess.run(["git", *arguments], cwd=example_site, env=git_env, check=True)
    return example_site


@pytest.fixture
def git(site_repo: Path, git_env: dict[str, str]) -> Git:
    def run(*arguments: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["git", *arguments], cwd=site_repo, env=env or git_env, capture_output=True, text=True
        )

    return run


@pytest.fixture
def plain_hook(site_repo: Path) -> Path:
    """The plain hook, installed the way the README says: copied into .git/hooks."""
    installed = site_repo / ".git" / "hooks" / "pre-commit"
    shutil.copy(GIT_HOOK, installed)
    installed.chmod(0o755)
    return installed


def commit(git: Git, *paths: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    added = git("add", "--", *paths, env=env)
    assert added.returncode == 0, added.stderr
    return git("commit", "-m", "An edit", env=env)


def output(result: subprocess.CompletedProcess[str]) -> str:
    """What the person committing sees: git sends a hook's standard output to its standard error."""
    return result.stdout + result.stderr


def commits(git: Git) -> int:
    return int(git("rev-list", "--count", "HEAD").stdout)


def test_the_sample_is_clean_and_the_readme_would_not_pass_as_an_article(site_repo: Path) -> None:
    """What the other tests lean on: the committed article passes and the README, checked, would fail."""
    check = [str(BIN / "article-editor"), "check"]
    assert subprocess.run([*check, ARTICLE], cwd=site_repo).returncode == 0
    assert subprocess.run([*check, "README.md"], cwd=site_repo, capture_output=True).returncode == 1


@pytest.mark.usefixtures("plain_hook")
def test_git_hook_lets_a_valid_article_through(site_repo: Path, git: Git) -> None:
    (site_repo / ARTICLE).write_text(clean_sample().replace("Har din", "Har jeres"), encoding="utf-8")
    result = commit(git, ARTICLE)
    assert result.returncode == 0, result.stdout + result.stderr
    assert commits(git) == 2


@pytest.mark.usefixtures("plain_hook")
def test_git_hook_blocks_an_invalid_article_and_prints_why_then_takes_the_fix(
    site_repo: Path, git: Git
) -> None:
    article = site_repo / ARTICLE
    article.write_text(with_bad_date(clean_sample()), encoding="utf-8")
    blocked = commit(git, ARTICLE)
    assert blocked.returncode != 0
    assert f"{ARTICLE}:4:1: error: datePublished" in output(blocked)
    assert "31-02-2025" in output(blocked)
    assert "commit blocked" in output(blocked)
    assert commits(git) == 1

    article.write_text(clean_sample().replace("01-06-2025", "02-06-2025"), encoding="utf-8")
    fixed = commit(git, ARTICLE)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert commits(git) == 2


@pytest.mark.usefixtures("plain_hook")
def test_git_hook_ignores_markdown_outside_the_content_folders(site_repo: Path, git: Git) -> None:
    (site_repo / "README.md").write_text(SITE_README + "\n## Deploying\n", encoding="utf-8")
    (site_repo / "templates" / "notes.md").write_text("no front matter here\n", encoding="utf-8")
    result = commit(git, "README.md", "templates/notes.md")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.usefixtures("plain_hook")
def test_git_hook_takes_names_with_spaces(site_repo: Path, git: Git) -> None:
    name = "content/blog/my first -post.md"
    (site_repo / name).write_text(with_bad_date(clean_sample()), encoding="utf-8")
    blocked = commit(git, name)
    assert blocked.returncode != 0
    assert f"{name}:4:1: error: datePublished" in output(blocked)

    (site_repo / name).write_text(clean_sample(), encoding="utf-8")
    assert commit(git, name).returncode == 0


@pytest.mark.usefixtures("plain_hook")
def test_git_hook_checks_what_is_staged_not_the_working_tree(site_repo: Path, git: Git) -> None:
    article = site_repo / ARTICLE
    article.write_text(with_bad_date(clean_sample()), encoding="utf-8")
    assert git("add", ARTICLE).returncode == 0
    article.write_text(clean_sample(), encoding="utf-8")  # fixed, but the fix is not staged
    blocked = git("commit", "-m", "Half staged")
    assert blocked.returncode != 0
    assert f"{ARTICLE}:4:1: error: datePublished" in output(blocked)
    assert article.read_text(encoding="utf-8") == clean_sample()

    article.write_text(clean_sample().replace("Har din", "Har jeres"), encoding="utf-8")
    assert git("add", ARTICLE).returncode == 0
    article.write_text(with_bad_date(clean_sample()), encoding="utf-8")  # broken after staging a good one
    passed = git("commit", "-m", "Half staged")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert article.read_text(encoding="utf-8") == with_bad_date(clean_sample())
    assert "Har jeres" in git("show", f"HEAD:{ARTICLE}").stdout


@pytest.mark.usefixtures("plain_hook")
def test_git_hook_without_article_editor_says_so_but_lets_other_commits_through(
    site_repo: Path, git: Git, git_env: dict[str, str]
) -> None:
    missing = {**git_env, "ARTICLE_EDITOR": "article-editor-not-installed"}
    (site_repo / "public" / "robots.txt").write_text("User-agent: *\n", encoding="utf-8")
    assert commit(git, "public/robots.txt", env=missing).returncode == 0

    (site_repo / ARTICLE).write_text(clean_sample().replace("Har din", "Har jeres"), encoding="utf-8")
    blocked = commit(git, ARTICLE, env=missing)
    assert blocked.returncode != 0
    assert "article-editor-not-installed not found on PATH" in output(blocked)
    assert "Traceback" not in output(blocked)


@pytest.mark.usefixtures("plain_hook")
def test_git_hook_passes_check_options_through(site_repo: Path, git: Git, git_env: dict[str, str]) -> None:
    (site_repo / ARTICLE).write_text((EXAMPLE_SITE / ARTICLE).read_text(encoding="utf-8"), encoding="utf-8")
    assert commit(git, ARTICLE).returncode != 0  # the sample's two warnings fail at the default level
    lenient = {**git_env, "ARTICLE_EDITOR_CHECK_ARGS": "--fail-on error"}
    result = git("commit", "-m", "Warnings allowed", env=lenient)
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_never_imports_qt(example_site: Path) -> None:
    """pre-commit's and CI's check must not need a display or Qt: it runs with PySide6 made unimportable."""
    script = (
        "import sys\n"
        "sys.modules['PySide6'] = sys.modules['shiboken6'] = None\n"
        "from editor.cli import main\n"
        "status = main(['check', '--only-articles', *sys.argv[1:]])\n"
        "assert not [name for name in sys.modules if name.startswith(('PySide6.', 'shiboken6.'))]\n"
        "sys.exit(status)\n"
    )
    article = example_site / ARTICLE
    result = subprocess.run(
        [sys.executable, "-c", script, str(article), str(example_site)], capture_output=True, text=True
    )
    assert result.returncode == 1, result.stderr
    assert "[empty-heading]" in result.stdout
    assert "Traceback" not in result.stderr


def hooks_repo(tmp_path: Path, git_env: dict[str, str]) -> tuple[Path, str]:
    """A repository holding this project's .pre-commit-hooks.yaml, as a site's config would name it."""
    repo = tmp_path / "hooks-repo"
    repo.mkdir()
    shutil.copy(HOOKS_FILE, repo / ".pre-commit-hooks.yaml")
    for arguments in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "Hooks"]):
        subprocess.run(["git", *arguments], cwd=repo, env=git_env, check=True)
    rev = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=repo, env=git_env, capture_output=True, text=True, check=True
    )
    return repo, rev.stdout.strip()


def install_framework_hook(
    tmp_path: Path, site_repo: Path, git: Git, git_env: dict[str, str], hook_lines: str = ""
) -> None:
    """Install the pre-commit framework in `site_repo` with our installed-check hook (and `hook_lines`
    under it, such as its args), the config committed."""
    repo, rev = hooks_repo(tmp_path, git_env)
    (site_repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {repo}\n    rev: {rev}\n    hooks:\n      - id: article-editor-check-installed\n"
        + hook_lines,
        encoding="utf-8",
    )
    assert commit(git, ".pre-commit-config.yaml").returncode == 0
    subprocess.run(
        [sys.executable, "-m", "pre_commit", "install"],
        cwd=site_repo,
        env=git_env,
        check=True,
        capture_output=True,
    )


def test_pre_commit_framework_blocks_an_invalid_article(
    tmp_path: Path, site_repo: Path, git: Git, git_env: dict[str, str]
) -> None:
    install_framework_hook(tmp_path, site_repo, git, git_env)

    name = "content/blog/second post.md"
    (site_repo / name).write_text(with_bad_date(clean_sample()), encoding="utf-8")
    (site_repo / "README.md").write_text(SITE_README + "\n## Deploying\n", encoding="utf-8")
    blocked = commit(git, name, "README.md")
    assert blocked.returncode != 0
    assert f"{name}:4:1: error: datePublished" in output(blocked)
    assert "README.md:" not in output(blocked)
    assert commits(git) == 2

    (site_repo / name).write_text(clean_sample(), encoding="utf-8")
    passed = commit(git, name, "README.md")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert commits(git) == 3


def project_copy(tmp_path: Path, git_env: dict[str, str]) -> tuple[Path, str]:
    """This project's working tree (what pip needs to install it, and the hooks) as a one-commit repository."""
    repo = tmp_path / "project"
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "node_modules", ".*")
    repo.mkdir()
    for name in ("editor", "resources"):
        shutil.copytree(PROJECT / name, repo / name, ignore=ignore)
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        shutil.copy(PROJECT / name, repo / name)
    for arguments in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "Article Editor"]):
        subprocess.run(["git", *arguments], cwd=repo, env=git_env, check=True)
    rev = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=repo, env=git_env, capture_output=True, text=True, check=True
    )
    return repo, rev.stdout.strip()


@pytest.mark.slow
def test_pre_commit_framework_installs_article_editor_itself(
    tmp_path: Path, site_repo: Path, git_env: dict[str, str]
) -> None:
    """The self-contained hook: pre-commit builds its own virtualenv with this project (PySide6 and all),
    with our venv off PATH so the hook cannot borrow its article-editor."""
    repo, rev = project_copy(tmp_path, git_env)
    (site_repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {repo}\n    rev: {rev}\n    hooks:\n      - id: article-editor-check\n",
        encoding="utf-8",
    )
    path = os.pathsep.join(entry for entry in git_env["PATH"].split(os.pathsep) if entry != str(BIN))
    env = {**git_env, "PATH": path}
    run = [sys.executable, "-m", "pre_commit", "run", "--files", ARTICLE, "README.md"]
    (site_repo / ARTICLE).write_text(with_bad_date(clean_sample()), encoding="utf-8")
    started = time.monotonic()
    blocked = subprocess.run(run, cwd=site_repo, env=env, capture_output=True, text=True)
    first = time.monotonic() - started
    assert blocked.returncode == 1, blocked.stdout + blocked.stderr
    assert f"{ARTICLE}:4:1: error: datePublished" in output(blocked)
    assert "README.md:" not in output(blocked)

    (site_repo / ARTICLE).write_text(clean_sample(), encoding="utf-8")
    started = time.monotonic()
    passed = subprocess.run(run, cwd=site_repo, env=env, capture_output=True, text=True)
    again = time.monotonic() - started
    assert passed.returncode == 0, passed.stdout + passed.stderr
    print(f"first run (builds the hook's virtualenv) {first:.1f} s, cached run {again:.1f} s")


@pytest.mark.usefixtures("plain_hook")
def test_git_hook_spells_only_when_asked(site_repo: Path, git: Git, git_env: dict[str, str]) -> None:
    # The sample cites English titles: the site lists their words, as a Danish site would.
    listed = subprocess.run(
        [str(BIN / "article-editor"), "spell", "--format", "json", ARTICLE],
        cwd=site_repo,
        capture_output=True,
        text=True,
        env=git_env,
        check=False,
    )
    words = sorted({entry["word"] for entry in json.loads(listed.stdout)})
    assert words and "diagnostic" in words
    (site_repo / "article-editor-words.txt").write_text("\n".join(words) + "\n", encoding="utf-8")
    spelling = {**git_env, "ARTICLE_EDITOR_SPELL": "1"}
    (site_repo / ARTICLE).write_text(clean_sample().replace("Har din", "Har jeres"), encoding="utf-8")
    assert commit(git, ARTICLE, "article-editor-words.txt", env=spelling).returncode == 0

    misspelled = clean_sample().replace("Har din", "Har jeers")
    (site_repo / ARTICLE).write_text(misspelled, encoding="utf-8")
    blocked = commit(git, ARTICLE, env=spelling)
    assert blocked.returncode != 0
    line = next(number for number, text in enumerate(misspelled.splitlines(), 1) if "jeers" in text)
    assert f"{ARTICLE}:{line}:" in output(blocked) and ": jeers" in output(blocked)
    assert "commit blocked" in output(blocked)
    assert commit(git, ARTICLE).returncode == 0  # off by default
