import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { importPlan, PlanImportError, type PlanImport } from '../../../../libs/planning/src';
import { Roles } from '../auth/principal';
import { ApiException } from '../common/http-errors';
import { PlanImportDto, PlanImportRequestDto } from './plan-imports.dto';

@ApiTags('plan-imports')
@ApiBearerAuth()
@Roles('admin', 'coordinator')
@Controller('plan-imports')
export class PlanImportsController {
  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Đọc văn bản kế hoạch thành bản nháp đợt thi đua, kèm trích dẫn nguyên văn cho từng giá trị và các điểm chưa rõ',
    description: 'Không lưu gì: bản nháp để người dùng xem, sửa rồi lưu thành mẫu hoặc phát động.',
  })
  @ApiOkResponse({ type: PlanImportDto })
  import(@Body() { text }: PlanImportRequestDto): PlanImport {
    try {
      return importPlan(text);
    } catch (err) {
      if (!(err instanceof PlanImportError)) throw err;
      throw new ApiException(err.reason === 'too-large' ? 413 : 422, err.message, [{ field: 'text', rule: err.reason, message: err.message }]);
    }
  }
}
