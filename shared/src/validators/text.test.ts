import { cleanText, textSchema } from './text';

describe('cleanText', () => {
  it.each([
    ['NUL and other C0 controls', '张\u0000三\u0007', '张三'],
    ['C1 controls', '李\u0085四\u009b', '李四'],
    ['DEL', '王\u007f五', '王五'],
    ['a right-to-left override, which shows text reversed', '\u202e三张', '三张'],
    ['bidi isolates and marks', '\u2066赵\u2069六\u200f\u061c', '赵六'],
    ['zero-width characters and the byte-order mark', '\ufeff钱\u200b七\u200d', '钱七'],
    ['Kangxi radicals, normalised to the ideographs they look like', '\u2f08\u2f1f', '人土'],
    ['full-width letters and digits', 'ＡＢ１２', 'AB12'],
    ['carriage returns, as line feeds', '第一行\r\n第二行\r第三行', '第一行\n第二行\n第三行'],
  ])('removes or normalises %s', (_what, input, expected) => {
    expect(cleanText(input)).toBe(expected);
  });

  it('keeps ordinary text, tabs and line feeds as they are', () => {
    expect(cleanText('春江新城\t摊位 A-12\n周一至周五')).toBe('春江新城\t摊位 A-12\n周一至周五');
  });

  it('keeps Chinese full-width punctuation, which NFKC would turn into ASCII', () => {
    const text = '经营童装，主要面向社区居民。问：何时开业？答（暂定）：五月；“好”！';
    expect(cleanText(text)).toBe(text);
  });

  it('cleans before the schema’s own checks run', () => {
    const schema = textSchema().trim().min(2);
    expect(schema.parse(' \u202e⼈力\u200b ')).toBe('人力');
    expect(schema.safeParse('\u0000\u200b张').success).toBe(false);
  });
});
