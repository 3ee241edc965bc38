/**
 * Uploading an evidence file (before the submission that attaches it) and downloading one attached in a
 * campaign. A download is streamed from the store with its SHA-256 in `Repr-Digest`, so a reader can check it
 * got the bytes the event recorded.
 */
import { Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { StoredFile } from '@thidua/contracts';
import { Caller, type Principal } from '../auth/principal';
import { Owned } from '../auth/scope.guard';
import { StoredFileDto } from './files.dto';
import { FilesService } from './files.service';
import { sendFile } from './send-file';

@ApiTags('files')
@ApiBearerAuth()
@Controller()
export class FilesController {
  constructor(private readonly files: FilesService) {}

  @Post('files')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Tải lên một tệp minh chứng (PDF, Word .docx, Excel .xlsx, ảnh JPEG, PNG) để đính kèm khi gửi hồ sơ',
    description:
      'multipart/form-data, trường "file". Định dạng được đọc từ nội dung tệp (không theo tên), tệp được quét virus khi máy chủ có clamd, lưu một lần và không bao giờ bị sửa (sửa là tải tệp mới). Trả về mã tệp để đưa vào `attachments` của lần gửi.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiCreatedResponse({ type: StoredFileDto })
  @ApiPayloadTooLargeResponse({ description: 'Larger than FILE_MAX_MB; nothing stored' })
  @ApiUnprocessableEntityResponse({ description: 'Empty, of a type not accepted (read from its content), or infected; nothing stored' })
  upload(@Req() req: Request, @Caller() caller: Principal): Promise<StoredFile> {
    return this.files.upload(req, caller);
  }

  @Get('campaigns/:id/files/:fileId')
  @Owned('Campaign')
  @ApiOperation({
    summary: 'Tải về một tệp đã đính kèm trong đợt thi đua (đơn vị: chỉ tệp của đơn vị mình)',
    description: 'Nội dung nguyên vẹn như khi tải lên; header Repr-Digest mang SHA-256 đã ghi trong nhật ký.',
  })
  @ApiOkResponse({ description: 'The file, with its recorded media type and name' })
  @ApiNotFoundResponse({ description: 'No such file in this campaign, or not one the caller may see' })
  async download(
    @Param('id') id: string,
    @Param('fileId') fileId: string,
    @Caller() caller: Principal,
    @Res() res: Response,
  ): Promise<void> {
    await sendFile(res, await this.files.download(id, fileId, caller));
  }
}
