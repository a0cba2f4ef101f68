"""Tests of the Qt widgets, on real widgets offscreen."""
