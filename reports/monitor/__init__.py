"""The election-day monitor: forms arriving by hour and region, refreshed on the coordinators' screen."""
