-- The per-user counts of V3 are brought up to date when the writing transaction commits, not at each write: the
-- triggers become deferred constraint triggers. At each write they held the lock on the user's count row from the
-- write to the commit (a round trip to the client and back), so one user's concurrent creates queued behind each
-- other (measured: POST /tasks at 8 connections fell from about 3,600 to 1,700 a second). Deferred, the lock is
-- taken and released within the commit. The counts stay exact: each queued event carries its own old and new row,
-- and the commit applies them all or none. Nothing reads the counts inside a transaction that writes tasks.

-- [jooq ignore start]
drop trigger tasks_counted on tasks;
drop trigger tasks_recounted on tasks;

create constraint trigger tasks_counted after insert or delete on tasks
    deferrable initially deferred
    for each row execute function task_counts_follow_tasks();
create constraint trigger tasks_recounted after update of owner, status, due_date on tasks
    deferrable initially deferred
    for each row when (old.owner is distinct from new.owner or old.status is distinct from new.status
                       or old.due_date is distinct from new.due_date)
    execute function task_counts_follow_tasks();
-- [jooq ignore stop]
