"""Submissions: receiving a filled checklist (validated, idempotent on its uuid), the content hash, the flags
the outbox's checks raise, attachments, and review (exclude, restore), which changes `Submission` and so lives here."""
