"""The Patterns tab: what the library's reviews have in common (issue 17).

``install_patterns(window)`` adds the tab to a main window, built on first use.
"""

from pmdesk.ui.patterns.install import install_patterns

__all__ = ["install_patterns"]
