/**
 * The user guide (docs/guide, Vietnamese, one chapter per role) as HTML pages beside the console, so that the
 * console's "Hướng dẫn" link opens the guide of the release it belongs to. The screenshots in docs/guide/images
 * are taken by the browser tests themselves (`guideShot`), so the pictures match the release.
 */
import MarkdownIt from 'markdown-it';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { REPO_ROOT } from './tools';

export const GUIDE_SOURCE = join(REPO_ROOT, 'docs/guide');
export const GUIDE_IMAGES = join(GUIDE_SOURCE, 'images');

const STYLE = `body{font:16px/1.6 system-ui,"Segoe UI",Roboto,sans-serif;color:#1f2328;max-width:52rem;margin:0 auto;padding:1rem 1.2rem 4rem}
header{display:flex;gap:1rem;flex-wrap:wrap;align-items:baseline;border-bottom:1px solid #d0d7de;margin-bottom:1rem;padding-bottom:.5rem}
header a{color:#9b1c1c}img{max-width:100%;height:auto;border:1px solid #d0d7de;border-radius:6px;margin:.4rem 0}
code{background:#f6f8fa;padding:0 .25rem;border-radius:4px}table{border-collapse:collapse}td,th{border:1px solid #d0d7de;padding:.3rem .5rem}`;

/** The chapters in reading order: file name (without .md) and title are taken from the files themselves. */
function chapters(): Array<{ slug: string; title: string; markdown: string }> {
  return readdirSync(GUIDE_SOURCE)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => {
      const markdown = readFileSync(join(GUIDE_SOURCE, f), 'utf8');
      const title = /^#\s+(.+)$/m.exec(markdown)?.[1] ?? f;
      // "1-quan-tri.md" is served as /huong-dan/quan-tri; the number only orders the chapters.
      return { slug: basename(f, '.md').replace(/^\d+-/, ''), title, markdown };
    });
}

/** Writes the guide's pages (index.html and one page per chapter) and its images into `outDir`. */
export function buildGuide(outDir: string): void {
  if (!existsSync(GUIDE_SOURCE)) return;
  mkdirSync(outDir, { recursive: true });
  const md = new MarkdownIt({ html: false, linkify: true, typographer: false });
  const all = chapters();
  const nav = all.map((c) => `<a href="/huong-dan/${c.slug}">${md.utils.escapeHtml(c.title)}</a>`).join('');
  const page = (title: string, body: string): string =>
    `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${md.utils.escapeHtml(title)} – Hướng dẫn sử dụng</title><link rel="stylesheet" href="/huong-dan/guide.css"></head>` +
    `<body><header><strong>Hướng dẫn sử dụng</strong>${nav}</header><main>${body}</main></body></html>`;
  for (const c of all) {
    // Links between chapters are written as files ("2-dieu-phoi.md") in the repository and served without them.
    const body = md.render(c.markdown).replace(/href="(?:\.\/)?\d+-([a-z-]+)\.md(#[^"]*)?"/g, 'href="/huong-dan/$1$2"');
    writeFileSync(join(outDir, `${c.slug}.html`), page(c.title, body.replace(/src="images\//g, 'src="/huong-dan/images/')));
  }
  const index = `<h1>Hướng dẫn sử dụng</h1><p>Mỗi chương dành cho một vai trò:</p><ul>${all
    .map((c) => `<li><a href="/huong-dan/${c.slug}">${md.utils.escapeHtml(c.title)}</a></li>`)
    .join('')}</ul>`;
  writeFileSync(join(outDir, 'index.html'), page('Mục lục', index));
  writeFileSync(join(outDir, 'guide.css'), STYLE);
  if (existsSync(GUIDE_IMAGES)) cpSync(GUIDE_IMAGES, join(outDir, 'images'), { recursive: true });
}
