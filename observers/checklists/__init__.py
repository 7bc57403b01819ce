"""Checklists (observation forms): their definitions and versions, the editor, XLSForm export and import, and
the standard forms. Its pages stay at /forms/, the URL observers and coordinators already know."""
