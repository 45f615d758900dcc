import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isSignedOut } from './client.ts';
import type { Session } from './types.ts';

export const sessionKey = ['session'] as const;

/** The signed-in person, or null when nobody is signed in. */
export function useSession() {
  return useQuery({
    queryKey: sessionKey,
    queryFn: async (): Promise<Session | null> => {
      try {
        return await api.get<Session>('/session');
      } catch (e) {
        if (isSignedOut(e)) return null;
        throw e;
      }
    },
    staleTime: Infinity,
    retry: false,
  });
}

export function useSignIn() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { username: string; password: string }) => api.post<Session>('/session', body),
    onSuccess: (session) => {
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionKey[0] });
      qc.setQueryData(sessionKey, session);
    },
  });
}

export function useSignOut() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.del('/session'),
    onSettled: () => {
      qc.clear();
      qc.setQueryData(sessionKey, null);
    },
  });
}

export function useChangePassword() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      api.post<{ ok: true }>('/session/password', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: sessionKey }),
  });
}
