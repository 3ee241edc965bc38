/** Score sheets of a campaign's units, ranked, live from the projections; as a spreadsheet too (exceljs). */
import { Inject, Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { type ScoreBoard, PHASE_LABELS, UNIT_KIND_LABELS, type CampaignDefinition, type UnitScoreSheet } from '@thidua/contracts';
import { rankSheets, rankWithJudged } from '@thidua/domain';
import { campaignUnitStates, loadCommendation } from '@thidua/persistence';
import { notFound } from '../common/http-errors';
import { CampaignReadsService } from './campaign-reads.service';

@Injectable()
export class ScoresService {
  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    private readonly reads: CampaignReadsService,
  ) {}

  /** Every unit's sheet, ranked (equal totals share a rank); with `cluster`, its members' only, ranked within it. */
  async board(campaignId: string, cluster?: string): Promise<ScoreBoard> {
    return this.boardOf(campaignId, (await this.reads.row(campaignId)).definition, cluster);
  }

  /**
   * One unit's sheet, once its final report is in (before, its points are not a result and a rank among units
   * that reported nothing would be "Hạng 1" of nobody): ranked among the units whose sheets exist.
   */
  async sheet(campaignId: string, unitId: string): Promise<UnitScoreSheet> {
    const rows = (await this.board(campaignId)).rows;
    const row = rows.find((r) => r.unitId === unitId);
    if (!row) throw notFound(`Đơn vị "${unitId}" không có bảng điểm trong đợt thi đua "${campaignId}"`);
    if (!row.final) throw notFound(`Đơn vị "${unitId}" chưa có bảng điểm: bảng điểm có sau khi đơn vị gửi báo cáo cuối đợt`);
    const ranked = rankSheets(rows.filter((r) => r.final));
    return { ...ranked.find((r) => r.unitId === unitId)!, rankedAmong: ranked.length };
  }

  /** The ranked board as an .xlsx workbook: one row per unit, a column per criterion's points, deductions and total. */
  async workbook(campaignId: string, cluster?: string): Promise<Buffer> {
    const def = (await this.reads.row(campaignId)).definition;
    const board = await this.boardOf(campaignId, def, cluster);
    const ref = board.cluster && def.clusters?.find((c) => c.id === board.cluster!.id);
    const title = ref ? `${ref.name} (năm ${ref.year}) — ${def.title}` : def.title;
    // A cluster's sheet carries its meeting: each member's officers' role and its votes in each round.
    const rounds = ref ? ((await loadCommendation(this.ds, campaignId))?.clusterRounds ?? []).filter((r) => r.clusterId === ref.id) : [];
    const role = (unitId: string): string => (ref?.head === unitId ? 'Cụm trưởng' : ref?.deputy === unitId ? 'Cụm phó' : 'Thành viên');
    const wb = new ExcelJS.Workbook();
    wb.creator = 'Thi đua';
    const ws = wb.addWorksheet('Bảng điểm', { views: [{ state: 'frozen', ySplit: 2 }] });
    const criteria = [...board.criteria, ...(board.judged ?? [])];
    const columns = [
      'Hạng',
      'Mã đơn vị',
      'Đơn vị',
      'Loại',
      'Giai đoạn',
      ...criteria.map((c) => `${c.title} (tối đa ${c.points})`),
      'Điểm trừ',
      'Tổng điểm',
      'Tối đa',
      'Đã báo cáo cuối đợt',
      ...(ref
        ? ['Vai trò trong cụm', ...rounds.map((r) => `Phiếu đồng ý vòng ${r.round} (có mặt ${r.present}/${r.seats})`), 'Cụm suy tôn']
        : []),
    ];
    ws.addRow([board.frozenAt ? `${title} (đã chốt khi công khai danh sách)` : title]).font = { bold: true, size: 13 };
    const head = ws.addRow(columns);
    head.font = { bold: true };
    head.alignment = { wrapText: true, vertical: 'top' };
    for (const r of board.rows) {
      const points = criteria.map((c) => r.lines.find((l) => l.criterion === c.id)?.points ?? null);
      ws.addRow([
        r.rank,
        r.unitId,
        r.name,
        UNIT_KIND_LABELS[r.kind][0],
        PHASE_LABELS[r.phase][0],
        ...points,
        r.deductions.reduce((s, d) => s + d.points, 0),
        r.total,
        r.max,
        r.final ? 'Có' : 'Chưa',
        ...(ref
          ? [
              role(r.unitId),
              ...rounds.map((x) => x.counts.find((c) => c.unitId === r.unitId)?.inFavour ?? null),
              rounds.some((x) => x.elected.includes(r.unitId)) ? 'Có' : 'Không',
            ]
          : []),
      ]);
    }
    ws.columns.forEach((col, i) => (col.width = i === 2 ? 36 : i >= 5 && i < 5 + criteria.length ? 18 : 14));
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  private async boardOf(campaignId: string, def: CampaignDefinition, clusterId?: string): Promise<ScoreBoard> {
    const whole = await this.wholeBoard(campaignId, def);
    if (clusterId === undefined) return whole;
    const cluster = def.clusters?.find((c) => c.id === clusterId);
    if (!cluster) throw notFound(`Đợt thi đua "${campaignId}" không có cụm, khối thi đua "${clusterId}"`);
    const rows = rankSheets(whole.rows.filter((r) => cluster.members.includes(r.unitId)));
    return { ...whole, cluster: { id: cluster.id, name: cluster.name }, rows };
  }

  private async wholeBoard(campaignId: string, def: CampaignDefinition): Promise<ScoreBoard> {
    const stage = await loadCommendation(this.ds, campaignId);
    const judged = stage?.setup.judged ?? [];
    const frozen = stage?.posting ? { judged, frozenAt: stage.posting.postedAt } : judged.length ? { judged } : {};
    // Frozen when the list is posted: the council's list and the scores published with it never drift apart.
    if (stage?.posting) return { campaignId, criteria: def.criteria ?? [], ...frozen, rows: stage.posting.sheets };
    const rows = rankWithJudged(await campaignUnitStates(this.ds, campaignId), def.scoring, judged, stage?.scores ?? []);
    return { campaignId, criteria: def.criteria ?? [], ...frozen, rows };
  }
}
