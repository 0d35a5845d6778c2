"""Multi-request workflows as pure functions over wire objects (no I/O).

- `tasks`: closing a task (a recurring one: the finished occurrence plus the
  series advanced, seed 002), reopening, pins and checklist items.
- `recurrence`: the next occurrence from `repeatFlag`/`repeatFrom`, computed on
  the task's own wall clock (`timeZone`).
- `habits`: the two-request habit check-in of seed 003.
- `drafts`: new objects with every field the web app sends.
- `times`: TickTick's timestamp and date-stamp formats.

Managers call these and send what they return; tests compare what they return
with the captured bodies of the seeds.
"""
