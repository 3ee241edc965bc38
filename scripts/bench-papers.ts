/**
 * npm run bench:papers -- --awardees N
 * The cost of the commendation papers for a stage with N awardees (half collectives, half individuals):
 * each paper's render time and size, the certificates per second; the floor measured in the same run is
 * pdfkit itself writing one page of text with the same embedded font (what any paper costs at least).
 */
import { performance } from 'node:perf_hooks';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import { createSign } from 'node:crypto';
import { readPkcs12, renderPaper, PAPERS, signPdf } from '@thidua/papers';
import { makeCertificate } from '../test/certificates';
import { BUILT_IN_FORMS, DEFAULT_CHASE, type CommendationState, type CommendationUnit } from '@thidua/contracts';
import { decideCommendation, type CommendationCommand, evolveCommendation } from '@thidua/domain';
import { arg } from './bench-kit';

const DAY = 86_400_000;
const T0 = Date.parse('2027-01-11T02:00:00Z');
const at = (days: number): string => new Date(T0 + days * DAY).toISOString();

/** A decided stage with `n` awardees, reached through the decider as the workflow would. */
function decided(n: number): CommendationState {
  const units: CommendationUnit[] = Array.from({ length: Math.ceil(n / 2) }, (_, i) => ({
    unitId: `khu-pho-${i + 1}`,
    name: `Khu phố ${i + 1}`,
    kind: 'neighbourhood',
    phase: 'completed',
  }));
  const members = ['Chủ tịch Hội đồng', 'Thành viên', 'Thành viên', 'Thành viên', 'Thư ký'].map((role, i) => ({
    accountId: `m${i}`,
    name: `Nguyễn Văn Thành viên ${i + 1}`,
    role,
  }));
  const setup = {
    issuer: {
      name: 'Ủy ban nhân dân phường An Lạc',
      abbreviation: 'UBND',
      place: 'An Lạc',
      signerTitle: 'Chủ tịch',
      signerName: 'Trần Thị Hương',
    },
    nominationsDue: at(10),
    postingDays: 5,
  };
  const commands: CommendationCommand[] = [
    {
      type: 'Open',
      at: at(0),
      data: {
        setup,
        context: {
          campaignTitle: 'Phong trào thi đua chuyển đổi số năm 2026',
          coordinator: 'Văn phòng HĐND và UBND phường',
          timezone: 'Asia/Ho_Chi_Minh',
          chase: DEFAULT_CHASE,
          dayMs: DAY,
          units,
          forms: BUILT_IN_FORMS,
        },
      },
    },
    ...units.map((u): CommendationCommand => ({
      type: 'ProposeNomination',
      at: at(1),
      data: { unitId: u.unitId, formId: 'giay-khen-tap-the', unit: u },
    })),
    ...units.map((u): CommendationCommand => ({
      type: 'SubmitIndividuals',
      at: at(2),
      data: {
        unitId: u.unitId,
        people: [
          {
            name: `Lê Thị Ánh ${u.name}`,
            position: 'Tổ trưởng tổ công nghệ số cộng đồng',
            achievement: 'Hướng dẫn hàng trăm hộ dân nộp hồ sơ trực tuyến toàn trình, không để xảy ra khiếu nại.',
            formId: 'giay-khen-ca-nhan',
          },
        ],
        stableIds: true,
      },
    })),
    { type: 'ConveneCouncil', at: at(12), data: { council: { members, meetingAt: at(12) } } },
  ];
  let state: CommendationState | undefined;
  const apply = (c: CommendationCommand): void => {
    for (const e of decideCommendation(state, c)) state = evolveCommendation(state, { ...e, seq: (state?.seq ?? 0) + 1 }, 'bench');
  };
  commands.forEach(apply);
  for (const nominee of state!.nominees.slice(0, n))
    apply({ type: 'RecordVote', at: at(12), data: { nomineeId: nominee.id, present: 5, inFavour: 5 } });
  for (const nominee of state!.nominees.slice(n))
    apply({ type: 'WithdrawNomination', at: at(12), data: { nomineeId: nominee.id, reason: 'Ngoài số lượng' } });
  const closing: CommendationCommand[] = [
    { type: 'PostList', at: at(13), data: { sheets: [], endsAt: at(18), workingDays: false } },
    { type: 'EndPosting', at: at(18), data: {} },
    { type: 'IssueDecision', at: at(18), data: {} },
  ];
  closing.forEach(apply);
  return state!;
}

