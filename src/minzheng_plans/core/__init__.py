"""The pure core: plans, exact quantities and targets, findings and errors. No I/O, no plugins."""
