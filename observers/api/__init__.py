"""The phone's REST API (/api/v1/): tokens, checklists, the day's plan, submissions and their attachments;
authentication with its one-query token lookup, the request limits and the schema's examples."""
