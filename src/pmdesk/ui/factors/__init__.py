"""The Swiss-cheese board: layers of defence, their holes, and the incident's trajectory.

``factor_board_section(document)`` builds the Factors section: the board with
its details and nudges beside it, and the layers/factors tables as the
keyboard and screen-reader view of the same document.
"""
