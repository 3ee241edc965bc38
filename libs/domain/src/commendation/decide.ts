/**
 * decide(state, command) → events of a campaign's commendation stage. Pure; throws RuleError to refuse
 * (nothing changes). The council's result is computed from the counts and the form's rule, never typed.
 */
import {
  attachmentProblems,
  type Attachment,
  COMMENDABLE_PHASES,
  formOf,
  LIMITS,
  listedNominees,
  nomineeName,
  registerKey,
  slugify,
  TERMINAL_PHASES,
  type CommendationForm,
  type CommendationPayloads,
  type CommendationState,
  type CommendationSetup,
  type Council,
  type CouncilMember,
  type Issuer,
  type JudgedCriterion,
  type NewCommendationEvent,
  type Nominee,
} from '@thidua/contracts';
import { ballotProblems, countBallot } from '../council';
import { notCommendable } from './rules';
import { clusterDone, decideClusterRound } from './cluster-vote';
import { optionalText, RuleError, text } from '../rule-error';
import type { CommendationCommand, CommendationRequest } from './commands';
import { isLate } from '../deadlines';

const wrongPhase = (message: string): RuleError => new RuleError('wrong-phase', message);
const invalid = (problems: string[]): RuleError => new RuleError('invalid', problems.join('; '), problems);
const instant = (v: unknown): boolean => typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v) && Number.isFinite(Date.parse(v));
/** Text checked by the shared rules, its problem collected instead of thrown. */
const collect = (problems: string[], f: () => void): void => {
  try {
    f();
  } catch (err) {
    if (err instanceof RuleError) problems.push(err.message);
    else throw err;
  }
};

/**
 * Checks what a caller's command can be checked for before the shell reads the facts it needs (an update's
 * validator: a refusal here is never written into history). Throws RuleError; changes nothing.
 */
export function precheckCommendation(state: CommendationState | undefined, req: CommendationRequest): void {
  switch (req.type) {
    case 'Open':
      notOpened(state);
      openSetup(req.data.setup, req.at);
      return;
    case 'ProposeNomination': {
      const s = started(state);
      nominating(s);
      const problems: string[] = [];
      proposedForm(s, req.data.formId, problems);
      if (problems.length) throw invalid(problems);
      return;
    }
    case 'PostList':
      decideCommendation(state, { ...req, data: { ...req.data, sheets: [], endsAt: req.at, workingDays: false } });
      return;
    case 'ReturnIndividuals':
      decideCommendation(state, { ...req, data: { ...req.data, singleReturn: true } });
      return;
    case 'SubmitIndividuals':
      decideCommendation(state, { ...req, data: { ...req.data, stableIds: true } });
      return;
    case 'RecordClusterVote':
      // Scores are read after: every rule but the ranking is checked on empty sheets (a tie needs them, and is checked then).
      nominating(started(state));
      return;
    default:
      decideCommendation(state, req);
  }
}

