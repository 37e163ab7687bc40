/** In the browser the sheet is printed on A4 (the page's print CSS hides everything but the stickers). */
export const PRINT_LABEL = '打印本页（A4）'

export async function saveSticker(_dataUrl: string, _name: string): Promise<void> {}

export function printSheet(): void {
  if (typeof window !== 'undefined') window.print()
}
