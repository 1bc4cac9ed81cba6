"""Built-in rules, registered through the same hooks as third-party rules."""
