import multer from '@koa/multer';
import type { Next } from 'koa';
import { materialPurposeSchema, materialSchema, objectIdSchema, type Material } from '@minsheng/shared';
import { z } from 'zod';
import { Types } from 'mongoose';
import { AppError, malformed, notFound } from '../../errors';
import type { Readable } from 'node:stream';
import type { AppContext, StaffPrincipal } from '../../http/context';
import { attachment } from '../../http/attachment';
import { idParams } from '../../http/params';
import { route } from '../../http/route';
import { audit, type AuditEntry } from '../audit/service';
import { listMaterials, openMaterial, storeMaterial, type UploadedFile } from './service';

/** Parses one multipart file into memory, bounded by UPLOAD_MAX_BYTES. */
export async function singleFile(ctx: AppContext, next: Next): Promise<unknown> {
  if (!ctx.request.is('multipart/form-data')) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传文件');
  }
  // WeChat and browsers send UTF-8 file names without a charset parameter; busboy's default, latin1, garbles
  // Chinese names. (@types/koa__multer predates multer's defParamCharset and preservePath options.)
  const options: multer.Options & { defParamCharset: string; preservePath: boolean } = {
    storage: multer.memoryStorage(),
    defParamCharset: 'utf8',
    // Keep the name as sent, so that one with a directory part is refused (storeMaterial) instead of silently cut.
    preservePath: true,
    limits: { fileSize: ctx.deps.config.UPLOAD_MAX_BYTES, files: 1, fields: 5, fieldSize: 1024, parts: 8 },
  };
  const upload = multer(options);
  let parsed = false;
  try {
    return await upload.single('file')(ctx as never, () => {
      parsed = true;
      // The file joins the parsed fields, so the route's schema (and the API document) requires it like any field.
      const file = (ctx as unknown as { file?: UploadedFile }).file;
      if (file) ctx.request.body = { ...(ctx.request.body as object | undefined), file };
      return next();
    });
  } catch (err) {
    // busboy's own complaints (no boundary, a cut-off part) are the client's malformed body, not our fault;
    // multer's LIMIT_* errors and everything after parsing keep their own meaning.
    const code = (err as { code?: unknown }).code;
    if (parsed || err instanceof AppError || (typeof code === 'string' && code.startsWith('LIMIT_'))) throw err;
    throw malformed('上传内容无法解析，请重新选择文件上传');
  }
}

/** The file field of a multipart form: the one file singleFile parsed (a text field of that name is not a file). */
export const fileField = z
  .custom<UploadedFile>((v) => typeof v === 'object' && v !== null && Buffer.isBuffer((v as { buffer?: unknown }).buffer), {
    error: '请选择要上传的文件',
  })
  .meta({ type: 'string', format: 'binary' });

/** The file `singleFile` parsed; refused when the form had none. */
export function uploadedFile(ctx: AppContext): UploadedFile {
  const file = (ctx as unknown as { file?: UploadedFile }).file;
  if (!file) throw new AppError('VALIDATION_FAILED', '请选择要上传的文件', { file: '请选择要上传的文件' });
  return file;
}

/** Answers with a stored material as a download, never cached (it is personal data). */
export function sendMaterial(ctx: AppContext, { file, stream }: { file: Material; stream: Readable }): void {
  ctx.type = file.contentType;
  ctx.length = file.size;
  ctx.set('Content-Disposition', attachment(file.filename));
  ctx.set('Cache-Control', 'private, no-store');
  ctx.body = stream;
}

/** The path parameters of a staff download: the record the file is attached to, and the file. */
export const attachedMaterialParams = z.strictObject({ id: objectIdSchema, materialId: objectIdSchema });

/** What a staff download answers, for the API document. */
export const FILE_RESPONSE = {
  description: 'The file',
  contentType: 'application/octet-stream',
  schema: z.string().meta({ format: 'binary' }),
} as const;

/** A record staff may see with files attached: the files, and what the audit log names when one is opened. */
export interface AttachedTo {
  materialIds: readonly Types.ObjectId[];
  /** The record the files are attached to. */
  concerns: Pick<AuditEntry, 'applicationId' | 'certificateId' | 'residentId'>;
  /** What was opened, in the log's words. */
  reason: string;
}

/**
 * Answers a staff member with a material attached to a record they may see
 * (an application, a certificate): a file not attached to it is a 404, as
 * any other file is, so an id from elsewhere opens nothing. Each file opened
 * is audited (material_open), with the record and the file; a refusal is not.
 */
export async function sendAttachedMaterial(ctx: AppContext, viewer: StaffPrincipal, record: AttachedTo, materialId: string): Promise<void> {
  if (!record.materialIds.some((m) => String(m) === materialId)) throw notFound('材料不存在');
  const opened = await openMaterial(materialId, undefined);
  await audit(viewer, { action: 'material_open', reason: record.reason, materialId: new Types.ObjectId(materialId), ...record.concerns });
  sendMaterial(ctx, opened);
}

export const materialRoutes = [
  route({
    method: 'post',
    path: '/api/materials',
    summary: 'Upload a supporting material (JPG, PNG, WebP or PDF)',
    tag: 'materials',
    access: { kind: 'resident' },
    before: [singleFile],
    bodyType: 'multipart',
    body: z.strictObject({ purpose: materialPurposeSchema, file: fileField }),
    responses: {
      201: { description: 'The stored material', schema: materialSchema },
      413: { description: 'File too large' },
      415: { description: 'Not an accepted file type, or the type lies' },
    },
    handler: async (ctx, { body, resident }) => {
      ctx.status = 201;
      ctx.body = await storeMaterial(resident.id, body.purpose, uploadedFile(ctx));
    },
  }),
  route({
    method: 'get',
    path: '/api/materials',
    summary: "The resident's uploaded materials",
    tag: 'materials',
    access: { kind: 'resident' },
    responses: { 200: { description: 'Materials, newest first', schema: z.object({ items: z.array(materialSchema) }) } },
    handler: async (ctx, { resident }) => {
      ctx.body = { items: await listMaterials(resident.id) };
    },
  }),
  route({
    method: 'get',
    path: '/api/materials/:id',
    summary: 'Download one of the resident’s materials',
    tag: 'materials',
    access: { kind: 'resident' },
    params: idParams,
    responses: {
      200: { description: 'The file', contentType: 'application/octet-stream', schema: z.any().meta({ type: 'string', format: 'binary' }) },
      404: { description: 'No such material of this resident' },
    },
    handler: async (ctx, { params, resident }) => {
      sendMaterial(ctx, await openMaterial(params.id, resident.id));
    },
  }),
];
