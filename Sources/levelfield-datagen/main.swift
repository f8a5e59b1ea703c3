// Development tool.
