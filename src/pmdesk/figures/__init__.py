"""Figures drawn once for both the screen and the reports: the timeline and the Swiss-cheese board.

Layout modules (``timeline.scale``, ``timeline.layout``, ``factors.layout``, ``style``,
``measure``, ``geometry``) are pure Python; painting and export use QtGui and
QtSvg, never QtWidgets. Import the Qt parts from their modules
(``pmdesk.figures.export``, ``timeline.paint``, ``factors.paint``) so that
importing this package costs nothing and needs no display.
"""