/** Decides the events of a command, or throws RuleError. */
export function decideCommendation(current: CommendationState | undefined, cmd: CommendationCommand): NewCommendationEvent[] {
  const base = { at: cmd.at, ...(cmd.actor ? { actor: cmd.actor } : {}) };
  if (cmd.type === 'Open') {
    notOpened(current);
    const setup = openSetup(cmd.data.setup, cmd.at);
    // Every unit nominates once its final report is in: opening earlier would leave later reporters without the task.
    const waiting = cmd.data.context.units.filter((u) => !COMMENDABLE_PHASES.includes(u.phase) && !TERMINAL_PHASES.includes(u.phase));
    if (waiting.length)
      throw wrongPhase(
        `Còn ${waiting.length} đơn vị chưa gửi báo cáo cuối đợt (${waiting
          .slice(0, 5)
          .map((u) => u.name)
          .join(', ')}${waiting.length > 5 ? '…' : ''}); mở bình xét khi mọi đơn vị đã báo cáo hoặc đã kết thúc`,
      );
    return [{ type: 'CommendationOpened', ...base, data: { setup, context: cmd.data.context } }];
  }
  // Timers keep running after the decision (they find nothing to do); callers are refused.
  const state = cmd.type === 'Alarm' || cmd.type === 'EndPosting' ? opened(current) : started(current);
  switch (cmd.type) {
    case 'ProposeNomination': {
      nominating(state);
      const { unitId, formId, unit } = cmd.data;
      const problems: string[] = [];
      if (!unit) problems.push(`unitId "${unitId}" không phải đơn vị tham gia đợt thi đua`);
      else {
        const why = notCommendable(unit.phase);
        if (why) problems.push(`unitId "${unitId}" không được đề nghị khen thưởng: ${why}`);
      }
      const form = proposedForm(state, formId, problems);
      if (problems.length) throw invalid(problems);
      const id = `tt:${unitId}:${formId}`;
      if (state.nominees.some((n) => n.id === id && n.status !== 'removed'))
        throw wrongPhase(`${unit!.name} đã được đề nghị "${form!.title}"`);
      const report = achievementReport(cmd.data.achievementReport, 'achievementReport');
      const nominee: Nominee = { id, unitId, unitName: unit!.name, formId, status: 'proposed', ...report };
      return [{ type: 'NominationProposed', ...base, data: { nominee } }];
    }
    case 'WithdrawNomination': {
      nominating(state);
      const nominee = state.nominees.find((n) => n.id === cmd.data.nomineeId && n.status !== 'removed');
      if (!nominee) throw invalid([`nomineeId "${cmd.data.nomineeId}" không có trong danh sách đề nghị`]);
      return [
        {
          type: 'NominationWithdrawn',
          ...base,
          data: { nomineeId: nominee.id, reason: text(cmd.data.reason, 'reason (lý do)', LIMITS.reason) },
        },
      ];
    }
    case 'SubmitIndividuals':
      return submitIndividuals(state, cmd.data, base);
    case 'ReturnIndividuals': {
      nominating(state);
      const unit = state.units.find((u) => u.unitId === cmd.data.unitId);
      if (!unit?.task) throw invalid([`unitId "${cmd.data.unitId}" không có việc đề nghị khen thưởng cá nhân`]);
      if (unit.task.status === 'returned') throw wrongPhase(`Danh sách cá nhân của ${unit.name} đã được trả lại; đang chờ đơn vị gửi lại`);
      if (unit.task.status !== 'submitted') throw wrongPhase(`${unit.name} chưa gửi danh sách cá nhân đề nghị khen thưởng`);
      // The rule of one consolidated request for corrections: a list sent again after a return is judged as it is.
      if (cmd.data.singleReturn && unit.task.returnedReason !== undefined)
        throw wrongPhase(
          `Danh sách cá nhân của ${unit.name} đã được trả lại một lần để bổ sung, chỉnh sửa; mỗi hồ sơ chỉ được yêu cầu bổ sung, chỉnh sửa một lần (tổng hợp mọi nội dung trong lần trả lại đó)`,
        );
      const reason = text(cmd.data.reason, 'reason (nội dung đề nghị bổ sung, chỉnh sửa)', LIMITS.reason);
      // One consolidated return: a new period as long as the first one was, at least two days from now.
      const dueAt = new Date(Math.max(Date.parse(unit.task.dueAt), Date.parse(cmd.at) + 2 * state.dayMs)).toISOString();
      return [{ type: 'NominationsReturned', ...base, data: { unitId: unit.unitId, reason, dueAt } }];
    }
    case 'RecordScore': {
      if (state.stage !== 'nominating') throw wrongPhase('Danh sách đã công khai: bảng điểm đã chốt, không chấm thêm được');
      const { unitId, criterion, points, note } = cmd.data;
      const c = (state.setup.judged ?? []).find((j) => j.id === criterion);
      const problems: string[] = [];
      if (!state.units.some((u) => u.unitId === unitId)) problems.push(`unitId "${unitId}" không phải đơn vị tham gia đợt thi đua`);
      if (!c) problems.push(`criterion "${criterion}" không phải tiêu chí do Thường trực chấm của đợt này`);
      if (typeof points !== 'number' || !Number.isFinite(points)) problems.push('points phải là một số');
      else if (points < 0) problems.push('points không được âm');
      else if (c && points > c.points) problems.push(`points (${points}) vượt quá điểm tối đa của tiêu chí (${c.points})`);
      collect(problems, () => optionalText(note, 'note (ghi chú)', LIMITS.reason));
      if (problems.length) throw invalid(problems);
      return [
        {
          type: 'ScoreRecorded',
          ...base,
          data: { score: { unitId, criterion, points, ...(note?.trim() ? { note: note.trim() } : {}), at: cmd.at } },
        },
      ];
    }
    case 'ConveneCouncil': {
      nominating(state);
      if (state.nominees.some((n) => n.vote)) throw wrongPhase('Hội đồng đã bỏ phiếu; không thay đổi thành phần được nữa');
      const { members: given, meetingAt, place }: Partial<Council> = cmd.data.council ?? {};
      const members: readonly CouncilMember[] = Array.isArray(given) ? given : [];
      const problems: string[] = [];
      if (members.length < LIMITS.councilMembers) problems.push(`council.members phải có ít nhất ${LIMITS.councilMembers} thành viên`);
      else {
        const ids = members.map((m) => m.accountId);
        if (new Set(ids).size !== ids.length) problems.push('council.members có thành viên trùng nhau');
        members.forEach((m, i) => {
          collect(problems, () => text(m.name, `council.members.${i}.name (họ tên)`, LIMITS.name));
          collect(problems, () => text(m.role, `council.members.${i}.role (chức danh trong Hội đồng)`, LIMITS.name));
        });
      }
      if (!instant(meetingAt)) problems.push('council.meetingAt phải là thời điểm ISO-8601 (giờ họp Hội đồng)');
      collect(problems, () => optionalText(place, 'council.place (địa điểm)', LIMITS.name));
      if (problems.length) throw invalid(problems);
      const council = {
        members: members.map((m) => ({ accountId: m.accountId, name: m.name.trim(), role: m.role.trim() })),
        meetingAt,
        ...(place?.trim() ? { place: place.trim() } : {}),
      };
      return [{ type: 'CouncilConvened', ...base, data: { council } }];
    }
    case 'RecordVote': {
      nominating(state);
      if (!state.council) throw wrongPhase('Chưa lập Hội đồng Thi đua – Khen thưởng cho đợt này');
      const nominee = state.nominees.find((n) => n.id === cmd.data.nomineeId && n.status !== 'removed');
      if (!nominee) throw invalid([`nomineeId "${cmd.data.nomineeId}" không có trong danh sách đề nghị`]);
      const { present, inFavour, written } = cmd.data;
      const ballot = { members: state.council.members.length, present, inFavour, ...(written ? { written } : {}) };
      const problems = ballotProblems(ballot);
      if (problems.length) throw invalid(problems);
      const form = formOf(state, nominee.formId)!;
      const result = countBallot(ballot, form.vote);
      // Where the form's rule limits the ballot rounds (a council's regulation: commonly two), each ballot on a
      // nominee is a round and one past the limit is refused; forms without the limit (stages opened before it
      // existed) record ballots as they always did.
      const rounds = form.vote.rounds;
      if (rounds === undefined) return [{ type: 'CouncilVoteRecorded', ...base, data: { nomineeId: nominee.id, ballot, result } }];
      const round = nominee.vote ? (nominee.vote.round ?? 1) + 1 : 1;
      if (round > rounds)
        throw wrongPhase(
          `${nomineeName(nominee)} đã được bỏ phiếu ${rounds} vòng, số vòng tối đa theo quy định của hình thức ${form.title}`,
        );
      return [{ type: 'CouncilVoteRecorded', ...base, data: { nomineeId: nominee.id, ballot, result, ...(round > 1 ? { round } : {}) } }];
    }
    case 'RecordClusterVote': {
      nominating(state);
      const { sheets, ...input } = cmd.data;
      return decideClusterRound(state, input, sheets, base);
    }
    case 'PostList': {
      nominating(state);
      const undecided = (state.clusters ?? []).filter((c) => !clusterDone(state, c.id));
      if (undecided.length) throw wrongPhase(`Còn ${undecided.map((c) => c.name).join(', ')} chưa bình chọn đơn vị dẫn đầu`);
      const unvoted = state.nominees.filter((n) => n.status === 'proposed');
      if (unvoted.length)
        throw wrongPhase(`Còn ${unvoted.length} đề nghị chưa được Hội đồng bỏ phiếu: ${unvoted.map(nomineeName).join(', ')}`);
      const listed = listedNominees(state);
      if (listed.length === 0) throw wrongPhase('Không có tập thể, cá nhân nào đạt tỷ lệ phiếu để công khai');
      const returned = state.units.filter((u) => u.task?.status === 'returned');
      if (returned.length) throw wrongPhase(`Đang chờ ${returned.map((u) => u.name).join(', ')} bổ sung, chỉnh sửa hồ sơ đề nghị`);
      const closedTasks = state.units.filter((u) => u.task?.status === 'open').map((u) => u.unitId);
      const { sheets, endsAt, workingDays } = cmd.data;
      return [
        {
          type: 'ListPosted',
          ...base,
          data: { endsAt, days: state.setup.postingDays, workingDays, listed: listed.map((n) => n.id), sheets, closedTasks },
        },
      ];
    }
    case 'RaiseObjection': {
      const posting = state.posting;
      if (!posting) throw wrongPhase('Danh sách đề nghị khen thưởng chưa được công khai');
      if (posting.ended || Date.parse(cmd.at) >= Date.parse(posting.endsAt))
        throw wrongPhase(`Đã hết thời gian công khai (đến ${posting.endsAt}); không nhận thêm ý kiến`);
      const nominee = state.nominees.find((n) => n.id === cmd.data.nomineeId && n.status === 'passed');
      if (!nominee) throw invalid([`nomineeId "${cmd.data.nomineeId}" không có trong danh sách công khai`]);
      if (!state.units.some((u) => u.unitId === cmd.data.unitId))
        throw invalid([`unitId "${cmd.data.unitId}" không phải đơn vị tham gia đợt thi đua`]);
      const reason = text(cmd.data.reason, 'reason (nội dung ý kiến)', LIMITS.reason);
      const files = attachmentProblems(cmd.data.attachments);
      if (files.length) throw invalid(files);
      const objection = {
        id: `yk-${state.objections.length + 1}`,
        nomineeId: nominee.id,
        unitId: cmd.data.unitId,
        reason,
        at: cmd.at,
        status: 'open' as const,
        ...(cmd.data.attachments?.length ? { attachments: cmd.data.attachments } : {}),
      };
      return [{ type: 'ObjectionRaised', ...base, data: { objection } }];
    }
    case 'AttachMinutes': {
      if (!state.council) throw wrongPhase('Chưa lập Hội đồng Thi đua – Khen thưởng cho đợt này: chưa có biên bản họp');
      if (state.decision) throw wrongPhase('Đã ban hành quyết định khen thưởng; hồ sơ đã khép lại');
      const list = cmd.data.attachments;
      const problems = attachmentProblems(list);
      if (!Array.isArray(list) || !list.length) problems.push('attachments: cần ít nhất một tệp biên bản');
      if (problems.length) throw invalid(problems);
      return [{ type: 'MinutesAttached', ...base, data: { attachments: [...list] } }];
    }
    case 'ResolveObjection': {
      const objection = state.objections.find((o) => o.id === cmd.data.objectionId);
      if (!objection) throw invalid([`objectionId "${cmd.data.objectionId}" không có`]);
      if (objection.status !== 'open') throw wrongPhase(`Ý kiến ${objection.id} đã được xử lý`);
      if (cmd.data.outcome !== 'dismissed' && cmd.data.outcome !== 'upheld')
        throw invalid(['outcome phải là "dismissed" (giữ nguyên đề nghị) hoặc "upheld" (đưa ra khỏi danh sách)']);
      const resolution = text(cmd.data.resolution, 'resolution (kết quả xử lý)', LIMITS.reason);
      return [{ type: 'ObjectionResolved', ...base, data: { objectionId: objection.id, outcome: cmd.data.outcome, resolution } }];
    }
    case 'EndPosting':
      return state.posting && !state.posting.ended && Date.parse(cmd.at) >= Date.parse(state.posting.endsAt)
        ? [{ type: 'PostingEnded', at: cmd.at, data: {} }]
        : [];
    case 'IssueDecision': {
      const posting = state.posting;
      if (!posting) throw wrongPhase('Danh sách đề nghị khen thưởng chưa được công khai');
      if (!posting.ended) throw wrongPhase(`Chưa hết thời gian công khai danh sách (đến ${posting.endsAt}); chưa ban hành được quyết định`);
      const open = state.objections.filter((o) => o.status === 'open');
      if (open.length) throw wrongPhase(`Còn ${open.length} ý kiến chưa được xử lý; xử lý xong mới ban hành được quyết định`);
      const awarded = listedNominees(state).map((n) => n.id);
      if (awarded.length === 0) throw wrongPhase('Không còn tập thể, cá nhân nào trong danh sách để khen thưởng');
      const { issuer } = state.setup;
      const year = Number(new Intl.DateTimeFormat('en-CA', { timeZone: state.timezone, year: 'numeric' }).format(new Date(cmd.at)));
      return [
        {
          type: 'DecisionIssued',
          ...base,
          data: {
            number: 0,
            numberText: '',
            registerKey: registerKey(issuer),
            abbreviation: issuer.abbreviation,
            year,
            signerTitle: issuer.signerTitle,
            signerName: issuer.signerName,
            awarded,
          },
        },
      ];
    }
    case 'Alarm': {
      const unit = state.units.find((u) => u.unitId === cmd.data.unitId);
      const task = unit?.task;
      if (
        !task ||
        task.sent.includes(cmd.data.key) ||
        (task.status !== 'open' && task.status !== 'returned') ||
        state.stage !== 'nominating'
      )
        return [];
      if (cmd.data.kind === 'level')
        return [{ type: 'NominationsEscalated', at: cmd.at, data: { unitId: unit.unitId, level: cmd.data.level!, dueAt: task.dueAt } }];
      return [
        {
          type: 'NominationReminderSent',
          at: cmd.at,
          data: { unitId: unit.unitId, key: cmd.data.key, kind: cmd.data.kind, dueAt: task.dueAt },
        },
      ];
    }
    default: {
      const never: never = cmd;
      throw new Error(`Unknown commendation command ${JSON.stringify(never)}`);
    }
  }
}

