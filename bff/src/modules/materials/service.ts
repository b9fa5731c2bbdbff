import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import mongoose, { Types } from 'mongoose';
import type { Material } from '@minsheng/shared';
import { readByIdWhere } from '../../db/point-reads';
import { AppError, notFound } from '../../errors';
import { isPlainFilename, safeFilename, sniffType } from './sniff';

/**
 * Supporting materials live in GridFS (bucket "materials") so the database
 * stays the only state. Each file records its owner; only the owner (and,
 * through the staff routes, reviewers) can read it.
 */
const BUCKET = 'materials';

interface MaterialMeta {
  ownerId: Types.ObjectId;
  purpose: string;
  contentType: string;
  sha256: string;
}

interface FileDoc {
  _id: Types.ObjectId;
  length: number;
  uploadDate: Date;
  filename: string;
  metadata: MaterialMeta;
}

function bucket(): mongoose.mongo.GridFSBucket {
  const db = mongoose.connection.db;
  if (!db) throw new AppError('SERVICE_UNAVAILABLE');
  return new mongoose.mongo.GridFSBucket(db, { bucketName: BUCKET });
}

function filesCollection() {
  const db = mongoose.connection.db;
  if (!db) throw new AppError('SERVICE_UNAVAILABLE');
  return db.collection<FileDoc>(`${BUCKET}.files`);
}

export async function ensureMaterialIndexes(): Promise<void> {
  await filesCollection().createIndex({ 'metadata.ownerId': 1, uploadDate: -1 });
}

export function presentMaterial(f: FileDoc): Material {
  return {
    id: String(f._id),
    filename: f.filename,
    contentType: f.metadata.contentType,
    size: f.length,
    purpose: f.metadata.purpose,
    uploadedAt: f.uploadDate.toISOString(),
  };
}

/** A file as the multipart parser (multer) hands it over. */
export interface UploadedFile {
  buffer: Buffer;
  mimetype: string;
  originalname: string;
}

/** Stores an uploaded file for its owner after checking that its bytes are what it claims to be. */
export async function storeMaterial(ownerId: string, purpose: string, file: UploadedFile): Promise<Material> {
  if (!isPlainFilename(file.originalname)) {
    throw new AppError('VALIDATION_FAILED', '文件名不能包含路径或特殊字符，请重命名后上传', { file: '文件名不能包含路径或特殊字符' });
  }
  const actual = sniffType(file.buffer);
  if (!actual) throw new AppError('UNSUPPORTED_MEDIA_TYPE', '只能上传 JPG、PNG、WebP 图片或 PDF 文件');
  if (file.mimetype !== actual && !(actual === 'image/jpeg' && file.mimetype === 'image/jpg')) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', '文件内容与声明的类型不一致');
  }
  const id = new Types.ObjectId();
  const metadata: MaterialMeta = {
    ownerId: new Types.ObjectId(ownerId),
    purpose,
    contentType: actual,
    sha256: createHash('sha256').update(file.buffer).digest('hex'),
  };
  const filename = safeFilename(file.originalname, actual);
  await new Promise<void>((resolve, reject) => {
    const upload = bucket().openUploadStreamWithId(id, filename, { metadata });
    upload.once('error', reject);
    upload.once('finish', () => resolve());
    upload.end(file.buffer);
  });
  const stored = await filesCollection().findOne({ _id: id });
  if (!stored) throw new Error('uploaded file not found');
  return presentMaterial(stored);
}

export async function listMaterials(ownerId: string): Promise<Material[]> {
  const files = await filesCollection()
    .find({ 'metadata.ownerId': new Types.ObjectId(ownerId) })
    .sort({ uploadDate: -1 })
    .limit(200)
    .toArray();
  return files.map(presentMaterial);
}

/** The owner's materials with these ids; throws a field error for any that is not theirs. */
export async function ownedMaterials(ownerId: string, ids: string[]): Promise<Material[]> {
  if (ids.length === 0) return [];
  const unique = [...new Set(ids)];
  const files = (await filesByIds(unique.map((i) => new Types.ObjectId(i)))).filter((f) => String(f.metadata?.ownerId) === ownerId);
  if (files.length !== unique.length) {
    throw new AppError('VALIDATION_FAILED', '有材料不存在或不属于您', { materialIds: '有材料不存在或不属于您，请重新上传' });
  }
  return files.map(presentMaterial);
}

export async function materialsByIds(ids: Types.ObjectId[]): Promise<Material[]> {
  if (ids.length === 0) return [];
  return (await filesByIds(ids)).map(presentMaterial);
}

/** The file documents with these ids that exist, in their order, each read by its `_id` alone (db/point-reads.ts). */
async function filesByIds(ids: Types.ObjectId[]) {
  const files = await Promise.all(ids.map((_id) => filesCollection().findOne({ _id })));
  return files.filter((file) => file !== null);
}

/** Opens a material for download; `ownerId` undefined means a staff reader. */
export async function openMaterial(id: string, ownerId: string | undefined): Promise<{ file: Material; stream: Readable }> {
  if (!Types.ObjectId.isValid(id)) throw notFound('材料不存在');
  const _id = new Types.ObjectId(id);
  const file = await readByIdWhere(
    filesCollection().findOne({ _id }),
    (f) => ownerId === undefined || String(f.metadata?.ownerId) === ownerId,
  );
  if (!file) throw notFound('材料不存在');
  return { file: presentMaterial(file), stream: bucket().openDownloadStream(_id) };
}

/** Gives one owner's materials to another, when two resident records become one account. */
export async function transferMaterials(fromOwnerId: string, toOwnerId: string): Promise<void> {
  await filesCollection().updateMany(
    { 'metadata.ownerId': new Types.ObjectId(fromOwnerId) },
    { $set: { 'metadata.ownerId': new Types.ObjectId(toOwnerId) } },
  );
}
