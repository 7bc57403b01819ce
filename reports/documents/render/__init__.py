"""Rendering a compiled report: the PDF (WeasyPrint), its charts and its maps, as SVG drawn here."""
