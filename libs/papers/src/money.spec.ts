import fc from 'fast-check';
import { figures, inWords, multipleText, rewardAmount, ROUNDING } from './money';

describe('award money', () => {
  it('is the multiple of the base salary, rounded up to the ten thousand đồng', () => {
    expect(rewardAmount(1, 2_340_000)).toBe(2_340_000);
    expect(rewardAmount(0.3, 2_340_000)).toBe(710_000); // 702.000 rounded up
    expect(rewardAmount(1.5, 2_340_000)).toBe(3_510_000);
    expect(rewardAmount(8, 2_340_000)).toBe(18_720_000);
    expect(rewardAmount(0.3, 1_490_000)).toBe(450_000); // 447.000: the decree's own example of rounding up
  });

  it('never rounds down, never by a whole step, for any multiple and base', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 1, max: 10_000_000 }), (hundredths, base) => {
        const amount = rewardAmount(hundredths / 100, base);
        const exact = (hundredths * base) / 100;
        return amount % ROUNDING === 0 && amount >= exact && amount - exact < ROUNDING;
      }),
    );
  });

  it('is written in figures and in words as papers write them', () => {
    expect(figures(12_870_000)).toBe('12.870.000');
    expect(figures(710_000)).toBe('710.000');
    expect(inWords(2_340_000)).toBe('Hai triệu ba trăm bốn mươi nghìn đồng');
    expect(inWords(12_870_000)).toBe('Mười hai triệu tám trăm bảy mươi nghìn đồng');
    expect(multipleText(1)).toBe('1,0');
    expect(multipleText(0.3)).toBe('0,3');
    expect(multipleText(1.25)).toBe('1,25');
    expect(() => inWords(-1)).toThrow(RangeError);
  });
});
