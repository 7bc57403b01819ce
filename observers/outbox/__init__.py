"""The transactional outbox: background jobs written with the row they are about, sent to Celery after the
commit, sent again by the dispatcher when the broker lost them, run once."""
