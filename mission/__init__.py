"""The country and the election: the mission, its geography and polling stations, parties, the election
administration and the mission's interlocutors. Imports nothing from `observers` or `reports` (import-linter)."""
