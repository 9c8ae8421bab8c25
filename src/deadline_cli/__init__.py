"""deadline-cli: court deadlines for Kazakhstan, with the article behind every date."""

__version__ = "0.1.0"
