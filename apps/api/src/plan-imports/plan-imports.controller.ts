import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { importPlan, PlanImportError, type PlanImport } from '@thidua/planning';
import { Roles } from '../auth/principal';
import { ApiException } from '../common/http-errors';
import { receiveFile } from '../common/upload';
import { MAX_PLAN_FILE_BYTES, PlanFileError, textOfPlanFile } from './plan-files';
import { PlanFileImportDto, PlanImportDto, PlanImportRequestDto } from './plan-imports.dto';

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
    return read(text);
  }

  @Post('file')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Đọc tệp kế hoạch (.docx hoặc .txt) thành bản nháp đợt thi đua',
    description:
      'Gửi dạng multipart/form-data, trường "file" (tối đa 10 MiB). Trả về như khi dán văn bản, thêm `text`: nội dung đọc được từ tệp, mà mọi trích dẫn là một đoạn của nó. Tệp .doc (Word 97-2003) và .pdf bị từ chối kèm hướng dẫn. Không lưu gì.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOkResponse({ type: PlanFileImportDto })
  async importFile(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PlanImport & { fileName: string; text: string }> {
    const file = await receiveFile(req, res, MAX_PLAN_FILE_BYTES, 'tệp kế hoạch');
    let text: string;
    try {
      text = await textOfPlanFile(file.originalname, file.buffer);
    } catch (err) {
      if (!(err instanceof PlanFileError)) throw err;
      const status = err.reason === 'too-large' ? 413 : err.reason === 'unsupported-type' ? 415 : 422;
      throw new ApiException(status, err.message, [{ field: 'file', rule: err.reason, message: err.message }]);
    }
    return { fileName: file.originalname, text, ...read(text) };
  }
}

/** The import of a text, its refusals as API errors on the field "text". */
function read(text: string): PlanImport {
  try {
    return importPlan(text);
  } catch (err) {
    if (!(err instanceof PlanImportError)) throw err;
    throw new ApiException(err.reason === 'too-large' ? 413 : 422, err.message, [
      { field: 'text', rule: err.reason, message: err.message },
    ]);
  }
}
