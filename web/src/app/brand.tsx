import { brand } from './theme.ts';

/** The 落实 seal mark: a red square with the character 落, drawn in CSS, no image. */
export function BrandMark({ size = 36 }: { size?: number }) {
  return (
    <span
      className="luoshi-seal"
      aria-hidden="true"
      style={{ width: size, height: size, fontSize: size * 0.6, background: brand.seal }}
    >
      落
    </span>
  );
}