/** Refuses opening a stage twice. */
function notOpened(state: CommendationState | undefined): void {
  if (state) throw wrongPhase('Giai đoạn bình xét, khen thưởng của đợt thi đua này đã được mở');
}

/** The stage, opened. */
function opened(state: CommendationState | undefined): CommendationState {
  if (!state) throw wrongPhase('Giai đoạn bình xét, khen thưởng chưa được mở');
  return state;
}

/** The stage, opened and not decided yet. */
function started(state: CommendationState | undefined): CommendationState {
  const s = opened(state);
  if (s.stage === 'decided') throw wrongPhase(`Đã ban hành quyết định khen thưởng số ${s.decision?.numberText}; không thay đổi được nữa`);
  return s;
}

/** The collective form a nomination proposes; its problems are collected. */
function proposedForm(state: CommendationState, formId: string, problems: string[]): CommendationForm | undefined {
  const form = formOf(state, formId);
  if (!form) problems.push(`formId "${formId}" không có trong danh mục hình thức khen thưởng`);
  else if (form.recipient !== 'collective')
    problems.push(`formId "${form.title}" dành cho cá nhân; tập thể đề nghị hình thức dành cho tập thể`);
  return form;
}

function nominating(state: CommendationState): void {
  if (state.stage !== 'nominating')
    throw wrongPhase('Danh sách đã công khai: không thay đổi đề nghị, Hội đồng hay kết quả bỏ phiếu được nữa');
}

