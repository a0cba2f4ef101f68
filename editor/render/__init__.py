"""Qt-free rendering of Markdown articles to HTML, for the preview and for export."""
