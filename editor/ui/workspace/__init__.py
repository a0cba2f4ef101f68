"""The window and the workspace level: what is open and how it is laid out."""
