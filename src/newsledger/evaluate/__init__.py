"""Readers for gold formats and scorers."""
