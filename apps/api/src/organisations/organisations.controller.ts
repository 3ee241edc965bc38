/** The province's tree of bodies, as each caller may see it; admins add bodies below theirs and set their papers' names. */
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { OrganisationView, SigningCertificateView } from '@thidua/contracts';
import { actorOf, Caller, Roles, STAFF, type Principal } from '../auth/principal';
import { Owned } from '../auth/scope.guard';
import { InvalidInputException } from '../common/validation';
import { Idempotent } from '../idempotency/idempotency.interceptor';
import { CreateOrganisationDto, OrganisationDto, UpdateOrganisationDto } from './organisations.dto';
import { OrganisationsService } from './organisations.service';
import { SigningCertificateDto, SigningCertificateViewDto } from './signing.dto';
import { SigningService } from './signing.service';

@ApiTags('organisations')
@ApiBearerAuth()
@Owned('Organisation')
@Controller('organisations')
export class OrganisationsController {
  constructor(
    private readonly organisations: OrganisationsService,
    private readonly signing: SigningService,
  ) {}

  @Get()
  @Roles(...STAFF)
  @ApiOperation({
    summary: 'Tổ chức đang làm việc và các tổ chức cấp dưới (cấp trên trước), kèm số đơn vị, đợt thi đua, tổ chức trực thuộc',
  })
  @ApiOkResponse({ type: [OrganisationDto] })
  list(@Caller() caller: Principal): Promise<OrganisationView[]> {
    return this.organisations.list(caller);
  }

  @Get(':id')
  @Roles(...STAFF)
  @ApiOperation({ summary: 'Một tổ chức: tên, mã, cấp trên, thiết lập văn bản' })
  @ApiOkResponse({ type: OrganisationDto })
  get(@Param('id') id: string, @Caller() caller: Principal): Promise<OrganisationView> {
    return this.organisations.get(id, caller);
  }

  @Post()
  @Roles('admin')
  @Idempotent()
  @ApiOperation({
    summary: 'Thêm tổ chức trực thuộc (phòng, ban, trường, trạm y tế...) dưới tổ chức đang làm việc hoặc một tổ chức cấp dưới',
  })
  @ApiCreatedResponse({ type: OrganisationDto })
  create(@Body() body: CreateOrganisationDto, @Caller() caller: Principal): Promise<OrganisationView> {
    return this.organisations.create(body, caller, actorOf(caller));
  }

  @Patch(':id')
  @Roles('admin')
  @Idempotent()
  @ApiOperation({ summary: 'Sửa tên, tên viết tắt, thiết lập văn bản (cơ quan ban hành, người ký, thư gửi đi, giờ làm việc)' })
  @ApiOkResponse({ type: OrganisationDto })
  update(@Param('id') id: string, @Body() body: UpdateOrganisationDto, @Caller() caller: Principal): Promise<OrganisationView> {
    if (body.name === undefined && body.shortName === undefined && body.settings === undefined)
      throw new InvalidInputException([{ rule: 'nothingToChange', message: 'Cần ít nhất một trong name, shortName hoặc settings' }]);
    return this.organisations.update(id, body, caller, actorOf(caller));
  }

  @Get(':id/signing-certificate')
  @Roles('admin')
  @ApiOperation({ summary: 'Chứng thư số của tổ chức (chủ thể, dấu vân tay SHA-256, thời hạn); không bao giờ trả về khóa' })
  @ApiOkResponse({ type: SigningCertificateViewDto })
  signingCertificate(@Param('id') id: string): Promise<SigningCertificateView> {
    return this.signing.get(id);
  }

  @Put(':id/signing-certificate')
  @Roles('admin')
  @ApiOperation({
    summary:
      'Tải lên chứng thư số của tổ chức (tệp PKCS#12 .p12/.pfx và mật khẩu, ảnh chữ ký và ảnh con dấu PNG, base64): quyết định của tổ chức được ký số PAdES khi ban hành. Lưu mã hóa bằng SIGNING_KEY',
  })
  @ApiOkResponse({ type: SigningCertificateViewDto })
  setSigningCertificate(
    @Param('id') id: string,
    @Body() body: SigningCertificateDto,
    @Caller() caller: Principal,
  ): Promise<SigningCertificateView> {
    return this.signing.set(id, body, actorOf(caller));
  }

  @Delete(':id/signing-certificate')
  @Roles('admin')
  @HttpCode(204)
  @ApiOperation({ summary: 'Gỡ chứng thư số của tổ chức: quyết định ban hành sau đó không ký số' })
  async removeSigningCertificate(@Param('id') id: string, @Caller() caller: Principal): Promise<void> {
    await this.signing.remove(id, actorOf(caller));
  }
}
