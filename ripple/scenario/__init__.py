"""Scenario files: typed models, loading with positions, checks and the JSON Schema."""
