"""Rendering: rich tables for a terminal and JSON, JSONL, CSV and Markdown for pipelines.

Renderers take the plain data classes of :mod:`bulletin_nlp.models` and return text or rich
renderables; nothing here reads input or computes results.
"""
