"""spaCy components and the pure functions that turn a processed Doc into records."""
