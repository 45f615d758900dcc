import { randomBytes } from 'node:crypto';

/** A multipart/form-data body with one file part, for `app.inject`. */
export function form(data: Buffer, filename: string, field = 'file', type = 'application/octet-stream') {
  const boundary = `----luoshi${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
    'utf8',
  );
  return {
    payload: Buffer.concat([head, data, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}
