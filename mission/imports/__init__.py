"""Importing reference data from a spreadsheet: read the file, map its columns, check every row, then write.

Used for polling stations here (mission/services/stations.py) and for the observer roster (observers/imports/roster.py).
Nothing in this package knows about observers.
"""
