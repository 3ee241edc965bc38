/** The catalogue of commendation forms: every account reads it, admins add and edit (each change an event). */
import { Body, Controller, Get, Inject, OnModuleInit, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import type { CommendationForm } from '@thidua/contracts';
import { upcastForm, voteRuleProblems } from '@thidua/domain';
import { appendAtEnd, findForm, insertForm, listForms, seedForms, streams, updateForm, type FormRow } from '@thidua/persistence';
import { assertProvinceWide } from '../auth/policy-of';
import { actorOf, Caller, Roles, type Principal } from '../auth/principal';
import { notFound, refusal } from '../common/http-errors';
import { InvalidInputException, problemsFromMessages, type FieldProblem } from '../common/validation';
import { FormDto } from './commendations.dto';

const view = (r: FormRow): CommendationForm & { builtIn: boolean; version: number; updatedAt: string } => ({
  ...upcastForm(r.form),
  builtIn: r.builtIn,
  version: r.version,
  updatedAt: r.updatedAt.toISOString(),
});

@ApiTags('commendation')
@ApiBearerAuth()
@Controller('commendation-forms')
export class CommendationFormsController implements OnModuleInit {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  async onModuleInit(): Promise<void> {
    await seedForms(this.ds);
  }

  @Get()
  @ApiOperation({ summary: 'Danh mục hình thức khen thưởng, danh hiệu thi đua: đối tượng, tỷ lệ phiếu, số thành viên có mặt, căn cứ' })
  async list(): Promise<Array<ReturnType<typeof view>>> {
    return (await listForms(this.ds)).map(view);
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Thêm một hình thức khen thưởng vào danh mục' })
  async create(@Body() body: FormDto, @Caller() caller: Principal): Promise<ReturnType<typeof view>> {
    assertProvinceWide(caller, 'Form');
    const form = checked(body);
    const row = await this.ds.transaction(async (m) => {
      const at = new Date().toISOString();
      if (!(await insertForm(m, form, actorOf(caller), at))) throw refusal('form-exists', `Mã "${form.id}" đã có trong danh mục`);
      await appendAtEnd(m, streams.commendationForm(form.id), {
        type: 'CommendationFormAdded',
        at,
        actor: actorOf(caller),
        data: form,
      });
      return (await findForm(m, form.id))!;
    });
    return view(row);
  }

  @Put(':formId')
  @Roles('admin')
  @ApiOperation({ summary: 'Sửa một hình thức (tỷ lệ phiếu, căn cứ…); baseVersion cũ: 409. Đợt đã mở bình xét giữ bản sao của mình' })
  async update(@Param('formId') formId: string, @Body() body: FormDto, @Caller() caller: Principal): Promise<ReturnType<typeof view>> {
    assertProvinceWide(caller, 'Form');
    const form = checked(
      body,
      body.id === formId ? [] : [{ field: 'id', rule: 'same', message: `id phải là "${formId}" (mã không đổi được)` }],
    );
    const row = await this.ds.transaction(async (m) => {
      const current = await findForm(m, formId);
      if (!current) throw notFound(`Không có hình thức "${formId}" trong danh mục`);
      const base = body.baseVersion ?? current.version;
      const at = new Date().toISOString();
      const version = await updateForm(m, form, base, actorOf(caller), at);
      if (version === undefined)
        throw refusal('version-moved', `Hình thức "${formId}" đã được sửa (phiên bản ${current.version}); tải lại rồi sửa`);
      await appendAtEnd(m, streams.commendationForm(formId), {
        type: 'CommendationFormChanged',
        at,
        actor: actorOf(caller),
        data: { ...form, version },
      });
      return (await findForm(m, formId))!;
    });
    return view(row);
  }
}

/** The form as stored, or 400 naming each bad field of its vote rule (with the other problems found before). */
function checked(body: FormDto, before: FieldProblem[] = []): CommendationForm {
  const problems = [...before, ...problemsFromMessages(voteRuleProblems(body.vote), 'vote')];
  if (problems.length) throw new InvalidInputException(problems);
  return {
    id: body.id,
    title: body.title.trim(),
    recipient: body.recipient,
    vote: {
      share: { ...body.vote.share },
      of: body.vote.of,
      quorum: { ...body.vote.quorum },
      ...(body.vote.written ? { written: true } : {}),
      ...(body.vote.rounds !== undefined ? { rounds: body.vote.rounds } : {}),
    },
    legalBasis: body.legalBasis.trim(),
    requiresInitiative: body.requiresInitiative ?? false,
    ...(body.reward !== undefined ? { reward: body.reward } : {}),
  };
}
