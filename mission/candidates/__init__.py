"""Candidates and party lists: who applied, who was registered, refused or deregistered, and why."""
