"""The start page of each role (the core team's numbers, an observer's plan) and the mission switch."""
