"""Qt widgets of the Policy Handbook. Thin: every question goes to the Handbook service."""
