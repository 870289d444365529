"""The Swiss-cheese board drawn for the canvas, the presenter and the reports: layout, paint."""
