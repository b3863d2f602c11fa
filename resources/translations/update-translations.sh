#!/usr/bin/env bash
# Refreshes resources/translations/embedlab_zh_CN.ts from the sources under ui/, keeping every
# existing translation. Run it after adding or changing tr() strings, then translate the entries
# marked unfinished (Qt Linguist: linguist embedlab_zh_CN.ts).
#
# Why not plain lupdate: Qt 6.4's lupdate does not understand `namespace embedlab::ui {`, so it
# files a class's strings under "DataPage" while tr() looks them up under "embedlab::ui::DataPage".
# This script qualifies the contexts after lupdate and carries the translations over.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
ts="$here/embedlab_zh_CN.ts"
lupdate="${LUPDATE:-/usr/lib/qt6/bin/lupdate}"
tmpdir="$(mktemp -d)"
trap 'rm -rf "$tmpdir"' EXIT
tmp="$tmpdir/fresh.ts"
# The warnings about unknown namespaces are the problem this script repairs: hide them.
"$lupdate" -silent -no-obsolete -locations none "$root/ui" -ts "$tmp" -target-language zh_CN 2>&1 |
  grep -v -e "Qualifying with unknown namespace" -e "undeclared qualified class" -e "lacks Q_OBJECT macro" >&2 || true
python3 - "$tmp" "$ts" <<'PY'
import sys, xml.etree.ElementTree as ET
fresh_path, ts_path = sys.argv[1], sys.argv[2]

def qualify(name):
    if name == "embedlab::ui":          # static tr() helpers inside TrainingChart.cpp
        return "embedlab::ui::TrainingChart"
    if "::" in name or name == "QObject":
        return name
    return "embedlab::ui::" + name

def key(m):
    return (m.findtext("source"), m.findtext("comment") or "")

old = {}
try:
    for ctx in ET.parse(ts_path).getroot().findall("context"):
        for m in ctx.findall("message"):
            old[(ctx.findtext("name"),) + key(m)] = m.find("translation")
except FileNotFoundError:
    pass

fresh = ET.parse(fresh_path)
root = fresh.getroot()
merged = {}
for ctx in list(root.findall("context")):
    name = qualify(ctx.findtext("name"))
    ctx.find("name").text = name
    if name in merged:                   # two lupdate contexts that are one at run time
        for m in ctx.findall("message"):
            if key(m) not in {key(x) for x in merged[name].findall("message")}:
                merged[name].append(m)
        root.remove(ctx)
    else:
        merged[name] = ctx
missing = 0
for name, ctx in merged.items():
    for m in ctx.findall("message"):
        t = old.get((name,) + key(m))
        if t is not None and (t.text or len(t)) and t.get("type") != "unfinished":
            m.remove(m.find("translation"))
            m.append(t)
        else:
            missing += 1
ET.indent(fresh, space="    ")
fresh.write(ts_path, encoding="utf-8", xml_declaration=True)
print(f"{ts_path}: {missing} string(s) to translate")
PY
