/**
 * The law as dated data: every account reads the texts papers cite (the shipped ones and those added), and
 * which of them is in force on a day; the province's admins add a text when the law changes, and remove one
 * they added by mistake. Papers already issued keep what they cited: they are stored as issued.
 */
import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { BUILT_IN_LEGAL_TEXTS, inForce, LEGAL_ROLES, type LegalRole, type LegalText } from '@thidua/contracts';
import { addLegalText, listLegalTexts, removeLegalText } from '@thidua/persistence';
import { assertProvinceWide } from '../auth/policy-of';
import { actorOf, Caller, Roles, type Principal } from '../auth/principal';
import { ApiException, notFound, refusal } from '../common/http-errors';
import { isIsoDate } from '../common/fields';
import { InvalidInputException } from '../common/validation';
import { LegalTextDto } from './legal.dto';

@ApiTags('commendation')
@ApiBearerAuth()
@Controller('legal-texts')
export class LegalTextsController {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  @Get()
  @ApiOperation({
    summary:
      'Văn bản pháp luật văn bản ban hành trích dẫn (luật, nghị định, thông tư, mức lương cơ sở) với thời gian hiệu lực; ?on=yyyy-MM-dd: văn bản có hiệu lực ngày đó theo từng vai trò',
  })
  async list(@Query('on') on: string | undefined): Promise<{ texts: LegalText[]; inForce?: Partial<Record<LegalRole, string>> }> {
    const texts = await listLegalTexts(this.ds);
    if (on === undefined) return { texts };
    if (!isIsoDate(on))
      throw new InvalidInputException([{ field: 'on', rule: 'day', message: `on phải là ngày dạng yyyy-MM-dd, nhận được "${on}"` }]);
    const current: Partial<Record<LegalRole, string>> = {};
    for (const role of LEGAL_ROLES) {
      const id = inForce(texts, role, on)?.id;
      if (id) current[role] = id;
    }
    return { texts, inForce: current };
  }

  @Post()
  @Roles('admin')
  @ApiOperation({
    summary:
      'Thêm văn bản pháp luật mới (khi luật thay đổi, không cần phát hành phiên bản mới): văn bản ban hành từ ngày hiệu lực trích dẫn văn bản này thay văn bản cũ cùng vai trò',
  })
  async add(@Body() body: LegalTextDto, @Caller() caller: Principal): Promise<LegalText> {
    assertProvinceWide(caller, 'Law');
    const text: LegalText = {
      id: body.id,
      role: body.role,
      kind: body.kind,
      number: body.number.trim(),
      issuedOn: body.issuedOn,
      issuer: body.issuer.trim(),
      subject: body.subject.trim(),
      effectiveFrom: body.effectiveFrom,
      ...(body.effectiveUntil ? { effectiveUntil: body.effectiveUntil } : {}),
      ...(body.articles?.trim() ? { articles: body.articles.trim() } : {}),
      ...(body.amount !== undefined ? { amount: body.amount } : {}),
    };
    const problems = [
      ...(body.effectiveFrom < body.issuedOn
        ? [{ field: 'effectiveFrom', rule: 'order', message: 'effectiveFrom không được trước ngày ban hành (issuedOn)' }]
        : []),
      ...(body.effectiveUntil !== undefined && body.effectiveUntil <= body.effectiveFrom
        ? [{ field: 'effectiveUntil', rule: 'order', message: 'effectiveUntil phải sau effectiveFrom' }]
        : []),
      ...((body.role === 'base-salary') !== (body.amount !== undefined)
        ? [{ field: 'amount', rule: 'amount', message: 'amount (mức lương cơ sở, đồng) có khi và chỉ khi role là "base-salary"' }]
        : []),
    ];
    if (problems.length) throw new InvalidInputException(problems);
    const added = await this.ds.transaction((m) => addLegalText(m, text, actorOf(caller), new Date().toISOString()));
    if (!added) throw refusal('code-taken', `Đã có văn bản mã "${text.id}"`);
    return text;
  }

  @Delete(':textId')
  @Roles('admin')
  @HttpCode(204)
  @ApiOperation({ summary: 'Gỡ một văn bản đã thêm (văn bản có sẵn không gỡ được); văn bản đã ban hành giữ nguyên trích dẫn' })
  async remove(@Param('textId') id: string, @Caller() caller: Principal): Promise<void> {
    assertProvinceWide(caller, 'Law');
    if (BUILT_IN_LEGAL_TEXTS.some((t) => t.id === id)) throw new ApiException(409, `Văn bản "${id}" có sẵn trong hệ thống, không gỡ được`);
    const removed = await this.ds.transaction((m) => removeLegalText(m, id, actorOf(caller), new Date().toISOString()));
    if (!removed) throw notFound(`Không có văn bản đã thêm mã "${id}"`);
  }
}
