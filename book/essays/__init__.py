"""Shared helpers for the book's executable essays.

``essays.models``  pure numpy/pandas models, one short file per chapter (no altair, no ipywidgets)
``essays.charts``  tidy DataFrame -> altair chart, one file per chapter
``essays.explorable``  declare an interactive figure once, render it statically and live
"""
