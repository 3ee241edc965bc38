import { divisionIds, seedOf } from './org-import';

describe('seeding from the official list', () => {
  it('names each kind of division as people write it, with its committee on the papers', () => {
    expect(seedOf({ name: 'Phường Sài Gòn', code: 26734, codename: 'phuong_sai_gon', division_type: 'phường' }, 'phuong-sai-gon')).toEqual({
      id: 'phuong-sai-gon',
      kind: 'ward',
      name: 'Phường Sài Gòn',
      shortName: 'Sài Gòn',
      code: '26734',
      settings: { issuer: 'ỦY BAN NHÂN DÂN PHƯỜNG SÀI GÒN', issuerAbbreviation: 'UBND' },
    });
    expect(seedOf({ name: 'Xã Cần Giờ', code: 27673, codename: 'xa_can_gio', division_type: 'xã' }, 'x').kind).toBe('commune');
    expect(seedOf({ name: 'Phường  An Nhơn', code: 26887, codename: 'phuong_an_nhon', division_type: 'phường' }, 'x')).toMatchObject({
      name: 'Phường An Nhơn',
      shortName: 'An Nhơn',
      settings: { issuer: 'ỦY BAN NHÂN DÂN PHƯỜNG AN NHƠN' },
    });
    expect(seedOf({ name: 'Đặc khu Côn Đảo', code: 26968, codename: 'dac_khu_con_dao', division_type: 'đặc khu' }, 'x')).toMatchObject({
      kind: 'special-zone',
      shortName: 'Côn Đảo',
    });
    expect(
      seedOf({ name: 'Thành phố Hồ Chí Minh', code: 79, codename: 'ho_chi_minh', division_type: 'thành phố trung ương' }, 'root'),
    ).toMatchObject({
      kind: 'province',
      code: '79',
      settings: { issuer: 'ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH' },
    });
    expect(() => seedOf({ name: 'Huyện X', code: 1, codename: 'huyen_x', division_type: 'huyện' }, 'x')).toThrow(
      /Unknown division type "huyện"/,
    );
  });

  it('makes ids of the code names, unique within the province', () => {
    const d = (codename: string, code: number) => ({ name: codename, code, codename, division_type: 'xã' });
    expect(divisionIds([d('xa_an_phu', 1), d('xa_binh_my', 2), d('xa_an_phu', 3)])).toEqual(['xa-an-phu-1', 'xa-binh-my', 'xa-an-phu-3']);
  });
});
