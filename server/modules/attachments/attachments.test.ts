import ExcelJS from 'exceljs';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../domain/errors.ts';
import { storedPath } from '../../lib/files/file-store.ts';
import { exifSegment, GPS_MARK, jpegWith, tinyJpeg, tinyPng, xmpSegment } from '../../test/image-fixture.ts';
import { form } from '../../test/multipart.ts';
import { testContext, type TestContext } from '../../test/harness.ts';
import { makeCompoundFile, makeZip } from '../../test/zip-fixture.ts';
import { registerAttachmentOwner } from './attachments.policy.ts';
import { attachmentsOf, claimAttachments } from './attachments.repository.ts';

const dataDir = mkdtempSync(path.join(tmpdir(), 'luoshi-attachments-'));
let t: TestContext;
const cookies: Record<string, string> = {};
const people: Record<string, { id: number; unitId: number }> = {};

beforeAll(async () => {
  t = await testContext({ LUOSHI_DATA_DIR: dataDir, LUOSHI_MAX_UPLOAD_MB: '1' });
  for (const u of [
    'liaison-qj-t01',
    'head-qj-t01',
    'liaison-qj-t02',
    'office',
    'grid',
    'inspector',
    'discipline',
  ]) {
    cookies[u] = await t.signIn(u);
  }
  const rows = await t.sql<{ id: number; username: string; unit_id: number }>(
    'SELECT id, username, unit_id FROM people WHERE username = ANY($1)',
    [Object.keys(cookies)],
  );
  for (const r of rows) people[r.username] = { id: r.id, unitId: r.unit_id };
  // A module that owns attachments: the office sees every note, the note's unit sees its own.
  registerAttachmentOwner(
    'test_note',
    async (db, actor, ownerId) =>
      actor.roles.some((g) => g.role === 'office') ||
      (ownerId === 1 && actor.unitId === people['liaison-qj-t01']!.unitId),
  );
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function upload(user: string, data: Buffer, filename: string, field = 'file') {
  const f = form(data, filename, field);
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/attachments',
    headers: { cookie: cookies[user]!, 'x-luoshi-request': '1', 'content-type': f.contentType },
    payload: f.payload,
  });
}

const storedFiles = () =>
  existsSync(path.join(dataDir, 'files'))
    ? readdirSync(path.join(dataDir, 'files'), { recursive: true, withFileTypes: true }).filter((d) =>
        d.isFile(),
      ).length
    : 0;
