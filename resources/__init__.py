"""Bundled resources (stylesheets, templates, the example site); read them through editor.resource_files."""
