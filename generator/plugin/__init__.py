"""The MkDocs plugin: its events, the watch of docs/ under serve, and its page caches."""
