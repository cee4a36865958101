"""The report's stylesheet and script, inlined into the page (no network, no CDN).

The script only reads ``data-*`` attributes and toggles ``hidden``; it never
builds HTML from strings, so it cannot turn escaped input back into markup.
The page's Content-Security-Policy allows this exact script by its hash and
nothing else: even a missed escape could not run an injected script or an
``onerror`` handler.
"""

from __future__ import annotations

import base64
import hashlib

CSS = """
:root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#f6f8fa;--card:#fff;--del:#ffebe9;--delfg:#82071e;
--neu:#fff1a8;--ins:#dafbe1;--insfg:#116329;--code:#eef2ff;--codeb:#818cf8;--accent:#0969da}
*{box-sizing:border-box}
body{margin:0;font:14px/1.5 system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans CJK SC",sans-serif;
color:var(--fg);background:var(--bg)}
header{background:#24292f;color:#fff;padding:18px 28px}
header h1{margin:0;font-size:20px}header .sub{color:#c9d1d9;font-size:13px}
main{padding:18px 28px;max-width:1400px}
h2{font-size:16px;margin:26px 0 10px;border-bottom:1px solid var(--line);padding-bottom:4px}
.cards{display:flex;flex-wrap:wrap;gap:10px}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:10px 14px;flex:1 1 110px}
.card .n{font-size:22px;font-weight:600}.card .l{color:var(--muted);font-size:12px}
.ok{color:#1a7f37}.bad{color:#cf222e}
.grid2{display:grid;grid-template-columns:repeat(auto-fit,minmax(520px,1fr));gap:0 22px;align-items:start}
.grid2>*{min-width:0;overflow-x:auto}
table{border-collapse:collapse;margin-bottom:4px;background:var(--card);width:100%;border:1px solid var(--line);border-radius:8px}
th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #eaeef2;font-size:13px;vertical-align:top}
th{background:#f0f3f6;font-weight:600}td.num{text-align:right;font-variant-numeric:tabular-nums}
.barc{width:30%}.bar{height:10px;background:var(--accent);border-radius:3px;opacity:.75}
.hists{display:flex;flex-wrap:wrap;gap:12px}
.hist{background:var(--card);border:1px solid var(--line);border-radius:8px}
.hist .bar{fill:#0969da;opacity:.55}.hist .bar2{fill:#cf222e;opacity:.8}
.hist .axis{stroke:#8c959f}.hist .ht{font-size:10px;fill:#59636e}.hist .hl{font-size:11px;font-weight:600;fill:#1f2328}
.key{font-size:12px;color:var(--muted)}.key i{display:inline-block;width:10px;height:10px;margin:0 4px 0 10px}
.filters{position:sticky;top:0;background:var(--bg);padding:8px 0;z-index:2;display:flex;gap:10px;flex-wrap:wrap;
align-items:center;border-bottom:1px solid var(--line)}
.filters select,.filters input{font:inherit;padding:3px 6px;border:1px solid var(--line);border-radius:6px}
.rec{background:var(--card);border:1px solid var(--line);border-left:5px solid var(--line);border-radius:8px;
margin:12px 0;padding:10px 14px}
.rec.neutralized{border-left-color:#d4a72c}.rec.rejected{border-left-color:#cf222e}
.rec.deadletter{border-left-color:#8250df}.rec.unchanged{border-left-color:#1a7f37}
.rh{display:flex;gap:8px;align-items:baseline;flex-wrap:wrap}
.badge{font-size:11px;font-weight:600;text-transform:uppercase;padding:1px 7px;border-radius:10px;color:#fff}
.badge.neutralized{background:#9a6700}.badge.rejected{background:#cf222e}.badge.deadletter{background:#8250df}
.badge.unchanged{background:#1a7f37}
.rid{font-weight:600;font-family:ui-monospace,monospace}.meta{color:var(--muted);font-size:12px}
.why{color:#cf222e;font-weight:600;font-size:13px}
.turn{margin-top:8px}.th{font-size:12px;color:var(--muted);margin-bottom:2px}.th b{color:var(--fg)}
.sbs{display:grid;grid-template-columns:1fr 1fr;gap:8px}
.col{border:1px solid #eaeef2;border-radius:6px;padding:6px 8px;max-height:420px;overflow:auto}
.col h4{margin:0 0 4px;font-size:11px;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
.txt{white-space:pre-wrap;word-break:break-word;margin:0;font-family:inherit}
.code{font-family:ui-monospace,"SFMono-Regular",Menlo,monospace;font-size:12px;background:var(--code);
border-radius:3px}
del.drop{background:var(--del);color:var(--delfg)}del.neu{background:var(--neu);color:#7d4e00}
ins{background:var(--ins);color:var(--insfg);text-decoration:none}
.tag{font-size:10px;font-family:ui-monospace,monospace;color:var(--delfg);background:#fff;border:1px solid #ffcecb;
border-radius:4px;padding:0 3px;margin:0 2px;vertical-align:super;white-space:nowrap}
.tag.neu{color:#7d4e00;border-color:#eac54f}
.count{color:var(--muted)}
.elided{color:#8250df;font-style:italic;background:#fbefff;border-radius:3px}
"""

JS = """
(function(){
var sel=function(id){return document.getElementById(id);};
var boxes=[].slice.call(document.querySelectorAll('.rec'));
function has(list,v){return !v||(' '+list+' ').indexOf(' '+v+' ')>=0;}
function apply(){
 var a=sel('f-action').value,r=sel('f-reason').value,l=sel('f-lang').value,o=sel('f-role').value,
     q=sel('f-text').value.toLowerCase(),n=0;
 boxes.forEach(function(b){
  var d=b.dataset,show=has(d.action,a)&&has(d.reasons,r)&&has(d.lang,l)&&has(d.roles,o)&&
   (!q||b.textContent.toLowerCase().indexOf(q)>=0);
  b.hidden=!show;if(show){n++;}
 });
 sel('f-count').textContent=n+' of '+boxes.length+' shown';
}
['f-action','f-reason','f-lang','f-role','f-text'].forEach(function(id){
 sel(id).addEventListener('input',apply);});
apply();
})();
"""


def script_hash(js: str = JS) -> str:
    """The CSP source expression that allows exactly this script."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(js.encode("utf-8")).digest()).decode("ascii") + "'"
