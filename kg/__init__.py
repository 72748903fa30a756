"""kg layer."""
