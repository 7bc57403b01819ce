"""The background jobs' page: outbox jobs and compilations that wait or failed, and retrying them."""
