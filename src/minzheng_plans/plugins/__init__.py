"""The plugin layer.

Hook specifications, the plugin host, isolation, and the contexts plugins receive.
"""
