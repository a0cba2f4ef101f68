"""Qt widgets: the window, the front-matter form, the source editor, the preview and the problems list."""
