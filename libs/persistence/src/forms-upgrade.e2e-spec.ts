/**
 * A release's built-in forms on an installation made before it, on the real PostgreSQL: a form nobody edited
 * takes the release's version (the decree's vote rule, the award money), as an event of its stream; a form an
 * admin edited stays theirs; seeding again changes nothing.
 */
import { type DataSource } from 'typeorm';
import { BUILT_IN_FORMS } from '@thidua/contracts';
import { createIsolatedDatabase } from '@thidua/testing';
import { findForm, RELEASE_ACTOR, seedForms, updateForm } from './commendations';
import { createDataSource } from './data-source';

describe('built-in forms across releases', () => {
  let ds: DataSource;

  beforeAll(async () => {
    ds = await createDataSource({ url: await createIsolatedDatabase('forms-upgrade'), poolSize: 4 }).initialize();
  });
  afterAll(async () => {
    await ds?.destroy();
  });

  it('brings the untouched ones to the release, keeps the edited ones, and is idempotent', async () => {
    await seedForms(ds);
    const events = async (id: string) =>
      (
        await ds.query<Array<{ type: string; actor: string | null }>>('SELECT type, actor FROM events WHERE stream = $1 ORDER BY seq', [
          `commendation-form:${id}`,
        ])
      ).map((e) => `${e.type}:${e.actor ?? ''}`);
    // As the previous release left them: the team's guessed 70% and no money.
    const previous = (id: string) => {
      const form = { ...BUILT_IN_FORMS.find((f) => f.id === id)! };
      delete (form as { reward?: number }).reward;
      return { ...form, vote: { share: { num: 70, den: 100 }, of: 'members' as const, quorum: { num: 2, den: 3 } } };
    };
    await ds.query("UPDATE commendation_forms SET form = $1 WHERE id = 'chien-si-thi-dua-co-so'", [
      JSON.stringify(previous('chien-si-thi-dua-co-so')),
    ]);
    const edited = { ...previous('co-thi-dua-tinh'), legalBasis: 'Quy chế của Hội đồng tỉnh (đã sửa)' };
    await ds.transaction((m) => updateForm(m, edited, 1, 'admin:tinh', new Date().toISOString()));

    await seedForms(ds);
    const upgraded = await findForm(ds, 'chien-si-thi-dua-co-so');
    expect(upgraded?.form).toMatchObject({ vote: { share: { num: 80, den: 100 }, written: true }, reward: 1 });
    expect(upgraded?.updatedBy).toBe(RELEASE_ACTOR);
    expect(await events('chien-si-thi-dua-co-so')).toEqual(['CommendationFormAdded:', `CommendationFormChanged:${RELEASE_ACTOR}`]);
    expect((await findForm(ds, 'co-thi-dua-tinh'))?.form).toMatchObject({ legalBasis: 'Quy chế của Hội đồng tỉnh (đã sửa)' });
    expect(await events('co-thi-dua-tinh')).toEqual(['CommendationFormAdded:']);

    await seedForms(ds);
    expect(await events('chien-si-thi-dua-co-so')).toHaveLength(2);
  });
});