function openSetup(setup: CommendationPayloads['Open']['setup'], at: string): CommendationPayloads['Open']['setup'] {
  const problems: string[] = [];
  // Callers other than the API (a test, a script) may send anything: every field is checked.
  const s: Partial<CommendationSetup> = setup ?? {};
  const issuer: Partial<Issuer> = s.issuer ?? {};
  const field = (value: unknown, name: string, max: number = LIMITS.name): string => {
    let out = '';
    collect(problems, () => (out = text(value, name, max)));
    return out;
  };
  const clean = {
    name: field(issuer.name, 'setup.issuer.name (cơ quan ban hành)'),
    abbreviation: field(issuer.abbreviation, 'setup.issuer.abbreviation (chữ viết tắt trên số quyết định)', LIMITS.abbreviation),
    place: field(issuer.place, 'setup.issuer.place (địa danh)'),
    signerTitle: field(issuer.signerTitle, 'setup.issuer.signerTitle (chức vụ người ký)'),
    signerName: field(issuer.signerName, 'setup.issuer.signerName (họ tên người ký)'),
  };
  if (clean.abbreviation && !/^[\p{Lu}\d-]+$/u.test(clean.abbreviation))
    problems.push('setup.issuer.abbreviation chỉ gồm chữ in hoa, chữ số và dấu gạch ngang (ví dụ UBND)');
  if (!instant(s.nominationsDue) || s.nominationsDue === undefined)
    problems.push('setup.nominationsDue phải là thời điểm ISO-8601 (hạn đơn vị gửi danh sách cá nhân)');
  else if (Date.parse(s.nominationsDue) <= Date.parse(at)) problems.push('setup.nominationsDue phải sau thời điểm mở bình xét');
  if (typeof s.postingDays !== 'number' || !Number.isInteger(s.postingDays) || s.postingDays < 1 || s.postingDays > LIMITS.postingDays)
    problems.push(`setup.postingDays phải là số ngày nguyên từ 1 đến ${LIMITS.postingDays}`);
  const judged: readonly JudgedCriterion[] = Array.isArray(s.judged) ? s.judged : [];
  if (s.judged !== undefined && !Array.isArray(s.judged)) problems.push('setup.judged phải là danh sách tiêu chí');
  else {
    judged.forEach((c, i) => {
      if (typeof c?.id !== 'string' || slugify(c.id) !== c.id)
        problems.push(`setup.judged.${i}.id phải là mã không dấu, ví dụ "danh-gia-chung"`);
      field(c?.title, `setup.judged.${i}.title (tên tiêu chí)`, LIMITS.reason);
      if (typeof c?.points !== 'number' || !(c.points > 0) || c.points > LIMITS.judgedPoints)
        problems.push(`setup.judged.${i}.points phải là số điểm dương, tối đa ${LIMITS.judgedPoints}`);
    });
    const ids = judged.map((c) => c?.id);
    if (new Set(ids).size !== ids.length) problems.push('setup.judged có mã tiêu chí trùng nhau');
  }
  if (problems.length) throw invalid(problems);
  return {
    issuer: clean,
    nominationsDue: new Date(Date.parse(s.nominationsDue!)).toISOString(),
    postingDays: s.postingDays!,
    ...(judged.length ? { judged: judged.map((c) => ({ id: c.id, title: c.title.trim(), points: c.points })) } : {}),
  };
}

