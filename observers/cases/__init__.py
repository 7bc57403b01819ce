"""The register's pages and API: LTOs enter and edit their team's cases, the core team all of the mission's."""
