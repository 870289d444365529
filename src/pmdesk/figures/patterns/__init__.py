"""The patterns chart (time to detect and to mitigate by month), drawn once for screen and reports.

Import the painting from ``pmdesk.figures.patterns.chart``; this package costs nothing to import.
"""
