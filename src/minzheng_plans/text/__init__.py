"""The text toolkit every loader reuses: normalisation, metadata, sections, tables, prose."""
