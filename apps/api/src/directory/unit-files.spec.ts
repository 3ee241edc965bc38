import { delimiterOf, UnitFileError, unitsOfFile } from './unit-files';

describe('a directory file', () => {
  it('reads a CSV with commas, semicolons (Excel in a Vietnamese locale) or tabs, columns in any order, kinds as labels', async () => {
    expect(delimiterOf('Mã đơn vị;Tên đơn vị;Loại\nx;y;z')).toBe(';');
    expect(delimiterOf('Mã đơn vị\tTên đơn vị\tLoại')).toBe('\t');
    expect(delimiterOf('Mã đơn vị,Tên đơn vị,Loại')).toBe(',');
    const semicolons =
      '\uFEFFTên đơn vị;Loại;Mã đơn vị\r\nKhu phố 1, phường An Lạc;Khu phố, ấp;kp-1\r\nTrường THCS;Đơn vị sự nghiệp;thcs\r\n';
    expect(await unitsOfFile('don-vi.csv', Buffer.from(semicolons))).toEqual([
      { id: 'kp-1', name: 'Khu phố 1, phường An Lạc', kind: 'neighbourhood' },
      { id: 'thcs', name: 'Trường THCS', kind: 'service-unit' },
    ]);
  });

  it('refuses a file without the columns, or with a bad or repeated row, naming each', async () => {
    await expect(unitsOfFile('a.csv', Buffer.from('Tên,Loại\nA,ward'))).rejects.toThrow(/thiếu cột|dòng đầu phải có/);
    const err = await unitsOfFile('a.csv', Buffer.from('Mã đơn vị,Tên đơn vị,Loại\na,A,ward\na,B,ward\nB C,,phường')).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(UnitFileError);
    expect((err as UnitFileError).problems.map((p) => p.field)).toEqual(['rows.3.id', 'rows.4.id', 'rows.4.name', 'rows.4.kind']);
    await expect(unitsOfFile('a.csv', Buffer.from('Mã đơn vị,Tên đơn vị,Loại\n'))).rejects.toThrow(/không có dòng đơn vị/);
    await expect(unitsOfFile('a.xls', Buffer.from('x'))).rejects.toThrow(/chỉ nhận tệp .xlsx/);
    await expect(unitsOfFile('a.xlsx', Buffer.from('not a zip'))).rejects.toThrow(/không đọc được/);
  });
});
