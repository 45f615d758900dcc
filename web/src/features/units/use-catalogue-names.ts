import { useCallback } from 'react';
import { useCatalogue } from '../../api/units.ts';
import { useI18n } from '../../app/i18n.tsx';

/**
 * Unit types and 赛道 in the current language. Unit rows carry the Chinese
 * names; the catalogues carry both.
 */
export function useCatalogueNames() {
  const { lang } = useI18n();
  const types = useCatalogue('unit-types');
  const groups = useCatalogue('peer-groups');
  const typeName = useCallback(
    (id: number, fallback: string) => {
      const item = types.data?.find((x) => x.id === id);
      return item ? (lang === 'zh' ? item.nameZh : item.nameEn) : fallback;
    },
    [types.data, lang],
  );
  const groupName = useCallback(
    (id: number | null, fallback: string | null) => {
      if (id === null) return null;
      const item = groups.data?.find((x) => x.id === id);
      return item ? (lang === 'zh' ? item.nameZh : item.nameEn) : fallback;
    },
    [groups.data, lang],
  );
  const typeOptions = (types.data ?? []).map((x) => ({
    value: x.id,
    label: lang === 'zh' ? x.nameZh : x.nameEn,
  }));
  const groupOptions = (groups.data ?? []).map((x) => ({
    value: x.id,
    label: lang === 'zh' ? x.nameZh : x.nameEn,
  }));
  return { typeName, groupName, typeOptions, groupOptions };
}
