"""The database layer under the ORM: statements prepared once per connection (prepared.py), model instances
built from one joined row (joined_rows.py), and a 503 with Retry-After when the database is unavailable
(unavailable.py).

Every hand-written SQL statement in the project, and why it is not the ORM:
- observers/api/token_lookup.py: a phone token with its user and memberships, in one prepared query. Asked on
  every API request; the ORM's select_related plus prefetch took two queries and more CPU than the query costs.
- observers/submissions/selectors.py: a station with whether it is in the team's plan, and a submission by uuid
  with its form, station and team. Asked for every form a phone sends; the ORM spent about 1 ms of CPU building
  the nested subqueries, seven times what the prepared query costs.
- observers/outbox/services.py: a submission and its outbox job in one statement (a data-modifying WITH ... ON
  CONFLICT DO NOTHING): one round trip instead of four, and no error logged for every resend; and the claim of a
  message's jobs as one UPDATE ... RETURNING. The ORM has neither.
- observers/submissions/flags.py: every form of the same kind at the stations of a message of checks, one raw
  query the ORM took longer to build than PostgreSQL to answer.
- reports/findings/selectors.py: the answer counts of every question over the mission's forms, by unnesting the
  JSON answers in the database (jsonb_each on PostgreSQL, json_each on SQLite): the ORM cannot group by the keys
  of a JSON field. And `SET LOCAL jit = off; work_mem` for those aggregations only.
- mission/results/copy.py: an import of official results written with COPY: 200,000 stations in seconds, where
  bulk_create took a minute.
- mission/imports/bulk.py: the rows an import changes (stations, observers), and the stations an undone import puts
  back, as one UPDATE ... FROM (VALUES ...) per 2,000 rows: bulk_update's CASE WHEN per field and row cost more
  to compile than the update.
- config/health.py: `SELECT 1`, the readiness probe.
PostgreSQL-only paths are tested by the tests marked `postgres`; .ci/run fails when none of them ran.
"""
