"""The mission's people and what they gather: teams and deployment, onboarding, checklists, the phone and its
API, submissions and their review, the outbox of background jobs. Uses `mission`; never `reports`."""
