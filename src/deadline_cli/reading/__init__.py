"""Reading the dates of a case from the court's own document (deadline read)."""
