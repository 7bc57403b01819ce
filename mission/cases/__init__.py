"""The register of complaints and appeals (case files), as the mission's legal analyst keeps it."""
