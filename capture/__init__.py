"""capture: what happens on screen becomes spans of activity."""
