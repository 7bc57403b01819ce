"""Deployment: teams and their areas, the plan of which short-term team visits which station, the planner
that proposes one, the coverage and map pages, and the route PDFs."""
