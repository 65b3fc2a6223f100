"""Drawing the organisation, the moving work and the charts."""
