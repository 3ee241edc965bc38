/** The Bình Tân 2019 plan's targets (its paragraph 2.3 "Thủ tục hành chính được cải cách cơ bản…": trên 80%, trên 98%…) and the automatic check of a final report against them. */

/** Figures a report may state, all percentages except the response time. */
export interface ReportMetrics {
  readonly satisfactionPct?: number;
  readonly onTimeDossierPct?: number;
  readonly publicServiceSatisfactionPct?: number;
  readonly onlineProceduresPct?: number;
  readonly feedbackResponseHours?: number;
}

/** Result of one target. */
export interface TargetCheck {
  readonly metric: keyof ReportMetrics;
  readonly target: string;
  readonly value: number | null;
  readonly met: boolean | null;
}

const TARGETS: ReadonlyArray<{ metric: keyof ReportMetrics; target: string; met: (v: number) => boolean }> = [
  { metric: 'satisfactionPct', target: 'Mức độ hài lòng về thủ tục hành chính trên 80%', met: (v) => v > 80 },
  { metric: 'onTimeDossierPct', target: 'Tỷ lệ hồ sơ giải quyết đúng hẹn trên 98%', met: (v) => v > 98 },
  { metric: 'publicServiceSatisfactionPct', target: 'Hài lòng với dịch vụ công giáo dục, y tế trên 80%', met: (v) => v > 80 },
  { metric: 'onlineProceduresPct', target: 'Từ 30% đến 40% thủ tục cung cấp dịch vụ công mức độ 3, 4', met: (v) => v >= 30 },
  { metric: 'feedbackResponseHours', target: 'Trả lời phản ánh trong 2 giờ đến 5 ngày', met: (v) => v <= 120 },
];

/** Checks each stated figure against the plan; unstated ones are `null` (not judged). */
export function checkTargets(metrics: ReportMetrics | undefined): TargetCheck[] {
  return TARGETS.map(({ metric, target, met }) => {
    const value = metrics?.[metric];
    return { metric, target, value: value ?? null, met: value === undefined ? null : met(value) };
  });
}