const rowCount = async () => (await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM attachments'))[0]!.n;

async function xlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('进度').addRow(['已完成']);
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

const docx = () =>
  makeZip([
    {
      name: '[Content_Types].xml',
      data: '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    },
    { name: 'word/document.xml', data: '<w:document/>' },
  ]);

describe('uploading attachments', () => {
  it('stores a phone photo without its GPS and camera metadata, audited, and gives it back to the uploader', async () => {
    const photo = jpegWith([exifSegment(6), xmpSegment()], Buffer.from('trailing video'));
    const r = await upload('liaison-qj-t01', photo, '现场照片.JPG');
    expect(r.statusCode).toBe(201);
    const body = r.json();
    expect(body).toMatchObject({ filename: '现场照片.jpg', mime: 'image/jpeg' });
    expect(body.size).toBe(tinyJpeg().length + 36);

    const [row] = await t.sql<{ digest: string; uploaded_by: number; owner_type: string | null }>(
      'SELECT digest, uploaded_by, owner_type FROM attachments WHERE id = $1',
      [body.id],
    );
    expect(row).toMatchObject({ uploaded_by: people['liaison-qj-t01']!.id, owner_type: null });
    const stored = readFileSync(storedPath(dataDir, row!.digest));
    expect(stored.includes(Buffer.from(GPS_MARK))).toBe(false);
    expect(stored.includes(Buffer.from('xmpmeta'))).toBe(false);
    expect(stored.includes(Buffer.from('trailing video'))).toBe(false);
    expect(stored.length).toBe(body.size);

    const audit = await t.sql<{ action: string; actor_id: number; after: Record<string, unknown> }>(
      "SELECT action, actor_id, after FROM audit_log WHERE object_type = 'attachment' AND object_id = $1",
      [String(body.id)],
    );
    expect(audit).toEqual([
      {
        action: 'attachment.upload',
        actor_id: people['liaison-qj-t01']!.id,
        after: {
          id: body.id,
          filename: '现场照片.jpg',
          size: body.size,
          mime: 'image/jpeg',
          digest: row!.digest,
        },
      },
    ]);

    const get = await t.call('GET', `/api/v1/attachments/${body.id}`, { cookie: cookies['liaison-qj-t01'] });
    expect(get.statusCode).toBe(200);
    expect(get.headers['content-type']).toBe('image/jpeg');
    expect(get.headers['x-content-type-options']).toBe('nosniff');
    expect(get.headers['content-disposition']).toBe(
      `attachment; filename="____.jpg"; filename*=UTF-8''%E7%8E%B0%E5%9C%BA%E7%85%A7%E7%89%87.jpg`,
    );
    expect(get.rawPayload.equals(stored)).toBe(true);
  });

  it('strips PNG text, EXIF and time chunks', async () => {
    const r = await upload('office', tinyPng(true), 'screen.png');
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ mime: 'image/png', size: tinyPng(false).length });
    const get = await t.call('GET', `/api/v1/attachments/${r.json().id}`, { cookie: cookies.office });
    expect(get.rawPayload.equals(tinyPng(false))).toBe(true);
  });

  it('accepts pdf, docx and xlsx by their bytes, naming them by what they are', async () => {
    const cases: [Buffer, string, string, string][] = [
      [Buffer.from('%PDF-1.7\n%%EOF\n'), '../督查报告', 'application/pdf', '督查报告.pdf'],
      [
        docx(),
        '整改方案.docx',
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        '整改方案.docx',
      ],
      [
        await xlsx(),
        '进度表.xls',
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        '进度表.xlsx',
      ],
    ];
    for (const [data, name, mime, filename] of cases) {
      const r = await upload('inspector', data, name);
      expect(r.statusCode, name).toBe(201);
      expect(r.json()).toMatchObject({ mime, filename, size: data.length });
    }
  });

  it('stores the same bytes once', async () => {
    const before = storedFiles();
    const a = await upload('head-qj-t01', Buffer.from('%PDF-1.4\nsame\n%%EOF'), 'a.pdf');
    const b = await upload('head-qj-t01', Buffer.from('%PDF-1.4\nsame\n%%EOF'), 'b.pdf');
    expect(a.json().id).not.toBe(b.json().id);
    expect(storedFiles()).toBe(before + 1);
    const digests = await t.sql<{ digest: string }>(
      'SELECT DISTINCT digest FROM attachments WHERE id = ANY($1)',
      [[a.json().id, b.json().id]],
    );
    expect(digests).toHaveLength(1);
  });

  it('refuses bad files and stores nothing', async () => {
    const rows = await rowCount();
    const files = storedFiles();
    const cases: [string, Buffer, string, number, string, string?][] = [
      [
        'exe renamed .pdf',
        Buffer.concat([Buffer.from('MZ\x90\0', 'latin1'), Buffer.alloc(500)]),
        'x.pdf',
        415,
        'file_type_not_allowed',
      ],
      ['zip renamed .docx', makeZip([{ name: 'a.txt', data: 'x' }]), 'x.docx', 415, 'file_type_not_allowed'],
      ['old .doc', makeCompoundFile(['WordDocument']), 'x.doc', 415, 'file_type_not_allowed'],
      ['html', Buffer.from('<html><script>alert(1)</script></html>'), 'x.png', 415, 'file_type_not_allowed'],
      ['damaged jpeg', tinyJpeg().subarray(0, 60), 'x.jpg', 415, 'file_type_not_allowed'],
      ['empty', Buffer.alloc(0), 'x.pdf', 400, 'file_empty'],
      [
        'over 1 MB',
        Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(1024 * 1024)]),
        'big.pdf',
        413,
        'payload_too_large',
      ],
      [
        'far over 1 MB',
        Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(3 * 1024 * 1024)]),
        'big.pdf',
        413,
        'payload_too_large',
      ],
      ['another field', Buffer.from('%PDF-1.4\n'), 'x.pdf', 400, 'validation_failed', 'upload'],
    ];
    for (const [label, data, name, status, code, field] of cases) {
      const r = await upload('liaison-qj-t01', data, name, field);
      expect(r.statusCode, label).toBe(status);
      expect(r.headers['content-type'], label).toContain('application/problem+json');
      expect(r.json(), label).toMatchObject({ code, field: 'file' });
    }
    const json = await t.call('POST', '/api/v1/attachments', { cookie: cookies['liaison-qj-t01'], body: {} });
    expect(json.statusCode).toBe(415);
    expect(json.json().code).toBe('unsupported_media_type');
    expect(await rowCount()).toBe(rows);
    expect(storedFiles()).toBe(files);
  });

  it('lets only report and evidence writers upload', async () => {
    for (const user of ['grid', 'discipline']) {
      const r = await upload(user, Buffer.from('%PDF-1.4\n'), 'x.pdf');
      expect(r.statusCode, user).toBe(403);
    }
  });
});

