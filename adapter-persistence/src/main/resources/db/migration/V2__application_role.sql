-- The role the API signs in as: it reads and writes rows and nothing else. It owns no object, so it can neither
-- ALTER nor DROP one; it has no CREATE on the schema or the database; it is no superuser and no member of
-- rds_superuser. The migrations keep running as the schema's owner. The role is made without a password (it cannot
-- sign in yet): the migrations function gives it the one in the application's secret (see ApplicationRole), and the
-- alternating-users rotation later adds hexatask_app_clone as a member of it, so both inherit exactly these grants.
--
-- Only a user that may create roles makes it (RDS's master user may). A database owner without CREATEROLE, as on a
-- laptop (bin/dev) or a server of your own, skips it with a notice: the application then signs in as that owner. In
-- AWS a missing role cannot go unnoticed: the migrations function fails when it cannot let the role sign in.

-- [jooq ignore start]
do $$
begin
    if not exists (select 1 from pg_roles where rolname = 'hexatask_app') then
        if not (select rolsuper or rolcreaterole from pg_roles where rolname = current_user) then
            raise notice 'hexatask_app not made: % may not create roles; the application signs in as the owner',
                current_user;
            return;
        end if;
        begin
            create role hexatask_app nologin nosuperuser nocreatedb nocreaterole noreplication nobypassrls;
        exception
            -- Roles belong to the server, not the database: a second database migrating at the same time made it.
            when duplicate_object or unique_violation then null;
        end;
    end if;

    grant usage on schema public to hexatask_app;
    grant select, insert, update, delete on tasks, user_profiles, idempotency_records to hexatask_app;
    -- The cursor key is read, never changed, by the API.
    grant select on cursor_signing_key to hexatask_app;
    -- Tables and sequences that later migrations create are granted the same way without repeating it in each.
    alter default privileges in schema public grant select, insert, update, delete on tables to hexatask_app;
    alter default privileges in schema public grant usage, select on sequences to hexatask_app;
end
$$;

-- PostgreSQL 15 and later already refuse CREATE on public to everyone but its owner; said again for older servers
-- that a database may have been restored from.
revoke create on schema public from public;
-- [jooq ignore stop]
