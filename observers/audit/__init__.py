"""The audit trail: every change to people, plans and data, who made it and when; its page at /audit/."""