describe('who sees an attachment', () => {
  let id: number;
  beforeAll(async () => {
    id = (await upload('liaison-qj-t01', Buffer.from('%PDF-1.4\nnote\n%%EOF'), '说明.pdf')).json().id;
  });
  const get = (user: string, which = id) =>
    t.call('GET', `/api/v1/attachments/${which}`, { cookie: cookies[user] });

  it('is only the uploader while it is unattached; everyone else gets 404', async () => {
    expect((await get('liaison-qj-t01')).statusCode).toBe(200);
    for (const user of ['head-qj-t01', 'office', 'liaison-qj-t02', 'grid']) {
      const r = await get(user);
      expect(r.statusCode, user).toBe(404);
      expect(r.json().code).toBe('not_found');
    }
    expect((await get('liaison-qj-t01', 999_999)).statusCode).toBe(404);
  });

  it('once claimed, is whoever the owner module allows', async () => {
    const claimed = await t.database.db.transaction((tx) =>
      claimAttachments(tx, people['head-qj-t01']!, [id], 'test_note', 1),
    );
    expect(claimed).toEqual([{ id, filename: '说明.pdf', size: 19, mime: 'application/pdf' }]);
    expect((await get('liaison-qj-t01')).statusCode).toBe(200); // uploader
    expect((await get('head-qj-t01')).statusCode).toBe(200); // same unit, allowed by the owner
    expect((await get('office')).statusCode).toBe(200);
    expect((await get('liaison-qj-t02')).statusCode).toBe(404);
    expect((await get('grid')).statusCode).toBe(404);
    await t.sql("UPDATE attachments SET owner_type = 'nobody_registered' WHERE id = $1", [id]);
    expect((await get('office')).statusCode).toBe(404);
    expect((await get('liaison-qj-t01')).statusCode).toBe(200);
  });
});

describe('claiming attachments', () => {
  const fresh = async (user: string) =>
    (await upload(user, Buffer.from(`%PDF-1.4\n${randomBytes(8).toString('hex')}\n%%EOF`), 'f.pdf')).json()
      .id as number;
  const claim = (user: string, ids: number[], ownerId = 7) =>
    t.database.db.transaction((tx) => claimAttachments(tx, people[user]!, ids, 'test_note', ownerId));
  const owner = async (id: number) =>
    (
      await t.sql<{ owner_type: string | null; owner_id: number | null }>(
        'SELECT owner_type, owner_id FROM attachments WHERE id = $1',
        [id],
      )
    )[0];
  const notFound = async (p: Promise<unknown>, id: number) => {
    const err = await p.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'not_found', field: 'body.attachmentIds', detail: { id } });
  };

  it('sets the owner of the actor’s own uploads and those of the same unit', async () => {
    const a = await fresh('liaison-qj-t01');
    const b = await fresh('head-qj-t01');
    expect((await claim('liaison-qj-t01', [a, b])).map((x) => x.id)).toEqual([a, b]);
    expect(await owner(a)).toEqual({ owner_type: 'test_note', owner_id: 7 });
    expect(await owner(b)).toEqual({ owner_type: 'test_note', owner_id: 7 });
    expect(await claim('liaison-qj-t01', [])).toEqual([]);
  });

  it('refuses another unit’s upload, an owned one or a missing one, and claims none of the list', async () => {
    const mine = await fresh('liaison-qj-t01');
    const theirs = await fresh('liaison-qj-t02');
    await notFound(claim('liaison-qj-t01', [mine, theirs]), theirs);
    expect(await owner(mine)).toEqual({ owner_type: null, owner_id: null });
    await claim('liaison-qj-t01', [mine]);
    await notFound(claim('liaison-qj-t01', [mine]), mine);
    await notFound(claim('liaison-qj-t01', [999_999]), 999_999);
    // The other unit's liaison cannot read it either.
    expect(
      (await t.call('GET', `/api/v1/attachments/${mine}`, { cookie: cookies['liaison-qj-t02'] })).statusCode,
    ).toBe(404);
  });

  it('lists the attachments of each owner', async () => {
    const a = await fresh('office');
    const b = await fresh('office');
    await claim('office', [b, a], 40);
    const of = await attachmentsOf(t.database.db, 'test_note', [40, 41]);
    expect(of.get(40)!.map((x) => x.id)).toEqual([a, b]);
    expect(of.get(41)).toEqual([]);
    expect(of.get(40)![0]).toEqual({
      id: a,
      filename: 'f.pdf',
      size: expect.any(Number),
      mime: 'application/pdf',
    });
    expect((await attachmentsOf(t.database.db, 'test_note', [])).size).toBe(0);
  });
});
