import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What changed, said on the `thidua_live` channel when it commits, for the API's live stream to the consoles:
 * events stored (the log's position, the campaigns they touch, those with campaign-wide events, the units they are about), inbox notifications written
 * (their recipients), notices read (the accounts) and accounts disabled. One NOTIFY per statement, not per row (a launch writes
 * thousands of rows at once), and always under PostgreSQL's 8000-byte payload: past that, the units are
 * dropped (`many`: every unit of the campaigns named), then the campaigns (`all`). Every writer — the API, any
 * worker, a script — is heard by every API instance, and a rolled-back transaction says nothing.
 */
export class LiveChanges1764460000000 implements MigrationInterface {
  name = 'LiveChanges1764460000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION live_events_stored() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        head bigint;
        campaigns json;
        wide json;
        payload text;
      BEGIN
        SELECT max(position) INTO head FROM inserted;
        IF head IS NULL THEN RETURN NULL; END IF;
        campaigns := (SELECT json_agg(DISTINCT campaign_id) FROM inserted);
        wide := (SELECT coalesce(json_agg(DISTINCT campaign_id), '[]') FROM inserted WHERE unit_id IS NULL);
        payload := json_build_object('k', 'events', 'p', head, 'c', campaigns, 'g', wide,
          'u', (SELECT coalesce(json_agg(DISTINCT ARRAY[campaign_id, unit_id]), '[]') FROM inserted WHERE unit_id IS NOT NULL))::text;
        IF octet_length(payload) > 7900 THEN
          payload := json_build_object('k', 'events', 'p', head, 'c', campaigns, 'g', wide, 'many', true)::text;
        END IF;
        IF octet_length(payload) > 7900 THEN
          payload := json_build_object('k', 'events', 'p', head, 'all', true)::text;
        END IF;
        PERFORM pg_notify('thidua_live', payload);
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER events_live AFTER INSERT ON events REFERENCING NEW TABLE AS inserted
      FOR EACH STATEMENT EXECUTE FUNCTION live_events_stored()`);
    await q.query(`CREATE FUNCTION live_inbox_written() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        recipients json;
        payload text;
      BEGIN
        SELECT json_agg(DISTINCT recipient) INTO recipients FROM inserted WHERE channel = 'inbox';
        IF recipients IS NOT NULL THEN
          payload := json_build_object('k', 'inbox', 'r', recipients)::text;
          IF octet_length(payload) > 7900 THEN payload := json_build_object('k', 'inbox', 'all', true)::text; END IF;
          PERFORM pg_notify('thidua_live', payload);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER notifications_live AFTER INSERT ON notifications REFERENCING NEW TABLE AS inserted
      FOR EACH STATEMENT EXECUTE FUNCTION live_inbox_written()`);
    await q.query(`CREATE FUNCTION live_notices_read() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE accounts json;
      BEGIN
        SELECT json_agg(DISTINCT account_id) INTO accounts FROM inserted;
        IF accounts IS NOT NULL THEN
          -- One account marks one notice at a time; a bulk mark of many accounts says "everyone".
          PERFORM pg_notify('thidua_live', CASE WHEN octet_length(accounts::text) > 7800
            THEN json_build_object('k', 'read', 'all', true) ELSE json_build_object('k', 'read', 'a', accounts) END::text);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER notification_reads_live AFTER INSERT ON notification_reads REFERENCING NEW TABLE AS inserted
      FOR EACH STATEMENT EXECUTE FUNCTION live_notices_read()`);
    // An account disabled: its streams end at once, on every API instance.
    await q.query(`CREATE FUNCTION live_account_disabled() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('thidua_live', json_build_object('k', 'disabled', 'a', NEW.id)::text);
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER accounts_live AFTER UPDATE OF disabled_at ON accounts
      FOR EACH ROW WHEN (OLD.disabled_at IS NULL AND NEW.disabled_at IS NOT NULL) EXECUTE FUNCTION live_account_disabled()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER accounts_live ON accounts');
    await q.query('DROP FUNCTION live_account_disabled()');
    await q.query('DROP TRIGGER notification_reads_live ON notification_reads');
    await q.query('DROP TRIGGER notifications_live ON notifications');
    await q.query('DROP TRIGGER events_live ON events');
    await q.query('DROP FUNCTION live_notices_read(), live_inbox_written(), live_events_stored()');
  }
}
