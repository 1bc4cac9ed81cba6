"""Built-in loaders, registered through the same hooks as third-party loaders."""
