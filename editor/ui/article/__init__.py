"""The widgets of one open article: its session, the front-matter form, the source editor and its problems."""
