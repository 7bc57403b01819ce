"""What the mission publishes, from its data: findings, report documents (sections, blocks, PDF), the election-day
monitor, exports, and the background jobs' page. Uses `observers` and `mission`; neither uses it."""
