"""Registries of names: the indicator catalog and the jurisdictions (places)."""
