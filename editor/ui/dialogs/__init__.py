"""Dialogs: about, preferences and recovery."""
