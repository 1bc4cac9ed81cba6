"""Plan files and bundled data files.

The cattrs converter, TOML/JSON reading and writing, and key-to-line indexes.
"""
