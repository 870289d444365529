"""The timeline drawn for the canvas, the presenter and the reports: layout, scale, paint."""