/** A person's name as matched between two sends of a list: case, spacing and Unicode form do not count. */
const personKey = (name: string): string => name.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi');

/**
 * Ids of a list sent again: a person already on the unit's list keeps their id (matched by name, in order), so
 * what was said of them stays attached; anyone new takes the next number (`cn:<unit>:<n>`).
 */
function stableIds(
  state: CommendationState,
  unitId: string,
  earlier: readonly Nominee[],
  people: ReadonlyArray<{ name: string }>,
): string[] {
  const free = [...earlier];
  let next = state.nominees.filter((n) => n.unitId === unitId && n.person).length;
  return people.map((p) => {
    const at = free.findIndex((n) => personKey(n.person!.name) === personKey(p.name));
    if (at >= 0) return free.splice(at, 1)[0].id;
    next += 1;
    return `cn:${unitId}:${next}`;
  });
}

/** Ids as histories recorded before stable ids numbered them: every send numbers its people anew. */
function legacyIds(state: CommendationState, unitId: string, count: number): string[] {
  const counter = state.nominees.filter((n) => n.unitId === unitId && n.person).length;
  return Array.from({ length: count }, (_, i) => `cn:${unitId}:${counter + i + 1}`);
}

/** A nominee's achievement report, checked: one file of that kind, with its template's number. */
function achievementReport(file: Attachment | undefined, field: string): { achievementReport?: Attachment } {
  if (file === undefined) return {};
  const problems = attachmentProblems([file]).map((p) => p.replace('attachments[0]', field));
  if (file?.kind !== 'achievement-report') problems.push(`${field}.kind phải là "achievement-report" (báo cáo thành tích)`);
  if (!file?.form) problems.push(`${field}.form: ghi số hiệu mẫu của báo cáo thành tích (ví dụ "Mẫu số 05")`);
  if (problems.length) throw invalid(problems);
  return { achievementReport: file };
}

