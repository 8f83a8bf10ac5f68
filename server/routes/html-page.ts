/** The few server-rendered pages (home, sign-in errors) share this frame. */
export function htmlPage(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)} · Calendar Assistant</title>
<style>body{font:15px system-ui,sans-serif;max-width:640px;margin:40px auto;padding:0 16px;color:#202124}
a.button,button{display:inline-block;padding:8px 16px;border-radius:6px;border:1px solid #dadce0;background:#fff;color:#1a73e8;text-decoration:none;font:inherit;cursor:pointer}
.primary{background:#1a73e8;color:#fff;border-color:#1a73e8}.demo{background:#fef7e0;border:1px solid #f9ab00;padding:8px 12px;border-radius:6px}
code,pre{background:#f1f3f4;padding:2px 4px;border-radius:4px;word-break:break-all;white-space:pre-wrap}</style></head><body>${body}</body></html>`;
}

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