async function floor(): Promise<number> {
  const font = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf', 'DejaVuSerif.ttf');
  const start = performance.now();
  const doc = new PDFDocument({ size: 'A4' });
  doc.registerFont('r', font).font('r').fontSize(13).text('Cộng hòa xã hội chủ nghĩa Việt Nam — Độc lập - Tự do - Hạnh phúc. '.repeat(30));
  await new Promise<void>((resolve) => {
    doc.on('data', () => undefined).on('end', resolve);
    doc.end();
  });
  return performance.now() - start;
}

async function main(): Promise<void> {
  const n = arg('awardees', 200);
  const state = decided(n);
  await floor(); // warm-up: font parsing, JIT
  const floorMs = await floor();
  process.stdout.write(`papers floor (pdfkit, one page of text, DejaVu Serif subset) ms=${floorMs.toFixed(1)}\n`);
  for (const paper of PAPERS) {
    await renderPaper(paper, state, []);
    const start = performance.now();
    const pdf = await renderPaper(paper, state, []);
    const ms = performance.now() - start;
    const perSecond = paper === 'giay-khen' ? ` certificates_per_s=${((state.decision!.awarded.length / ms) * 1000).toFixed(0)}` : '';
    process.stdout.write(
      `papers ${paper} awardees=${state.decision!.awarded.length} ms=${ms.toFixed(1)} kib=${(pdf.length / 1024).toFixed(0)} ratio_to_floor=${(ms / floorMs).toFixed(1)}${perSecond}\n`,
    );
  }
  await issue(state);
}

/**
 * What issuing costs the worker (in the transaction that numbers the decision): the decision and one
 * certificate per awardee rendered and signed (PAdES B-B, RSA-2048). The floor: one bare RSA-2048 signature
 * with node:crypto, and the render alone.
 */
async function issue(state: CommendationState): Promise<void> {
  const cert = makeCertificate('Ủy ban nhân dân phường An Lạc', 'UBND phường An Lạc');
  const credential = readPkcs12(cert.p12, cert.password);
  const mark = { signer: credential.subject, organisation: 'Ủy ban nhân dân phường An Lạc', at: '2027-02-01T09:00:00+07:00' };
  const key = `-----BEGIN PRIVATE KEY-----\n${credential.privateKey.toString('base64')}\n-----END PRIVATE KEY-----\n`;
  const bare = (): number => {
    const start = performance.now();
    for (let i = 0; i < 50; i++) createSign('sha256').update(`x${i}`).sign(key);
    return (performance.now() - start) / 50;
  };
  bare();
  const rsaMs = bare();
  const awarded = state.decision!.awarded;
  let renderMs = 0;
  let signMs = 0;
  const start = performance.now();
  for (const only of [undefined, ...awarded]) {
    const r0 = performance.now();
    const pdf = await renderPaper(only ? 'giay-khen' : 'quyet-dinh', state, [], { mark, ...(only ? { only } : {}) });
    const r1 = performance.now();
    await signPdf(pdf, credential, new Date(), 'Ban hành', 'An Lạc');
    signMs += performance.now() - r1;
    renderMs += r1 - r0;
  }
  const ms = performance.now() - start;
  const papers = awarded.length + 1;
  process.stdout.write(
    `issue papers=${papers} ms=${ms.toFixed(0)} render_ms_each=${(renderMs / papers).toFixed(1)} sign_ms_each=${(signMs / papers).toFixed(1)} rsa2048_floor_ms=${rsaMs.toFixed(2)} sign_ratio_to_floor=${(signMs / papers / rsaMs).toFixed(1)}\n`,
  );
}

void main();
