/**
 * Award money: a form's multiple of the base salary (mức lương cơ sở) in force on the paper's date, rounded up
 * to the ten thousand đồng, in figures ("2.340.000") and in words (read-vietnamese-number, maintained, which
 * reads Vietnamese numbers as papers write them). Pure.
 */
import { doReadNumber, ReadingConfig } from 'read-vietnamese-number';

/** Money is rounded up to this many đồng (tiền thưởng làm tròn lên hàng chục nghìn đồng). */
export const ROUNDING = 10_000;

/** The amount for `multiple` (up to two decimals) of `base` đồng, rounded up to {@link ROUNDING}; exact in integers. */
export function rewardAmount(multiple: number, base: number): number {
  const hundredths = Math.round(multiple * 100);
  return Math.ceil((hundredths * base) / 100 / ROUNDING) * ROUNDING;
}

/** "2.340.000" (dots between thousands, as Vietnamese papers write it). */
export function figures(amount: number): string {
  return String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** "1,0", "0,3", "1,5": a multiple as papers write it. */
export function multipleText(multiple: number): string {
  const text = String(Math.round(multiple * 100) / 100);
  return (text.includes('.') ? text : `${text}.0`).replace('.', ',');
}

const config = Object.assign(new ReadingConfig(), { unit: ['đồng'] });

/** "Hai triệu ba trăm bốn mươi nghìn đồng". */
export function inWords(amount: number): string {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError(`amount must be a whole number of đồng, got ${amount}`);
  const words = doReadNumber(String(amount), config);
  return words.charAt(0).toLocaleUpperCase('vi') + words.slice(1);
}
