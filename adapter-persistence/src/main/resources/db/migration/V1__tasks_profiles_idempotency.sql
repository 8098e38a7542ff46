-- Hexatask's schema. The domain checks every rule first; the constraints here repeat the ones that matter, so
-- that no bug and no hand-made statement can store a task the domain would refuse.

-- [jooq ignore start]
create extension if not exists pg_trgm;
-- [jooq ignore stop]

create table tasks (
    id            uuid                     not null,
    owner         varchar(255)             not null,
    title         text                     not null,
    description   text,
    status        varchar(16)              not null,
    priority_rank smallint                 not null,
    due_date      date,
    tags          text[]                   not null default '{}',
    version       bigint                   not null,
    created_at    timestamp with time zone not null,
    updated_at    timestamp with time zone not null,
    completed_at  timestamp with time zone,
    constraint tasks_pk primary key (id),
    constraint tasks_status_known check (status in ('TODO', 'IN_PROGRESS', 'DONE')),
    constraint tasks_priority_rank_known check (priority_rank between 0 and 2),
    constraint tasks_title_length check (char_length(title) between 1 and 200),
    constraint tasks_description_length check (char_length(description) <= 10000),
    constraint tasks_tag_count check (cardinality(tags) <= 10),
    constraint tasks_version_positive check (version >= 1),
    constraint tasks_completed_iff_done check ((status = 'DONE') = (completed_at is not null)),
    constraint tasks_updated_not_before_created check (updated_at >= created_at)
);

-- One index per sort, in the sort's exact order, so that keyset pages are index range scans.
create index tasks_owner_created on tasks (owner, created_at desc, id desc);
create index tasks_owner_due_date on tasks (owner, due_date, id);
create index tasks_owner_priority on tasks (owner, priority_rank desc, created_at desc, id desc);
-- Open tasks by due date: overdue filters and the summary's overdue count read only these.
create index tasks_owner_open_due_date on tasks (owner, due_date) where status <> 'DONE';
-- The summary counts by status without touching the table (an index-only scan).
create index tasks_owner_status_due_date on tasks (owner, status, due_date);

-- The text query is a case-insensitive substring match. Lower-casing under pg_c_utf8 (Unicode simple case
-- mapping, built into PostgreSQL 17) gives the same answer whatever locale the database was created with.
-- [jooq ignore start]
create index tasks_title_trigram on tasks using gin (lower(title collate pg_c_utf8) gin_trgm_ops);
create index tasks_description_trigram on tasks using gin (lower(description collate pg_c_utf8) gin_trgm_ops);
create index tasks_tags on tasks using gin (tags);
-- [jooq ignore stop]

create table user_profiles (
    user_id      varchar(255)             not null,
    display_name varchar(100),
    time_zone    varchar(64)              not null,
    created_at   timestamp with time zone not null,
    updated_at   timestamp with time zone not null,
    constraint user_profiles_pk primary key (user_id),
    constraint user_profiles_display_name_length check (char_length(display_name) >= 1),
    constraint user_profiles_updated_not_before_created check (updated_at >= created_at)
);

-- A create request made with an idempotency key, and the task it created as it was then (a later edit or delete
-- of the task does not change what a retry gets back).
create table idempotency_records (
    owner               varchar(255)             not null,
    idempotency_key     varchar(255)             not null,
    request_fingerprint varchar(64)              not null,
    task_id             uuid                     not null,
    title               text                     not null,
    description         text,
    status              varchar(16)              not null,
    priority_rank       smallint                 not null,
    due_date            date,
    tags                text[]                   not null default '{}',
    version             bigint                   not null,
    task_created_at     timestamp with time zone not null,
    task_updated_at     timestamp with time zone not null,
    completed_at        timestamp with time zone,
    created_at          timestamp with time zone not null,
    expires_at          timestamp with time zone not null,
    constraint idempotency_records_pk primary key (owner, idempotency_key),
    constraint idempotency_records_expire_after_creation check (expires_at > created_at),
    constraint idempotency_records_status_known check (status in ('TODO', 'IN_PROGRESS', 'DONE')),
    constraint idempotency_records_priority_rank_known check (priority_rank between 0 and 2),
    constraint idempotency_records_title_length check (char_length(title) between 1 and 200),
    constraint idempotency_records_description_length check (char_length(description) <= 10000),
    constraint idempotency_records_tag_count check (cardinality(tags) <= 10),
    constraint idempotency_records_version_positive check (version >= 1),
    constraint idempotency_records_completed_iff_done check ((status = 'DONE') = (completed_at is not null))
);

-- The cleanup deletes by expiry.
create index idempotency_records_expires_at on idempotency_records (expires_at);

-- The key that signs list cursors: made here, once per database, so that every instance of the API shares it
-- and no one has to manage another secret. 32 bytes from three random UUIDs (366 random bits) through SHA-256.
create table cursor_signing_key (
    id     smallint not null,
    secret bytea    not null,
    constraint cursor_signing_key_pk primary key (id),
    constraint cursor_signing_key_single_row check (id = 1),
    constraint cursor_signing_key_length check (octet_length(secret) >= 32)
);

-- [jooq ignore start]
insert into cursor_signing_key (id, secret)
values (1, sha256(convert_to(gen_random_uuid()::text || gen_random_uuid()::text || gen_random_uuid()::text,
                             'UTF8')));
-- [jooq ignore stop]
