"""Qt-free site layer: site root and config, image import, the one module that writes files."""
