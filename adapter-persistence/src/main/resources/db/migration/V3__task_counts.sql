-- Each user's tasks counted by status and due date, kept by triggers in the same transaction as every write to
-- tasks, so that the dashboard's summary reads a handful of rows instead of every task of the user (at 100,000 tasks
-- a count over tasks is a parallel scan of about 90 ms). One row per status and due date the user's tasks have:
-- overdue depends on the day, not on writes, so it is summed when read, over the rows due before the caller's today.
-- Triggers rather than the adapter: no write to tasks (a migration, a hand-made statement) can leave the counts wrong.
-- Tasks without a due date are counted under the date 'infinity', which no today is after.
create table task_counts (
    owner    varchar(255) not null,
    status   varchar(16)  not null,
    due_date date         not null,
    tasks    bigint       not null,
    constraint task_counts_pk primary key (owner, status, due_date),
    constraint task_counts_not_negative check (tasks >= 0)
);

-- [jooq ignore start]

create function task_counts_follow_tasks() returns trigger language plpgsql as $$
begin
    if tg_op in ('UPDATE', 'DELETE') then
        update task_counts set tasks = tasks - 1
         where owner = old.owner and status = old.status and due_date = coalesce(old.due_date, 'infinity');
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
        insert into task_counts (owner, status, due_date, tasks)
            values (new.owner, new.status, coalesce(new.due_date, 'infinity'), 1)
            on conflict (owner, status, due_date) do update set tasks = task_counts.tasks + 1;
    end if;
    return null;
end
$$;

create function task_counts_follow_truncate() returns trigger language plpgsql as $$
begin
    delete from task_counts;
    return null;
end
$$;

create trigger tasks_counted after insert or delete on tasks
    for each row execute function task_counts_follow_tasks();
create trigger tasks_recounted after update of owner, status, due_date on tasks
    for each row when (old.owner is distinct from new.owner or old.status is distinct from new.status
                       or old.due_date is distinct from new.due_date)
    execute function task_counts_follow_tasks();
create trigger tasks_truncated after truncate on tasks
    for each statement execute function task_counts_follow_truncate();

insert into task_counts (owner, status, due_date, tasks)
select owner, status, coalesce(due_date, 'infinity'), count(*) from tasks group by 1, 2, 3;
-- [jooq ignore stop]
