"""Units: the project's one pint registry behind our own tokeniser, and the safe formula parser."""
