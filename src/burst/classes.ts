// The burst study's three classes in index order (specs/burst-study.md, "Classes and label files").

/** b single burst, mb multiple burst, h harmonic: class indices 0, 1, 2. */
export const BURST_CLASSES = ['b', 'mb', 'h'] as const;

export type BurstClass = (typeof BURST_CLASSES)[number];

/** The class index of a label, or −1 when it is not one of b/mb/h. */
export function burstClassIndex(label: string): number {
  return (BURST_CLASSES as readonly string[]).indexOf(label);
}
