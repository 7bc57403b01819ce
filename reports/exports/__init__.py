"""Exports: submissions, stations and deployment as CSV, XLSX or GeoJSON, streamed."""
