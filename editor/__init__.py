"""Article Editor: write and maintain the Markdown articles of a static website."""
