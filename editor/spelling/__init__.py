"""Spell checking of articles: which words of the Markdown are prose, and Hunspell's reading of them (no Qt)."""
