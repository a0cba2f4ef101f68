"""The window as a workspace on a generated 2,000-article site: the sidebar sorted and filtered (on the
real widget, against python-frontmatter and grep), tabs, the close prompt, rename, replace across the
site and its undo, delete to the trash."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import frontmatter
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from editor.site.article_facts import slug_of
from editor.ui.workspace.article_list import Column
from editor.ui.workspace.main_window import MainWindow

from .dialogs import press, when_dialog_opens
from .window_on_site import window_on

pytestmark = pytest.mark.gui


@pytest.fixture
def site_window(qtbot: QtBot, settings: QSettings, generated_site: Path) -> Iterator[MainWindow]:
    with window_on(settings) as main:
        assert main.open_path(generated_site)
        yield main


def _grep_files(site: Path, *arguments: str) -> list[str]:
    result = subprocess.run(
        ["grep", "-rl", *arguments, "content"], cwd=site, capture_output=True, text=True, check=False
    )
    return sorted(result.stdout.split())


def test_the_sidebar_lists_sorts_and_filters_every_article(
    site_window: MainWindow, generated_site: Path, qtbot: QtBot
):
    sidebar = site_window.sidebar
    assert sidebar.isVisible()
    assert sidebar.proxy.rowCount() == 2000
    # Sorted by date, newest first, by clicking the header twice: python-frontmatter reads the dates.
    header = sidebar.table.horizontalHeader()
    date_column = sidebar.model.column_number("date")
    for _ in range(2):
        qtbot.mouseClick(
            header.viewport(),
            Qt.MouseButton.LeftButton,
            pos=header.rect().topLeft() + _section_centre(header, date_column),
        )
    assert header.sortIndicatorSection() == date_column
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    shown = sidebar.shown_articles()
    dates = [_date_of(generated_site / article.relative) for article in shown]
    assert dates == sorted(dates, reverse=True)
    # Filtered by text typed into the field: the titles python-frontmatter reads that hold it.
    qtbot.keyClicks(sidebar.filter_field, "Knæ 1")
    expected = sorted(
        path.relative_to(generated_site).as_posix()
        for path in (generated_site / "content" / "blog").glob("*.md")
        if "knæ 1" in frontmatter.load(path)["title"].casefold()
    )
    assert expected
    assert sorted(article.relative for article in sidebar.shown_articles()) == expected
    assert sidebar.count_label.text() == f"{len(expected)} of 2000 articles"
    sidebar.filter_field.clear()
    # Drafts only: the files grep finds with `draft: true`.
    sidebar.draft_choice.setCurrentIndex(1)
    assert sorted(article.relative for article in sidebar.shown_articles()) == _grep_files(
        generated_site, "-x", "draft: true"
    )
    sidebar.draft_choice.setCurrentIndex(0)
    # With problems: the generated articles without a metaTitle (a required field), and the drafts (their
    # `draft` key is not in the schema, which is worth a note).
    sidebar.problems_only.setChecked(True)
    missing = subprocess.run(
        ["grep", "-rL", "^metaTitle:", "content"],
        cwd=generated_site,
        capture_output=True,
        text=True,
        check=False,
    )
    drafts = _grep_files(generated_site, "-x", "draft: true")
    expected_problems = sorted({*missing.stdout.split(), *drafts})
    assert sorted(article.relative for article in sidebar.shown_articles()) == expected_problems
    sidebar.problems_only.setChecked(False)
    # A date range.
    sidebar.date_from.setDate(sidebar.date_from.date().fromString("2016-03-01", "yyyy-MM-dd"))
    sidebar.date_to.setDate(sidebar.date_to.date().fromString("2016-03-31", "yyyy-MM-dd"))
    in_march = [article for article in sidebar.shown_articles()]
    assert in_march and all(
        dt.date(2016, 3, 1) <= _date_of(generated_site / a.relative) <= dt.date(2016, 3, 31) for a in in_march
    )
    everything = [_date_of(path) for path in (generated_site / "content" / "blog").glob("*.md")]
    assert len(in_march) == sum(dt.date(2016, 3, 1) <= date <= dt.date(2016, 3, 31) for date in everything)


def _section_centre(header, column: int):
    from PySide6.QtCore import QPoint

    return QPoint(
        header.sectionViewportPosition(column) + header.sectionSize(column) // 2, header.height() // 2
    )


def _date_of(path: Path) -> dt.date:
    return dt.datetime.strptime(frontmatter.load(path)["datePublished"], "%d-%m-%Y").date()


def test_a_column_can_be_added_by_another_part_of_the_editor(site_window: MainWindow):
    sidebar = site_window.sidebar
    number = sidebar.add_column(
        Column("status", "Status", lambda a: "M" if a.words > 300 else "", lambda a: a.words > 300)
    )
    assert sidebar.model.headerData(number, Qt.Orientation.Horizontal) == "Status"
    sidebar.table.sortByColumn(number, Qt.SortOrder.DescendingOrder)
    assert sidebar.shown_articles()[0].words > 300


def test_activating_an_article_opens_it_in_a_tab_and_twice_is_one_tab(
    site_window: MainWindow, generated_site: Path, qtbot: QtBot
):
    sidebar = site_window.sidebar
    sidebar.table.selectRow(3)
    target = sidebar.selected_article()
    sidebar.table.activated.emit(sidebar.proxy.index(3, 0))
    assert site_window.session.path == target.path
    sidebar.table.selectRow(4)
    sidebar.table.activated.emit(sidebar.proxy.index(4, 0))
    assert site_window.tabs.count() == 2
    # The first file again, by another name of it: the tab it has comes forward.
    link = generated_site / "alias.md"
    link.symlink_to(target.path)
    assert site_window.open_path(link)
    assert site_window.open_path(target.path)
    assert site_window.tabs.count() == 2
    assert site_window.session.path == target.path


def test_each_tab_has_its_own_undo_and_one_prompt_lists_every_unsaved_article(
    site_window: MainWindow, generated_site: Path, qtbot: QtBot
):
    first, second = (site_window.sidebar.shown_articles()[n].path for n in (0, 1))
    site_window.open_path(first)
    qtbot.keyClicks(site_window.editor, "et")
    site_window.open_path(second)
    qtbot.keyClicks(site_window.editor, "to")
    assert site_window.editor.toPlainText().startswith("to")
    site_window.editor.undo()
    assert not site_window.editor.toPlainText().startswith("t")
    site_window.editor.redo()
    site_window.open_path(first)
    assert site_window.editor.toPlainText().startswith("et")  # its own history, untouched
    seen: list[str] = []
    when_dialog_opens(press(QMessageBox.StandardButton.Cancel, seen))
    assert not site_window.close()
    assert first.name in seen[0] and second.name in seen[0]
    site_window.save_all()
    assert first.read_text(encoding="utf-8").startswith("et")
    assert second.read_text(encoding="utf-8").startswith("to")


def test_a_site_opened_from_the_command_line_shows_its_latest_article(
    qtbot: QtBot, settings: QSettings, generated_site: Path
):
    # Generated at once, the articles share their times: one is changed last, as the file system says.
    articles = sorted(generated_site.rglob("*.md"))
    newest = max(os.stat(path).st_mtime_ns for path in articles)
    latest = articles[len(articles) // 2]
    os.utime(latest, ns=(newest + 10**9, newest + 10**9))
    assert max(articles, key=lambda path: os.stat(path).st_mtime_ns) == latest
    with window_on(settings) as main:
        assert main.open_path(generated_site)
        assert main.view.is_blank()
        main.show_latest_article()
        assert main.session.path == latest
        assert main.tabs.count() == 1


def test_the_open_tabs_come_back_at_the_next_start(qtbot: QtBot, settings: QSettings, generated_site: Path):
    with window_on(settings) as main:
        main.open_path(generated_site)
        opened = [article.path for article in main.sidebar.shown_articles()[:3]]
        for path in opened:
            main.open_path(path)
        main.close()
    with window_on(settings) as again:
        again.open_path(generated_site)
        assert [view.session.path for view in again.views()] == opened


def test_rename_from_the_window_updates_the_links(site_window: MainWindow, generated_site: Path):
    first = (generated_site / "content" / "blog" / "ryg-artikel-00000.md").read_text(encoding="utf-8")
    import re

    slug = re.search(r"\(/blog/([^/]+)/\)", first).group(1)
    target = generated_site / "content" / "blog" / f"{slug}.md"
    linking = _grep_files(generated_site, "-F", f"/blog/{slug}/")
    site_window.open_path(target)
    assert site_window.rename_to(target, "et-nyt-navn", confirm=False)
    assert site_window.session.path == target.with_name("et-nyt-navn.md")
    assert _grep_files(generated_site, "-F", f"/blog/{slug}/") == []
    assert _grep_files(generated_site, "-F", "/blog/et-nyt-navn/") == linking
    assert slug_of(site_window.session.path, {}) == "et-nyt-navn"
    assert any(
        article.relative.endswith("et-nyt-navn.md") for article in site_window.sidebar.shown_articles()
    )


def test_replace_all_across_the_site_is_undoable(site_window: MainWindow, generated_site: Path, qtbot: QtBot):
    # 56 articles (each Replace All write keeps a backup and syncs: a common word would take a minute).
    holding = _grep_files(generated_site, "-iF", "findes-ikke-1")
    assert len(holding) > 20
    opened = generated_site / holding[0]
    site_window.open_path(opened)
    before = {name: (generated_site / name).read_bytes() for name in holding}
    dialog = site_window.show_site_search()
    dialog.find_field.setText("FINDES-IKKE-1")
    dialog.replace_field.setText("forsvundet-1")
    assert dialog.replace_all(confirm=False)
    # Closed articles were written (backups kept); the open one changed in its buffer, not behind it.
    assert _grep_files(generated_site, "-iF", "findes-ikke-1") == [holding[0]]
    assert "findes-ikke-1" not in site_window.session.text().casefold()
    assert site_window.session.is_modified()
    dialog.undo_replace()
    assert {name: (generated_site / name).read_bytes() for name in holding} == before
    site_window.editor.undo()
    assert site_window.session.text().encode("utf-8") == before[holding[0]]
    dialog.close()


def test_delete_is_refused_with_unsaved_edits_and_goes_to_the_trash(
    site_window: MainWindow, generated_site: Path, qtbot: QtBot, private_user_data: Path
):
    target = site_window.sidebar.shown_articles()[0].path
    site_window.open_path(target)
    qtbot.keyClicks(site_window.editor, "x")
    when_dialog_opens(press(QMessageBox.StandardButton.Ok))
    assert not site_window.delete_article(confirm=False)
    assert target.exists()
    site_window.revert_without_asking = True
    site_window.session.revert()
    assert site_window.delete_article(confirm=False)
    assert not target.exists()
    trashed = list((private_user_data / "xdg_data_home" / "Trash" / "files").iterdir())
    assert [path.name for path in trashed] == [target.name]
    assert all(article.path != target for article in site_window.sidebar.shown_articles())
