import { useMutation } from '@tanstack/react-query';
import { api } from './client.ts';

/** An uploaded file, before and after it is attached to a report or a claim. */
export interface Attachment {
  id: number;
  filename: string;
  size: number;
  mime: string;
}

/** The types the server accepts (judged by their bytes there). */
export const ATTACHMENT_ACCEPT = '.jpg,.jpeg,.png,.pdf,.docx,.xlsx';

export const attachmentUrl = (id: number) => `/api/v1/attachments/${id}`;

export function useUpload() {
  return useMutation({
    mutationFn: (file: File) => api.upload<Attachment>('/attachments', file, file.name),
  });
}
