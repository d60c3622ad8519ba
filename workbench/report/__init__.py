"""Exports: CSV, JSON lines, ClaimReview JSON-LD and a readable Markdown report.

Kept free of imports here: ``workbench extract --format csv`` uses ``report.cells``
and must not pull in the database layer.
"""
