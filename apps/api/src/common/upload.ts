/** One uploaded file (multipart/form-data, field "file"), kept in memory within a size limit, or a Vietnamese 400/413. */
import type { Request, Response } from 'express';
import multer from 'multer';
import { ApiException } from './http-errors';

/** Reads the one file of the form's "file" field; `what` names it in the refusals ("tệp kế hoạch"). */
export function receiveFile(req: Request, res: Response, maxBytes: number, what: string): Promise<Express.Multer.File> {
  // Browsers send UTF-8 names.
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: maxBytes, files: 1, fields: 5, parts: 6 },
    defParamCharset: 'utf8',
  }).single('file');
  const refuse = (status: number, message: string, rule: string): ApiException =>
    new ApiException(status, message, [{ field: 'file', rule, message }]);
  return new Promise((resolve, reject) => {
    upload(req, res, (err: unknown) => {
      if (err instanceof multer.MulterError) {
        if (err.code === 'LIMIT_FILE_SIZE') return reject(refuse(413, `file: tệp vượt quá ${maxBytes / 1024 / 1024} MiB`, 'too-large'));
        return reject(refuse(400, 'file: chỉ gửi một tệp, trong trường "file" của biểu mẫu multipart/form-data', 'one-file'));
      }
      if (err) return reject(refuse(400, 'file: biểu mẫu tải tệp không đọc được (multipart/form-data bị hỏng)', 'malformed'));
      if (!req.file) return reject(refuse(400, `file: chưa có ${what} (gửi dạng multipart/form-data, trường "file")`, 'required'));
      resolve(req.file);
    });
  });
}
