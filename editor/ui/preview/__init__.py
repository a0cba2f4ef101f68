"""The live preview: the web page, the render worker process it talks to, and scroll sync."""
