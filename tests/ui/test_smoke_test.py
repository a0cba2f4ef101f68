"""`article-editor --smoke-test` and `--render-worker`, the two ways a frozen build proves and runs itself,
started as real processes through the same entry point as the packaged app (`python -m editor`)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from editor.ui.preview.render_protocol import (
    WORKER_ARGUMENT,
    FrameBuffer,
    RenderReply,
    RenderRequest,
    SiteMessage,
    encode_message,
)

pytestmark = pytest.mark.gui


def run_editor(*arguments: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    # QT_QPA_PLATFORM, the Chromium flags and the XDG folders come from conftest through the environment.
    return subprocess.run(
        [sys.executable, "-m", "editor", *arguments], capture_output=True, text=True, timeout=timeout
    )


def our_lines(stderr: str) -> list[str]:
    """What the editor itself said, without Qt's and Chromium's chatter about the offscreen platform."""
    return [line for line in stderr.splitlines() if line.startswith("article-editor:")]


def test_the_smoke_test_shows_the_bundled_article_and_exits_0() -> None:
    result = run_editor("--smoke-test")
    assert result.returncode == 0, result.stderr
    assert our_lines(result.stderr) == []


def test_the_smoke_test_opens_the_article_it_is_given(example_site: Path) -> None:
    article = example_site / "content" / "blog" / "mr-scanning.md"
    article.write_text("---\ntitle: Smoke\n---\n\nOne paragraph.\n", encoding="utf-8")
    result = run_editor("--smoke-test", str(article))
    assert result.returncode == 0, result.stderr


def test_the_smoke_test_fails_with_one_line_saying_why(tmp_path: Path) -> None:
    missing = tmp_path / "missing.md"
    result = run_editor("--smoke-test", str(missing))
    assert result.returncode == 1
    assert our_lines(result.stderr) == [
        f"article-editor: smoke test failed: Cannot open missing.md: File not found: {missing}"
    ]


def test_the_entry_point_runs_the_render_worker() -> None:
    # What a frozen build starts for the preview: itself with --render-worker, talking pickles on its pipes.
    requests = encode_message(SiteMessage(None, None)) + encode_message(
        RenderRequest(1, "---\ntitle: Worker\n---\n\n## A heading\n", reset=True)
    )
    worker = subprocess.run(
        [sys.executable, "-m", "editor", WORKER_ARGUMENT], input=requests, capture_output=True, timeout=60
    )
    assert worker.returncode == 0, worker.stderr.decode()
    replies = FrameBuffer().feed(worker.stdout)
    assert len(replies) == 1
    reply = replies[0]
    assert isinstance(reply, RenderReply)
    assert reply.request_id == 1
    assert "A heading" in reply.script
    assert "Worker" in reply.script