function submitIndividuals(
  state: CommendationState,
  data: CommendationPayloads['SubmitIndividuals'] & { stableIds?: boolean },
  base: { at: string; actor?: string },
): NewCommendationEvent[] {
  nominating(state);
  const unit = state.units.find((u) => u.unitId === data.unitId);
  if (!unit) throw invalid([`unitId "${data.unitId}" không phải đơn vị tham gia đợt thi đua`]);
  const why = notCommendable(unit.phase);
  if (why || !unit.task)
    throw invalid([`unitId "${data.unitId}" không được đề nghị khen thưởng: ${why ?? 'không có việc đề nghị khen thưởng cá nhân'}`]);
  if (unit.task.status === 'submitted')
    throw wrongPhase(`${unit.name} đã gửi danh sách; chỉ gửi lại khi được trả lại để bổ sung, chỉnh sửa`);
  if (unit.task.status === 'closed') throw wrongPhase('Đã hết thời hạn đề nghị khen thưởng cá nhân');
  const people = data.people;
  const problems: string[] = [];
  if (!Array.isArray(people)) throw invalid(['people phải là danh sách cá nhân (có thể rỗng: đơn vị không đề nghị)']);
  if (people.length > LIMITS.nominatedPeople) problems.push(`people tối đa ${LIMITS.nominatedPeople} người mỗi đơn vị`);
  const clean = people.map((p, i) => {
    const f = (value: unknown, name: string, max: number): string => {
      let out = '';
      collect(problems, () => (out = text(value, `people.${i}.${name}`, max)));
      return out;
    };
    const form = formOf(state, p?.formId);
    if (!form) problems.push(`people.${i}.formId "${p?.formId}" không có trong danh mục hình thức khen thưởng`);
    else if (form.recipient !== 'individual')
      problems.push(`people.${i}.formId "${form.title}" dành cho tập thể; cá nhân đề nghị hình thức dành cho cá nhân`);
    let initiative: string | undefined;
    collect(problems, () => (initiative = optionalText(p?.initiative, `people.${i}.initiative (sáng kiến)`, LIMITS.reason)));
    if (form?.requiresInitiative && !initiative)
      problems.push(`people.${i}.initiative bắt buộc với danh hiệu "${form.title}" (phải có sáng kiến)`);
    let report: { achievementReport?: Attachment } = {};
    collect(problems, () => (report = achievementReport(p?.achievementReport, `people.${i}.achievementReport`)));
    return {
      name: f(p?.name, 'name (họ tên)', LIMITS.name),
      position: f(p?.position, 'position (chức vụ)', LIMITS.name),
      achievement: f(p?.achievement, 'achievement (tóm tắt thành tích)', LIMITS.reason),
      ...(initiative ? { initiative } : {}),
      formId: p?.formId,
      ...report,
    };
  });
  if (problems.length) throw invalid(problems);
  const earlier = state.nominees.filter((n) => n.unitId === unit.unitId && n.person && n.status !== 'removed');
  const late = isLate(base.at, unit.task.dueAt);
  const ids = data.stableIds ? stableIds(state, unit.unitId, earlier, clean) : legacyIds(state, unit.unitId, clean.length);
  const kept = new Set(ids);
  return [
    ...earlier
      .filter((n) => !kept.has(n.id))
      .map((n): NewCommendationEvent => ({
        type: 'NominationWithdrawn',
        ...base,
        data: { nomineeId: n.id, reason: 'Thay bằng danh sách gửi lại' },
      })),
    ...clean.map(({ formId, achievementReport: report, ...person }, i): NewCommendationEvent => ({
      type: 'IndividualNominated',
      ...base,
      data: {
        nominee: {
          id: ids[i],
          unitId: unit.unitId,
          unitName: unit.name,
          formId,
          person,
          status: 'proposed',
          ...(report ? { achievementReport: report } : {}),
        },
      },
    })),
    { type: 'NominationsSubmitted', ...base, data: { unitId: unit.unitId, count: clean.length, late } },
  ];
}
