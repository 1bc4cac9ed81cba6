"""The text toolkit every loader reuses: normalisation with an offset map, metadata, the
section tree and table readers. Pure text processing: no pint, no plugin host.
"""
