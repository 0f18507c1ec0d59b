"""Front-end wiki views, one module per subject (see each module)."""
