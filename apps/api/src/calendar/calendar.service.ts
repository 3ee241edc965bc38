/**
 * The working-day calendar: the rules of libs/calendar with the overrides stored in PostgreSQL. Every change
 * of a year's overrides is an event of the stream `calendar:<year>`; the announced swaps known when the code
 * was written are seeded once per year, as the stream's first event.
 */
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { campaignWorkflowId, changeCalendar } from '@thidua/contracts';
import { APP_CONFIG, type ServiceConfig } from '@thidua/config';
import { executeUpdate } from '../campaigns/temporal-errors';
import { ANNOUNCED_OVERRIDES, WorkingCalendar, type CalendarDay, type CalendarOverride } from '@thidua/calendar';
import {
  appendAtEnd,
  appendToStream,
  listCampaigns,
  listOverrides,
  replaceYearOverrides,
  streams,
  yearOverrides,
} from '@thidua/persistence';
import { InvalidInputException, type FieldProblem } from '../common/validation';

/** A year of the calendar as the API answers it. */
export interface CalendarYear {
  readonly year: number;
  /** Every day not worked besides the weekends, with its Vietnamese name and source (rule or override). */
  readonly days: CalendarDay[];
  /** Days worked that would not be (a Saturday swapped for a bridging day off). */
  readonly workedDays: CalendarDay[];
}

const fmt = (date: string): string => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;

@Injectable()
export class CalendarService implements OnApplicationBootstrap {
  private readonly log = new Logger(CalendarService.name);

  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    private readonly client: Client,
    @Inject(APP_CONFIG) private readonly config: ServiceConfig,
  ) {}

  /** Seeds each year's announced overrides once (the stream's first event; a second process finds it there). */
  async onApplicationBootstrap(): Promise<void> {
    const byYear = new Map<number, CalendarOverride[]>();
    for (const o of ANNOUNCED_OVERRIDES) byYear.set(Number(o.date.slice(0, 4)), [...(byYear.get(Number(o.date.slice(0, 4))) ?? []), o]);
    for (const [year, overrides] of byYear) {
      await this.ds.transaction(async (m) => {
        const at = new Date().toISOString();
        const outcome = await appendToStream(m, streams.calendar(year), 0, [
          { type: 'CalendarOverridesSet', at, actor: 'system', data: { year, overrides, previous: [], seeded: true } },
        ]);
        if (outcome.status === 'appended') await replaceYearOverrides(m, year, overrides, 'system', at);
      });
    }
    // A change whose campaigns were not all told (the API stopped in between) is carried now; told twice is a no-op.
    void this.tellCampaigns('system').catch((err: unknown) => this.log.warn(`Calendar not carried to campaigns: ${String(err)}`));
  }

  /**
   * Tells every running campaign that counts with a calendar what the calendar is now (its stamp); each
   * carries the announced changes to its units, who re-plan their timers. Idempotent: a campaign that has
   * the stamp already records nothing. Returns how many campaigns were told.
   */
  async tellCampaigns(actor: string): Promise<number> {
    const overrides = await listOverrides(this.ds);
    const stamp = createHash('sha256').update(JSON.stringify(overrides)).digest('hex').slice(0, 16);
    // The working calendar is the province's: every campaign of every organisation counts with it.
    const campaigns = (await listCampaigns(this.ds)).filter(
      (c) => (c.status === 'running' || c.status === 'launching') && c.definition.calendar && c.definition.dayLength === undefined,
    );
    let told = 0;
    for (const c of campaigns) {
      try {
        const handle = this.client.workflow.getHandle(campaignWorkflowId(c.id));
        await executeUpdate(this.client, this.config.updateTimeoutMs, handle, changeCalendar, { stamp, actor }, undefined, 'closed');
        told += 1;
      } catch (err) {
        this.log.warn(`Campaign ${c.id} not told of the calendar change: ${String(err)}`);
      }
    }
    return told;
  }

  /** The calendar with every stored override. */
  async calendar(): Promise<WorkingCalendar> {
    return new WorkingCalendar(await listOverrides(this.ds));
  }

  /** The year's non-working days (holidays, days off in lieu, announced days off) and, apart, the days announced as worked. */
  async year(year: number): Promise<CalendarYear> {
    const all = new WorkingCalendar(await yearOverrides(this.ds, year)).year(year);
    return { year, days: all.filter((d) => !d.working), workedDays: all.filter((d) => d.working) };
  }

  /** The instant `add` working days after `from`; 400 naming the field when it leaves the calendar's years. */
  async addWorkingDays(from: string, add: number): Promise<{ from: string; add: number; at: string }> {
    try {
      return { from, add, at: (await this.calendar()).addWorkingDays(from, add) };
    } catch (err) {
      if (!(err instanceof RangeError)) throw err;
      throw new InvalidInputException([{ field: 'add', rule: 'calendarRange', message: `add: ${err.message}` }]);
    }
  }

  /**
   * Replaces a year's overrides: each date in that year, once; a day off must be a day worked by the rules,
   * a day worked a day off by them (a weekend or a holiday). Every problem is named; nothing changes then.
   */
  async setOverrides(year: number, overrides: readonly CalendarOverride[], actor: string): Promise<CalendarYear> {
    const rules = new WorkingCalendar();
    const problems: FieldProblem[] = [];
    const seen = new Set<string>();
    overrides.forEach((o, i) => {
      const field = `overrides.${i}.date`;
      if (Number(o.date.slice(0, 4)) !== year)
        problems.push({ field, rule: 'sameYear', message: `${field}: ngày ${fmt(o.date)} không thuộc năm ${year}` });
      else if (seen.has(o.date)) problems.push({ field, rule: 'unique', message: `${field}: ngày ${fmt(o.date)} được nêu hai lần` });
      else if (o.kind === 'day-off' && !rules.isWorkingDate(o.date))
        problems.push({ field, rule: 'alreadyOff', message: `${field}: ngày ${fmt(o.date)} vốn đã là ngày nghỉ` });
      else if (o.kind === 'working-day' && rules.isWorkingDate(o.date))
        problems.push({ field, rule: 'alreadyWorked', message: `${field}: ngày ${fmt(o.date)} vốn đã là ngày làm việc` });
      seen.add(o.date);
    });
    if (problems.length) throw new InvalidInputException(problems);
    const clean = overrides.map(({ date, kind, name }) => ({ date, kind, name: name.trim() }));
    await this.ds.transaction(async (m) => {
      const previous = await yearOverrides(m, year);
      const at = new Date().toISOString();
      await replaceYearOverrides(m, year, clean, actor, at);
      await appendAtEnd(m, streams.calendar(year), {
        type: 'CalendarOverridesSet',
        at,
        actor,
        data: { year, overrides: clean, previous },
      });
    });
    await this.tellCampaigns(actor);
    return this.year(year);
  }
}
